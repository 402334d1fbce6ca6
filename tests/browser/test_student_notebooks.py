"""Every student copy opens in JupyterLab, reads well, and Run All stops at the first check with a friendly message."""

from __future__ import annotations

import re

import pytest

import lab_widgets as widgets
from grader import course, notebooks
from lab_driver import WIDGET_MIME, Lab

pytestmark = pytest.mark.browser

FRIENDLY = "not implemented yet"
MAX_MESSAGE_LINES = 12  # the check's short report, not a traceback
# Marks of IPython's full traceback: its header, the frame arrows, a bare exception line.
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|^-*> ?\d+|^\w*(Error|Exception)\b.*:", re.M)


@pytest.mark.parametrize("lecture", course.assignments())
def test_student_copy_in_jupyterlab(lab: Lab, lecture: str, timings, screenshots_dir) -> None:
    lab.open(f"student/{lecture}/{lecture}.ipynb")
    problems: list[str] = []

    # Explanations render: every markdown cell as formatted text, the title as a heading, formulas by MathJax.
    markdown = lab.notebook.locator(".jp-MarkdownCell")
    rendered = lab.notebook.locator(".jp-MarkdownCell.jp-mod-rendered .jp-RenderedMarkdown")
    if rendered.count() != markdown.count() or markdown.count() == 0:
        problems.append(f"{rendered.count()} of {markdown.count()} markdown cells are rendered")
    if not lab.notebook.locator(".jp-RenderedMarkdown h1").first.inner_text().startswith(lecture.split("-")[0]):
        problems.append("the first heading is not the lecture's title")

    timings[(lecture, "student run-all")] = lab.clear_and_run_all()
    lab.wait_for_widgets()
    cells = lab.cells()
    master = notebooks.read(course.master_path(lecture)).cells
    assert len(cells) == len(master), "the student copy and its master have different numbers of cells"
    if any("$" in c.source for c in cells if c.cell_type == "markdown"):
        lab.page.wait_for_selector(".jp-RenderedMarkdown mjx-container", timeout=30_000)

    # Run All stops at the first failing cell, which must be the first check cell, with the check's short message.
    failing = [c for c in cells if c.errors]
    first_check = next((c for c in cells if c.is_check), None)
    assert first_check is not None, f"{lecture} has no check cell"
    assert failing, f"Run All ran the blank copy of {lecture} to the end without stopping"
    stop = failing[0]
    if stop.index != first_check.index:
        error = stop.errors[0]
        problems.append(
            f"Run All stopped at {stop.describe()} with {error['ename']}"
            f"{': ' + error['evalue'] if error['evalue'] else ''}"
            f", not at the first check, "
            f"{first_check.describe()}: a demo cell that calls the exercise comes before its check cell "
            f"(the convention is answer cell, check cell, then demo)")
    else:
        output = lab.cell(stop.index).locator(".jp-OutputArea-output").last
        text = output.inner_text().strip()
        if FRIENDLY not in text:
            problems.append(f"{stop.describe()} shows no {FRIENDLY!r} message: {text[:300]!r}")
        if TRACEBACK.search(text) or len(text.splitlines()) > MAX_MESSAGE_LINES:
            problems.append(f"{stop.describe()} shows a wall of traceback ({len(text.splitlines())} lines): "
                            f"{text[:300]!r}")
    ran_after = [c.describe() for c in cells[stop.index + 1:] if c.cell_type == "code" and c.execution_count]
    if ran_after:
        problems.append(f"cells after the failure ran: {ran_after[:3]}")

    # What ran before the stop shows what the master shows there: static figures and widgets.
    steps: list = []
    for cell, saved in zip(cells[:stop.index], master[:stop.index], strict=False):
        if saved.cell_type != "code":
            continue
        if any("image/png" in o.get("data", {}) for o in saved.outputs):
            images = lab.cell(cell.index).locator(".jp-OutputArea-output img")
            if not images.evaluate_all("(imgs) => imgs.filter((i) => i.complete && i.naturalWidth > 0).length"):
                problems.append(f"{cell.describe()} shows no figure")
        if any(WIDGET_MIME in o.get("data", {}) for o in saved.outputs):
            views = lab.widget_views(cell.index)
            problem = widgets.render_problem(views.first) if views.count() else "is not rendered"
            if problem:
                problems.append(f"{cell.describe()}: widget {problem}")
            else:
                steps.append((cell, widgets.keyboard_step(views.first)))

    # Each widget answers a keyboard step on its slider (the slowest widget's median step goes in the timings table).
    for cell, seconds in steps:
        if seconds is None and lab.widget_views(cell.index).first.locator(".widget-slider").count():
            problems.append(f"{cell.describe()}: its widget did not redraw after a keyboard step on its slider")
    answered = [seconds for _, seconds in steps if seconds is not None]
    if answered:
        key = (lecture, "widget step (slowest)")
        timings[key] = max(answered + [timings.get(key, 0.0)])

    lab.screenshots(screenshots_dir / lecture, "student")
    if lab.page_errors:
        problems.append(f"JavaScript errors in the page: {lab.page_errors[:3]}")
    assert not problems, f"{lecture} (student copy) in JupyterLab:\n  " + "\n  ".join(problems)
