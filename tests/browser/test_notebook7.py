"""The same notebooks open in Notebook 7: its file tree (/tree) and its notebook page (/notebooks/<path>)."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from grader import course, notebooks
from lab_driver import kernel_idle_js

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lecture", course.assignments())
def test_notebooks_open_in_notebook7(page, jupyter, lecture: str, timings, screenshots_dir) -> None:
    server = jupyter
    page.goto(server.url(f"tree/student/{lecture}"), wait_until="domcontentloaded")
    page.locator(".jp-DirListing-item", has_text=f"{lecture}.ipynb").wait_for()

    start = time.perf_counter()
    for kind, path in (("student", course.student_path(lecture)), ("master", course.master_path(lecture))):
        page.goto(server.url(f"notebooks/{kind}/{lecture}/{lecture}.ipynb"), wait_until="domcontentloaded")
        page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for()
        if kind == "student":
            page.wait_for_function(kernel_idle_js, timeout=90_000)
        title = page.locator(".jp-Notebook .jp-RenderedMarkdown h1").first.inner_text()
        assert title.startswith(lecture.split("-")[0]), f"{kind} {lecture}: first heading {title!r}"
        assert page.locator(".jp-Notebook .jp-Cell").count() == len(notebooks.read(path).cells)
        # The toolbar fills in after the cells: wait for the button rather than read it once.
        expect(page.locator(".jp-NotebookPanel-toolbar"), f"{kind} {lecture}: no nbgrader Validate button "
               "in Notebook 7's toolbar").to_contain_text("Validate", timeout=30_000)
        (screenshots_dir / lecture).mkdir(parents=True, exist_ok=True)
        page.wait_for_timeout(300)  # let MathJax typeset what is in view
        page.screenshot(path=str(screenshots_dir / lecture / f"notebook7-{kind}.png"))
    timings[(lecture, "notebook 7 open")] = time.perf_counter() - start
    # Not asserted: Notebook 7 with nbgrader's extension logs its own errors on every page ("Command
    # 'filebrowser:open-path' not registered", "reading 'schema'"), whatever the notebook.
