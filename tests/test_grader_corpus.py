"""The corpus of bad submissions (tests/submissions/corpus.py), graded as one class through the real pipeline.

One batch grades every case (so each bad submission is also shown not to break the rest of the class); each case
then checks its scores, the reason in the report, its problems, events and flags, and its feedback.
"""

from __future__ import annotations

import json

import pytest

from grader import autograde, course, reports, sandbox
from grader.cheating import is_flagged
from grader.sandbox import Limits
from grader.store import CourseState
from submissions.corpus import ASSIGNMENT, POINTS, build

pytestmark = [pytest.mark.slow, pytest.mark.grader]  # the grader's own machinery: in make test, not make check

CASES = build()
LIMITS = Limits(cell_timeout=5, notebook_timeout=240)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    submitted = root / "submitted"
    for student, (files, _) in CASES.items():
        for name, data in files.items():
            path = submitted / student / ASSIGNMENT / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    state = CourseState(root / "course")
    summary = autograde.autograde(state, submitted, limits=LIMITS, workers=2, progress=False)
    results = {r["student_id"]: r for r in state.results()}
    written, errors = reports.feedback(state)
    exported = reports.export(state)
    return {"summary": summary, "results": results, "state": state, "feedback_errors": errors, "exports": exported}


def test_every_case_is_graded(graded):
    summary = graded["summary"]
    assert not summary.failed, [(r.student_id, r.error) for r in summary.failed]
    assert set(graded["results"]) == set(CASES)
    assert not graded["feedback_errors"]
    text = "\n".join(summary.lines())
    assert "failed to grade: 0" in text and "protection:" in text


@pytest.mark.parametrize("student", list(CASES))
def test_case(graded, student):
    _, expect = CASES[student]
    result = graded["results"][student]
    assert result["status"] == "graded", result.get("error")
    scores = {g: c["score"] for g, c in result["cells"].items()}
    assert set(scores) == set(POINTS)
    if expect.total is not None:
        assert sum(scores.values()) == expect.total, result["cells"]
    else:
        assert scores == expect.scores(), {g: (c["score"], c["reason"]) for g, c in result["cells"].items()}
    for grade_id, cell in result["cells"].items():
        if cell["score"] < cell["max_score"]:
            assert cell["reason"], f"{grade_id} lost points without a reason"
    for grade_id, text in expect.reason_contains.items():
        assert text in result["cells"][grade_id]["reason"], result["cells"][grade_id]
    kinds = {p["kind"] for p in result["problems"]}
    assert set(expect.problems) <= kinds, result["problems"]
    events = {e["kind"] for e in result["events"]}
    assert set(expect.events) <= events, result["events"]
    flags = " | ".join(f["what"] for f in result["flags"])
    for text in expect.flags:
        assert text in flags, result["flags"]
    assert is_flagged(result["flags"]) == expect.flagged, result["flags"]
    assert result["protection"]["kind"] in ("bubblewrap", "rlimits")


def test_protection_is_recorded(graded):
    kinds = {r["protection"]["kind"] for r in graded["results"].values() if r.get("protection")}
    expected = "bubblewrap" if sandbox.bwrap_installed() else "rlimits"
    assert kinds == {expected}


def test_feedback_never_shows_hidden_tests(graded):
    secret = reports._secret_lines(ASSIGNMENT)
    assert secret
    root = graded["state"].root / "feedback"
    pages = list(root.glob(f"*/{ASSIGNMENT}/{ASSIGNMENT}.html"))
    assert len(pages) == len(CASES)
    for page in pages:
        html = page.read_text()
        text = reports._visible_text(html)
        leaked = [line for line in secret if line in html or line in text]
        assert not leaked, f"{page}: {leaked[:3]}"
        assert "BEGIN HIDDEN TESTS" not in html
    hidden = (root / "hidden-fails-raise" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "failed the hidden tests" in hidden
    # the instructor's autograded notebook does show where the hidden tests failed
    autograded = graded["results"]["hidden-fails-raise"]["autograded"]
    assert "### BEGIN HIDDEN TESTS" in autograded and "ValueError" in autograded


def test_visible_check_message_reaches_feedback(graded):
    page = (graded["state"].root / "feedback" / "blank" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "is not implemented yet" in page


def test_flagged_submissions_need_manual_review_in_the_gradebook(graded):
    from nbgrader.api import Gradebook

    state = graded["state"]
    with Gradebook(state.db_url, course.COURSE_ID) as gradebook:
        for student, (_, expect) in CASES.items():
            notebook = gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, student)
            assert bool(notebook.flagged) == expect.flagged, student
            assert any(g.needs_manual_grade for g in notebook.grades) == expect.flagged, student


def test_export(graded):
    grades, report_json, report_csv = graded["exports"]
    lines = grades.read_text().splitlines()
    header = lines[0].split(",")
    assert header[0] == "student_id" and header[-6:] == ["total", "max_total", "flagged", "protection", "not_graded",
                                                       "language"]
    assert all(a in header for a in course.assignments())
    rows = {line.split(",")[0]: line.split(",") for line in lines[1:]}
    column = header.index(ASSIGNMENT)
    assert rows["good"][column] == "7" and rows["blank"][column] == "0"
    assert rows["allclose-replaced"][header.index("flagged")] == "yes"
    protection = "bubblewrap" if sandbox.bwrap_installed() else "rlimits (weaker: no sandbox)"
    assert {row[header.index("protection")] for row in rows.values()} == {protection}
    report = json.loads(report_json.read_text())
    loop = next(r for r in report if r["student_id"] == "loop-in-function")
    assert loop["lost_points"] == [{"grade_id": "test_normalize_pixels", "lost": 1.0,
                                    "reason": loop["lost_points"][0]["reason"]}]
    assert "time limit" in loop["lost_points"][0]["reason"]
    text = report_csv.read_text()
    assert "problem:unreadable" in text and "flag:tamper" in text and "event:crash" in text
