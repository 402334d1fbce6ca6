"""utils.progress: the home notebook's table of completed lectures, read from saved notebooks."""

from __future__ import annotations

import shutil

import nbformat

from grader import course, notebooks
from notebook_cases import ASSIGNMENTS, graded_cells
from utils.progress import course_progress, lecture_progress, progress_table


def _check_cells(nb):
    return [c for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade") and not c.metadata.nbgrader.get("solution")]


def _saved(lecture: str, passed: int, failed: int) -> nbformat.NotebookNode:
    """The student copy as saved after `passed` checks ran cleanly and the next `failed` raised."""
    nb = notebooks.read(course.student_path(lecture))
    for i, cell in enumerate(_check_cells(nb)):
        if i < passed:
            cell.execution_count, cell.outputs = i + 1, [nbformat.v4.new_output("stream", name="stdout", text="ok\n")]
        elif i < passed + failed:
            cell.execution_count = i + 1
            cell.outputs = [nbformat.v4.new_output("error", ename="CheckFailed", evalue="no", traceback=[])]
    return nb


def test_progress_counts_checks_that_ran_cleanly(tmp_path):
    first, second, third = ASSIGNMENTS[:3]
    checks = {a: len(graded_cells(notebooks.read(course.master_path(a)))) for a in (first, second)}
    notebooks.write(_saved(first, checks[first], 0), tmp_path / first / f"{first}.ipynb")
    notebooks.write(_saved(second, 1, 1), tmp_path / second / f"{second}.ipynb")
    shutil.copytree(course.student_path(third).parent, tmp_path / third)
    (tmp_path / "not-a-lecture").mkdir()
    rows = course_progress(tmp_path)
    assert [r.lecture for r in rows] == [first, second, third]
    assert rows[0].complete and rows[0].status == "complete" and rows[0].title.startswith(first.split("-")[0])
    assert (rows[1].passed, rows[1].failed, rows[1].complete) == (1, 1, False)
    assert rows[1].status == f"1 of {checks[second]} checks passed"
    assert rows[2].status == "not started" and not rows[2].complete
    table = progress_table(tmp_path).data
    assert "1 of 3 lectures complete" in table and f"{first}/{first}.ipynb" in table


def test_the_released_copies_start_with_nothing_done():
    assert all(r.status == "not started" for r in course_progress(course.NOTEBOOKS))
    assert len(course_progress(course.NOTEBOOKS)) == len(ASSIGNMENTS)
    assert lecture_progress(course.student_path(ASSIGNMENTS[0])).checks > 0
