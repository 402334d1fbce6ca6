"""The nbgrader pipeline, end to end with real kernels, for every assignment in solutions/."""

from __future__ import annotations

import json
import re
from itertools import pairwise

import nbformat
import pytest

from grader import cheating, course, notebooks
from grader.assignment import Assignment, split_hidden, visible_part
from grader.release import IMAGE_TYPES, REFERENCE_FIGURE_TAG, ReleaseError, generate, with_reference_figures
from notebook_cases import (
    ASSIGNMENTS,
    answer_cells,
    caught_only_by_hidden_tests,
    completed_copy,
    graded_cells,
    load_hidden_only,
    load_mutants,
    load_variants,
    of_kind,
    owned_tests,
    pipeline_cases,
    session_cases,
)

pytestmark = pytest.mark.slow


def test_every_lecture_is_present():
    assert ASSIGNMENTS[0] == "2.1-binary-classification"
    assert all(course.student_path(a).is_file() for a in ASSIGNMENTS), "run `make release`"


@pytest.mark.parametrize("assignment_id", ASSIGNMENTS)
def test_cell_convention(assignment_id):
    master = notebooks.read(course.master_path(assignment_id))
    functions = list(answer_cells(master))
    tests = graded_cells(master)
    assert functions and tests
    for function in functions:
        assert owned_tests(function, functions, list(tests)), f"{function} has no test_{function}* cell"
    for answer, following in pairwise(master.cells):
        if answer.metadata.get("nbgrader", {}).get("grade_id") in functions:
            assert following.metadata.get("nbgrader", {}).get("grade"), (
                f"the check cell of {answer.metadata.nbgrader['grade_id']} must follow its answer cell directly, "
                "so Run All on a blank copy stops at the check's friendly message"
            )
    for cell in master.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            assert meta["points"] > 0 and meta["locked"]
            assert re.match(r'^"""[^\n]+"""\n', cell.source), f"{meta['grade_id']} must open with a one-line docstring"
            assert "### BEGIN HIDDEN TESTS" in cell.source, f"{meta['grade_id']} has no hidden tests"
            assert any(t == meta["grade_id"] for f in functions for t in owned_tests(f, functions, list(tests)))


@pytest.mark.parametrize("assignment_id", ASSIGNMENTS)
def test_every_test_cell_splits_into_visible_and_hidden(assignment_id):
    """The grader runs the visible check and the hidden tests apart; every lecture's test cells must allow it."""
    for cell in notebooks.read(course.master_path(assignment_id)).cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade"):
            parts = split_hidden(cell.source)
            assert parts, f"{meta['grade_id']}: hidden tests cannot be split off"
            assert "BEGIN HIDDEN TESTS" not in parts[0]


@pytest.mark.parametrize("assignment_id", ASSIGNMENTS)
def test_no_tamper_flag_on_the_model_answers(assignment_id):
    for grade_id, cell in answer_cells(notebooks.read(course.master_path(assignment_id))).items():
        tamper = [f for f in cheating.scan_source(cell.source) if f[1] == "tamper"]
        assert not tamper, f"{assignment_id} {grade_id}: {tamper}"


@pytest.mark.parametrize("assignment_id", ASSIGNMENTS)
def test_the_model_agrees_with_what_nbgrader_released(assignment_id):
    """The visible part of each test cell is what the release shows, no secret line is in the release, every test
    cell splits."""
    assignment = Assignment.load(assignment_id)
    shown = assignment.visible_tests()
    assert set(shown) == set(assignment.test_cells()) == set(assignment.points())
    for gid, cell in assignment.test_cells().items():
        assert visible_part(cell.source).rstrip() == shown[gid].rstrip(), gid
        assert split_hidden(cell.source) is not None, gid
    released = "\n".join(cell.source for cell in assignment.release.cells)
    assert assignment.secret_lines() and not [line for line in assignment.secret_lines() if line in released]


@pytest.mark.parametrize("assignment_id", ASSIGNMENTS)
def test_master_scores_full_marks_and_blank_copy_zero(assignment_id, graded_cases):
    """The student copy with the master's answers scores full marks, the blank copy zero; graded by the project's
    grader (stock nbgrader gives the same scores: tests/test_bench_grading.py)."""
    results = graded_cases[assignment_id]
    tests = set(graded_cells(notebooks.read(course.master_path(assignment_id))))
    for student in ("completed", "blank"):
        assert set(results[student]["cells"]) == tests, f"{student}: not every test cell was graded"
    lost = {g: c["reason"] for g, c in results["completed"]["cells"].items() if c["score"] != c["max_score"]}
    assert not lost, f"the master's answers lost points: {lost}"
    earned = {g: c["score"] for g, c in results["blank"]["cells"].items() if c["score"] != 0}
    assert not earned, f"the blank student copy earned points: {earned}"


@pytest.mark.parametrize("assignment_id", ASSIGNMENTS)
def test_every_wrong_implementation_loses_points(assignment_id, graded_cases, mutation_scores):
    """The mutation suite: every mutant in tests/mutants/<id>.py loses points on its own function's tests,
    and a plausible mistake is already named by the visible check (a green check never hides lost points)."""
    mutants = load_mutants(assignment_id)
    hidden_only = load_hidden_only(assignment_id)
    base = completed_copy(assignment_id)
    functions = list(answer_cells(base))
    few = {f: len(mutants.get(f, {})) for f in functions if len(mutants.get(f, {})) < 5}
    assert not few, f"tests/mutants/{assignment_id}.py needs at least five mutants per function: {few}"
    unknown = set(mutants) - set(functions)
    assert not unknown, f"tests/mutants/{assignment_id}.py names functions the notebook lacks: {unknown}"
    unknown = {f"{f}--{n}" for f, names in hidden_only.items() for n in names if n not in mutants.get(f, {})}
    assert not unknown, f"HIDDEN_ONLY names mutants that do not exist: {unknown}"
    results = of_kind(graded_cases[assignment_id], "mutant")
    test_ids = list(graded_cells(base))
    survivors, unseen, deliberate = [], [], []
    for student, result in results.items():
        function, name = student.split("--", 1)
        own = owned_tests(function, functions, test_ids)
        cells = result["cells"]
        if sum(cells[t]["score"] for t in own) >= sum(cells[t]["max_score"] for t in own):
            survivors.append(student)
        elif caught_only_by_hidden_tests(cells, own):
            (deliberate if name in hidden_only.get(function, set()) else unseen).append(student)
    mutation_scores[assignment_id] = (len(results) - len(survivors), len(results), len(unseen), len(deliberate))
    assert not survivors, f"mutants kept full marks (a bug in the tests, not the mutant): {survivors}"
    assert not unseen, f"mutants pass the visible check and lose only hidden points (name them visibly): {unseen}"


@pytest.mark.parametrize("assignment_id", ASSIGNMENTS)
def test_every_correct_variant_keeps_full_marks(assignment_id, graded_cases, variant_scores):
    """The dual of the mutation suite: correct answers written differently (other methods, loops where allowed,
    NumPy scalars, narrower floats) keep every point, on their own tests and everyone else's."""
    variants = load_variants(assignment_id)
    functions = list(answer_cells(completed_copy(assignment_id)))
    few = {f: len(variants.get(f, {})) for f in functions if len(variants.get(f, {})) < 3}
    assert not few, f"tests/variants/{assignment_id}.py needs at least three correct variants per function: {few}"
    unknown = set(variants) - set(functions)
    assert not unknown, f"tests/variants/{assignment_id}.py names functions the notebook lacks: {unknown}"
    results = of_kind(graded_cases[assignment_id], "variant")
    lost = {student: {g: c["reason"] for g, c in r["cells"].items() if c["score"] < c["max_score"]}
            for student, r in results.items()}
    lost = {student: cells for student, cells in lost.items() if cells}
    variant_scores[assignment_id] = (len(results) - len(lost), len(results))
    assert not lost, f"correct answers lost points (a bug in the tests): {lost}"


def test_the_session_grades_what_its_tests_ask_for_and_no_more():
    """A lecture asked for by name gets every case (or the sample); a test naming no lecture adds only the completed
    and blank copies of the others: running the CLI's every-lecture test alone grades 18 notebooks, not every mutant."""
    lecture, other = ASSIGNMENTS[4], ASSIGNMENTS[0]
    assert set(session_cases([lecture, lecture])) == {(lecture, name) for name in pipeline_cases(lecture)}
    both = session_cases([None, lecture], sample=True)
    assert {name for (at, name) in both if at == lecture} == set(pipeline_cases(lecture, sample=True))
    assert {name for (at, name) in both if at == other} == {"completed", "blank"}
    assert {at for at, _ in both} == set(ASSIGNMENTS)
    assert both[other, "completed"] == completed_copy(other)
    assert session_cases([]) == {}


def test_the_sample_of_make_check_grades_one_mutant_and_one_variant_of_every_function():
    """`--sample-cases` (make check) grades the first mutant and variant of each function, the same every run,
    beside the completed and blank copies; without it every mutant and variant is graded."""
    lecture = ASSIGNMENTS[-1]
    functions = list(answer_cells(completed_copy(lecture)))
    sample, full = pipeline_cases(lecture, sample=True), pipeline_cases(lecture)
    for kind, loaded in (("mutant", load_mutants(lecture)), ("variant", load_variants(lecture))):
        assert sorted(of_kind(sample, kind)) == sorted(f"{f}--{next(iter(loaded[f]))}" for f in functions)
        assert len(of_kind(full, kind)) == sum(len(loaded[f]) for f in functions)
    assert set(sample) < set(full) and {"completed", "blank"} < set(sample)
    assert set(pipeline_cases(lecture, sample=True)) == set(sample)
    name = next(iter(of_kind(sample, "mutant")))
    function, mutant = name.split("--", 1)
    assert answer_cells(sample[f"mutant:{name}"])[function].source == load_mutants(lecture)[function][mutant]


def _secret_lines(assignment_id: str) -> set[str]:
    """Distinctive lines of the solution and hidden-test regions of a master."""
    secret, inside = set(), False
    for cell in notebooks.read(course.master_path(assignment_id)).cells:
        for line in cell.source.splitlines():
            stripped = line.strip()
            if stripped in ("### BEGIN SOLUTION", "### BEGIN HIDDEN TESTS"):
                inside = True
            elif stripped in ("### END SOLUTION", "### END HIDDEN TESTS"):
                inside = False
            elif inside and len(stripped) >= 16 and not stripped.startswith("#"):
                secret.add(stripped)
    return secret


@pytest.mark.parametrize("assignment_id", ASSIGNMENTS)
def test_no_solution_or_hidden_test_reaches_students(assignment_id):
    shipped = [p for p in course.NOTEBOOKS.rglob("*") if p.is_file()] + list((course.REPO / "utils").rglob("*.py"))
    texts = {p: p.read_text(errors="replace") for p in shipped}
    for path, text in texts.items():
        if path.suffix == ".ipynb":
            sources = "\n".join(c["source"] if isinstance(c["source"], str) else "".join(c["source"])
                                for c in json.loads(text)["cells"])
            assert not re.search(r"BEGIN SOLUTION|END SOLUTION|HIDDEN TESTS", sources), path
            text = sources
        leaked = [line for line in _secret_lines(assignment_id) if line in text]
        assert not leaked, f"{path.relative_to(course.REPO)} reveals {assignment_id}'s secret lines: {leaked[:3]}"


def test_committed_student_copies_equal_a_fresh_generation(tmp_path):
    generate(ASSIGNMENTS, tmp_path)
    fresh = {p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()}
    committed = {p.relative_to(course.NOTEBOOKS) for p in course.NOTEBOOKS.rglob("*") if p.is_file()}
    assert fresh == committed, "notebooks/ is out of date: run `make release`"
    for relative in fresh:
        if relative.suffix == ".ipynb":
            new = notebooks.normalise(notebooks.read(tmp_path / relative), keep_outputs=True)
            old = notebooks.normalise(notebooks.read(course.NOTEBOOKS / relative), keep_outputs=True)
            assert new == old, f"notebooks/{relative} is stale: run `make release`"
        else:
            assert (tmp_path / relative).read_bytes() == (course.NOTEBOOKS / relative).read_bytes()


@pytest.mark.parametrize("assignment_id", ASSIGNMENTS)
def test_student_copies_ship_reference_figures_and_no_other_output(assignment_id):
    """Figure cells tagged `reference-figure` open with the master's picture; nothing else (no text, no answer value)
    ships, and no answer or test cell carries an output."""
    student = notebooks.read(course.student_path(assignment_id))
    tagged = [c for c in student.cells if REFERENCE_FIGURE_TAG in c.metadata.get("tags", [])]
    for cell in student.cells:
        if cell.cell_type != "code":
            continue
        if cell in tagged:
            assert cell.outputs and "nbgrader" not in cell.metadata
            for output in cell.outputs:
                assert output.output_type == "display_data" and set(output.data) <= set(IMAGE_TYPES), output
        else:
            assert not cell.outputs, f"{assignment_id}: an untagged cell ships outputs: {cell.source[:60]!r}"


def test_release_refuses_a_tag_without_a_stored_figure():
    master = notebooks.read(course.master_path(ASSIGNMENTS[0]))
    student = notebooks.normalise(nbformat.from_dict(master), keep_outputs=False)
    plain = next(c for c in student.cells if c.cell_type == "code" and "nbgrader" not in c.metadata and not
                 any(o.get("data", {}).get("image/png") for o in next(m for m in master.cells if m.id == c.id).outputs))
    plain.metadata.setdefault("tags", []).append(REFERENCE_FIGURE_TAG)
    with pytest.raises(ReleaseError, match="stores no image"):
        with_reference_figures(student, master)
