"""Review of flagged and doubtful work: what a person must look at, and what they see in nbgrader's formgrader.

Formgrader reads the course directory as nbgrader keeps it. `autograde` therefore keeps, beside the gradebook:

    submitted/<student>/<lecture>/<lecture>.ipynb   the notebook as the student sent it (formgrader counts these)
    submitted/<student>/<lecture>/timestamp.txt     its submission time, as the gradebook holds it (formgrader shows a
                                                    submission as graded only when the two agree)
    set_aside.json                                  a reviewer's scores and comments on work the student has since
                                                    replaced (never deleted; `review` lists the submission again)

Each recorded result writes its reasons into the gradebook's comments (`Comment.auto_comment`, the grey text under
each answer cell in formgrader): every lost point with its reason under the answer its test checks, every tampering
flag under the answer it was found in, and what concerns the whole notebook (flags elsewhere, problems, crashes)
under the first answer. A reviewer's changes (manual score, extra credit, comment, flag, resolved) stay while the
student's work is the same: re-running `autograde`, even a regrade forced by a new grader version or `--force`,
changes only the automatic scores and comments. When the student's work changed (a new submission), they were made
for other work: they are moved to set_aside.json and the submission's cells are marked as needing a manual grade.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from . import course, deadlines
from .feedback_text import say, score_line_grade_id
from .results import CellScore, Result
from .store import CourseState, atomic_write, holds_gradebook

SET_ASIDE = "set_aside.json"


# --------------------------------------------------------------------------- nbgrader's layout
def nbgrader_time(timestamp: str | None) -> datetime | None:
    """A submission time as the gradebook stores it (naive UTC), read the way `export` reads it."""
    try:
        when = deadlines.submission_time(timestamp)
    except (ValueError, OverflowError):
        return None
    return when.replace(tzinfo=None) if when else None


def keep_submissions(state: CourseState, submissions) -> None:
    """submitted/<student>/<lecture>/ for each intake.Submission with a notebook: the bytes the student sent and
    their timestamp.txt (removed when the submission has none), as `nbgrader collect` leaves them."""
    for submission in submissions:
        if submission.content is None:
            continue
        folder = state.root / "submitted" / submission.student_id / submission.assignment_id
        target = folder / f"{submission.assignment_id}.ipynb"
        if not target.is_file() or target.read_bytes() != submission.content:
            atomic_write(target, submission.content)
        when = nbgrader_time(submission.timestamp)
        stamp = folder / "timestamp.txt"
        if when is None:
            stamp.unlink(missing_ok=True)
        else:
            atomic_write(stamp, when.strftime("%Y-%m-%d %H:%M:%S.%f UTC").encode())


# --------------------------------------------------------------------------- the gradebook's comments
@functools.cache
def answer_names(assignment_id: str) -> tuple[str, ...]:
    """The answer cells (nbgrader solution cells) of a lecture, in notebook order."""
    import nbformat  # here: `review` lists what needs a person without it (jsonschema takes seconds to import)

    nb = nbformat.read(course.master_path(assignment_id), as_version=4)
    return tuple(cell.metadata.nbgrader["grade_id"] for cell in nb.cells
                 if cell.metadata.get("nbgrader", {}).get("solution") and not cell.metadata.nbgrader.get("grade"))


def owner(test_id: str, answers: tuple[str, ...]) -> str | None:
    """The answer a test cell checks: `test_f` or `test_f_*` checks `f` (the longest such name)."""
    matches = [name for name in answers if test_id == f"test_{name}" or test_id.startswith(f"test_{name}_")]
    return max(matches, key=len) if matches else None


def _flag_place(where: str, answers: tuple[str, ...]) -> str | None:
    """The answer a flag was found in: "cell 26 (normalize_pixels), line 1" or "before test_normalize_pixels"."""
    found = re.search(r"\(([^)]*)\)", where) or re.fullmatch(r"before (\S+)", where)
    if not found:
        return None
    name = found[1]
    return name if name in answers else owner(name, answers)


def comments(result: Result) -> dict[str, str]:
    """Answer cell -> the reviewer's note on it: lost points with their reasons, flags, and (under the first
    answer) what concerns the whole notebook."""
    answers = answer_names(result.assignment_id)
    notes: dict[str, list[str]] = {name: [] for name in answers}
    whole: list[str] = []
    for gid, cell in result.cells.items():
        if cell.lost > 0:
            line = f"{gid}: {cell.score:g} / {cell.max_score:g}: {cell.reason or 'lost points'}"
            notes.get(owner(gid, answers) or "", whole).append(line)
    for flag in result.flags:
        label = "FLAGGED for review" if flag.tampering else "unusual code"
        notes.get(_flag_place(flag.where, answers) or "", whole).append(f"{label}: {flag.where}: {flag.what} "
                                                                  f"({flag.detector})")
    whole += [f"problem: {p.message}" for p in result.problems]
    whole += [f"{e.kind}: {e.message}" for e in result.costly_events]
    if whole and answers:
        notes[answers[0]] = ["Whole notebook:", *whole, *(["This answer:"] if notes[answers[0]] else []),
                             *notes[answers[0]]]
    return {name: "\n".join(lines) for name, lines in notes.items() if lines}


def work_fingerprint(autograded: str | None) -> str:
    """What the student wrote in an autograded notebook: every cell nbgrader does not lock (locked cells come from
    the master), sources only. "none" where no notebook was graded."""
    import nbformat

    if autograded is None:
        return "none"
    nb = nbformat.reads(autograded, as_version=4)
    digest = hashlib.sha256()
    for cell in nb.cells:
        if not cell.metadata.get("nbgrader", {}).get("locked"):
            digest.update(cell.cell_type.encode() + b"\0" + cell.source.encode() + b"\0")
    return digest.hexdigest()


def record_in_gradebook(state: CourseState, notebook, result: Result) -> None:
    """Write one result's automatic part into its gradebook notebook (nbgrader's SubmittedNotebook, in the open
    session; the caller commits): automatic scores, the comments, the flag, the submission time; and keep the
    reviewer's changes while the student's work is the same (module docstring). Call it before the autograded
    notebook of `result` replaces the one on disk: that one is the work the gradebook's scores were given for."""
    graded = state.root / "autograded" / result.student_id / result.assignment_id / f"{result.notebook}.ipynb"
    before = work_fingerprint(graded.read_text(encoding="utf-8")) if graded.is_file() else "none"
    recorded = any(grade.auto_score is not None for grade in notebook.grades)
    same_work = recorded and before == work_fingerprint(result.autograded)
    flagged = result.flagged
    set_aside = False if same_work else _set_aside(state, notebook, result)
    if not same_work:
        notebook.flagged = flagged
    elif flagged and not any("FLAGGED" in (c.auto_comment or "") for c in notebook.comments):
        notebook.flagged = True  # the same work, newly flagged (a detector added since): a person looks again
        for grade in notebook.grades:
            grade.needs_manual_grade = True
    for grade in notebook.grades:
        cell = result.cells.get(grade.name)
        grade.auto_score = cell.score if cell else 0.0
        if not same_work:
            grade.manual_score = grade.extra_credit = None
            grade.needs_manual_grade = flagged or set_aside
    notes = comments(result)
    for comment in notebook.comments:
        comment.auto_comment = notes.get(comment.name)
        if not same_work:
            comment.manual_comment = None
    notebook.assignment.timestamp = nbgrader_time(result.timestamp)
    if result.autograded is None:  # a zero without a notebook: formgrader must not show older work
        graded.unlink(missing_ok=True)


def _set_aside(state: CourseState, notebook, result: Result) -> bool:
    """Move the reviewer's scores and comments on replaced work to set_aside.json; whether there were any."""
    scores = {g.name: {"manual_score": g.manual_score, "extra_credit": g.extra_credit} for g in notebook.grades
              if g.manual_score is not None or g.extra_credit is not None}
    notes = {c.name: c.manual_comment for c in notebook.comments if c.manual_comment}
    if not scores and not notes:
        return False
    path = state.root / SET_ASIDE
    kept = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []
    kept.append({"student_id": result.student_id, "assignment_id": result.assignment_id,
                 "set_aside": datetime.now().astimezone().isoformat(timespec="seconds"),
                 "why": "the student's work changed (a new submission): these were given for the earlier one",
                 "scores": scores, "comments": notes})
    atomic_write(path, json.dumps(kept, indent=1, sort_keys=True).encode("utf-8"))
    return True


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


def _read_only(state: CourseState):
    return contextlib.closing(sqlite3.connect(f"file:{state.db_path}?mode=ro", uri=True))


# a submitted notebook `sn`'s submission `sa` (its student_id) and lecture `a` (its name)
OF_NOTEBOOK = " JOIN submitted_assignment sa ON sn.assignment_id = sa.id JOIN assignment a ON sa.assignment_id = a.id "


def gradebook_scores(state: CourseState) -> dict[tuple[str, str], float]:
    """(student, lecture) -> the submission's score as nbgrader works it out (`SubmittedAssignment.score`: each
    cell's manual score, else its automatic one, plus extra credit), read with SQLite: importing nbgrader takes
    seconds."""
    if not holds_gradebook(state.db_path):
        return {}
    with _read_only(state) as db:
        rows = db.execute(
            "SELECT sa.student_id, a.name, coalesce(sum(CASE WHEN g.manual_score IS NOT NULL THEN g.manual_score "
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
    if not holds_gradebook(state.db_path):
        return scores, notes
    with _read_only(state) as db:
        for student, lecture, cell, auto, manual, extra in db.execute(
                "SELECT sa.student_id, a.name, bc.name, g.auto_score, g.manual_score, g.extra_credit FROM grade g "
                "JOIN base_cell bc ON g.cell_id = bc.id JOIN submitted_notebook sn ON g.notebook_id = sn.id"
                + OF_NOTEBOOK + "WHERE g.manual_score IS NOT NULL OR g.extra_credit IS NOT NULL"):
            scores.setdefault((student, lecture), {})[cell] = Change(auto, manual, extra)
        for student, lecture, cell, text in db.execute(
                "SELECT sa.student_id, a.name, bc.name, c.manual_comment FROM comment c "
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
    if not holds_gradebook(state.db_path):
        return {}
    with _read_only(state) as db:
        rows = db.execute(
            "SELECT sa.student_id, a.name, sn.id, sn.flagged, "
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
