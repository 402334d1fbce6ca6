"""The `autograde` command: collect submissions, grade one job per submission (`runner`), record each result as it
arrives, and sum the batch up (`Summary`).

A result is saved to the journal (`results/`) before it is written to the gradebook, so a batch killed at any point
(even with kill -9) resumes where it stopped and ends with the same gradebook: a re-run reuses every result whose key
(submission bytes, master and course package, limits, grader version) is unchanged and records it again, which changes
nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from . import course, formgrader, intake, sandbox, stopping
from .console import Progress, duration, say
from .job import Job
from .results import Result
from .runner import run_jobs, run_jobs_dask
from .sandbox import Limits
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
