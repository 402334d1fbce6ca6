"""Instructor's command line for the course's nbgrader pipeline.

`python -m grader COMMAND` (also installed as `course-grader COMMAND`). Grading commands work on the course
directory (`--course DIR`, default ./course or $COURSE_GRADER_DIR; git-ignored): nbgrader's gradebook.db, the
results journal, autograded notebooks, feedback and exports all live there. A lecture (2.1-binary-classification,
...) is what nbgrader calls an assignment: `--lecture` and `--assignment` are the same option. Typical run:

  course-grader autograde submitted.zip      # grade every student and lecture found
  course-grader feedback                     # course/feedback/<student>/<lecture>/<lecture>.html
  course-grader export                       # course/exports/grades.csv, report.json, report.csv
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import course, stopping
from .console import say


def _release(args: argparse.Namespace) -> int:
    from .release import release

    for path in release(args.assignments or None):
        print(f"wrote {path.relative_to(course.REPO)}")
    return 0


def _execute_solutions(args: argparse.Namespace) -> int:
    from .execute import execute_in_place, store_edition_figures
    from .translation import LANGUAGES, translated_lectures

    for assignment_id in args.assignments or course.assignments():
        path = course.master_path(assignment_id)
        print(f"executing {path.relative_to(course.REPO)}", flush=True)
        execute_in_place(path)
        for language in LANGUAGES:
            if assignment_id in translated_lectures(language):
                written = store_edition_figures(path, assignment_id, language)
                print(f"  {language}: reference figures in {written.relative_to(course.REPO)}", flush=True)
    return 0


def _limits(args: argparse.Namespace):
    from .sandbox import Limits

    return Limits(cell_timeout=args.timeout, notebook_timeout=args.notebook_timeout, memory_mb=args.memory,
                  disk_mb=args.disk, output_bytes=args.max_output, sandbox=args.sandbox, kernels=args.kernels)


def _state(args: argparse.Namespace):
    from .store import CourseState

    return CourseState(Path(args.course))


def _autograde(args: argparse.Namespace) -> int:
    if not args.quiet:  # at once: loading nbgrader and reading the submissions take seconds
        say(f"autograde: reading {args.submissions} into the course directory {Path(args.course).resolve()}")
    from . import deadlines

    deadlines.load(Path(args.course))  # a mistake in COURSE/deadlines.toml stops here (exit 2), before grading
    from .sandbox import protection

    limits = _limits(args)
    if not args.scheduler:  # Dask workers decide for themselves; each result records its protection
        shield = protection(limits)  # refuses (SandboxUnavailable, exit 2) before anything is graded
        print(("warning: " if shield["weaker"] else "") + f"protection: {shield['summary']}", file=sys.stderr,
              flush=True)
    from .autograde import autograde

    summary = autograde(_state(args), Path(args.submissions), args.assignment or None, args.student or None,
                        limits, workers=args.jobs, force=args.force, progress=not args.quiet,
                        scheduler=args.scheduler, roster=args.roster)
    print("\n".join(summary.lines()))
    from .intake import layout_hint, unrecognised

    if unrecognised(summary.skipped):  # exit 1: the batch is not complete until someone looks at these
        print(layout_hint(course.assignments()))
    return 1 if summary.failed or unrecognised(summary.skipped) else 0


def _graded_state(args: argparse.Namespace):
    """The course directory, refused (exit 2, nothing created) if it was never graded or lacks a --student."""
    state = _state(args)
    state.require_graded()
    state.require_students(args.student)
    return state


def _feedback(args: argparse.Namespace) -> int:
    from . import reports
    from .console import Progress

    state = _graded_state(args)
    total = len([r for r in state.results() if r.get("status") != "failed"
                 and (not args.assignment or r["assignment_id"] in args.assignment)
                 and (not args.student or r["student_id"] in args.student)])
    written, errors = reports.feedback(state, args.assignment or None, args.student or None,
                                       Progress(total, enabled=not args.quiet))
    print(f"wrote {len(written)} feedback report(s) under {state.root / 'feedback'}")
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    return 1 if errors else 0


def _export(args: argparse.Namespace) -> int:
    from . import reports

    for path in reports.export(_graded_state(args), Path(args.output) if args.output else None,
                               args.assignment or None, args.student or None, force=args.force):
        print(f"wrote {path}")
    return 0


def _review(args: argparse.Namespace) -> int:
    from . import review

    state = _graded_state(args)
    items = [item for item in review.needs_a_person(state)
             if (not args.assignment or item.assignment_id in args.assignment)
             and (not args.student or item.student_id in args.student)]
    print("\n".join(review.report(state, items)))
    return 1 if any(item.needs_a_person for item in items) else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="course-grader", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    release = commands.add_parser(
        "release", help="regenerate notebooks/ (student copies) from solutions/",
        description="Generate each lecture's student copy in notebooks/ from its master in solutions/ with nbgrader "
                    "(solutions and hidden tests removed, reference figures kept), and the course's home page.")
    release.add_argument("assignments", nargs="*", metavar="LECTURE", help="lecture ids (default: all in solutions/)")
    release.set_defaults(run=_release)

    execute = commands.add_parser(
        "execute-solutions", help="re-execute master notebooks in place (nbval reference)",
        description="Run each lecture's master notebook and store its outputs in place (metadata normalised), so "
                    "the nbval regression run compares against current outputs; then run it once more in each "
                    "translated edition's language and store only its reference figures, for that edition's copy, in "
                    "solutions/<language>/<lecture>.figures.json.")
    execute.add_argument("assignments", nargs="*", metavar="LECTURE", help="lecture ids (default: all in solutions/)")
    execute.set_defaults(run=_execute_solutions)

    state = argparse.ArgumentParser(add_help=False)
    state.add_argument("--course", metavar="DIR", default=os.environ.get("COURSE_GRADER_DIR", "course"),
                       help="the instructor's course directory: gradebook.db, results/, autograded/, feedback/, "
                            "exports/ (default: ./course, or $COURSE_GRADER_DIR; keep it out of git)")
    state.add_argument("--lecture", "--assignment", dest="assignment", action="append", metavar="ID",
                       help="only this lecture (nbgrader calls it an assignment; repeatable)")
    state.add_argument("--student", action="append", metavar="ID",
                       help="only this student (repeatable; one the command does not know is refused)")
    state.add_argument("-q", "--quiet", action="store_true", help="no progress lines on stderr")

    autograde = commands.add_parser(
        "autograde", parents=[state], formatter_class=argparse.RawDescriptionHelpFormatter,
        help="grade a folder or zip of submissions (nbgrader layout <student>/<lecture>/<lecture>.ipynb)",
        description="Grade every student and lecture found in SUBMISSIONS with nbgrader, each submission in its own "
                    "sandboxed job; results go to the course directory's gradebook. It says at once what it found "
                    "and how much is already graded, then prints each finished job's score with an estimate of the "
                    "time left. Re-running is safe: unchanged submissions are not graded again. Stopped (Ctrl-C, "
                    "SIGTERM), it leaves no process or temporary folder behind and keeps every finished result; "
                    "the same command resumes (after kill -9 too). Exit status 1 if a submission could not be "
                    "graded at all, 2 for a mistake in the command (nothing is graded).")
    autograde.add_argument("submissions", metavar="SUBMISSIONS",
                           help="folder or .zip of submissions: nbgrader's <student_id>/<lecture>/<lecture>.ipynb, a "
                                "Canvas or a Moodle download (zips inside are opened too)")
    autograde.add_argument("--roster", metavar="CSV", type=Path,
                           help="the class list (columns id, name, email; optionally lms_id, login): submissions are "
                                "graded under its ids, a student not on it is reported and not graded, and one on it "
                                "who sent nothing for a lecture of the batch gets a zero with 'no submission'")
    autograde.add_argument("--jobs", "--workers", dest="jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                           help="grading processes on this machine (default: the number of cores, here "
                                f"{os.cpu_count() or 1}; 0 = grade in this process)")
    autograde.add_argument("--scheduler", metavar="ADDRESS",
                           help="grade on a Dask distributed cluster instead (e.g. tcp://host:8786): every worker "
                                "needs this repository installed (see the README, 'Grading past one machine'); "
                                "results are still written here, by this process only")
    autograde.add_argument("--timeout", type=int, default=30, metavar="S", help="time limit per cell (default 30 s)")
    autograde.add_argument("--notebook-timeout", type=int, default=600, metavar="S",
                           help="time budget per notebook, also its CPU limit (default 600 s)")
    autograde.add_argument("--memory", type=int, default=2048, metavar="MB",
                           help="memory (address space) limit of a student kernel (default 2048 MB)")
    autograde.add_argument("--disk", type=int, default=128, metavar="MB",
                           help="size of a student kernel's private home and of its private /tmp, each (RAM-backed; "
                                "bubblewrap only; default 128 MB)")
    autograde.add_argument("--max-output", type=int, default=2_000_000, metavar="BYTES",
                           help="output kept per cell (default 2000000 bytes)")
    autograde.add_argument("--sandbox", choices=["auto", "bwrap", "none"], default="auto",
                           help="auto: bubblewrap; if it is installed but cannot start, stop before grading "
                                "(with the reason); only where it is not installed, rlimits with the kernel as an "
                                "unprivileged user (weaker, announced, recorded in every result); bwrap: bubblewrap "
                                "or stop; none: the weaker protection, knowingly")
    autograde.add_argument("--kernels", choices=["warm", "cold"], default="warm",
                           help="warm: fork each kernel from a process that has done the imports (bubblewrap, "
                                "grader run as root; faster); cold: start a fresh Python for every kernel")
    autograde.add_argument("--force", action="store_true", help="grade again even unchanged submissions")
    autograde.set_defaults(run=_autograde)

    feedback = commands.add_parser(
        "feedback", parents=[state], help="write one HTML report per student and lecture (hidden tests never shown)",
        description="Write COURSE/feedback/<student>/<lecture>/<lecture>.html for every graded submission (or those "
                    "chosen with --lecture/--student): the score, the reason for every lost point, the visible "
                    "checks' output, never a hidden test. Exit status 2 (nothing written) if the course directory "
                    "has never been graded or a --student is unknown.")
    feedback.set_defaults(run=_feedback)

    export = commands.add_parser(
        "export", parents=[state],
        help="write grades.csv (a row per student, a column per lecture, totals) and report.json / report.csv "
             "(every lost point and problem, with reasons)",
        description="Write grades.csv (a row per student, a column per lecture, totals, flags, protection, inputs "
                    "not graded), report.json and report.csv (every result, lost point, problem and flag, with "
                    "reasons). --student and --lecture narrow the export to those students' rows and those "
                    "lectures' columns. An export never replaces one with more students or results unless --force "
                    "is given. Exit status 2 (nothing written) if the course directory has never been graded, a "
                    "--student is unknown, or rows would be lost.")
    export.add_argument("--output", metavar="DIR", help="where to write (default: COURSE/exports)")
    export.add_argument("--force", action="store_true",
                        help="replace an earlier export even if it has more rows than this one")
    export.set_defaults(run=_export)

    review = commands.add_parser(
        "review", parents=[state],
        help="list what needs a person: flagged submissions, cells to grade, failed jobs, inputs not graded",
        description="List what needs a person, with where to look (formgrader's page, the feedback page, the journal "
                    "entry, the input): submissions flagged for review or with cells to grade or resolve (read from "
                    "the gradebook, so what a reviewer settled in formgrader is gone from the list), submissions "
                    "that failed to grade, inputs not graded; and, for information, submissions graded with "
                    "problems. Exit status 0 if nothing needs a person, 1 if something does, 2 if the course "
                    "directory has never been graded or a --student is unknown.")
    review.set_defaults(run=_review)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("nn-basics-course")
    except PackageNotFoundError:
        return "unknown (not installed: pip install -e .)"


def main(argv: list[str] | None = None) -> int:
    stopping.stop_on_signals()
    try:
        return _run(build_parser().parse_args(argv))
    except BaseException as error:  # the interrupt, or what a library made of it
        stop = error if isinstance(error, stopping.Interrupted) else stopping.received()
        if stop is None:
            raise
        say(f"interrupted ({stop}): stopped, with no grading process or temporary folder left; everything "
            "finished before is kept: run the same command again to resume")
        return stop.exit_status


def _run(args: argparse.Namespace) -> int:
    known = course.assignments()
    unknown = set(getattr(args, "assignments", None) or []) | set(getattr(args, "assignment", None) or [])
    unknown -= set(known)
    if unknown:
        say(f"error: unknown lecture(s): {', '.join(sorted(unknown))}; known: {', '.join(known)}")
        return 2
    try:
        return args.run(args)
    except Exception as error:  # only the usage errors below; the others go on
        if not isinstance(error, _usage_errors()):
            raise
        say(f"error: {error}")
        return 2


def _usage_errors() -> tuple[type[Exception], ...]:
    """What exits 2 with its message: mistakes in the command or its inputs (imported only once one is raised, so
    a command prints its first line before loading nbgrader)."""
    from .deadlines import DeadlineError
    from .runner import SchedulerUnavailable
    from .sandbox import SandboxUnavailable
    from .store import CourseBusy, UsageError
    from .submission_files import IntakeError

    return IntakeError, SandboxUnavailable, CourseBusy, SchedulerUnavailable, DeadlineError, UsageError

if __name__ == "__main__":
    sys.exit(main())
