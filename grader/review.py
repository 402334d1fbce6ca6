"""Review of flagged and doubtful work, read from the gradebook as reviewers leave it in formgrader: what a person
must look at (`needs_a_person`, the `review` command), the score nbgrader gives each submission, and each reviewer's
changes (scores, extra credit, comments) as the student then reads them. What `autograde` writes for formgrader is
`grader/formgrader.py`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sqlite3
from dataclasses import dataclass

from .feedback_text import say, score_line_grade_id
from .formgrader import SET_ASIDE
from .results import CellScore, Result
from .store import CourseState, holds_gradebook


# --------------------------------------------------------------------------- the reviewer's changes, for students
@dataclass(frozen=True)
class Change:
    """A reviewer's change to one test cell's score, from the gradebook."""

    auto_score: float | None
    manual_score: float | None
    extra_credit: float | None

    @property
    def score(self) -> float:
        base = self.manual_score if self.manual_score is not None else self.auto_score or 0.0
        return base + (self.extra_credit or 0.0)


def _gradebook_rows(state: CourseState, query: str) -> list[tuple]:
    """The rows of `query`, run read-only on the gradebook; none before nbgrader has made one."""
    if not holds_gradebook(state.db_path):
        return []
    with contextlib.closing(sqlite3.connect(f"file:{state.db_path}?mode=ro", uri=True)) as db:
        return db.execute(query).fetchall()


# a submitted notebook `sn`'s submission `sa` (its student_id) and lecture `a` (its name)
OF_NOTEBOOK = " JOIN submitted_assignment sa ON sn.assignment_id = sa.id JOIN assignment a ON sa.assignment_id = a.id "


def gradebook_scores(state: CourseState) -> dict[tuple[str, str], float]:
    """(student, lecture) -> the submission's score as nbgrader works it out (`SubmittedAssignment.score`: each
    cell's manual score, else its automatic one, plus extra credit), read with SQLite: importing nbgrader takes
    seconds."""
    rows = _gradebook_rows(
        state, "SELECT sa.student_id, a.name, coalesce(sum(CASE WHEN g.manual_score IS NOT NULL THEN g.manual_score "
        "+ coalesce(g.extra_credit, 0.0) WHEN g.auto_score IS NOT NULL THEN g.auto_score + "
        "coalesce(g.extra_credit, 0.0) ELSE 0.0 END), 0.0) FROM submitted_assignment sa "
        "JOIN assignment a ON sa.assignment_id = a.id LEFT JOIN submitted_notebook sn ON sn.assignment_id = sa.id "
        "LEFT JOIN grade g ON g.notebook_id = sn.id GROUP BY sa.id")
    return {(student, lecture): float(score) for student, lecture, score in rows}


def reviewer_changes(state: CourseState) -> tuple[dict, dict]:
    """From the gradebook: ({(student, lecture): {test cell: Change}}, {(student, lecture): {answer: comment}}),
    only where a reviewer changed something."""
    scores: dict = {}
    notes: dict = {}
    for student, lecture, cell, auto, manual, extra in _gradebook_rows(
            state, "SELECT sa.student_id, a.name, bc.name, g.auto_score, g.manual_score, g.extra_credit FROM grade g "
            "JOIN base_cell bc ON g.cell_id = bc.id JOIN submitted_notebook sn ON g.notebook_id = sn.id"
            + OF_NOTEBOOK + "WHERE g.manual_score IS NOT NULL OR g.extra_credit IS NOT NULL"):
        scores.setdefault((student, lecture), {})[cell] = Change(auto, manual, extra)
    for student, lecture, cell, text in _gradebook_rows(
            state, "SELECT sa.student_id, a.name, bc.name, c.manual_comment FROM comment c "
            "JOIN base_cell bc ON c.cell_id = bc.id JOIN submitted_notebook sn ON c.notebook_id = sn.id"
            + OF_NOTEBOOK + "WHERE c.manual_comment IS NOT NULL AND trim(c.manual_comment) != ''"):
        notes.setdefault((student, lecture), {})[cell] = text
    return scores, notes


def with_reviewer_changes(result: Result, changes: tuple[dict, dict]) -> Result:
    """The result as its student should read it: a test cell a reviewer scored carries that score (with extra
    credit) and says so, the total follows, and the reviewer's comments come after the summary. `result` itself
    when no reviewer changed anything."""
    import nbformat

    from .feedback_notebook import plain, score_line, summary_markdown

    key = (result.student_id, result.assignment_id)
    scores = {gid: change for gid, change in changes[0].get(key, {}).items() if gid in result.cells}
    notes = changes[1].get(key, {})
    if not scores and not notes or result.failed:
        return result
    cells = dict(result.cells)
    for gid, change in scores.items():
        said = say(result.language, "reviewed_extra" if change.extra_credit else "reviewed",
                   auto_score=change.auto_score or 0, extra_credit=change.extra_credit or 0)
        cells[gid] = CellScore(change.score, cells[gid].max_score, cells[gid].reason, said)
    result = dataclasses.replace(result, cells=cells)
    if not result.feedback:
        return result
    nb = nbformat.reads(result.feedback, as_version=4)
    nb.cells[0].source = summary_markdown(result)
    for cell in nb.cells:
        for index, output in enumerate(cell.get("outputs", [])):
            gid = score_line_grade_id(output.get("text", ""))
            if gid is not None and gid in scores:
                cell.outputs[index] = score_line(gid, result)
    if notes:
        lines = [f"- `{name}`: {plain(text)}" for name, text in notes.items()]
        heading = say(result.language, "comments")
        nb.cells.insert(1, nbformat.v4.new_markdown_cell("\n".join([heading, "", *lines])))
    result.feedback = nbformat.writes(nb)
    return result


# --------------------------------------------------------------------------- what needs a person
@dataclass
class Item:
    """One thing for a person: what it is, about whom, and where to look."""

    kind: str  # flagged | to-grade | failed | not-graded | problems (for information only)
    student_id: str
    assignment_id: str
    what: str
    where: list[str]

    @property
    def needs_a_person(self) -> bool:
        return self.kind != "problems"


def _formgrader_rows(state: CourseState) -> dict[tuple[str, str], tuple[str, bool, int]]:
    """(student, lecture) -> (submitted notebook id, flagged, cells needing a manual grade), from the gradebook."""
    rows = _gradebook_rows(
        state, "SELECT sa.student_id, a.name, sn.id, sn.flagged, "
        "(SELECT count(*) FROM grade g WHERE g.notebook_id = sn.id AND g.needs_manual_grade) "
        "FROM submitted_notebook sn" + OF_NOTEBOOK)
    return {(student, lecture): (nid, bool(flagged), pending) for student, lecture, nid, flagged, pending in rows}


def needs_a_person(state: CourseState) -> list[Item]:
    """Flagged or unresolved submissions (from the gradebook, as a reviewer left it), results that failed to grade,
    inputs left out at intake; and, for information, submissions graded with problems."""
    rows = _formgrader_rows(state)
    set_aside = _set_aside_entries(state)
    items = []
    for result in state.all_results():
        key = (result.student_id, result.assignment_id)
        journal = f"journal: {state.result_path(result.assignment_id, result.student_id).relative_to(state.root)}"
        if result.failed:
            error = (result.error or "").strip().splitlines()
            items.append(Item("failed", *key, error[0][:300] if error else "failed to grade", [journal]))
            continue
        where = _places(state, result, rows.get(key)) + [journal]
        _, flagged, pending = rows.get(key, ("", False, 0))
        if flagged or pending:
            whats = sorted({f.what for f in result.flags if f.tampering})
            now = ["flagged"] * flagged + [f"{pending} cell(s) to grade or resolve"] * bool(pending)
            why = "; ".join(whats) or ("scores set aside: the work changed after a review" if key in set_aside
                                       else "flagged in formgrader")
            items.append(Item("flagged" if flagged else "to-grade", *key, f"{', '.join(now)}: {why}", where))
        incidents = [p.message for p in result.problems] + \
            [f"{e.kind} in {e.grade_id or 'cell ' + str(e.cell)}" for e in result.costly_events]
        if incidents:
            items.append(Item("problems", *key, "; ".join(incidents)[:300], where))
    for skipped in state.skipped():
        items.append(Item("not-graded", skipped.get("student", ""), skipped.get("assignment", ""),
                          skipped["message"][:300], [f"input: {skipped['source']}" +
                                                     (f" ({skipped['path']})" if skipped.get("path") else "")]))
    return items


def _places(state: CourseState, result: Result, row) -> list[str]:
    """Where to look at a graded submission: formgrader (if it can show it) and the feedback page."""
    places = []
    if row and (state.root / "autograded" / result.student_id / result.assignment_id /
                f"{result.notebook}.ipynb").is_file():
        places.append(f"formgrader: /formgrader/submissions/{row[0]}/")
    page = state.root / "feedback" / result.student_id / result.assignment_id / f"{result.notebook}.html"
    places.append(f"feedback: {page.relative_to(state.root)}" + ("" if page.is_file() else " (run `feedback`)"))
    return places


def _set_aside_entries(state: CourseState) -> set[tuple[str, str]]:
    path = state.root / SET_ASIDE
    entries = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []
    return {(e["student_id"], e["assignment_id"]) for e in entries}


HEADINGS = {
    "flagged": "flagged for review (possible tampering; unflag in formgrader with Ctrl-Shift-F once reviewed)",
    "to-grade": "cells to grade or resolve in formgrader",
    "failed": "failed to grade (fix the cause, then run autograde again)",
    "not-graded": "inputs not graded (each is a zero in the export until resolved)",
    "problems": "graded as far as possible, with problems (for information)",
}


def report(state: CourseState, items: list[Item]) -> list[str]:
    """The `review` command's lines."""
    lines = [f"review of {state.root}"]
    for kind, heading in HEADINGS.items():
        chosen = [item for item in items if item.kind == kind]
        if not chosen:
            continue
        lines.append(f"{heading}: {len(chosen)}")
        for item in chosen:
            who = " / ".join(part for part in (item.student_id, item.assignment_id) if part) or "(unknown student)"
            lines.append(f"  {who}: {item.what}")
            lines += [f"      {place}" for place in item.where]
    count = sum(item.needs_a_person for item in items)
    if any(item.kind in ("flagged", "to-grade") for item in items):
        lines.append(f"formgrader: cd {state.root} && jupyter lab, then Nbgrader > Formgrader (the paths above "
                     "follow the server's address)")
    lines.append(f"{count} item(s) need a person" if count else "nothing needs a person")
    return lines
