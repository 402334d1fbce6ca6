"""One assignment as the grader knows it: the master notebook and the student copy released from it.

Its answer cells (`grade_id` = the function's name, `solution` and not `grade`), its test cells (`grade`), each test
cell's visible check and hidden tests, the hidden-test lines the release must never show (`secret_lines`), and a
completed copy (the release with the master's answers: a perfect submission). The hidden-test delimiters are
nbgrader's own (`ClearHiddenTests.begin_test_delimeter` / `end_test_delimeter`, as configured), matched as nbgrader
matches them: a line that contains one.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import nbformat
from nbformat import NotebookNode

from . import course, notebooks

SECRET_MIN_CHARS = 8  # shorter hidden-test lines (`)`, `else:`) say nothing about the tests


@functools.lru_cache(maxsize=1)
def hidden_delimiters() -> tuple[str, str]:
    """(begin, end) of a hidden-test region, from nbgrader's configuration of ClearHiddenTests."""
    from nbgrader.preprocessors import ClearHiddenTests

    clear = ClearHiddenTests()
    return clear.begin_test_delimeter, clear.end_test_delimeter


def nbgrader_cells(nb: NotebookNode) -> list[tuple[int, str, dict]]:
    """(index, grade_id, nbgrader metadata) of every cell of `nb` that nbgrader knows by an id."""
    return [(i, c.metadata["nbgrader"].get("grade_id"), c.metadata["nbgrader"]) for i, c in enumerate(nb.cells)
            if isinstance(c.metadata.get("nbgrader"), dict) and c.metadata["nbgrader"].get("grade_id")]


def answer_cells(nb: NotebookNode) -> dict[str, NotebookNode]:
    """Answer cells by grade_id."""
    return {gid: nb.cells[i] for i, gid, meta in nbgrader_cells(nb) if meta.get("solution") and not meta.get("grade")}


def test_cells(nb: NotebookNode) -> dict[str, NotebookNode]:
    """Test cells (nbgrader's "autograder tests") by grade_id."""
    return {gid: nb.cells[i] for i, gid, meta in nbgrader_cells(nb) if meta.get("grade") and not meta.get("solution")}


def has_hidden_tests(source: str) -> bool:
    begin, _ = hidden_delimiters()
    return any(begin in line for line in source.splitlines())


def visible_part(source: str) -> str:
    """A test cell's source up to its hidden tests (all of it if it has none)."""
    begin, _ = hidden_delimiters()
    lines = source.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if begin in line]
    return "".join(lines[: starts[0]]) if starts else source


def split_hidden(source: str) -> tuple[str, str] | None:
    """A test cell's (visible, hidden) code when it has one hidden region, at the top level, and both parts compile
    on their own; else None."""
    begin, _ = hidden_delimiters()
    lines = source.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if begin in line]
    if len(starts) != 1 or lines[starts[0]].startswith((" ", "\t")):
        return None
    visible, hidden = "".join(lines[: starts[0]]), "".join(lines[starts[0]:])
    try:
        compile(visible, "<visible>", "exec")
        compile(hidden, "<hidden>", "exec")
    except (SyntaxError, ValueError):
        return None
    # `pass` last: the visible part must not display a value (nbgrader would read it as a partial score)
    return visible.rstrip() + "\npass\n", hidden


def hidden_lines(source: str) -> list[str]:
    """The lines of `source` inside hidden-test regions, the delimiter lines included (stripped)."""
    begin, end = hidden_delimiters()
    found, inside = [], False
    for line in source.splitlines():
        if begin in line:
            inside = True
        if inside:
            found.append(line.strip())
        if end in line:
            inside = False
    return found


def secret_lines(nb: NotebookNode, public: NotebookNode | None = None) -> set[str]:
    """The lines of `nb`'s hidden-test regions (the delimiters, and lines of 8+ characters `public` does not show)."""
    shown = {line.strip() for cell in (public.cells if public else []) for line in cell.source.splitlines()}
    begin, end = hidden_delimiters()
    return {line for cell in nb.cells for line in hidden_lines(cell.source)
            if begin in line or end in line or (len(line) >= SECRET_MIN_CHARS and line not in shown)}


@dataclass(frozen=True)
class Assignment:
    """A master notebook and its release."""

    id: str
    master: NotebookNode
    release: NotebookNode

    @classmethod
    def load(cls, assignment_id: str) -> Assignment:
        """The committed master and student copy of `assignment_id`."""
        return cls(assignment_id, notebooks.read(course.master_path(assignment_id)),
                   notebooks.read(course.student_path(assignment_id)))

    def answer_cells(self) -> dict[str, NotebookNode]:
        return answer_cells(self.master)

    def test_cells(self) -> dict[str, NotebookNode]:
        return test_cells(self.master)

    def points(self) -> dict[str, float]:
        """Each test cell's points."""
        return {gid: float(cell.metadata["nbgrader"]["points"]) for gid, cell in self.test_cells().items()}

    def visible_tests(self) -> dict[str, str]:
        """Each test cell's source as the release shows it."""
        return {gid: cell.source for gid, cell in test_cells(self.release).items()}

    def secret_lines(self) -> set[str]:
        """What no page a student sees may show: the master's hidden-test lines the release does not show."""
        return secret_lines(self.master, self.release)

    def completed(self) -> NotebookNode:
        """The release with every answer cell filled in from the master: a perfect submission."""
        nb = nbformat.from_dict(self.release)
        solutions = self.answer_cells()
        for gid, cell in answer_cells(nb).items():
            cell.source = solutions[gid].source
        return nb
