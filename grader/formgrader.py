"""The course directory as nbgrader's formgrader reads it: what `autograde` writes there for a reviewer.

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

import functools
import hashlib
import json
import re
from datetime import datetime

from . import course, lateness
from .results import Result
from .store import CourseState, atomic_write

SET_ASIDE = "set_aside.json"


# --------------------------------------------------------------------------- nbgrader's layout
def nbgrader_time(timestamp: str | None) -> datetime | None:
    """A submission time as the gradebook stores it (naive UTC), read the way `export` reads it."""
    try:
        when = lateness.submission_time(timestamp)
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
    import nbformat  # here: `review` imports this module and runs without it (jsonschema takes seconds to import)

    from .assignment import answer_cells

    return tuple(answer_cells(nbformat.read(course.master_path(assignment_id), as_version=4)))


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
