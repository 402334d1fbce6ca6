"""What the tests share about the course's notebooks: the assignments, their cells, their mutants.

A plain module (not conftest.py) so that test files can import it by a name no other conftest shadows.
"""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import nbformat

from grader import course, notebooks

ASSIGNMENTS = course.assignments()
MUTANTS_DIR = Path(__file__).parent / "mutants"
VARIANTS_DIR = Path(__file__).parent / "variants"
VISIBLE_CHECK_ERRORS = ("CheckFailed", "NotImplementedYet")


def answer_cells(nb: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
    """Autograded-answer cells by grade_id."""
    return {
        cell.metadata.nbgrader["grade_id"]: cell
        for cell in nb.cells
        if cell.metadata.get("nbgrader", {}).get("solution") and not cell.metadata.nbgrader.get("grade")
    }


def graded_cells(nb: nbformat.NotebookNode) -> dict[str, float]:
    """Autograder-tests cells by grade_id, with their points."""
    return {
        cell.metadata.nbgrader["grade_id"]: float(cell.metadata.nbgrader["points"])
        for cell in nb.cells
        if cell.metadata.get("nbgrader", {}).get("grade") and not cell.metadata.nbgrader.get("solution")
    }


def owned_tests(function: str, functions: list[str], test_ids: list[str]) -> list[str]:
    """The test grade_ids that belong to `function` (`test_f` or `test_f_*`, longest function name wins)."""

    def owner(test_id: str) -> str | None:
        matches = [f for f in functions if test_id == f"test_{f}" or test_id.startswith(f"test_{f}_")]
        return max(matches, key=len) if matches else None

    return [t for t in test_ids if owner(t) == function]


def completed_copy(assignment_id: str) -> nbformat.NotebookNode:
    """The student copy with every answer cell filled in from the master: a perfect submission."""
    student = notebooks.read(course.student_path(assignment_id))
    solutions = answer_cells(notebooks.read(course.master_path(assignment_id)))
    for grade_id, cell in answer_cells(student).items():
        cell.source = solutions[grade_id].source
    return student


def with_answer(nb: nbformat.NotebookNode, grade_id: str, source: str) -> nbformat.NotebookNode:
    """A copy of `nb` whose answer cell `grade_id` holds `source`."""
    nb = nbformat.from_dict(nb)
    answer_cells(nb)[grade_id].source = source
    return nb


def load_mutants(assignment_id: str) -> dict[str, dict[str, str]]:
    """`MUTANTS` of tests/mutants/<id>.py: function -> {mutant name: answer cell source}."""
    path = MUTANTS_DIR / f"{assignment_id}.py"
    return runpy.run_path(str(path))["MUTANTS"] if path.exists() else {}


def load_hidden_only(assignment_id: str) -> dict[str, set[str]]:
    """`HIDDEN_ONLY` of tests/mutants/<id>.py: function -> mutants that only hidden tests are meant to catch.

    Only deliberate cheats belong there (answers hard-coded for the visible check's own cases); a plausible
    learner's mistake must be named by the visible check.
    """
    path = MUTANTS_DIR / f"{assignment_id}.py"
    return runpy.run_path(str(path)).get("HIDDEN_ONLY", {}) if path.exists() else {}


def load_variants(assignment_id: str) -> dict[str, dict[str, str]]:
    """`VARIANTS` of tests/variants/<id>.py: function -> {variant name: a correct answer cell written differently}."""
    path = VARIANTS_DIR / f"{assignment_id}.py"
    return runpy.run_path(str(path))["VARIANTS"] if path.exists() else {}


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_CELL_LINE = re.compile(r"Cell In\[\d+\], line (\d+)")


def failure_part(cell: nbformat.NotebookNode) -> str | None:
    """Where an autograded test cell failed: None (it passed), "visible" (the visible check) or "hidden".

    A visible check fails with `CheckFailed`; any other error is placed by the line of the cell it was raised on,
    before or after `### BEGIN HIDDEN TESTS`.
    """
    errors = [o for o in cell.outputs if o.output_type == "error"]
    if not errors:
        return None
    error = errors[0]
    if error.ename in VISIBLE_CHECK_ERRORS:
        return "visible"
    hidden_from = next((i for i, line in enumerate(cell.source.splitlines(), 1) if line.strip() == "### BEGIN HIDDEN TESTS"),
                       None)
    lines = [int(m.group(1)) for frame in error.traceback for m in _CELL_LINE.finditer(_ANSI.sub("", frame))]
    if hidden_from is None or not lines:
        raise ValueError(f"cannot tell where {cell.metadata.nbgrader.grade_id} failed: {error.ename} {error.traceback}")
    return "visible" if lines[0] < hidden_from else "hidden"


def cell_by_id(nb: nbformat.NotebookNode, grade_id: str) -> nbformat.NotebookNode:
    """The cell of `nb` with nbgrader grade_id `grade_id`."""
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
