"""Run a batch of jobs and yield each result as it arrives: in worker processes, in this process, or on Dask.

Jobs run in `workers` worker processes (0: in this process) or on a Dask cluster; the caller (`autograde`) is the
only process that writes the course directory. A worker that dies or stalls takes its pool down and its
unfinished jobs run again alone. Stopped by SIGINT or SIGTERM (`stopping`), a batch kills its workers and everything
they started and removes its temporary folder before the command exits.
"""

from __future__ import annotations

import concurrent.futures as futures
import multiprocessing
import os
import threading
from collections.abc import Callable, Generator
from contextlib import closing
from pathlib import Path

from . import scratch, warm
from .job import Job, grade_one
from .results import Result
from .stopping import batch_folder, children, kill_trees, start_grading_process, use_batch_folder


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
