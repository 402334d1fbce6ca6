"""nbgrader's Validate button in JupyterLab: success on a completed student copy, the failing tests on a blank one."""

from __future__ import annotations

import time

import pytest

from grader import course, notebooks
from lab_driver import Lab
from utils.checks.core import SHORT_LINE

pytestmark = pytest.mark.browser

FRIENDLY = "not implemented yet"


def validate(lab: Lab, path: str) -> tuple[str, str, float]:
    """Open `path`, click Validate in the notebook toolbar; the result dialog's title and text, and the time taken."""
    lab.open(path, wait_for_kernel=False)  # validation runs on the server, in a kernel of its own
    button = lab.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Toolbar .validate-button")
    button.wait_for()
    start = time.perf_counter()
    button.locator("jp-button, button").first.click()
    dialog = lab.page.locator(".jp-Dialog").first
    dialog.wait_for(timeout=300_000)
    seconds = time.perf_counter() - start
    title = dialog.locator(".jp-Dialog-header").inner_text().strip()
    return title, dialog.locator(".jp-Dialog-body").inner_text(), seconds


def check_cells(lecture: str) -> list:
    nb = notebooks.read(course.student_path(lecture))
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")
            and not c.metadata.nbgrader.get("solution")]


@pytest.mark.parametrize("lecture", course.assignments())
def test_validate_reports_success_on_a_completed_copy(lab: Lab, lecture: str, timings, screenshots_dir) -> None:
    title, body, seconds = validate(lab, f"complete/{lecture}/{lecture}.ipynb")
    timings[(lecture, "validate complete")] = seconds
    (screenshots_dir / lecture).mkdir(parents=True, exist_ok=True)
    lab.page.screenshot(path=str(screenshots_dir / lecture / "validate-complete.png"))
    assert title == "Validation Results", f"{lecture}: Validate showed {title!r}: {body[:1000]}"
    assert lab.page.locator(".jp-Dialog .validation-success").count() == 1, body[:2000]
    assert "Success! Your notebook passes all the tests." in body


@pytest.mark.parametrize("lecture", course.assignments())
def test_validate_reports_the_failing_tests_on_a_blank_copy(lab: Lab, lecture: str, timings, screenshots_dir) -> None:
    title, body, seconds = validate(lab, f"blank/{lecture}/{lecture}.ipynb")
    timings[(lecture, "validate blank")] = seconds
    (screenshots_dir / lecture).mkdir(parents=True, exist_ok=True)
    lab.page.screenshot(path=str(screenshots_dir / lecture / "validate-blank.png"))
    assert title == "Validation Results", f"{lecture}: Validate showed {title!r}: {body[:1000]}"
    assert lab.page.locator(".jp-Dialog .validation-failed").count() == 1, body[:2000]
    # One entry per check cell: the cell's source (it opens with its docstring) and its error.
    checks = check_cells(lecture)
    assert body.count("The following cell failed:") == len(checks), body[:3000]
    for cell in checks:
        docstring = cell.source.strip().splitlines()[0]
        assert docstring in body, f"{lecture}: the failing check {cell.metadata.nbgrader['grade_id']} is not listed"
    # Each failure shows two blocks: the cell's source, then its error.
    blocks = lab.page.locator(".jp-Dialog .validation-failed .jp-RenderedText pre").all_inner_texts()
    assert len(blocks) == 2 * len(checks), blocks
    unfriendly = [f"{cell.metadata.nbgrader['grade_id']}: {error.strip()[:200]!r}"
                  for cell, error in zip(checks, blocks[1::2], strict=True) if FRIENDLY not in error]
    assert not unfriendly, (f"{lecture}: on a blank copy these checks fail without the {FRIENDLY!r} message: "
                            f"{unfriendly}")
    # One short line per failing check (the red box in the notebook has the rest).
    long = [error.strip() for error in blocks[1::2] if "\n" in error.strip() or len(error.strip()) > SHORT_LINE]
    assert not long, f"{lecture}: these errors are not one short line: {long}"
