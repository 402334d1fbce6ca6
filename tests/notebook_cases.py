"""What the tests share about the course's notebooks: the assignments, their cells, their mutants.

A plain module (not conftest.py) so that test files can import it by a name no other conftest shadows.
"""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat

from grader import assignment, course, notebooks
from grader.assignment import answer_cells as answer_cells  # the tests' answer cells are the model's

ASSIGNMENTS = course.assignments()
# fixture name -> the cases (name -> notebook) a test using that fixture needs graded for its `lecture` parameter
SESSION_CASES: dict[str, Callable[[str], dict[str, nbformat.NotebookNode]]] = {}
MUTANTS_DIR = Path(__file__).parent / "mutants"
VARIANTS_DIR = Path(__file__).parent / "variants"


def graded_cells(nb: nbformat.NotebookNode) -> dict[str, float]:
    """Autograder-tests cells by grade_id, with their points."""
    return {gid: float(cell.metadata.nbgrader["points"]) for gid, cell in assignment.test_cells(nb).items()}


def owned_tests(function: str, functions: list[str], test_ids: list[str]) -> list[str]:
    """The test grade_ids that belong to `function` (`test_f` or `test_f_*`, longest function name wins)."""

    def owner(test_id: str) -> str | None:
        matches = [f for f in functions if test_id == f"test_{f}" or test_id.startswith(f"test_{f}_")]
        return max(matches, key=len) if matches else None

    return [t for t in test_ids if owner(t) == function]


def completed_copy(assignment_id: str) -> nbformat.NotebookNode:
    """The student copy with every answer cell filled in from the master: a perfect submission."""
    return assignment.Assignment.load(assignment_id).completed()


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


def first_of_each(cases: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """The first case of each function (in file order): the deterministic sample `make check` grades."""
    return {function: dict(list(by_name.items())[:1]) for function, by_name in cases.items()}


def pipeline_cases(assignment_id: str, sample: bool = False) -> dict[str, nbformat.NotebookNode]:
    """What the pipeline tests grade of one lecture, by name: `completed` (the student copy with the master's
    answers), `blank` (the student copy), `mutant:<function>--<name>` and `variant:<function>--<name>` (every one,
    or with `sample` the first of each function).

    The master itself is not graded: its completed copy runs the same code (the release changes only answer cells,
    refilled here, and hidden tests, which nbgrader puts back before it runs a submission), and nbval runs it."""
    base = completed_copy(assignment_id)
    functions = list(answer_cells(base))
    cases = {"completed": base, "blank": notebooks.read(course.student_path(assignment_id))}
    for kind, loaded in (("mutant", load_mutants(assignment_id)), ("variant", load_variants(assignment_id))):
        chosen = first_of_each(loaded) if sample else loaded
        cases |= {f"{kind}:{f}--{name}": with_answer(base, f, source)
                  for f in functions for name, source in chosen.get(f, {}).items()}
    return cases


def session_cases(asked: list[str | None], sample: bool = False) -> dict[tuple[str, str], nbformat.NotebookNode]:
    """What the session's graded course grades, by (lecture, name), for its tests' `asked` lectures (None: a test
    that names no lecture): every `pipeline_cases` of a lecture asked for by name, and, if any test names none, the
    completed and blank copies of every other lecture."""
    full = {lecture for lecture in asked if lecture}
    copies = set(ASSIGNMENTS) if None in asked else set()
    cases: dict[tuple[str, str], nbformat.NotebookNode] = {}
    for lecture in sorted(full | copies):
        chosen = pipeline_cases(lecture, sample)
        if lecture not in full:
            chosen = {name: chosen[name] for name in ("completed", "blank")}
        cases |= {(lecture, name): nb for name, nb in chosen.items()}
    return cases


def session_cases_for(fixture: str, cases: Callable[[str], dict[str, nbformat.NotebookNode]]) -> None:
    """Have the session's graded course also grade `cases(lecture)` for every `lecture` a test using `fixture` names,
    under the names `<fixture>:<name>` (`results_of` reads them back): one grader run serves every test file."""
    SESSION_CASES[fixture] = cases


def results_of(graded: GradedCourse, fixture: str) -> dict[tuple[str, str], dict]:
    """The results of the cases `fixture` asked for (`session_cases_for`), by (lecture, name)."""
    prefix = f"{fixture}:"
    return {(lecture, name.removeprefix(prefix)): result for (lecture, name), result in graded.results.items()
            if name.startswith(prefix)}


def of_kind(results: dict[str, dict], kind: str) -> dict[str, dict]:
    """The results of one kind of `pipeline_cases` ("mutant" or "variant"), by `<function>--<name>`."""
    return {name.split(":", 1)[1]: result for name, result in results.items() if name.startswith(f"{kind}:")}


def grade_with_grader(assignment_id: str, cases: dict[str, nbformat.NotebookNode]) -> dict[str, dict]:
    """Grade each case (name -> notebook) of one lecture in one run of the project's grader; its result by name."""
    results = grade_cases({(assignment_id, name): nb for name, nb in cases.items()})
    return {name: result for (_, name), result in results.items()}


def grade_cases(cases: dict[tuple[str, str], nbformat.NotebookNode]) -> dict[tuple[str, str], dict]:
    """Grade every case ((lecture, name) -> notebook) in one run of the project's grader (`python -m grader
    autograde`: real nbgrader, warm kernels, parallel workers), as one student each; its result (cells with score
    and reason) by (lecture, name). One run for many lectures pays the grader's start-up once."""
    with tempfile.TemporaryDirectory(prefix="graded-cases-") as scratch:
        return GradedCourse.grade(cases, Path(scratch)).results


@dataclass
class GradedCourse:
    """A course directory graded once by `python -m grader autograde`, for tests that only read it (a test that
    changes it works on a copy): each case's student id and result by (lecture, name), and the command's output."""

    root: Path
    students: dict[tuple[str, str], str]
    results: dict[tuple[str, str], dict]
    output: str

    @classmethod
    def grade(cls, cases: dict[tuple[str, str], nbformat.NotebookNode], work: Path) -> GradedCourse:
        """Grade `cases` ((lecture, name) -> notebook), one student each, into the course directory `work`/course."""
        from grader.store import CourseState

        students = {case: f"case{index:04d}" for index, case in enumerate(cases)}
        for (assignment_id, name), student in students.items():
            notebooks.write(cases[assignment_id, name],
                            work / "submitted" / student / assignment_id / f"{assignment_id}.ipynb")
        state = CourseState(work / "course")
        env = {**os.environ, "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")}
        done = subprocess.run([sys.executable, "-m", "grader", "autograde", str(work / "submitted"),
                               "--course", str(state.root), "-q"], env=env, capture_output=True, text=True)
        case_of = {(student, lecture): (lecture, name) for (lecture, name), student in students.items()}
        results = {case_of[r["student_id"], r["assignment_id"]]: r for r in state.results()}
        if done.returncode != 0 or set(results) != set(cases):
            raise RuntimeError(f"the grader could not grade every case (exit {done.returncode}):\n"
                               f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
        return cls(state.root, students, results, done.stdout)


def caught_only_by_hidden_tests(cells: dict[str, dict], own: list[str]) -> bool:
    """True when `own` test cells lost points only to hidden tests: the student saw every visible check pass."""
    lost = [cells[t] for t in own if cells[t]["score"] < cells[t]["max_score"]]
    return bool(lost) and all(c["reason"].startswith("hidden tests failed") for c in lost)
