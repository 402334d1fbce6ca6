"""Why a test cell lost points: a reason for the instructor (in English) and a line for the student (in the
submission's language), from nbgrader's scores and what `execution.GraderExecute` recorded while the cell ran."""

from __future__ import annotations

from .feedback_text import ENGLISH, say
from .results import CellScore
from .sandbox import Limits

Scores = dict[str, tuple[float, float]]  # grade_id -> (score, max_score), as nbgrader's gradebook holds them


def explain(autograded, executed: dict, scores: Scores, limits: Limits,
            language: str = ENGLISH) -> dict[str, CellScore]:
    """The score, the instructor's reason and the student's feedback line (in `language`) of each test cell of
    `autograded`."""
    cells = {}
    kinds: dict[int, set[str]] = {}
    for event in executed.get("events", []):
        kinds.setdefault(event["cell"], set()).add(event["kind"])
    for index, cell in enumerate(autograded.cells):
        meta = cell.metadata.get("nbgrader", {})
        gid = meta.get("grade_id")
        if not meta.get("grade") or gid not in scores:
            continue
        score, max_score = scores[gid]
        reason, feedback = ("", "") if score >= max_score else \
            _why(executed.get("cells", {}).get(str(index), {}), kinds.get(index, set()), limits, language)
        cells[gid] = CellScore(score, max_score, reason, feedback)
    return cells


def _why(info: dict, kinds: set[str], limits: Limits, language: str) -> tuple[str, str]:
    """(reason, feedback) for a test cell that lost points; `info` is its execution record, `kinds` its events."""
    if info.get("crash"):
        return both(language, "crash")
    if info.get("stuck") or info.get("timeout") or "timeout" in kinds:
        return both(language, "timeout", seconds=limits.cell_timeout)
    if info.get("status") == "not-run" or "budget" in kinds:
        return both(language, "budget", seconds=limits.notebook_timeout)
    if info.get("split") and info.get("visible_error"):
        error = info["visible_error"]
        if error["ename"] == "stderr":
            return both(language, "stderr")
        message = error["evalue"].strip().splitlines()[0] if error["evalue"].strip() else ""
        reason, feedback = both(language, "visible_failed", ename=error["ename"], message=message)
        return reason[:500], feedback[:500]
    if info.get("split") and info.get("hidden_error"):
        error = info["hidden_error"]
        return f"hidden tests failed: {error['ename']}: {error['evalue'][:300]}", say(language, "hidden_failed")
    error = info.get("error") or {}
    reason = f"test failed: {error.get('ename', '')}: {str(error.get('evalue', ''))[:300]}".strip()
    return reason, say(language, "test_failed")


def both(language: str, key: str, **fields) -> tuple[str, str]:
    """(the instructor's reason in English, the student's line in `language`) when both say the same thing."""
    return say(ENGLISH, key, **fields), say(language, key, **fields)
