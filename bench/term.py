"""An instructor's term in figures: `autograde`, `review`, `feedback` and `export` on one synthetic class.

The class is bench/grading.py's (correct, wrong and blank submissions in turn), by default 8 students x the first
three lectures. Each command runs once through the real CLI in a fresh course directory; the script prints its wall
time, the load average when it started, and what it produced (results, pages, rows).

    .venv/bin/python bench/term.py
    .venv/bin/python bench/term.py --students 20 --lectures 2.1-binary-classification 2.5-derivatives
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from grading import _env, synthetic_class

from grader import course


def run(*args: str) -> tuple[float, subprocess.CompletedProcess]:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "grader", *args], env=_env(), capture_output=True, text=True)
    return time.monotonic() - started, done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=8, help="students in the class (default 8)")
    parser.add_argument("--lectures", nargs="+", metavar="ID", help="lectures (default: the first three)")
    args = parser.parse_args(argv)
    lectures = args.lectures or course.assignments()[:3]
    with tempfile.TemporaryDirectory(prefix="bench-term-") as scratch:
        work = Path(scratch)
        submitted = work / "submitted"
        made = synthetic_class(submitted, args.students, lectures)
        home = str(work / "course")
        print(f"class: {args.students} student(s) x {len(lectures)} lecture(s) = {len(made)} submissions; "
              f"{os.cpu_count()} core(s)")
        steps = [("autograde", ["autograde", str(submitted), "--course", home, "-q"], {0}),
                 ("review", ["review", "--course", home], {0, 1}),  # 1: something needs a person (the wrong ones)
                 ("feedback", ["feedback", "--course", home], {0}),
                 ("export", ["export", "--course", home], {0})]
        for name, command, accepted in steps:
            load = os.getloadavg()[0]
            seconds, done = run(*command)
            if done.returncode not in accepted:
                print(f"{name} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
                return 1
            print(f"{name:10s} {seconds:7.1f} s   (load {load:.1f})")
        pages = list((work / "course" / "feedback").rglob("*.html"))
        with open(work / "course" / "exports" / "grades.csv", encoding="utf-8") as file:
            rows = list(csv.DictReader(file))
        print(f"produced: {len(pages)} feedback pages, {len(rows)} rows in grades.csv")
    return 0


if __name__ == "__main__":
    sys.exit(main())
