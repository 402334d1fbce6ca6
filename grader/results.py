"""The result of grading one submission, typed: `Result` with its `CellScore`s, `Problem`s, `Flag`s and `Event`s.

One serialisation, `Result.to_json()` / `Result.from_json()`, is the journal's format (`results/<lecture>/<id>.json`).
It is the format GRADER_VERSION 3 wrote, so older journals load as they are; their keys no longer match (the grader
version is now derived from the grader's source, `job.GRADER_VERSION`), so `autograde` regrades them, while `feedback`
and `export` read them as they stand. Totals are worked out once, from the cells (`score`, `max_score`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

GRADED, FAILED = "graded", "failed"
TROUBLE_EVENTS = ("crash", "timeout", "stuck", "budget", "output-capped")  # events that cost a submission points


class JournalError(ValueError):
    """A journal entry that is not a result (a key missing or unknown)."""


def _build(cls, data: dict[str, Any], **converted):
    names = {f.name for f in fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise JournalError(f"{cls.__name__}: unknown key(s) {', '.join(unknown)}")
    try:
        return cls(**{**data, **converted})
    except TypeError as error:
        raise JournalError(f"{cls.__name__}: {error}") from None


@dataclass(frozen=True)
class CellScore:
    """A test cell's score, the reason for lost points (instructor) and the line the student reads."""

    score: float
    max_score: float
    reason: str = ""
    feedback: str = ""

    @property
    def lost(self) -> float:
        return self.max_score - self.score


@dataclass(frozen=True)
class Problem:
    """Something wrong with the submission itself (unreadable, an edited locked cell, a renamed file, ...)."""

    kind: str
    message: str
    grade_id: str | None = None

    def to_json(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(frozen=True)
class Flag:
    """Possible tampering (`severity` "tamper": a person should look) or merely unusual code."""

    severity: str
    where: str
    what: str
    detector: str

    @property
    def tampering(self) -> bool:
        return self.severity == "tamper"


@dataclass(frozen=True)
class Event:
    """What happened while a cell ran: a timeout, a crash, a restart, capped output, the time budget used up."""

    cell: int
    grade_id: str | None
    kind: str
    message: str

    @property
    def costly(self) -> bool:
        return self.kind in TROUBLE_EVENTS


@dataclass
class Result:
    """One submission, graded (`status` "graded") or not (`status` "failed", with `error`)."""

    student_id: str
    assignment_id: str
    key: str
    status: str = GRADED
    notebook: str = ""
    source: str = ""
    timestamp: str | None = None
    grader_version: str = ""
    language: str = "en"  # the submission's edition (feedback_text.language_of): its feedback is written in it
    cells: dict[str, CellScore] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    protection: dict | None = None
    error: str | None = None
    traceback: str | None = None
    seconds: float | None = None
    kernel_starts: int | None = None
    autograded: str | None = None  # the autograded notebook (hidden tests included: instructor only)
    feedback: str | None = None  # the student's feedback notebook
    late: dict | None = None  # set at feedback time from the course's deadlines, never journalled

    @property
    def score(self) -> float:
        return sum(c.score for c in self.cells.values())

    @property
    def max_score(self) -> float:
        return sum(c.max_score for c in self.cells.values())

    @property
    def failed(self) -> bool:
        return self.status == FAILED

    @property
    def flagged(self) -> bool:
        """Needs a person's review: some flag is tampering, not merely unusual code."""
        return any(f.tampering for f in self.flags)

    @property
    def costly_events(self) -> list[Event]:
        return [e for e in self.events if e.costly]

    @property
    def weaker_protection(self) -> bool:
        return (self.protection or {}).get("kind") == "rlimits"

    def light(self) -> Result:
        """Without the notebooks and the traceback (what a batch's summary keeps)."""
        return replace(self, autograded=None, feedback=None, traceback=None)

    def to_json(self) -> dict:
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "late"}
        data["cells"] = {gid: asdict(cell) for gid, cell in self.cells.items()}
        data["problems"] = [p.to_json() for p in self.problems]
        data["flags"] = [asdict(f) for f in self.flags]
        data["events"] = [asdict(e) for e in self.events]
        data["score"], data["max_score"] = self.score, self.max_score  # for readers of the JSON alone
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Result:
        """A journal entry (or a Dask worker's answer) as a Result; JournalError if it is not one."""
        data = {k: v for k, v in data.items() if k not in ("score", "max_score")}  # worked out from the cells
        return _build(cls, data,
                      cells={gid: _build(CellScore, c) for gid, c in data.get("cells", {}).items()},
                      problems=[_build(Problem, p) for p in data.get("problems", [])],
                      flags=[_build(Flag, f) for f in data.get("flags", [])],
                      events=[_build(Event, e) for e in data.get("events", [])])
