"""Instructor's command line for the course's nbgrader pipeline.

`python -m grader COMMAND` (also installed as `course-grader COMMAND`). Grading commands work on the course
directory (`--course DIR`, default ./course or $COURSE_GRADER_DIR; git-ignored): nbgrader's gradebook.db, the
results journal, autograded notebooks, feedback and exports all live there. Typical run:

  course-grader autograde submitted.zip      # grade every student and lecture found
  course-grader feedback                     # course/feedback/<student>/<lecture>/<lecture>.html
  course-grader export                       # course/exports/grades.csv, report.json, report.csv
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import course


def _release(args: argparse.Namespace) -> int:
    from .release import release

    for path in release(args.assignments or None):
        print(f"wrote {path.relative_to(course.REPO)}")
    return 0


def _execute_solutions(args: argparse.Namespace) -> int:
    from .execute import execute_in_place

    for assignment_id in args.assignments or course.assignments():
        path = course.master_path(assignment_id)
        print(f"executing {path.relative_to(course.REPO)}", flush=True)
        execute_in_place(path)
    return 0


def _limits(args: argparse.Namespace):
    from .sandbox import Limits

    return Limits(cell_timeout=args.timeout, notebook_timeout=args.notebook_timeout, memory_mb=args.memory,
                  disk_mb=args.disk, output_bytes=args.max_output, sandbox=args.sandbox, kernels=args.kernels)


def _state(args: argparse.Namespace):
    from .store import CourseState

    return CourseState(Path(args.course))


def _autograde(args: argparse.Namespace) -> int:
    from . import runner
    from .sandbox import protection

    limits = _limits(args)
    if not args.scheduler:  # Dask workers decide for themselves; each result records its protection
        shield = protection(limits)  # refuses (SandboxUnavailable, exit 2) before anything is graded
        print(("warning: " if shield["weaker"] else "") + f"protection: {shield['summary']}", file=sys.stderr,
              flush=True)
    summary = runner.autograde(_state(args), Path(args.submissions), args.assignment or None, args.student or None,
                               limits, workers=args.jobs, force=args.force, progress=not args.quiet,
                               scheduler=args.scheduler, roster=args.roster)
    print("\n".join(summary.lines()))
    from .intake import layout_hint, unrecognised

    if unrecognised(summary.skipped):  # exit 1: the batch is not complete until someone looks at these
        print(layout_hint(course.assignments()))
    return 1 if summary.failed or unrecognised(summary.skipped) else 0


def _feedback(args: argparse.Namespace) -> int:
    from . import reports
    from .runner import Progress

    state = _state(args)
    total = len([r for r in state.results() if r.get("status") != "failed"])
    written, errors = reports.feedback(state, args.assignment or None, args.student or None,
                                       Progress(total, enabled=not args.quiet))
    print(f"wrote {len(written)} feedback report(s) under {state.root / 'feedback'}")
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    return 1 if errors else 0


def _export(args: argparse.Namespace) -> int:
    from . import reports

    for path in reports.export(_state(args), Path(args.output) if args.output else None):
        print(f"wrote {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="course-grader", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    release = commands.add_parser("release", help="regenerate notebooks/ (student copies) from solutions/")
    release.add_argument("assignments", nargs="*", help="assignment ids (default: all in solutions/)")
    release.set_defaults(run=_release)

    execute = commands.add_parser("execute-solutions", help="re-execute master notebooks in place (nbval reference)")
    execute.add_argument("assignments", nargs="*", help="assignment ids (default: all in solutions/)")
    execute.set_defaults(run=_execute_solutions)

    state = argparse.ArgumentParser(add_help=False)
    state.add_argument("--course", metavar="DIR", default=os.environ.get("COURSE_GRADER_DIR", "course"),
                       help="the instructor's course directory: gradebook.db, results/, autograded/, feedback/, "
                            "exports/ (default: ./course, or $COURSE_GRADER_DIR; keep it out of git)")
    state.add_argument("--assignment", action="append", metavar="ID", help="only this lecture (repeatable)")
    state.add_argument("--student", action="append", metavar="ID", help="only this student (repeatable)")
    state.add_argument("-q", "--quiet", action="store_true", help="no progress bar")

    autograde = commands.add_parser(
        "autograde", parents=[state], formatter_class=argparse.RawDescriptionHelpFormatter,
        help="grade a folder or zip of submissions (nbgrader layout <student>/<lecture>/<lecture>.ipynb)",
        description="Grade every student and lecture found in SUBMISSIONS with nbgrader, each submission in its own "
                    "sandboxed job; results go to the course directory's gradebook. Re-running is safe: unchanged "
                    "submissions are not graded again, and a killed run resumes. Exit status 1 if a submission "
                    "could not be graded at all.")
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

    feedback = commands.add_parser("feedback", parents=[state],
                                   help="write one HTML report per student and lecture (hidden tests never shown)")
    feedback.set_defaults(run=_feedback)

    export = commands.add_parser("export", parents=[state],
                                 help="write grades.csv (a row per student, a column per lecture, totals) and "
                                      "report.json / report.csv (every lost point and problem, with reasons)")
    export.add_argument("--output", metavar="DIR", help="where to write (default: COURSE/exports)")
    export.set_defaults(run=_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    known = course.assignments()
    unknown = set(getattr(args, "assignments", None) or []) | set(getattr(args, "assignment", None) or [])
    unknown -= set(known)
    if unknown:
        print(f"error: unknown assignment(s): {', '.join(sorted(unknown))}; known: {', '.join(known)}",
              file=sys.stderr)
        return 2
    from .deadlines import DeadlineError
    from .intake import IntakeError
    from .runner import SchedulerUnavailable
    from .sandbox import SandboxUnavailable
    from .store import CourseBusy

    try:
        return args.run(args)
    except (IntakeError, SandboxUnavailable, CourseBusy, SchedulerUnavailable, DeadlineError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: finished results are saved; run the same command again to resume", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
