"""The student's JupyterLab (`make lab`, config in lab/student): nothing over the notebook, no instructor tools."""

from __future__ import annotations

import pytest

from grader import course, notebooks
from lab_driver import Lab

pytestmark = pytest.mark.browser

LECTURE = course.assignments()[0]


def test_student_lab_has_no_news_prompt_and_no_instructor_tools(lab: Lab, screenshots_dir) -> None:
    lab.page.goto("about:blank")  # a fresh JupyterLab, as a student's first visit
    lab.open(f"student/{LECTURE}/{LECTURE}.ipynb")
    lab.page.wait_for_timeout(3000)  # JupyterLab asks about news a moment after it starts
    toasts = lab.page.locator(".Toastify__toast").all_inner_texts()
    assert not [t for t in toasts if "news" in t.lower()], f"a news prompt covers the notebook: {toasts}"
    menus = lab.page.locator("#jp-menu-panel .lm-MenuBar-itemLabel").all_inner_texts()
    assert menus and "Nbgrader" not in menus and "Formgrader" not in menus, menus
    tabs = lab.page.locator(".jp-SideBar .lm-TabBar-tab").evaluate_all(
        "tabs => tabs.map(t => t.getAttribute('title') || t.innerText)")
    assert not [t for t in tabs if "assignment" in (t or "").lower() or "course" in (t or "").lower()], tabs
    assert lab.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Toolbar .validate-button").count() == 1
    commands = lab.page.evaluate("() => window.jupyterapp.commands.listCommands()")
    instructor = [c for c in commands if c in ("nbgrader:open-formgrader", "nbgrader:open-create-assignment",
                                               "nbgrader:open-course-list", "nbgrader:open-assignment-list")]
    assert not instructor, f"instructor commands in the student's lab: {instructor}"
    (screenshots_dir / LECTURE).mkdir(parents=True, exist_ok=True)
    lab.page.screenshot(path=str(screenshots_dir / LECTURE / "student-lab.png"))


@pytest.mark.parametrize("lecture", course.assignments())
def test_released_copy_opens_without_unsaved_changes(lab: Lab, lecture: str) -> None:
    """A student who opens a notebook and closes it untouched is not asked to save."""
    lab.open(f"student/{lecture}/{lecture}.ipynb")
    lab.page.wait_for_timeout(500)
    dirty = lab.page.evaluate("() => window.jupyterapp.shell.currentWidget.context.model.dirty")
    assert not dirty, f"{lecture}: the released copy shows unsaved changes as soon as it opens"


def test_home_page_lists_the_lectures_and_the_students_progress(lab: Lab, jupyter) -> None:
    """start-here.ipynb, beside the lecture folders as `make lab` serves it: its progress cell reads the saved
    notebooks (none done yet) and links every lecture."""
    import json

    home = json.loads(json.dumps(notebooks.read(course.NOTEBOOKS / "start-here.ipynb")))
    jupyter.api("PUT", "contents/student/start-here.ipynb", {"type": "notebook", "format": "json", "content": home})
    lab.open("student/start-here.ipynb")
    lab.clear_and_run_all()
    table = lab.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output table")
    table.wait_for()
    text = lab.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output").last.inner_text()
    assert f"0 of {len(course.assignments())} lectures complete" in text, text
    assert table.locator("a").count() == len(course.assignments())
