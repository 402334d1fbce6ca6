"""How late each submission is, the one place a late penalty is computed, and where that goes: the results'
feedback, nbgrader's gradebook and grades.csv. Due dates and policies come from `deadlines`.

Submission times are nbgrader's `timestamp.txt`, read as nbgrader reads it (`nbgrader.utils.parse_utc`; no zone is
UTC). A submission without a timestamp is never taken as on time: it is reported as "no timestamp", without penalty.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from .deadlines import Deadline
from .feedback_text import ENGLISH, say
from .results import Result


@dataclass(frozen=True)
class Lateness:
    """How one submission stands against its lecture's due date, and its score after any penalty."""

    due: datetime | None
    submitted: datetime | None  # UTC
    policy: str
    raw_score: float
    penalty: float = 0.0

    @property
    def score(self) -> float:
        return self.raw_score - self.penalty

    @property
    def seconds_late(self) -> float | None:
        if self.due is None or self.submitted is None:
            return None
        return max(0.0, (self.submitted - self.due).total_seconds())

    @property
    def status(self) -> str:
        """"no due date", "no timestamp", "on time" or how late ("2 h 5 min")."""
        if self.due is None:
            return "no due date"
        if self.submitted is None:
            return "no timestamp"
        return duration(self.seconds_late) if self.seconds_late else "on time"

    def sentence(self, language: str = ENGLISH) -> str:
        """For the student, in `language`: 'submitted 2 h 5 min after the deadline: -2 points'."""
        if self.due is None:
            return ""
        if self.submitted is None:
            return say(language, "no_timestamp")
        if not self.seconds_late:
            return say(language, "on_time")
        cost = say(language, "minus_point" if self.penalty == 1 else "minus_points", points=self.penalty) \
            if self.penalty else say(language, "no_penalty")
        return say(language, "late", duration=duration(self.seconds_late, language), cost=cost)

    def as_dict(self, language: str = ENGLISH) -> dict:
        """Everything about it; the `summary` sentence in `language`."""
        return {"due": self.due.isoformat() if self.due else None,
                "submitted": self.submitted.isoformat() if self.submitted else None,
                "seconds_late": self.seconds_late, "status": self.status, "policy": self.policy,
                "penalty": self.penalty, "score_before_penalty": self.raw_score, "score": self.score,
                "summary": self.sentence(language)}


def duration(seconds: float, language: str = ENGLISH) -> str:
    """'2 h 5 min', '3 d 4 h', '40 s' (in `language`): the two largest units, whole units only."""
    seconds = int(seconds)
    parts = [(seconds // 86400, "days"), (seconds % 86400 // 3600, "hours"), (seconds % 3600 // 60, "minutes"),
             (seconds % 60, "seconds")]
    shown = [say(language, unit, n=value) for value, unit in parts if value]
    return " ".join(shown[:2]) if shown else say(language, "seconds", n=0)


def submission_time(timestamp: str | None) -> datetime | None:
    """A timestamp.txt text as nbgrader reads it (in UTC; no zone is UTC), or None. A numeric offset after a space
    ("... 01:04:00 +02:00"), which nbgrader's parse_utc takes for seconds or a zone name, is read as an offset."""
    if not timestamp:
        return None
    if re.search(r" [+-]\d\d:?\d\d$", timestamp.strip()):
        import dateutil.parser

        return dateutil.parser.parse(timestamp).astimezone(UTC)
    return parse_utc(timestamp).replace(tzinfo=UTC)


def parse_utc(text: str) -> datetime:
    """nbgrader.utils.parse_utc (naive UTC), without importing nbgrader: its package loads Jupyter's server, which
    takes seconds (tests/test_grader_deadlines.py holds the two to the same answers)."""
    import dateutil.parser
    import dateutil.tz

    parts = text.split(" ")
    if len(parts) == 3:
        try:
            zone = int(parts[2])
        except ValueError:
            zone = dateutil.tz.gettz(parts[2])
        when = dateutil.parser.parse(" ".join(parts[:2] + ["TZ"]), tzinfos={"TZ": zone})
    else:
        when = dateutil.parser.parse(text)
    return (when - when.utcoffset()).replace(tzinfo=None) if when.tzinfo is not None else when


def gradebook_time(when: datetime) -> str:
    """A time-zone aware time as nbgrader's gradebook stores it in SQLite: UTC without a zone, with microseconds
    (SQLAlchemy's format)."""
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def assess(deadline: Deadline | None, timestamp: str | None, score: float, max_score: float) -> Lateness:
    """The one place a late penalty is worked out (gradebook, export and feedback all use it)."""
    submitted = submission_time(timestamp)
    if deadline is None:
        return Lateness(None, submitted, "", score)
    late = Lateness(deadline.due, submitted, deadline.policy.text, score)
    if not late.seconds_late:
        return late
    return Lateness(deadline.due, submitted, deadline.policy.text, score,
                    deadline.policy.penalty(score, max_score, late.seconds_late))


def assess_all(deadlines: dict[str, Deadline], results: list[Result], scores: dict[tuple[str, str], float]) \
        -> dict[tuple[str, str], Lateness]:
    """(student, lecture) -> Lateness for every graded result; the score is the gradebook's where it has one (it
    holds manual changes), the result's otherwise."""
    out = {}
    for result in results:
        if result.failed:
            continue
        key = (result.student_id, result.assignment_id)
        score = scores.get(key, result.score)
        out[key] = assess(deadlines.get(key[1]), result.timestamp, score, result.max_score)
    return out


def record_in_gradebook(db_url: str, deadlines: dict[str, Deadline], lateness: dict[tuple[str, str], Lateness]) -> None:
    """Put the due dates and penalties in nbgrader's gradebook, so formgrader and `nbgrader export` show the same
    penalties as `export`, and the submission times as `submission_time` reads them. With a course file, its due
    dates replace the gradebook's. Written with SQLite, in one transaction: importing nbgrader takes seconds."""
    with contextlib.closing(sqlite3.connect(db_url.removeprefix("sqlite:///"), timeout=60)) as database, database:
        for (name,) in database.execute("SELECT name FROM assignment").fetchall():
            deadline = deadlines.get(name)
            database.execute("UPDATE assignment SET duedate = ? WHERE name = ?",
                             (gradebook_time(deadline.due) if deadline else None, name))
        for submission, student, lecture in database.execute(
                "SELECT sa.id, sa.student_id, a.name FROM submitted_assignment sa "
                "JOIN assignment a ON sa.assignment_id = a.id").fetchall():
            late = lateness.get((student, lecture))
            if late and late.submitted:
                database.execute("UPDATE submitted_assignment SET timestamp = ? WHERE id = ?",
                                 (gradebook_time(late.submitted), submission))
            database.execute("UPDATE submitted_notebook SET late_submission_penalty = ? WHERE assignment_id = ?",
                             (late.penalty if late and late.penalty else None, submission))


def with_lateness(result: Result, deadlines: dict[str, Deadline]) -> Result:
    """The result with its `late` assessment and, if the lecture has a due date, a feedback notebook whose summary
    says it (the feedback page's score line)."""
    import dataclasses

    import nbformat

    from .feedback_notebook import job_title, summary_markdown

    late = assess(deadlines.get(result.assignment_id), result.timestamp, result.score, result.max_score)
    if late.due is None:
        return result
    result = dataclasses.replace(result, late=late.as_dict(result.language))
    nb = nbformat.reads(result.feedback or "", as_version=4)
    if not nb.cells or not nb.cells[0].source.startswith(f"# {job_title(result)}"):
        raise RuntimeError("the feedback notebook has no summary cell to put the late penalty in")
    nb.cells[0].source = summary_markdown(result)
    result.feedback = nbformat.writes(nb)
    return result


def csv_header(deadlines: dict[str, Deadline], lectures: list[str]) -> list[str]:
    """grades.csv's columns for the `lectures` with a due date (after the others, which keep their place)."""
    return [f"{lecture} {what}" for lecture in lectures if lecture in deadlines
            for what in ("submitted", "late", "penalty")]


def csv_cells(deadlines: dict[str, Deadline], lateness: dict[tuple[str, str], Lateness], student: str,
              lectures: list[str]) -> list[str]:
    """A student's cells under `csv_header`: submission time (UTC), how late ("on time", "2 h 5 min",
    "no timestamp") and the points taken; empty where nothing was graded."""
    cells = []
    for lecture in lectures:
        if lecture not in deadlines:
            continue
        late = lateness.get((student, lecture))
        if late is None:
            cells += ["", "", ""]
        else:
            submitted = late.submitted.strftime("%Y-%m-%d %H:%M:%S UTC") if late.submitted else ""
            cells += [submitted, late.status, f"{late.penalty:g}"]
    return cells
