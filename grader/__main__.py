"""Command line: `python -m grader COMMAND` (also installed as `course-grader`)."""

from __future__ import annotations

import argparse
import sys

from . import course


def _release(args: argparse.Namespace) -> None:
    from .release import release

    for path in release(args.assignments or None):
        print(f"wrote {path.relative_to(course.REPO)}")


def _execute_solutions(args: argparse.Namespace) -> None:
    from .execute import execute_in_place

    for assignment_id in args.assignments or course.assignments():
        path = course.master_path(assignment_id)
        print(f"executing {path.relative_to(course.REPO)}", flush=True)
        execute_in_place(path)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m grader", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    release = commands.add_parser("release", help="regenerate notebooks/ (student copies) from solutions/")
    release.add_argument("assignments", nargs="*", help="assignment ids (default: all in solutions/)")
    release.set_defaults(run=_release)

    execute = commands.add_parser("execute-solutions", help="re-execute master notebooks in place (nbval reference)")
    execute.add_argument("assignments", nargs="*", help="assignment ids (default: all in solutions/)")
    execute.set_defaults(run=_execute_solutions)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    unknown = set(getattr(args, "assignments", None) or []) - set(course.assignments())
    if unknown:
        print(f"error: unknown assignment(s): {', '.join(sorted(unknown))}; known: {', '.join(course.assignments())}",
              file=sys.stderr)
        return 2
    args.run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
