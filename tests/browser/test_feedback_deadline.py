"""The late-work line of a feedback page as a student sees it in Chromium: the score after the penalty, how late the
work came in and what it cost, as plain words (no markdown or tags showing). Built from a result as `autograde`
stores it, so no kernel runs; tests/test_grader_deadlines.py covers the same line through the real CLI."""

from __future__ import annotations

import nbformat
import pytest

from grader import deadlines, lateness, reports
from grader.feedback_notebook import summary_markdown
from grader.results import Result

pytestmark = pytest.mark.browser

LECTURE = "2.7-computation-graph"
COURSE_FILE = f'["{LECTURE}"]\ndue = "2026-10-12 23:59 Europe/Berlin"\nlate = "subtract 1 point per hour"\n'


def stored_result(timestamp: str | None) -> Result:
    """A full-marks result of LECTURE whose feedback notebook is its summary, as `grade_one` writes it."""
    result = Result.from_json({
        "student_id": "ada", "assignment_id": LECTURE, "key": "", "notebook": LECTURE, "timestamp": timestamp,
        "status": "graded", "problems": [], "score": 5.0, "max_score": 5.0,
        "cells": {"test_forward": {"score": 2.0, "max_score": 2.0, "feedback": ""},
                  "test_Value": {"score": 3.0, "max_score": 3.0, "feedback": ""}}})
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell(summary_markdown(result)))
    result.feedback = nbformat.writes(nb)
    return result


@pytest.mark.parametrize("timestamp, line", [
    ("2026-10-13 00:04:00.000000 UTC",
     "Score: 2 / 5 (submitted 2 h 5 min after the deadline: -3 points; 5 before the penalty)"),
    ("2026-10-12 21:00:00.000000 UTC", "Score: 5 / 5 (submitted on time)"),
    (None, "Score: 5 / 5 (no submission time was recorded: no late penalty applied)"),
])
def test_the_score_line_says_when_work_came_in_and_what_it_cost(browser, tmp_path, timestamp, line):
    (tmp_path / "deadlines.toml").write_text(COURSE_FILE)
    result = lateness.with_lateness(stored_result(timestamp), deadlines.load(tmp_path))
    page_file = tmp_path / "feedback.html"
    page_file.write_text(reports.render_feedback(result), encoding="utf-8")
    page = browser.new_page()
    try:
        page.goto(page_file.as_uri(), wait_until="load")
        text = page.evaluate("() => document.body.innerText")
        assert line in text
        assert page.locator("strong", has_text="Score:").inner_text().startswith(line.split(" (")[0])
        assert "**" not in text and "&lt;" not in text and "\\" not in text
    finally:
        page.close()
