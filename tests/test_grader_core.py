"""The grader's typed core without kernels: results and their journal format, the grader version in every key, and
the Assignment model of a master and its release."""

from __future__ import annotations

import shutil

import pytest
from nbgrader.preprocessors import ClearHiddenTests

from grader import job
from grader.assignment import hidden_delimiters, split_hidden, visible_part
from grader.results import CellScore, Event, Flag, JournalError, Problem, Result

pytestmark = pytest.mark.grader  # the grader's own machinery: in make test, not make check

# a journal entry as GRADER_VERSION 3 wrote it (results/2.5-derivatives/ada.json, notebooks cut short)
JOURNAL_V3 = {
    "assignment_id": "2.5-derivatives", "autograded": "{}", "cells": {
        "test_slope": {"feedback": "", "max_score": 2.0, "reason": "", "score": 2.0},
        "test_nudge": {"feedback": "the test failed", "max_score": 3.0, "reason": "test failed: AssertionError: x",
                       "score": 0.0}},
    "events": [{"cell": 7, "grade_id": "test_nudge", "kind": "timeout", "message": "stopped after 30 s"}],
    "feedback": "{}", "flags": [{"detector": "static scan", "severity": "tamper", "what": "np.allclose replaced",
                                 "where": "cell 3, line 1"}],
    "grader_version": "3", "kernel_starts": 2, "key": "ab" * 32, "max_score": 5.0, "notebook": "2.5-derivatives",
    "problems": [{"kind": "duplicated-cell", "message": "cell slope appears 2 times", "grade_id": "slope"},
                 {"kind": "old-format", "message": "notebook format 3 converted to format 4"}],
    "protection": {"kind": "bubblewrap", "summary": "bubblewrap"}, "score": 2.0, "seconds": 4.2,
    "source": "ada/2.5-derivatives.ipynb", "status": "graded", "student_id": "ada",
    "timestamp": "2026-10-05 21:00:00.000000 UTC",
}


def test_a_journal_written_by_grader_version_3_loads_and_writes_back_the_same():
    result = Result.from_json(JOURNAL_V3)
    assert result.cells["test_nudge"] == CellScore(0.0, 3.0, "test failed: AssertionError: x", "the test failed")
    assert result.problems[0] == Problem("duplicated-cell", "cell slope appears 2 times", "slope")
    assert result.events == [Event(7, "test_nudge", "timeout", "stopped after 30 s")]
    assert result.flagged and result.costly_events and not result.failed
    # what version 3 lacked is written back with its default: a run before editions graded the English copy
    assert result.to_json() == dict(JOURNAL_V3, error=None, traceback=None, language="en")


def test_totals_come_from_the_cells_not_from_what_a_journal_says():
    result = Result.from_json(dict(JOURNAL_V3, score=5.0, max_score=99.0))
    assert (result.score, result.max_score) == (2.0, 5.0)


@pytest.mark.parametrize("broken", [
    {k: v for k, v in JOURNAL_V3.items() if k != "key"},
    dict(JOURNAL_V3, surprise=1),
    dict(JOURNAL_V3, flags=[{"severity": "tamper"}]),
    dict(JOURNAL_V3, cells={"test_slope": {"score": 1.0, "max_score": 2.0, "bonus": 1}}),
])
def test_an_entry_that_is_not_a_result_is_refused_not_half_read(broken):
    with pytest.raises(JournalError):
        Result.from_json(broken)


def test_a_failed_job_has_no_score_and_keeps_what_intake_found():
    grading = job.Job("ada", "2.5-derivatives", None, problems=[{"kind": "lms-late", "message": "LATE"}])
    failed = grading.failed("the grading process died")
    assert failed.failed and failed.error == "the grading process died" and failed.key == grading.key()
    assert (failed.score, failed.max_score) == (0.0, 0.0) and failed.problems == [Problem("lms-late", "LATE")]
    assert Result.from_json(failed.to_json()) == failed


def test_a_summary_keeps_no_notebooks():
    result = Result.from_json(JOURNAL_V3)
    light = result.light()
    assert light.autograded is None and light.feedback is None and light.cells == result.cells


def test_a_flag_that_is_not_tampering_does_not_ask_for_review():
    result = Result("ada", "2.5-derivatives", "k", flags=[Flag("unusual", "cell 3", "eval", "static scan")])
    assert not result.flagged


# --------------------------------------------------------------------------- the grader's version
def _copy_of_the_grader(tmp_path):
    package = tmp_path / "grader"
    shutil.copytree(job.Path(job.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    return package


def test_a_changed_grading_source_changes_the_version_and_so_every_key(tmp_path, monkeypatch):
    package = _copy_of_the_grader(tmp_path)
    assert job.grader_version(package) == job.GRADER_VERSION
    key = job.Job("ada", "2.1-binary-classification", b"{}").key()
    for module in ("execution.py", "explain.py", "assignment.py", "a_new_module.py"):
        changed = _copy_of_the_grader(tmp_path / module)
        with open(changed / module, "a") as file:
            file.write("\n# a change\n")
        assert job.grader_version(changed) != job.GRADER_VERSION, module
    monkeypatch.setattr(job, "GRADER_VERSION", job.grader_version(changed))
    assert job.Job("ada", "2.1-binary-classification", b"{}").key() != key


def test_a_change_that_cannot_change_a_grade_keeps_the_version(tmp_path):
    package = _copy_of_the_grader(tmp_path)
    for module in ("console.py", "reports.py", "__main__.py"):
        with open(package / module, "a") as file:
            file.write("\n# a change\n")
    assert job.grader_version(package) == job.GRADER_VERSION


def test_a_fixed_check_or_a_changed_master_folder_changes_every_key_of_that_lecture(tmp_path, monkeypatch):
    lecture = "2.3-cost-function"
    utils, solutions = tmp_path / "utils", tmp_path / "solutions"
    shutil.copytree(job.COURSE_PACKAGE, utils, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(job.course.SOLUTIONS / lecture, solutions / lecture)
    now = job.course_version(lecture, utils, solutions)
    assert now == job.course_version(lecture)
    # the editor's and Python's leftovers decide nothing
    (solutions / lecture / ".ipynb_checkpoints").mkdir()
    (solutions / lecture / ".ipynb_checkpoints" / f"{lecture}-checkpoint.ipynb").write_text("{}")
    (utils / "checks" / "__pycache__").mkdir(exist_ok=True)
    (utils / "checks" / "__pycache__" / "cost_function.cpython-311.pyc").write_bytes(b"stale")
    assert job.course_version(lecture, utils, solutions) == now
    changed = []
    for path in (utils / "checks" / "cost_function.py", utils / "checks" / "messages" / "zh_CN.py",
                 solutions / lecture / "data.csv"):
        with open(path, "a") as file:
            file.write("\n# a fix\n")
        changed.append(job.course_version(lecture, utils, solutions))
    assert len({now, *changed}) == 4
    key = job.Job("ada", lecture, b"{}").key()
    monkeypatch.setattr(job, "course_version", lambda assignment_id: changed[0])
    assert job.Job("ada", lecture, b"{}").key() != key


# --------------------------------------------------------------------------- the assignment model
def test_hidden_tests_are_delimited_as_nbgrader_is_configured():
    clear = ClearHiddenTests()
    assert hidden_delimiters() == (clear.begin_test_delimeter, clear.end_test_delimeter)
    source = "check(f)\n# BEGIN HIDDEN TESTS\nassert f(2) == 4\n# END HIDDEN TESTS\n"  # another comment style
    assert split_hidden(source) == ("check(f)\npass\n", "# BEGIN HIDDEN TESTS\nassert f(2) == 4\n# END HIDDEN TESTS\n")
    assert visible_part(source) == "check(f)\n"
