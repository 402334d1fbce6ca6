"""One submission = one independent job: `grade_one(job) -> Result`.

A job carries everything it needs (the notebook's bytes, the assignment id, the limits), touches nothing of the
instructor's course directory, and returns a `results.Result`: scores per test cell, the reason for every lost
point, the problems found, the tampering flags, the protection in force, the autograded notebook (for the
instructor) and the feedback notebook (for the student, hidden tests removed). It runs nbgrader's real `autograde`
in a scratch nbgrader course of its own (`scratch`); only the caller writes results to the gradebook
(`store.GradebookWriter`). So jobs can run in any process (a pool, Dask workers).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import cheating, course, intake, notebooks, sandbox, scratch, submitted_notebook
from .assignment import nbgrader_cells
from .explain import Scores, both, explain
from .feedback_notebook import feedback_notebook, summary_notebook
from .feedback_text import language_of
from .record import ExecutionRecord
from .results import FAILED, CellScore, Flag, Problem, Result
from .sandbox import Limits

INTERNAL_STUDENT = "student"  # the id used inside the scratch course, whatever the real id looks like
# the grader's modules that cannot change a result (the command line, its output, the course directory, reports);
# every other module of the package, a new one included, is part of GRADER_VERSION
NOT_GRADING = frozenset({"__init__.py", "__main__.py", "autograde.py", "console.py", "deadlines.py", "execute.py",
                         "feedback_page.py", "formgrader.py", "lateness.py", "lms.py", "release.py", "reports.py",
                         "review.py", "runner.py", "stopping.py", "store.py", "translation.py"})


def grader_version(package: Path = Path(__file__).resolve().parent) -> str:
    """A digest of the grader's source files that decide a grade: a changed grader never reuses a stale result."""
    digest = hashlib.sha256()
    for path in sorted(package.glob("*.py")):
        if path.name not in NOT_GRADING:
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


GRADER_VERSION = grader_version()
COURSE_PACKAGE = course.REPO / "utils"  # what every notebook imports: its checks and their messages decide a grade


def course_version(assignment_id: str, package: Path = COURSE_PACKAGE, solutions: Path = course.SOLUTIONS) -> str:
    """A digest of what a kernel reads besides the submission while it grades `assignment_id`: the course package
    (its checks, their messages, the data sets) and the assignment's folder (the master and any file beside it).
    A check fixed mid-term changes it, so a re-run regrades instead of keeping the grades of the broken check."""
    digest = hashlib.sha256()
    folder = solutions / assignment_id
    files = [(package, p) for p in package.rglob("*.py")] + [(folder, p) for p in folder.rglob("*") if p.is_file()]
    for root, path in sorted(files, key=lambda file: str(file[1])):
        if ".ipynb_checkpoints" not in path.parts:
            name = f"{root.name}/{path.relative_to(root)}"
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@dataclass
class Job:
    student_id: str
    assignment_id: str
    content: bytes | None
    source: str = ""
    problems: list[dict] = field(default_factory=list)
    timestamp: str | None = None
    limits: dict = field(default_factory=dict)

    @classmethod
    def from_submission(cls, submission: intake.Submission, limits: Limits) -> Job:
        return cls(submission.student_id, submission.assignment_id, submission.content, submission.source,
                   [p.to_json() for p in submission.problems], submission.timestamp, limits.as_dict())

    def key(self) -> str:
        """Changes when anything that could change the result changes: bytes, master and course package, limits,
        grader."""
        digest = hashlib.sha256()
        for part in (GRADER_VERSION, self.assignment_id, json.dumps(self.limits, sort_keys=True),
                     json.dumps(self.problems, sort_keys=True), str(self.timestamp)):
            digest.update(part.encode() + b"\0")
        digest.update(course_version(self.assignment_id).encode())
        digest.update(self.content if self.content is not None else b"<none>")
        return digest.hexdigest()

    def result(self) -> Result:
        """The job's result before grading: who, what, and the problems intake found."""
        return Result(self.student_id, self.assignment_id, self.key(), notebook=self.assignment_id,
                      source=self.source, timestamp=self.timestamp, grader_version=GRADER_VERSION,
                      problems=[Problem(**p) for p in self.problems])

    def failed(self, error: str) -> Result:
        """The job's result when it could not be graded."""
        result = self.result()
        result.status, result.error = FAILED, error
        return result


def grade_one(job: Job) -> Result:
    """Grade one submission; never raises (a failure is a result with status "failed")."""
    started = time.monotonic()
    limits = Limits(**job.limits) if job.limits else Limits()
    result = job.result()
    try:
        result.protection = sandbox.protection(limits)
        _grade(job, limits, result)
    except Exception as error:  # noqa: BLE001 - one bad job must never stop the batch
        result.status = FAILED
        result.error = f"{type(error).__name__}: {error}"
        result.traceback = traceback.format_exc()[-4000:]
    result.seconds = round(time.monotonic() - started, 2)
    return result


def _zero(result: Result, release: nbformat.NotebookNode, key: str, **fields) -> None:
    """Every test scores 0, for the reason `key` (feedback_text) says; the feedback is only the summary."""
    reason, feedback = both(result.language, key, **fields)
    for _, gid, meta in nbgrader_cells(release):
        if meta.get("grade"):
            result.cells[gid] = CellScore(0.0, float(meta["points"]), reason, feedback)
    result.feedback = summary_notebook(result)


def _grade(job: Job, limits: Limits, result: Result) -> None:
    base = scratch.template(job.assignment_id)
    release = notebooks.read(base / "release" / job.assignment_id / f"{job.assignment_id}.ipynb")
    if job.content is None:
        _zero(result, release, "no_notebook")
        return
    try:
        nb, problems = submitted_notebook.read_notebook(job.content)
    except submitted_notebook.Unreadable as error:
        result.problems.append(Problem("unreadable", str(error)))
        _zero(result, release, "unreadable", error=error)
        return
    result.language = language_of(nb.metadata)
    result.problems += problems
    nb, problems = submitted_notebook.reconcile(nb, release)
    result.problems += problems
    result.flags += _static_flags(nb, release)

    with tempfile.TemporaryDirectory(prefix="grader-job-") as folder:
        root = Path(folder) / "course"
        shutil.copytree(base, root, symlinks=False)
        record = Path(folder) / "record.json"
        submitted = root / "submitted" / INTERNAL_STUDENT / job.assignment_id / f"{job.assignment_id}.ipynb"
        notebooks.write(nb, submitted)
        api = scratch.api(root, scratch.config(root, limits, record, Path(folder), result.language))
        with scratch.quiet():
            outcome = api.autograde(job.assignment_id, INTERNAL_STUDENT, force=True, create=True)
        if not outcome["success"]:
            raise RuntimeError(f"nbgrader autograde failed: {outcome.get('error') or ''}\n"
                               f"{(outcome.get('log') or '')[-3000:]}")
        autograded_path = root / "autograded" / INTERNAL_STUDENT / job.assignment_id / f"{job.assignment_id}.ipynb"
        autograded = notebooks.read(autograded_path)
        executed = ExecutionRecord.from_json(json.loads(record.read_text())) if record.exists() else ExecutionRecord()
        scores = _scores(root, job.assignment_id)
    result.events = list(executed.events)
    result.kernel_starts = executed.kernel_starts
    for probe in executed.probes:
        result.flags += [Flag("tamper", f"before {probe.grade_id}", what, "runtime probe") for what in probe.problems]
    result.cells = explain(autograded, executed, scores, limits, result.language)
    result.autograded = nbformat.writes(autograded)
    result.feedback = nbformat.writes(feedback_notebook(autograded, executed, result, release))


def _scores(root: Path, assignment_id: str) -> Scores:
    from nbgrader.api import Gradebook

    with scratch.quiet(), Gradebook(f"sqlite:///{root / 'gradebook.db'}", course.COURSE_ID) as gradebook:
        submitted = gradebook.find_submission_notebook(assignment_id, assignment_id, INTERNAL_STUDENT)
        return {g.name: (float(g.score or 0.0), float(g.max_score)) for g in submitted.grades}


def _static_flags(nb: nbformat.NotebookNode, release: nbformat.NotebookNode) -> list[Flag]:
    """Scan every code cell the student wrote (anything not identical to a cell of the student copy)."""
    shipped = {c.source for c in release.cells if c.cell_type == "code"}
    locked = {gid for _, gid, meta in nbgrader_cells(release) if meta.get("locked")}
    flags = []
    for index, cell in enumerate(nb.cells):
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if cell.cell_type != "code" or cell.source in shipped or gid in locked:
            continue
        flags += [Flag(severity, f"cell {index}" + (f" ({gid})" if gid else "") + f", line {line}", what,
                       "static scan") for line, severity, what in cheating.scan_source(cell.source)]
    return flags
