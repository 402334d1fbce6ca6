"""Review of flagged and doubtful work through the real CLI and real nbgrader: formgrader lists the graded
submissions, the gradebook's comments give every reason, a reviewer's changes in the gradebook survive `autograde`
and reach `export` and `feedback`, and `review` lists what needs a person."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import nbformat
import pytest

from grader import course, formgrader, review
from grader.feedback_notebook import summary_notebook
from grader.reports import _visible_text
from grader.results import Result
from grader.store import CourseState
from notebook_cases import completed_copy, with_answer
from test_grader_cli import A, cli, nb_bytes, write

pytestmark = pytest.mark.grader  # the grader's own machinery: in make test, not make check

LIMITS = ["--timeout", "10", "--notebook-timeout", "240", "--jobs", "2", "-q"]
CHEAT = "np.allclose = lambda *args, **kwargs: True\ndef normalize_pixels(X):\n    return X / 255.0\n"


def submissions(root: Path, bob_good: bool = False) -> Path:
    """alice: full marks, with nbgrader's timestamp.txt; bob: the blank copy; mallory: replaces np.allclose;
    dave: a stray PDF (an input not graded)."""
    good = completed_copy(A)
    write(root, "alice", A, nb_bytes(good))
    (root / "alice" / A / "timestamp.txt").write_text("2026-10-01 12:00:00 +02:00")  # nbgrader reads offsets its way
    write(root, "bob", A, nb_bytes(good) if bob_good else course.student_path(A).read_bytes())
    write(root, "mallory", A, nb_bytes(with_answer(good, "normalize_pixels", CHEAT)))
    (root / "dave").mkdir(exist_ok=True)
    (root / "dave" / "homework.pdf").write_bytes(b"%PDF-1.4")
    return root


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> tuple[Path, Path]:
    """(submissions, course directory) after one autograde."""
    submitted = submissions(tmp_path_factory.mktemp("submitted"))
    state = tmp_path_factory.mktemp("graded") / "course"
    done = cli("autograde", str(submitted), "--course", str(state), *LIMITS, check=False)
    assert done.returncode == 1 and "homework.pdf" in done.stdout, done.stdout + done.stderr  # dave's PDF
    return submitted, state


def nbgrader_api(root: Path):
    """nbgrader's API over the course directory, configured as formgrader is when started there."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

    config = Config()
    config.CourseDirectory.root = str(root)
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def comments_of(root: Path, student: str) -> dict[str, str | None]:
    from nbgrader.api import Gradebook

    with Gradebook(CourseState(root).db_url) as gradebook:
        notebook = gradebook.find_submission_notebook(A, A, student)
        return {comment.name: comment.auto_comment for comment in notebook.comments}


@pytest.mark.slow
def test_formgrader_lists_every_graded_submission(graded):
    _, root = graded
    api = nbgrader_api(root)
    assert api.get_assignment(A)["num_submissions"] == 3
    # graded = in the gradebook, autograded/ present, and submitted/'s timestamp.txt equal to the gradebook's
    assert api.get_autograded_students(A) == {"alice", "bob", "mallory"}
    listed = {s["student"]: s for s in api.get_submissions(A)}
    assert {s: (listed[s]["autograded"], listed[s]["score"]) for s in listed} == {
        "alice": (True, 7.0), "bob": (True, 0.0), "mallory": (True, 6.0)}
    assert listed["alice"]["timestamp"].startswith("2026-10-01T10:00:00")
    notebooks = {s["student"]: s for s in api.get_notebook_submissions(A, A)}  # the grading view's list
    assert set(notebooks) == {"alice", "bob", "mallory"} and notebooks["mallory"]["flagged"]
    sent = (root / "submitted" / "mallory" / A / f"{A}.ipynb").read_bytes()
    assert CHEAT in nbformat.reads(sent.decode(), as_version=4).cells[26].source  # the student's own bytes


@pytest.mark.slow
def test_the_gradebook_comments_give_every_reason(graded):
    _, root = graded
    mallory = comments_of(root, "mallory")
    assert "test_normalize_pixels: 0 / 1: visible check failed" in mallory["normalize_pixels"]
    assert "FLAGGED for review: cell 26 (normalize_pixels), line 1: assigns to np.allclose" in \
        mallory["normalize_pixels"]
    assert "before test_normalize_pixels: numpy.allclose was replaced" in mallory["normalize_pixels"]
    assert {name for name, text in mallory.items() if text} == {"normalize_pixels"}
    bob = comments_of(root, "bob")
    for answer in formgrader.answer_names(A):  # each answer cell: its own test's lost points and reason
        assert bob[answer].startswith(f"test_{answer}: 0 / ") and "not implemented yet" in bob[answer]
    assert set(comments_of(root, "alice").values()) == {None}


def formgrader_edit(root: Path, student: str, grades: dict[str, dict], comment: dict[str, str] | None = None,
                    unflag: bool = False, resolve: bool = False) -> None:
    """What formgrader's API handlers do when a reviewer enters scores, extra credit, a comment, or unflags."""
    from nbgrader.api import Gradebook

    with Gradebook(CourseState(root).db_url) as gradebook:
        notebook = gradebook.find_submission_notebook(A, A, student)
        for grade in notebook.grades:
            if grade.name in grades:
                grade.manual_score = grades[grade.name].get("manual_score")
                grade.extra_credit = grades[grade.name].get("extra_credit")
            if grade.name in grades or resolve:
                grade.needs_manual_grade = grade.manual_score is None and grade.auto_score is None
        for item in notebook.comments:
            if comment and item.name in comment:
                item.manual_comment = comment[item.name]
        if unflag:
            notebook.flagged = False
        gradebook.db.commit()


def gradebook_state(root: Path, student: str) -> tuple[dict, bool]:
    from nbgrader.api import Gradebook

    with Gradebook(CourseState(root).db_url) as gradebook:
        notebook = gradebook.find_submission_notebook(A, A, student)
        return ({g.name: (g.auto_score, g.manual_score, g.extra_credit, bool(g.needs_manual_grade))
                 for g in notebook.grades}, bool(notebook.flagged))


def nbgrader_scores(root: Path) -> dict[tuple[str, str], float]:
    from nbgrader.api import Gradebook

    with Gradebook(CourseState(root).db_url) as gradebook:
        return {(s.student.id, a.name): s.score for a in gradebook.assignments for s in a.submissions}


def grades_csv(root: Path) -> dict[str, dict]:
    with open(root / "exports" / "grades.csv", newline="") as file:
        return {row["student_id"]: row for row in csv.DictReader(file)}


@pytest.mark.slow
def test_a_reviewers_changes_survive_autograde_and_reach_export_and_feedback(graded, tmp_path):
    submitted, original = graded
    root = tmp_path / "course"
    shutil.copytree(original, root)
    formgrader_edit(root, "mallory", {"test_image_to_vector": {"manual_score": 0.0}},
                    {"normalize_pixels": "np.allclose replaced: no credit for image_to_vector either"},
                    unflag=True, resolve=True)
    formgrader_edit(root, "bob", {"test_dataset_dimensions": {"extra_credit": 1.0}})
    edited = {student: gradebook_state(root, student) for student in ("mallory", "bob")}
    assert review.gradebook_scores(CourseState(root)) == nbgrader_scores(root) == {
        ("alice", A): 7.0, ("bob", A): 1.0, ("mallory", A): 4.0}

    again = cli("autograde", str(submitted), "--course", str(root), *LIMITS, check=False).stdout
    assert "3 reused" in again
    assert {student: gradebook_state(root, student) for student in ("mallory", "bob")} == edited
    # a regrade of the same work (forced here; a new grader version does the same) keeps them too
    forced = cli("autograde", str(submitted), "--course", str(root), "--student", "mallory", "--force", *LIMITS,
                 check=False)
    assert "graded 1 submission(s)" in forced.stdout and "reused" not in forced.stdout, forced.stdout
    assert gradebook_state(root, "mallory") == edited["mallory"]

    cli("export", "--course", str(root))
    rows = grades_csv(root)
    assert (rows["mallory"][A], rows["bob"][A], rows["alice"][A]) == ("4", "1", "7")
    entries = json.loads((root / "exports" / "report.json").read_text())
    report = {(r["student_id"], r["assignment_id"]): r for r in entries}
    assert report[("mallory", A)]["score"] == 4.0
    assert [lost["grade_id"] for lost in report[("mallory", A)]["lost_points"]] == ["test_image_to_vector",
                                                                                    "test_normalize_pixels"]
    cli("feedback", "--course", str(root), "-q")
    page = _visible_text((root / "feedback" / "mallory" / A / f"{A}.html").read_text())
    assert "Score: 4 / 7" in page
    assert "test_image_to_vector: 0 / 2 (score set by your instructor on review (the tests gave 2))" in page
    assert "np.allclose replaced: no credit for image_to_vector either" in page
    assert "FLAGGED" not in page and "runtime probe" not in page  # the reviewer's notes stay in the gradebook
    bob_page = _visible_text((root / "feedback" / "bob" / A / f"{A}.html").read_text())
    assert "Score: 1 / 7" in bob_page and "including 1 extra credit" in bob_page

    done = cli("review", "--course", str(root), "--student", "mallory", check=False)
    assert done.returncode == 0 and "nothing needs a person" in done.stdout, done.stdout

    # bob sends new work: the extra credit was given for the old one; it is set aside, and bob is back on the list
    resent = cli("autograde", str(submissions(tmp_path / "resubmitted", bob_good=True)), "--course", str(root),
                 "--student", "bob", *LIMITS, check=False)
    assert "graded 1 submission(s)" in resent.stdout and "reused" not in resent.stdout, resent.stdout
    scores, _ = gradebook_state(root, "bob")
    assert all(manual is None and extra is None and pending for _, manual, extra, pending in scores.values())
    kept = json.loads((root / formgrader.SET_ASIDE).read_text())
    assert [(e["student_id"], e["scores"]) for e in kept] == [
        ("bob", {"test_dataset_dimensions": {"extra_credit": 1.0, "manual_score": None}})]
    done = cli("review", "--course", str(root), "--student", "bob", check=False)
    assert done.returncode == 1 and "scores set aside: the work changed after a review" in done.stdout, done.stdout
    cli("export", "--course", str(root), "--force")
    assert grades_csv(root)["bob"][A] == "7"


@pytest.mark.slow
def test_review_lists_what_needs_a_person_and_where_to_look(graded, tmp_path):
    _, original = graded
    root = tmp_path / "course"
    shutil.copytree(original, root)
    failed = {"student_id": "erin", "assignment_id": A, "key": "k", "status": "failed", "notebook": A,
              "error": "RuntimeError: the grading process died or stalled on this submission (twice)"}
    CourseState(root).result_path(A, "erin").write_text(json.dumps(failed))  # as the runner journals a failure
    done = cli("review", "--course", str(root), check=False)
    assert done.returncode == 1, done.stdout + done.stderr
    out = done.stdout
    flagged = out.split("flagged for review")[1]
    notebook_id = next(s["id"] for s in nbgrader_api(root).get_notebook_submissions(A, A) if s["student"] == "mallory")
    assert f"mallory / {A}: flagged, 5 cell(s) to grade or resolve: assigns to np.allclose" in flagged
    assert f"formgrader: /formgrader/submissions/{notebook_id}/" in flagged
    assert f"journal: results/{A}/mallory.json" in flagged
    assert f"erin / {A}: RuntimeError: the grading process died" in out.split("failed to grade")[1]
    assert "homework.pdf" in out.split("inputs not graded")[1]
    assert "alice" not in out and "bob /" not in out
    assert out.rstrip().endswith("3 item(s) need a person")
    done = cli("review", "--course", str(root), "--student", "alice", check=False)
    assert done.returncode == 0 and done.stdout.rstrip().endswith("nothing needs a person")
    done = cli("review", "--course", str(tmp_path / "cuorse"), check=False)
    assert done.returncode == 2 and "run `autograde` first" in done.stderr and not (tmp_path / "cuorse").exists()


def test_review_help_describes_it_in_the_course_words():
    out = cli("review", "--help").stdout
    assert "flagged" in out and "Exit status 0 if nothing needs a person, 1 if something does" in " ".join(out.split())


# ----------------------------------------------------------------------------- without kernels
def result(**fields) -> Result:
    data = {"student_id": "ada", "assignment_id": A, "key": "k", "notebook": A, "cells": {
        "test_image_to_vector": {"score": 0.0, "max_score": 2.0, "reason": "hidden tests failed: AssertionError"},
        "test_normalize_pixels": {"score": 1.0, "max_score": 1.0}}}
    return Result.from_json({**data, **fields})


def test_comments_go_under_the_answer_each_reason_is_about():
    notes = formgrader.comments(result(
        flags=[{"severity": "tamper", "where": "cell 30, line 2", "what": "sys.modules edit",
                "detector": "static scan"},
               {"severity": "review", "where": "before test_normalize_pixels", "what": "history read",
                "detector": "runtime probe"}],
        problems=[{"kind": "restored", "message": "the test cell test_labels_to_row was restored from the master"}]))
    assert formgrader.answer_names(A)[0] == "image_to_vector"  # the first answer also holds the whole notebook's notes
    assert notes["image_to_vector"].splitlines() == [
        "Whole notebook:", "FLAGGED for review: cell 30, line 2: sys.modules edit (static scan)",
        "problem: the test cell test_labels_to_row was restored from the master",
        "This answer:", "test_image_to_vector: 0 / 2: hidden tests failed: AssertionError"]
    assert notes["normalize_pixels"] == "unusual code: before test_normalize_pixels: history read (runtime probe)"
    assert set(notes) == {"image_to_vector", "normalize_pixels"}
    assert formgrader.comments(result(cells={"test_images_to_matrix_shapes": {"score": 0.0, "max_score": 1.0}})) == {
        "images_to_matrix": "test_images_to_matrix_shapes: 0 / 1: lost points"}  # the longest answer name wins


def test_a_reviewers_score_replaces_the_tests_line_on_the_feedback():
    graded = result()
    graded.feedback = summary_notebook(graded)
    changes = ({("ada", A): {"test_image_to_vector": review.Change(0.0, 1.5, 0.5)}},
               {("ada", A): {"image_to_vector": "close: the order was right"}})
    shown = review.with_reviewer_changes(graded, changes)
    assert shown.score == 3.0 and graded.score == 1.0
    nb = nbformat.reads(shown.feedback, as_version=4)
    assert "**Score: 3 / 3**" in nb.cells[0].source
    assert "including 0\\.5 extra credit" in nb.cells[0].source
    assert nb.cells[1].source.startswith("**Comments from your instructor**") and "the order was right" in \
        nb.cells[1].source
    assert review.with_reviewer_changes(graded, ({}, {})) is graded


def test_an_empty_gradebook_file_reads_as_no_gradebook(tmp_path):
    """A run stopped while nbgrader was creating gradebook.db leaves an empty database: the next run, `review`,
    `export` and the due dates read it as no gradebook yet instead of failing on a missing table."""
    import sqlite3

    from grader import deadlines

    sqlite3.connect(tmp_path / "gradebook.db").close()
    state = CourseState(tmp_path)
    assert (tmp_path / "gradebook.db").is_file()
    assert review.gradebook_scores(state) == {}
    assert review.reviewer_changes(state) == ({}, {})
    assert deadlines._gradebook_due_dates(tmp_path) == []
