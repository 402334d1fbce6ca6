"""Every master notebook runs cleanly in JupyterLab, and its widgets render and respond."""

from __future__ import annotations

import statistics

import pytest

import lab_widgets as widgets
from grader import course, notebooks
from lab_driver import WIDGET_MIME, Lab

pytestmark = pytest.mark.browser

IMAGE = "image/png"


@pytest.mark.parametrize("lecture", course.assignments())
def test_master_runs_in_jupyterlab(lab: Lab, lecture: str, timings, screenshots_dir) -> None:
    lab.open(f"master/{lecture}/{lecture}.ipynb")
    first_run = lab.clear_and_run_all()
    lab.wait_for_widgets()
    cells = lab.cells()
    committed = notebooks.read(course.master_path(lecture)).cells
    assert len(cells) == len(committed), "the browser shows a different number of cells than the file holds"
    problems: list[str] = []

    # Everything ran, without errors or warnings.
    for cell in cells:
        if cell.cell_type != "code":
            continue
        if cell.execution_count is None:
            problems.append(f"{cell.describe()} did not run")
        for error in cell.errors:
            problems.append(f"{cell.describe()} raised {error['ename']}: {error['evalue']}")
        for stream in cell.stderr:
            problems.append(f"{cell.describe()} wrote to stderr: {stream['text'].strip()[:300]!r}")
    rendered_errors = lab.notebook.locator(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count()
    if rendered_errors:
        problems.append(f"{rendered_errors} error/stderr output(s) rendered in the notebook")
    for text in ("Error displaying widget", "Error rendering output", "Javascript Error"):
        if lab.notebook.get_by_text(text).count():
            problems.append(f"the notebook shows {text!r}")

    # Every figure the committed master shows is drawn in the browser too.
    for cell, saved in zip(cells, committed, strict=False):
        if saved.cell_type == "code" and any(IMAGE in o.get("data", {}) for o in saved.outputs):
            images = lab.cell(cell.index).locator(".jp-OutputArea-output img")
            loaded = images.evaluate_all("(imgs) => imgs.filter((i) => i.complete && i.naturalWidth > 0).length")
            if not loaded:
                problems.append(f"{cell.describe()} shows no figure in the browser")

    # Every widget renders, and moving its main control changes what it shows.
    widget_cells = [c for c in cells if c.has_mime(WIDGET_MIME)]
    expected_widgets = sum(1 for s in committed if s.cell_type == "code"
                           and any(WIDGET_MIME in o.get("data", {}) for o in s.outputs))
    if len(widget_cells) != expected_widgets:
        problems.append(f"{len(widget_cells)} cells display a widget in the browser, {expected_widgets} in the file")
    steps: list[float | None] = []
    for cell in widget_cells:
        views = lab.widget_views(cell.index)
        if views.count() == 0:
            problems.append(f"{cell.describe()}: its widget output is not rendered")
        for k in range(views.count()):
            view = views.nth(k)
            view.scroll_into_view_if_needed()
            problem = widgets.render_problem(view)
            if problem:
                problems.append(f"{cell.describe()}: widget {problem}")
                continue
            before = widgets.shown(view)
            moved = widgets.move_main_control(view)
            print(f"{lecture} {cell.describe()}: moved the {moved}")
            if widgets.wait_for_change(view, before) is None:
                problems.append(f"{cell.describe()}: moving the {moved} did not change the plot or the readout")
            steps.append(widgets.keyboard_step(view))

    # The slowest widget's keyboard step, the median of three (the student copies measure only the widgets before
    # their first stub).
    answered = [seconds for seconds in steps if seconds is not None]
    if answered:
        key = (lecture, "widget step (slowest)")
        timings[key] = max(answered + [timings.get(key, 0.0)])

    lab.screenshots(screenshots_dir / lecture, "master")
    # Run All varies by about a second from run to run on two cores (the kernel and the browser's layout compete):
    # the table shows the median of three runs, each in a fresh kernel.
    runs = [first_run] + [lab.restart_and_run_all() for _ in range(2)]
    timings[(lecture, "master run-all, median of 3")] = statistics.median(runs)
    print(f"{lecture} master Run All, three fresh kernels: " + ", ".join(f"{seconds:.2f} s" for seconds in runs))
    if lab.page_errors:
        problems.append(f"JavaScript errors in the page: {lab.page_errors[:3]}")
    assert not problems, f"{lecture} (master) in JupyterLab:\n  " + "\n  ".join(problems)
