"""Autograde notebooks with real nbgrader and read back the score of every graded cell."""

from __future__ import annotations

from pathlib import Path

import nbformat

from . import course, notebooks

Scores = dict[str, tuple[float, float]]  # grade_id -> (score, max_score)


class AutogradeError(RuntimeError):
    """nbgrader failed to autograde a submission."""


def autograde(assignment_id: str, submissions: dict[str, nbformat.NotebookNode]) -> dict[str, Scores]:
    """Autograde each student's notebook for `assignment_id`; return the scores per graded cell."""
    from nbgrader.api import Gradebook

    with course.scratch_course([assignment_id]) as api:
        root = Path(api.coursedir.root)
        generated = api.generate_assignment(assignment_id)
        if not generated["success"]:
            raise AutogradeError(f"could not generate {assignment_id}: {generated.get('error')}")
        for student_id, nb in submissions.items():
            notebooks.write(nb, root / "submitted" / student_id / assignment_id / f"{assignment_id}.ipynb")
        results: dict[str, Scores] = {}
        for student_id in submissions:
            outcome = api.autograde(assignment_id, student_id)
            if not outcome["success"]:
                raise AutogradeError(f"autograde failed for {student_id}: {outcome.get('error') or outcome.get('log')}")
        with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gradebook:
            for student_id in submissions:
                submitted = gradebook.find_submission_notebook(assignment_id, assignment_id, student_id)
                results[student_id] = {g.name: (g.score, g.max_score) for g in submitted.grades}
        return results
