"""One submission = one independent job: `grade_one(job) -> result`.

A job carries everything it needs (the notebook's bytes, the assignment id, the limits), touches nothing of the
instructor's course directory, and returns a JSON-serialisable result: scores per test cell, the reason for every
lost point, the problems found, the tampering flags, the protection in force, the autograded notebook (for the
instructor) and the feedback notebook (for the student, hidden tests removed). It runs nbgrader's real `autograde`
in a scratch nbgrader course of its own; only the caller writes results to the gradebook (`store.GradebookWriter`).
So jobs can run in any process (a pool today, Dask workers later).
"""

from __future__ import annotations

import atexit
import copy
import fcntl
import functools
import os
import warnings
import hashlib
import json
import re
import shutil
import tempfile
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

from . import cheating, course, intake, notebooks, sandbox
from .sandbox import Limits

GRADER_VERSION = "3"  # 3: feedback lines escaped for markdown, late penalties; 2: per-kernel users, disk quota
warnings.filterwarnings("ignore", message=".*not in session.*")  # nbgrader's gradebook code, on every autograde
INTERNAL_STUDENT = "student"  # the id used inside the scratch course, whatever the real id looks like


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
    def from_submission(cls, submission: intake.Submission, limits: Limits) -> "Job":
        return cls(submission.student_id, submission.assignment_id, submission.content, submission.source,
                   list(submission.problems), submission.timestamp, limits.as_dict())

    def key(self) -> str:
        """Changes when anything that could change the result changes: bytes, master, limits, grader."""
        digest = hashlib.sha256()
        for part in (GRADER_VERSION, self.assignment_id, json.dumps(self.limits, sort_keys=True),
                     json.dumps(self.problems, sort_keys=True), str(self.timestamp)):
            digest.update(part.encode() + b"\0")
        digest.update(course.master_path(self.assignment_id).read_bytes())
        digest.update(self.content if self.content is not None else b"<none>")
        return digest.hexdigest()


# --------------------------------------------------------------------------- scratch nbgrader courses
def _config(root: Path, limits: Limits, record: Path | None = None, job_dir: Path | None = None):
    from traitlets.config import Config

    config = Config()
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.course_id = course.COURSE_ID
    config.Exchange.root = str(root / "exchange")
    config.OverwriteCells.add_missing_cells = True
    config.Autograde.autograde_preprocessors = [
        "grader.execution.GraderExecute", "nbgrader.preprocessors.IgnorePattern",
        "nbconvert.preprocessors.ClearMetadataPreprocessor", "nbgrader.preprocessors.LimitOutput",
        "nbgrader.preprocessors.SaveAutoGrades", "nbgrader.preprocessors.AssignLatePenalties",
        "nbgrader.preprocessors.CheckCellMetadata",
    ]
    config.GraderExecute.timeout = limits.cell_timeout
    config.GraderExecute.notebook_timeout = limits.notebook_timeout
    config.GraderExecute.output_bytes = limits.output_bytes
    config.GraderExecute.kernel_manager_class = "grader.sandbox.SandboxedKernelManager"
    config.GraderExecute.iopub_timeout = 4
    config.GraderExecute.startup_timeout = 120
    config.GraderExecute.record_path = str(record or "")
    config.SandboxedKernelManager.job_dir = str(job_dir or root)
    config.SandboxedKernelManager.limits = limits.as_dict()
    return config


ALEMBIC_HEAD = "COURSE_GRADER_ALEMBIC_HEAD"  # "<nbgrader version> <schema head>", shared with worker processes


def share_alembic_head() -> None:
    """Each new gradebook asks the `alembic` command for nbgrader's schema version (a subprocess, ~3 s). The answer
    depends only on the installed nbgrader: work it out once, in process, and hand it to this process's nbgrader
    and, through the environment, to the worker processes started after this call."""
    import nbgrader
    import nbgrader.api

    version, _, head = os.environ.get(ALEMBIC_HEAD, "").partition(" ")
    if version != nbgrader.__version__ or not head:
        from alembic.script import ScriptDirectory

        head = ScriptDirectory(str(Path(nbgrader.__file__).parent / "alembic")).get_current_head()
        os.environ[ALEMBIC_HEAD] = f"{nbgrader.__version__} {head}"
    nbgrader.api.get_alembic_version = lambda: head


def _api(root: Path, config):
    course._put_interpreter_on_path()
    share_alembic_head()
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


TEMPLATE_CACHE = "COURSE_GRADER_TEMPLATES"  # a private folder the local worker processes of one run share


@functools.lru_cache(maxsize=None)
def _template(assignment_id: str, master_sha: str) -> Path:
    """A scratch course with the assignment generated (gradebook and student copy); copied for each job.

    Made once per process, or once per batch when the runner names a folder shared by its worker processes in
    $COURSE_GRADER_TEMPLATES (the first worker to need it generates it under a lock; the others copy from it)."""
    shared = os.environ.get(TEMPLATE_CACHE)
    if not shared or not os.path.isdir(shared):
        return _generate_template(assignment_id)
    done = Path(shared) / f"{assignment_id}-{master_sha[:16]}"
    with open(Path(shared) / f".{done.name}.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.is_dir():
            built = _generate_template(assignment_id)
            shutil.move(str(built), done)
    return done


def _generate_template(assignment_id: str) -> Path:
    root = Path(tempfile.mkdtemp(prefix=f"grader-template-{assignment_id[:12]}-"))
    shutil.copytree(course.SOLUTIONS / assignment_id, root / "source" / assignment_id)
    atexit.register(shutil.rmtree, root, True)  # a no-op once moved into a batch's shared folder
    api = _api(root, _config(root, Limits()))
    result = api.generate_assignment(assignment_id)
    if not result["success"]:
        raise RuntimeError(f"nbgrader could not generate {assignment_id}: {result.get('error') or result.get('log')}")
    return root


def template(assignment_id: str) -> Path:
    sha = hashlib.sha256(course.master_path(assignment_id).read_bytes()).hexdigest()
    return _template(assignment_id, sha)


# --------------------------------------------------------------------------- the job
def grade_one(job: Job) -> dict:
    """Grade one submission; never raises (a failure is a result with status "failed")."""
    started = time.monotonic()
    limits = Limits(**job.limits) if job.limits else Limits()
    result = {
        "student_id": job.student_id, "assignment_id": job.assignment_id, "notebook": job.assignment_id,
        "source": job.source, "key": job.key(), "timestamp": job.timestamp, "grader_version": GRADER_VERSION,
        "status": "graded", "problems": list(job.problems), "flags": [], "cells": {}, "events": [],
    }
    try:
        result["protection"] = sandbox.protection(limits)
        _grade(job, limits, result)
    except Exception as error:  # noqa: BLE001 - one bad job must never stop the batch
        result["status"] = "failed"
        result["error"] = f"{type(error).__name__}: {error}"
        result["traceback"] = traceback.format_exc()[-4000:]
    result["seconds"] = round(time.monotonic() - started, 2)
    scores = [c for c in result["cells"].values()]
    result["score"] = sum(c["score"] for c in scores)
    result["max_score"] = sum(c["max_score"] for c in scores)
    return result


def _zero(result: dict, release: nbformat.NotebookNode, reason: str) -> None:
    for _, gid, meta in intake.nbgrader_cells(release):
        if meta.get("grade"):
            result["cells"][gid] = {"score": 0.0, "max_score": float(meta["points"]), "reason": reason,
                                    "feedback": reason}
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell(_summary_markdown(result)))
    result["feedback"] = nbformat.writes(nb)


def _grade(job: Job, limits: Limits, result: dict) -> None:
    base = template(job.assignment_id)
    release = notebooks.read(base / "release" / job.assignment_id / f"{job.assignment_id}.ipynb")
    if job.content is None:
        _zero(result, release, "no notebook submitted")
        return
    try:
        nb, problems = intake.read_notebook(job.content)
    except intake.Unreadable as error:
        result["problems"].append(intake.problem("unreadable", str(error)))
        _zero(result, release, f"the notebook could not be read: {error}")
        return
    result["problems"] += problems
    nb, problems = intake.reconcile(nb, release)
    result["problems"] += problems
    result["flags"] += _static_flags(nb, release)

    with tempfile.TemporaryDirectory(prefix="grader-job-") as scratch:
        root = Path(scratch) / "course"
        shutil.copytree(base, root, symlinks=False)
        record = Path(scratch) / "record.json"
        submitted = root / "submitted" / INTERNAL_STUDENT / job.assignment_id / f"{job.assignment_id}.ipynb"
        notebooks.write(nb, submitted)
        api = _api(root, _config(root, limits, record, Path(scratch)))
        outcome = api.autograde(job.assignment_id, INTERNAL_STUDENT, force=True, create=True)
        if not outcome["success"]:
            raise RuntimeError(f"nbgrader autograde failed: {outcome.get('error') or ''}\n"
                               f"{(outcome.get('log') or '')[-3000:]}")
        autograded_path = root / "autograded" / INTERNAL_STUDENT / job.assignment_id / f"{job.assignment_id}.ipynb"
        autograded = notebooks.read(autograded_path)
        executed = json.loads(record.read_text()) if record.exists() else {"events": [], "cells": {}, "probes": []}
        scores = _scores(root, job.assignment_id)
    result["events"] = executed["events"]
    result["kernel_starts"] = executed.get("kernel_starts", 1)
    for probe in executed.get("probes", []):
        for what in probe["problems"]:
            result["flags"].append({"severity": "tamper", "where": f"before {probe['grade_id']}", "what": what,
                                    "detector": "runtime probe"})
    result["cells"] = _explain(autograded, executed, scores, limits)
    result["autograded"] = nbformat.writes(autograded)
    result["feedback"] = nbformat.writes(feedback_notebook(autograded, executed, result, release))


def _scores(root: Path, assignment_id: str) -> dict[str, tuple[float, float]]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", course.COURSE_ID) as gradebook:
        submitted = gradebook.find_submission_notebook(assignment_id, assignment_id, INTERNAL_STUDENT)
        return {g.name: (float(g.score or 0.0), float(g.max_score)) for g in submitted.grades}


def _static_flags(nb: nbformat.NotebookNode, release: nbformat.NotebookNode) -> list[dict]:
    """Scan every code cell the student wrote (anything not identical to a cell of the student copy)."""
    shipped = {c.source for c in release.cells if c.cell_type == "code"}
    locked = {gid for _, gid, meta in intake.nbgrader_cells(release) if meta.get("locked")}
    flags = []
    for index, cell in enumerate(nb.cells):
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if cell.cell_type != "code" or cell.source in shipped or gid in locked:
            continue
        for line, severity, what in cheating.scan_source(cell.source):
            flags.append({"severity": severity, "where": f"cell {index}" + (f" ({gid})" if gid else "") +
                          f", line {line}", "what": what, "detector": "static scan"})
    return flags


def _explain(autograded, executed: dict, scores: dict, limits: Limits) -> dict:
    """Score, instructor-facing reason and student-facing feedback line for each test cell."""
    cells = {}
    by_index = executed.get("cells", {})
    events: dict[int, list[dict]] = {}
    for event in executed.get("events", []):
        events.setdefault(event["cell"], []).append(event)
    for index, cell in enumerate(autograded.cells):
        meta = cell.metadata.get("nbgrader", {})
        gid = meta.get("grade_id")
        if not meta.get("grade") or gid not in scores:
            continue
        score, max_score = scores[gid]
        info = by_index.get(str(index), {})
        kinds = {e["kind"] for e in events.get(index, [])}
        reason = feedback = ""
        if score < max_score:
            if info.get("crash"):
                reason = feedback = "the kernel died while this test ran (crash, exit or memory limit)"
            elif info.get("stuck") or info.get("timeout") or "timeout" in kinds:
                reason = feedback = f"the test did not finish within {limits.cell_timeout} s (time limit)"
            elif info.get("status") == "not-run" or "budget" in kinds:
                reason = feedback = f"not run: the notebook used up its {limits.notebook_timeout} s time budget"
            elif info.get("split") and info.get("visible_error"):
                error = info["visible_error"]
                message = error["evalue"].strip().splitlines()[0] if error["evalue"].strip() else ""
                if error["ename"] == "stderr":
                    reason = feedback = ("the visible check wrote to stderr (nbgrader fails a test cell that "
                                         "writes to stderr)")
                else:
                    reason = feedback = f"visible check failed: {error['ename']}: {message}"[:500]
            elif info.get("split") and info.get("hidden_error"):
                error = info["hidden_error"]
                reason = f"hidden tests failed: {error['ename']}: {error['evalue'][:300]}"
                feedback = ("passed the visible checks but failed the hidden tests, which use other inputs "
                            "(other shapes, sizes or values)")
            else:
                error = info.get("error") or {}
                reason = f"test failed: {error.get('ename', '')}: {str(error.get('evalue', ''))[:300]}".strip()
                feedback = "the test failed"
        cells[gid] = {"score": score, "max_score": max_score, "reason": reason, "feedback": feedback}
    return cells


# --------------------------------------------------------------------------- feedback
def secret_lines(nb, public=None) -> set[str]:
    """Lines of the hidden-test regions of `nb` (8+ characters) that the student copy `public` does not show."""
    shown = {line.strip() for cell in (public.cells if public else []) for line in cell.source.splitlines()}
    lines = {"### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"}
    for cell in nb.cells:
        for part in cell.source.split("### BEGIN HIDDEN TESTS")[1:]:
            for line in part.split("### END HIDDEN TESTS")[0].splitlines():
                if len(line.strip()) >= 8 and line.strip() not in shown:
                    lines.add(line.strip())
    return lines


def _scrub(text: str, secret: set[str]) -> str:
    if not secret or not isinstance(text, str):
        return text
    kept = [line for line in text.splitlines(keepends=True)
            if not any(s in line for s in secret)]
    return "".join(kept)


def feedback_notebook(autograded, executed: dict, result: dict, release) -> nbformat.NotebookNode:
    """The student's view: their notebook with the test cells as the student copy shows them, only the visible
    checks' outputs, a line per test saying what it scored and why, and nothing of the hidden tests."""
    nb = copy.deepcopy(autograded)
    secret = secret_lines(autograded, release)
    visible_source = {gid: release.cells[i].source for i, gid, meta in intake.nbgrader_cells(release)
                      if meta.get("grade")}
    for index, cell in enumerate(nb.cells):
        meta = cell.metadata.get("nbgrader", {})
        gid = meta.get("grade_id")
        if meta.get("grade") and gid in visible_source:
            cell.source = visible_source[gid]
            info = executed.get("cells", {}).get(str(index), {})
            if info.get("split"):
                outputs = cell.get("outputs", [])[: info.get("visible_outputs", 0)]
            elif "### BEGIN HIDDEN TESTS" not in autograded.cells[index].source:
                outputs = list(cell.get("outputs", []))
            else:
                outputs = []
            line = result["cells"].get(gid, {})
            status = (f"{gid}: {line.get('score', 0):g} / {line.get('max_score', 0):g}"
                      + (f" ({line['feedback']})" if line.get("feedback") else ""))
            outputs.append(nbformat.v4.new_output("stream", name="stdout", text=f"[grader] {status}\n"))
            cell.outputs = outputs
        elif cell.cell_type == "code" and "### BEGIN HIDDEN TESTS" in cell.source:
            cell.source = cell.source.split("### BEGIN HIDDEN TESTS")[0]
            cell.outputs = []
    for cell in nb.cells:
        cell.source = _scrub(cell.source, secret) if not cell.metadata.get("nbgrader", {}).get("grade") else cell.source
        for output in cell.get("outputs", []):
            if "text" in output:
                output.text = _scrub(output.text, secret)
            if "traceback" in output:
                output.traceback = [_scrub(t, secret) for t in output.traceback]
                output.evalue = _scrub(str(output.get("evalue", "")), secret)
            for mime, value in list(output.get("data", {}).items()):
                if mime.startswith("text/") and isinstance(value, str):
                    output.data[mime] = _scrub(value, secret)
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(_summary_markdown(result)))
    nb.metadata = {k: v for k, v in nb.metadata.items() if k in ("kernelspec", "language_info")}
    for cell in nb.cells:
        cell.metadata = {k: v for k, v in cell.metadata.items() if k in ("tags",)}
    return nb


def _summary_markdown(result: dict) -> str:
    total, maximum = result_total(result)
    score = f"**Score: {total:g} / {maximum:g}**"
    late = result.get("late")  # set at feedback time from the course's deadlines (grader.deadlines)
    if late:
        score = f"**Score: {late['score']:g} / {maximum:g}** ({_md(late['summary'])}" + \
            (f"; {total:g} before the penalty)" if late["penalty"] else ")")
    lines = [f"# Feedback: {job_title(result)}", "", score, ""]
    for gid, line in result["cells"].items():
        lines.append(f"- `{gid}`: {line['score']:g} / {line['max_score']:g}"
                     + (f": {_md(line['feedback'])}" if line.get("feedback") else ""))
    student_problems = [p["message"] for p in result["problems"]]
    if student_problems:
        lines += ["", "**Problems found in the submission**", ""] + [f"- {_md(m)}" for m in student_problems]
    return "\n".join(lines)


def _md(text: str) -> str:
    """Plain text inside markdown, shown as it is: every ASCII punctuation mark backslash-escaped (CommonMark), so
    `<`, `*`, `_`, backticks and `$` are characters, not HTML, emphasis, code or mathematics."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)


def result_total(result: dict) -> tuple[float, float]:
    return (sum(c["score"] for c in result["cells"].values()), sum(c["max_score"] for c in result["cells"].values()))


def job_title(result: dict) -> str:
    return f"{result['assignment_id']}, student {_md(result['student_id'])}"


def public(result: dict) -> dict:
    """A result without the notebooks (for reports)."""
    return {k: v for k, v in result.items() if k not in ("autograded", "feedback")}


__all__ = ["Job", "grade_one", "template", "feedback_notebook", "public", "asdict"]
