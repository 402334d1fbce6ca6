"""Batch autograding: collect submissions, run one job per submission, record each result as it arrives.

Jobs run in worker processes (`jobs` of them; 0 = in this process); this process is the only one that writes the
course directory. A result is saved to the journal (`results/`) before it is written to the gradebook, so a batch
killed at any point (even with kill -9) resumes where it stopped and ends with the same gradebook: a re-run reuses
every result whose key (submission bytes, master, limits, grader version) is unchanged and records it again, which
changes nothing. Stopped by SIGINT or SIGTERM (`stopping`), a batch kills its workers and everything they started and
removes its temporary folder before the command exits.
"""

from __future__ import annotations

import concurrent.futures as futures
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Generator, Iterable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from . import course, formgrader, intake, sandbox, scratch, stopping, warm
from .console import Progress, duration, say
from .job import Job, grade_one
from .results import Result
from .sandbox import Limits
from .stopping import batch_folder, children, kill_trees, start_grading_process, use_batch_folder
from .store import CourseState, GradebookWriter, UsageError


@dataclass
class Summary:
    graded: list[Result] = field(default_factory=list)  # results (new or reused), without their notebooks
    reused: int = 0
    skipped: list[dict] = field(default_factory=list)
    protection: str = ""
    seconds: float = 0.0

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.graded if r.failed]

    @property
    def flagged(self) -> list[Result]:
        return [r for r in self.graded if r.flagged]

    @property
    def with_problems(self) -> list[Result]:
        return [r for r in self.graded if r.problems or r.costly_events]

    def lines(self) -> list[str]:
        ok = [r for r in self.graded if not r.failed]
        students = {r.student_id for r in ok}
        lectures = {r.assignment_id for r in ok}
        out = [f"graded {len(ok)} submission(s) ({len(students)} student(s), {len(lectures)} lecture(s)) in "
               f"{self.seconds:.1f} s" + (f"; {self.reused} reused from an earlier run" if self.reused else ""),
               f"protection: {self.protection}"]
        weaker = [r for r in self.graded if r.weaker_protection]
        if weaker:
            out.append(f"graded with WEAKER protection (no sandbox): {len(weaker)} (the export's protection column "
                       "says which)")
        if self.with_problems:
            out.append(f"graded as far as possible, with problems: {len(self.with_problems)}")
            for r in self.with_problems:
                kinds = [p.message for p in r.problems]
                kinds += [f"{e.kind} in {e.grade_id or 'cell ' + str(e.cell)}" for e in r.costly_events]
                out.append(f"  {r.student_id} / {r.assignment_id} ({r.score:g}/{r.max_score:g}): "
                           + "; ".join(kinds)[:300])
        out.append(f"failed to grade: {len(self.failed)}")
        for r in self.failed:
            out.append(f"  {r.student_id} / {r.assignment_id}: {(r.error or '')[:300]}")
        out.append(f"flagged for review (possible tampering): {len(self.flagged)}")
        for r in self.flagged:
            whats = sorted({f.what for f in r.flags if f.tampering})
            out.append(f"  {r.student_id} / {r.assignment_id}: " + "; ".join(whats)[:300])
        if self.skipped:
            out.append(f"inputs not graded: {len(self.skipped)} (in the export, with a zero)")
            for s in self.skipped:
                out.append(f"  {s['message'][:300]}")
        return out


def run_jobs(jobs: list[Job], workers: int, grade: Callable[[Job], Result] = grade_one,
             stall_seconds: float = 900) -> Generator[Result, None, None]:
    """Results of `jobs`, in completion order. `workers` processes (0: in this process).

    A worker that dies takes its pool down: the unfinished jobs are resubmitted to a fresh pool, each at most
    MAX_ATTEMPTS times. If no job finishes for `stall_seconds`, the workers are killed the same way.
    """
    if not jobs:
        return
    if workers <= 0:
        with batch_folder():
            try:
                for job in jobs:
                    yield _in_a_thread(grade, job)
            finally:  # their folders are in the batch's
                warm.stop()
                scratch.forget_templates()
        return
    context = multiprocessing.get_context("spawn")
    retry: list[Job] = []
    # everything temporary the workers make goes into the batch's folder, removed however the batch ends; they
    # generate each assignment's scratch template once between them, in there too
    with batch_folder() as folder:
        settings = (os.getpid(), folder, scratch.alembic_head())
        with closing(_pool_run(jobs, workers, grade, context, stall_seconds, settings)) as outcomes:
            for outcome in outcomes:
                if isinstance(outcome, Job):
                    retry.append(outcome)
                else:
                    yield outcome
        # after a worker died: each unfinished job again, alone, so one bad job cannot sink others
        for job in retry:
            with closing(_pool_run([job], 1, grade, context, stall_seconds, settings)) as outcomes:
                results = list(outcomes)
            if results and not isinstance(results[0], Job):
                yield results[0]
            else:
                yield job.failed("the grading process died or stalled on this submission (twice)")


def _start_worker(parent: int, folder: Path, alembic_head: str) -> None:
    """A grading process of the batch: it dies with the command `parent`, makes its temporary files in the batch's
    `folder` and shares the templates there, and is told nbgrader's gradebook schema version."""
    start_grading_process(parent)
    use_batch_folder(folder)
    scratch.use(folder, alembic_head)


def _in_a_thread(grade: Callable[[Job], Result], job: Job) -> Result:
    """grade(job) in a thread of this process: nbclient takes over SIGINT and SIGTERM only in the main thread (to
    shut its kernel down and carry on, which would journal a crash), so the main thread keeps them and, interrupted,
    kills everything this process started before it stops."""
    outcome: dict = {}
    thread = threading.Thread(target=lambda: outcome.update(result=grade(job)), daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            thread.join(0.5)
    except BaseException:
        kill_trees(children(os.getpid()))
        raise
    return outcome["result"]


def _pool_run(jobs, workers, grade, context, stall_seconds, settings):
    """Results of `jobs` from one pool; a job whose worker died or stalled is yielded back as the Job itself.
    Stopped early (an interrupt, or the caller closing it), it kills its workers and all they started.
    `settings`: the arguments of `_start_worker`."""
    pool = futures.ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context,
                                       initializer=_start_worker, initargs=settings)
    submitted = {pool.submit(grade, job): job for job in jobs}
    broken = False
    try:
        waiting = set(submitted)
        while waiting:
            done, waiting = futures.wait(waiting, timeout=stall_seconds, return_when=futures.FIRST_COMPLETED)
            if not done:
                kill_trees(list(getattr(pool, "_processes", {}) or {}))
                broken = True
                for future in waiting:
                    yield submitted[future]
                return
            for future in done:
                job = submitted[future]
                try:
                    yield future.result()
                except futures.process.BrokenProcessPool:
                    broken = True
                    yield job
                except Exception as error:  # noqa: BLE001
                    yield job.failed(f"{type(error).__name__}: {error}")
    except BaseException:  # Interrupted, or GeneratorExit: nothing of this pool may outlive the batch
        broken = True
        kill_trees(list(getattr(pool, "_processes", {}) or {}))
        raise
    finally:
        pool.shutdown(wait=not broken, cancel_futures=True)


class SchedulerUnavailable(RuntimeError):
    """The Dask scheduler given with --scheduler cannot be reached."""


def run_jobs_dask(jobs: list[Job], scheduler,
                  grade: Callable[[Job], Result] = grade_one) -> Generator[Result, None, None]:
    """Results of `jobs` graded on a Dask distributed cluster, in completion order.

    `scheduler` is the scheduler's address (tcp://host:8786) or a `distributed.Client`. Only the Job (bytes and
    ids) travels to the workers and only the Result comes back; a worker grades with its own installed
    project (its masters, its nbgrader), so it needs the repository installed, not the same paths. A result whose
    key differs from the one computed here was graded against other masters: it is reported as failed.
    A worker that dies is replaced by Dask (the job is retried on another worker); a job that keeps killing
    workers comes back as a failed result.
    """
    if not jobs:
        return
    from distributed import Client, as_completed

    try:
        client = scheduler if isinstance(scheduler, Client) else Client(scheduler, set_as_default=False, timeout=30)
    except OSError as error:
        raise SchedulerUnavailable(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    try:
        submitted, keys = {}, {}
        for index, job in enumerate(jobs):
            keys[index] = job.key()
            future = client.submit(grade, job, key=f"grade-{job.assignment_id}-{keys[index][:16]}-{index}", pure=False)
            submitted[future] = index
        for future in as_completed(list(submitted)):
            index = submitted.pop(future)
            job = jobs[index]
            try:
                result = future.result()
            except Exception as error:  # noqa: BLE001 - KilledWorker, lost connection, ...
                yield job.failed(f"{type(error).__name__}: {error}")
                continue
            finally:
                future.release()
            if result.key != keys[index]:
                yield job.failed("the Dask worker graded against other masters or another grader version than "
                                   "this machine's; install the same version of the repository on every worker")
            else:
                yield result
    finally:
        if client is not scheduler:
            client.close()


def autograde(state: CourseState, submissions: Path, assignment_ids: Iterable[str] | None = None,
              student_ids: Iterable[str] | None = None, limits: Limits = Limits(), workers: int = 1,
              force: bool = False, progress: bool = True, scheduler=None, roster: Path | None = None) -> Summary:
    """Grade `submissions` into `state`: in `workers` local processes, or, given `scheduler` (a Dask scheduler
    address or Client), on a Dask cluster. Either way only this process writes the course directory.
    `progress`: a banner, then a line per finished job on stderr. A --student with no submission is refused
    (UsageError) before anything is created."""
    started = time.monotonic()
    known = course.assignments()
    found = intake.collect(Path(submissions), known, roster)  # roster: course ids, "no submission" zeros
    wanted_a = set(assignment_ids or known)
    wanted_s = set(student_ids) if student_ids else None
    _require_students(found, wanted_s, submissions)
    chosen = [s for s in found.submissions
              if s.assignment_id in wanted_a and (wanted_s is None or s.student_id in wanted_s)]
    shield = "decided by each Dask worker (every result records its own)" if scheduler else \
        sandbox.protection(limits)["summary"]  # here: refuses (SandboxUnavailable) before anything is graded
    summary = Summary(skipped=found.skipped, protection=shield)
    with state.locked():
        state.save_skipped(Path(submissions), found.skipped)
        formgrader.keep_submissions(state, chosen)  # nbgrader's submitted/ layout, which formgrader lists
        writer = GradebookWriter(state)  # records each assignment in the gradebook with its first result, so the
        # workers start grading at once; the loop after the results makes sure of every assignment chosen
        todo = []
        for submission in chosen:
            job = Job.from_submission(submission, limits)
            previous = state.load(job.assignment_id, job.student_id)
            if previous and not force and previous.key == job.key() and not previous.failed:
                writer.record(previous)
                summary.graded.append(previous.light())
                summary.reused += 1
            else:
                todo.append(job)
        if progress:
            say(_banner(chosen, found.skipped, summary.reused, len(todo),
                        f"on {scheduler}" if scheduler else f"in {max(workers, 1)} process(es)" if workers > 0
                        else "in this process"))
        bar = Progress(len(todo), enabled=progress, parallel=1 if scheduler else min(max(workers, 1), len(todo)))
        try:
            with closing(run_jobs_dask(todo, scheduler) if scheduler else run_jobs(todo, workers)) as results:
                for result in results:
                    stopping.check()
                    state.save_result(result)
                    writer.record(result)
                    stopping.check()
                    summary.graded.append(result.light())
                    bar.step(job_line(result))
        finally:
            bar.close()
        for assignment_id in sorted({s.assignment_id for s in chosen}):
            writer.ensure_assignment(assignment_id)
    summary.graded.sort(key=lambda r: (r.student_id, r.assignment_id))
    summary.seconds = time.monotonic() - started
    return summary


def _require_students(found: intake.Intake, wanted: set[str] | None, submissions: Path) -> None:
    present = {s.student_id for s in found.submissions} | {s["student"] for s in found.skipped if s.get("student")}
    missing = sorted((wanted or set()) - present)
    if missing:
        raise UsageError(f"no submission of student(s) {', '.join(missing)} in {submissions}; found: "
                         + (_some(sorted(present)) or "none"))


def _some(names: list[str], shown: int = 10) -> str:
    return ", ".join(names[:shown]) + (f" and {len(names) - shown} more" if len(names) > shown else "")


def _banner(chosen: list, skipped: list, reused: int, todo: int, where: str) -> str:
    students = len({s.student_id for s in chosen})
    lectures = len({s.assignment_id for s in chosen})
    line = (f"{len(chosen)} submission(s): {students} student(s), {lectures} lecture(s); {reused} already graded "
            f"(kept), {todo} to grade {where}")
    line += f"; {len(skipped)} input(s) not gradable (listed at the end)" if skipped else ""
    return line + ("\nthe first results take longest: each grading process first starts nbgrader and its kernels"
                   if todo else "")


def job_line(result: Result) -> str:
    """One finished job: student, lecture, score, and what needs a look."""
    head = f"{result.student_id} / {result.assignment_id}: "
    if result.failed:
        error = (result.error or "").strip().splitlines()
        return head + "FAILED to grade" + (f": {error[0][:200]}" if error else "")
    notes = [f"{duration(result.seconds or 0)}"]
    if result.flagged:
        notes.append("flagged for review")
    if result.problems:
        notes.append(f"{len(result.problems)} problem(s)")
    return head + f"{result.score:g}/{result.max_score:g} ({', '.join(notes)})"
