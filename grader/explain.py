"""Why a test cell lost points: a reason for the instructor (in English) and a line for the student (in the
submission's language), from nbgrader's scores and what `execution.GraderExecute` recorded while the cell ran."""

from __future__ import annotations

from .feedback_text import ENGLISH, say
from .record import CellRun, ExecutionRecord
from .results import CellScore
from .sandbox import Limits

Scores = dict[str, tuple[float, float]]  # grade_id -> (score, max_score), as nbgrader's gradebook holds them


def explain(autograded, executed: ExecutionRecord, scores: Scores, limits: Limits,
            language: str = ENGLISH) -> dict[str, CellScore]:
    """The score, the instructor's reason and the student's feedback line (in `language`) of each test cell of
    `autograded`."""
    cells = {}
    kinds: dict[int, set[str]] = {}
    for event in executed.events:
        kinds.setdefault(event.cell, set()).add(event.kind)
    for index, cell in enumerate(autograded.cells):
        meta = cell.metadata.get("nbgrader", {})
        gid = meta.get("grade_id")
        if not meta.get("grade") or gid not in scores:
            continue
        score, max_score = scores[gid]
        reason, feedback = ("", "") if score >= max_score else \
            _why(executed.cells.get(index, CellRun()), kinds.get(index, set()), limits, language)
        cells[gid] = CellScore(score, max_score, reason, feedback)
    return cells


def _why(run: CellRun, kinds: set[str], limits: Limits, language: str) -> tuple[str, str]:
    """(reason, feedback) for a test cell that lost points; `run` is how it ran, `kinds` its events."""
    if run.crash:
        return both(language, "crash")
    if run.stuck or run.timeout or "timeout" in kinds:
        return both(language, "timeout", seconds=limits.cell_timeout)
    if run.status == "not-run" or "budget" in kinds:
        return both(language, "budget", seconds=limits.notebook_timeout)
    if run.split and run.visible_error:
        error = run.visible_error
        if error.ename == "stderr":
            return both(language, "stderr")
        message = error.evalue.strip().splitlines()[0] if error.evalue.strip() else ""
        reason, feedback = both(language, "visible_failed", ename=error.ename, message=message)
        return reason[:500], feedback[:500]
    if run.split and run.hidden_error:
        error = run.hidden_error
        return f"hidden tests failed: {error.ename}: {error.evalue[:300]}", say(language, "hidden_failed")
    ename, evalue = (run.error.ename, run.error.evalue) if run.error else ("", "")
    return f"test failed: {ename}: {evalue[:300]}".strip(), say(language, "test_failed")


def both(language: str, key: str, **fields) -> tuple[str, str]:
    """(the instructor's reason in English, the student's line in `language`) when both say the same thing."""
    return say(ENGLISH, key, **fields), say(language, key, **fields)
