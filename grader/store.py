"""The instructor's course state, and the single writer of its gradebook.

Layout of the course directory (default `./course`, git-ignored; `--course DIR` or `$COURSE_GRADER_DIR`):

    gradebook.db                      nbgrader's SQLite gradebook (written only here, by one process at a time)
    source/<assignment>/              copies of the masters, so `nbgrader` and formgrader work on this directory too
    results/<assignment>/<student>.json   one result per graded submission (written atomically): the journal that
                                      makes re-runs idempotent and lets a killed batch resume
    autograded/<student>/<assignment>/    the autograded notebooks (hidden tests included: instructor only)
    feedback/<student>/<assignment>/<assignment>.html   the students' reports (`feedback`)
    exports/                          `export`: grades.csv, report.json, report.csv
    skipped.json                      inputs left out at intake (symlinks, unrecognised files, empty folders), by
                                      submissions path: each batch replaces the entries of the path it read
    .lock                             held (flock) by the one grader process working on this directory
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import quote, unquote

from . import course
from .results import JournalError, Result

DEFAULT_COURSE = "course"


class UsageError(RuntimeError):
    """A mistake in the command (a course directory, student or export that is not what was meant): exit 2, and
    nothing is created or replaced."""


class CourseBusy(RuntimeError):
    """Another grader process holds the course directory."""


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def safe_name(student_id: str) -> str:
    """A file name for any student id (ids are also checked by `intake.check_student_id`)."""
    return quote(student_id, safe=" -_.,@+=()[]{}'")


def holds_gradebook(db_path: Path) -> bool:
    """Whether `db_path` is an nbgrader gradebook with its tables (a run stopped while nbgrader was creating it can
    leave an empty database file behind)."""
    if not db_path.is_file():
        return False
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as db:
        return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'assignment'").fetchone() \
            is not None


class CourseState:
    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        self.db_path = self.root / "gradebook.db"
        self.db_url = f"sqlite:///{self.db_path}"

    def require_graded(self) -> None:
        """Refuse (UsageError) a course directory no `autograde` has run on: a typo in --course, or no autograde
        yet. (A run whose every input was left out has no gradebook, but its skipped.json is worth exporting.)
        Checked before anything is created there."""
        if not (self.db_path.is_file() or (self.root / "skipped.json").is_file() or self.results()):
            where = "does not exist" if not self.root.exists() else "has never been graded (no gradebook.db)"
            raise UsageError(f"the course directory {self.root} {where}: run `autograde` first, or check --course "
                             f"(default ./course, or $COURSE_GRADER_DIR)")

    def students(self) -> set[str]:
        """Every student the course knows: graded, failed to grade, or left out at intake."""
        return {r["student_id"] for r in self.results()} | {s["student"] for s in self.skipped() if s.get("student")}

    def require_students(self, student_ids) -> None:
        """Refuse (UsageError) a --student the course does not know."""
        known = sorted(self.students())
        unknown = sorted(set(student_ids or []) - set(known))
        if unknown:
            shown = ", ".join(known[:10]) + (f" and {len(known) - 10} more" if len(known) > 10 else "")
            raise UsageError(f"unknown student(s) in {self.root}: {', '.join(unknown)}; known: {shown or 'none'}")

    @contextmanager
    def locked(self) -> Iterator[CourseState]:
        """Hold the course directory: one grader process at a time (the gradebook has one writer)."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise CourseBusy(f"another course-grader is working on {self.root} (it holds {self.root / '.lock'})") \
                    from None
            try:
                yield self
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # ----------------------------------------------------------------- results journal
    def result_path(self, assignment_id: str, student_id: str) -> Path:
        return self.root / "results" / assignment_id / f"{safe_name(student_id)}.json"

    def load(self, assignment_id: str, student_id: str) -> Result | None:
        """The journalled result of one submission, if there is a readable one."""
        record = self.load_result(assignment_id, student_id)
        try:
            return Result.from_json(record) if record is not None else None
        except JournalError:
            return None

    def all_results(self) -> list[Result]:
        """Every journalled result (an entry that is not one is an error: it would be lost silently)."""
        found = []
        for record in self.results():
            try:
                found.append(Result.from_json(record))
            except JournalError as error:
                where = self.result_path(record.get("assignment_id", "?"), record.get("student_id", "?"))
                raise JournalError(f"{where}: {error}") from None
        return found

    def save_result(self, result: Result) -> None:
        atomic_write(self.result_path(result.assignment_id, result.student_id),
                     json.dumps(result.to_json(), sort_keys=True).encode("utf-8"))

    def load_result(self, assignment_id: str, student_id: str) -> dict | None:
        """One journal entry as JSON (`load` gives it as a Result)."""
        path = self.result_path(assignment_id, student_id)
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def save_skipped(self, submissions: Path, skipped: list[dict]) -> None:
        """Record the inputs a batch over `submissions` left out (replacing what an earlier batch over it left)."""
        by_source = self._skipped_by_source()
        by_source[str(Path(submissions).resolve())] = skipped
        atomic_write(self.root / "skipped.json", json.dumps(by_source, sort_keys=True, indent=1).encode("utf-8"))

    def skipped(self) -> list[dict]:
        """Every recorded input left out at intake, with `source` (the submissions path) added."""
        return [dict(item, source=source) for source, items in sorted(self._skipped_by_source().items())
                for item in items]

    def _skipped_by_source(self) -> dict[str, list[dict]]:
        try:
            return json.loads((self.root / "skipped.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def results(self) -> list[dict]:
        """Every journal entry as JSON, by student and assignment (`all_results` gives them as Results)."""
        found = []
        for path in sorted((self.root / "results").glob("*/*.json")):
            try:
                found.append(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError):
                continue
        return sorted(found, key=lambda r: (r["student_id"], r["assignment_id"]))


class GradebookWriter:
    """Writes results into nbgrader's gradebook. Only the process holding the course lock creates one."""

    def __init__(self, state: CourseState):
        self.state = state
        self._ready: set[str] = set()

    def _api(self):
        from . import scratch
        from .sandbox import Limits

        return scratch.api(self.state.root, scratch.config(self.state.root, Limits()))

    def ensure_assignment(self, assignment_id: str) -> None:
        """The assignment in the gradebook, as nbgrader's generate_assignment records it from the master."""
        if assignment_id in self._ready:
            return
        source = self.state.root / "source" / assignment_id
        master = course.master_path(assignment_id)
        copy = source / master.name
        marker = self.state.root / "source" / f".{assignment_id}.generated"
        up_to_date = copy.exists() and copy.read_bytes() == master.read_bytes() and marker.exists() \
            and self.state.db_path.exists()
        if not up_to_date:
            if source.exists():
                shutil.rmtree(source)
            shutil.copytree(course.SOLUTIONS / assignment_id, source)
            from . import scratch

            with scratch.quiet():
                result = self._api().generate_assignment(assignment_id)
            if not result["success"]:
                raise RuntimeError(f"nbgrader could not record {assignment_id} in the gradebook:\n"
                                   f"{result.get('error') or result.get('log')}")
            marker.write_text("ok\n")
        self._ready.add(assignment_id)

    def record(self, result: Result) -> None:
        """Put one result in the gradebook (idempotent: recording it again changes nothing)."""
        from nbgrader.api import Gradebook

        from . import formgrader, scratch

        if result.failed:
            return
        assignment_id, student_id = result.assignment_id, result.student_id
        self.ensure_assignment(assignment_id)
        with scratch.quiet(), Gradebook(self.state.db_url, course.COURSE_ID) as gradebook:
            gradebook.update_or_create_student(student_id)
            kwargs = {"timestamp": result.timestamp} if result.timestamp else {}
            gradebook.update_or_create_submission(assignment_id, student_id, **kwargs)
            notebook = gradebook.find_submission_notebook(result.notebook, assignment_id, student_id)
            formgrader.record_in_gradebook(self.state, notebook, result)  # reasons as comments; reviews kept
            gradebook.db.commit()
        if result.autograded:
            target = self.state.root / "autograded" / student_id / assignment_id / f"{result.notebook}.ipynb"
            atomic_write(target, result.autograded.encode("utf-8"))

    def scores(self) -> dict[tuple[str, str], float]:
        """(student, assignment) -> score, read back from the gradebook (with SQLite: importing nbgrader takes
        seconds)."""
        from .review import gradebook_scores

        return gradebook_scores(self.state)


def decode_name(name: str) -> str:
    return unquote(name)
