"""Why a test cell lost points: a reason for the instructor and a line for the student, from nbgrader's scores and
what `execution.GraderExecute` recorded while the cell ran."""

from __future__ import annotations

from .results import CellScore
from .sandbox import Limits

Scores = dict[str, tuple[float, float]]  # grade_id -> (score, max_score), as nbgrader's gradebook holds them


def explain(autograded, executed: dict, scores: Scores, limits: Limits) -> dict[str, CellScore]:
    """The score, the instructor's reason and the student's feedback line of each test cell of `autograded`."""
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
            _why(executed.get("cells", {}).get(str(index), {}), kinds.get(index, set()), limits)
        cells[gid] = CellScore(score, max_score, reason, feedback)
    return cells


def _why(info: dict, kinds: set[str], limits: Limits) -> tuple[str, str]:
    """(reason, feedback) for a test cell that lost points; `info` is its execution record, `kinds` its events."""
    if info.get("crash"):
        return _same("the kernel died while this test ran (crash, exit or memory limit)")
    if info.get("stuck") or info.get("timeout") or "timeout" in kinds:
        return _same(f"the test did not finish within {limits.cell_timeout} s (time limit)")
    if info.get("status") == "not-run" or "budget" in kinds:
        return _same(f"not run: the notebook used up its {limits.notebook_timeout} s time budget")
    if info.get("split") and info.get("visible_error"):
        error = info["visible_error"]
        if error["ename"] == "stderr":
            return _same("the visible check wrote to stderr (nbgrader fails a test cell that writes to stderr)")
        message = error["evalue"].strip().splitlines()[0] if error["evalue"].strip() else ""
        return _same(f"visible check failed: {error['ename']}: {message}"[:500])
    if info.get("split") and info.get("hidden_error"):
        error = info["hidden_error"]
        return (f"hidden tests failed: {error['ename']}: {error['evalue'][:300]}",
                "passed the visible checks but failed the hidden tests, which use other inputs (other shapes, sizes "
                "or values)")
    error = info.get("error") or {}
    return f"test failed: {error.get('ename', '')}: {str(error.get('evalue', ''))[:300]}".strip(), "the test failed"


def _same(text: str) -> tuple[str, str]:
    return text, text
