"""Due dates and late policies: the course file `COURSE/deadlines.toml`, or nbgrader's own due dates and policy.

    late = "none"                                  # optional: the policy of every lecture that names none
    ["2.5-derivatives"]                            # one table per lecture id; a lecture not listed has no due date
    due = "2026-10-12 23:59 Europe/Berlin"         # or 2026-10-12T23:59:00+02:00; a time zone is required
    late = "subtract 1 point per hour"             # none | zero | subtract N point(s) | N% per [N] minute/hour/day/week

Policies follow nbgrader's `LateSubmissionPlugin`: `none` records how late work was and takes nothing, `zero` makes
late work score 0, `subtract` takes N points (or N % of the lecture's maximum) per period late, each period begun
counting whole. A penalty never takes a score below 0 (as nbgrader's `AssignLatePenalties` clamps it). Where the file
names no policy, `c.LateSubmissionPlugin.penalty_method` from `COURSE/nbgrader_config.py` applies, as in nbgrader.
Without the file, nbgrader's own due dates apply (in the gradebook: formgrader, `nbgrader db assignment add
--duedate`); with it, its due dates replace those (an empty file clears them). `lateness` measures submissions
against them.
"""

from __future__ import annotations

import contextlib
import math
import re
import sqlite3
import tomllib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import course
from .store import holds_gradebook

FILE_NAME = "deadlines.toml"
PERIODS = {"minute": 60, "hour": 3600, "day": 86400, "week": 7 * 86400}
SUBTRACT = re.compile(r"subtract\s+(?P<amount>\d+(?:\.\d+)?)\s*(?P<unit>points?|%)\s+per\s+"
                      r"(?:(?P<count>\d+)\s+)?(?P<period>minute|hour|day|week)s?")
ISO_TIME = re.compile(r"(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d(?::\d\d(?:\.\d+)?)?)\s*(Z|[+-]\d\d:?\d\d)?")
POLICY_HELP = "none, zero, or subtract N point(s) / N% per [N] minute / hour / day / week"


class DeadlineError(ValueError):
    """The course file cannot be used; the message names the file and the line."""


@dataclass(frozen=True)
class Policy:
    text: str  # as the instructor wrote it
    kind: str = "none"  # none | zero | subtract | plugin (nbgrader_config.py's own class: refused where it applies)
    amount: float = 0.0  # points, or percent of the lecture's maximum when `percent`
    percent: bool = False
    period: int = 3600  # seconds

    def penalty(self, score: float, max_score: float, seconds_late: float) -> float:
        """Points taken from `score` for work `seconds_late` late: never more than the score itself."""
        if seconds_late <= 0 or self.kind == "none":
            return 0.0
        if self.kind == "zero":
            return max(score, 0.0)
        per_period = self.amount * max_score / 100 if self.percent else self.amount
        return round(max(0.0, min(math.ceil(seconds_late / self.period) * per_period, score)), 6)


@dataclass(frozen=True)
class Deadline:
    lecture: str
    due: datetime  # time-zone aware
    policy: Policy


def load(course_dir: Path) -> dict[str, Deadline]:
    """The due dates of `course_dir/deadlines.toml` by lecture id. Without the file, nbgrader's own: the due dates in
    the gradebook (formgrader, `nbgrader db assignment add --duedate`) with nbgrader_config.py's policy. Raises
    DeadlineError."""
    path = Path(course_dir) / FILE_NAME
    default = _nbgrader_policy(Path(course_dir))
    if not path.exists():
        return _runnable({lecture: Deadline(lecture, due, default)
                          for lecture, due in _gradebook_due_dates(Path(course_dir))}, path)
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DeadlineError(f"{path}: {error}") from None
    lines = text.splitlines()

    def fail(message: str, *keys: str) -> DeadlineError:
        line = _line_of(lines, keys)
        return DeadlineError(f"{path}{f', line {line}' if line else ''}: {message}")

    known = course.assignments()
    if "late" in data and not isinstance(data["late"], dict):
        default = _policy(data.pop("late"), lambda message: fail(message, "late"))
    deadlines = {}
    for lecture, table in data.items():
        if lecture == "due":
            raise fail("due = ... outside a lecture: put its table, [\"<lecture id>\"], on a line above", lecture)
        if lecture not in known:
            raise fail(f"unknown lecture {lecture!r} (known: {', '.join(known)})", lecture)
        if not isinstance(table, dict):
            raise fail(f"{lecture!r} must be a table: [\"{lecture}\"] then due = ... and late = ...", lecture)
        extra = sorted(set(table) - {"due", "late"})
        if extra:
            raise fail(f"{lecture}: unknown key {extra[0]!r} (a lecture has due and late)", lecture, extra[0])
        if "due" not in table:
            raise fail(f"{lecture}: a late policy without a due date", lecture)
        due = _due(table["due"], lambda message, lecture=lecture: fail(f"{lecture}: {message}", lecture, "due"))
        policy = _policy(table["late"], lambda message, lecture=lecture: fail(f"{lecture}: {message}", lecture,
                                                                               "late")) if "late" in table else default
        deadlines[lecture] = Deadline(lecture, due, policy)
    return _runnable(deadlines, path)


def _runnable(deadlines: dict[str, Deadline], path: Path) -> dict[str, Deadline]:
    plugin = [lecture for lecture, deadline in deadlines.items() if deadline.policy.kind == "plugin"]
    if plugin:
        raise DeadlineError(f"{path.parent / 'nbgrader_config.py'}: AssignLatePenalties.plugin_class = "
                            f"{deadlines[plugin[0]].policy.text!r} is not run by course-grader: give "
                            f"{', '.join(plugin)} a late = \"...\" ({POLICY_HELP}) in {path}")
    return deadlines


def _due(value, fail) -> datetime:
    if isinstance(value, datetime):
        when = value
    elif isinstance(value, date):
        raise fail(f"due = {value} is a date without a time and time zone (e.g. \"{value} 23:59 Europe/Berlin\")")
    elif isinstance(value, str):
        when = _parse_time(value, fail)
    else:
        raise fail(f"due = {value!r} is not a date")
    if when.tzinfo is None:
        raise fail(f"due = {value} has no time zone (add one: \"... 23:59 Europe/Berlin\", \"... 23:59 UTC\" or "
                   f"an offset such as +02:00)")
    return when


def _parse_time(text: str, fail) -> datetime:
    """ISO-style only ("2026-10-12 23:59 Europe/Berlin", "2026-10-12T23:59+02:00"): 10/12 could be either month."""
    head, _, zone = text.strip().rpartition(" ")
    tz = None
    if head and re.fullmatch(r"[A-Za-z][\w/+\-]*", zone):
        try:
            tz = ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise fail(f"due = {text!r}: unknown time zone {zone!r} (use a name such as Europe/Berlin or UTC)") \
                from None
        text = head
    match = ISO_TIME.fullmatch(text.strip())
    try:
        when = datetime.fromisoformat(f"{match[1]}T{match[2]}{match[3] or ''}") if match else None
    except ValueError:
        when = None
    if when is None:
        raise fail(f"due = {text!r} is not a date and time written YYYY-MM-DD HH:MM (e.g. \"2026-10-12 23:59 "
                   f"Europe/Berlin\")")
    if tz is not None:
        if when.tzinfo is not None:
            raise fail(f"due = {text!r} gives both an offset and a time zone")
        when = when.replace(tzinfo=tz)
    return when


def _policy(value, fail) -> Policy:
    text = " ".join(str(value).split()).lower() if isinstance(value, str) else ""
    if text in ("none", "zero"):
        return Policy(text, text)
    match = SUBTRACT.fullmatch(text)
    if not match:
        raise fail(f"late = {value!r} is not a late policy ({POLICY_HELP})")
    count = int(match["count"] or 1)
    if count == 0 or float(match["amount"]) == 0:
        raise fail(f"late = {value!r}: the amount and the period must be more than 0")
    return Policy(text, "subtract", float(match["amount"]), match["unit"] == "%", count * PERIODS[match["period"]])


def _line_of(lines: list[str], keys: tuple[str, ...]) -> int | None:
    """The line of table `keys[0]` (or of its key `keys[1]`; a top-level key if `keys` is one key), found by
    parsing the file line by line."""
    table = None  # the table the line is in
    for number, line in enumerate(lines, 1):
        parsed = _parse_line(line) or {}
        if line.lstrip().startswith("["):
            table = next(iter(parsed), None)
            if keys == (table,):
                return number
        elif (table is None and keys[0] in parsed  # a top-level key, or "lecture" = { due = ..., late = ... }
              or len(keys) == 2 and table == keys[0] and keys[1] in parsed):
            return number
    return None


def _parse_line(line: str) -> dict | None:
    try:
        return tomllib.loads(line)
    except tomllib.TOMLDecodeError:
        return None


def _gradebook_due_dates(course_dir: Path) -> list[tuple[str, datetime]]:
    """(lecture, due date) as nbgrader's gradebook holds them (read-only; nbgrader stores UTC without a zone)."""
    database = course_dir / "gradebook.db"
    if not holds_gradebook(database):
        return []
    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as connection:
        rows = connection.execute("SELECT name, duedate FROM assignment WHERE duedate IS NOT NULL").fetchall()
    return [(name, datetime.fromisoformat(due).replace(tzinfo=UTC)) for name, due in rows]


def _nbgrader_policy(course_dir: Path) -> Policy:
    """The default policy from nbgrader's own configuration in the course directory, as nbgrader would apply it
    (kind "plugin": a plugin class of the instructor's, which course-grader does not run)."""
    config_file = course_dir / "nbgrader_config.py"
    if not config_file.exists():
        return Policy("none")
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader(config_file.name, str(course_dir)).load_config()
    if "plugin_class" in config.get("AssignLatePenalties", {}):
        return Policy(str(config.AssignLatePenalties.plugin_class), "plugin")  # refused where it would apply
    method = config.get("LateSubmissionPlugin", {}).get("penalty_method", "none")
    if method not in ("none", "zero"):
        raise DeadlineError(f"{config_file}: LateSubmissionPlugin.penalty_method = {method!r}: nbgrader knows none "
                            f"and zero")
    return Policy(method, method)
