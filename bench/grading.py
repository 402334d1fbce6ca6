"""Grading throughput: stock `nbgrader autograde` against `python -m grader autograde` on one synthetic class.

The class: `--students` students (default 40) x every lecture present (or `--lectures ...`), each submission one of
  correct  every answer cell holds the master's answer,
  wrong    the master's answers with one function replaced by a wrong one from tests/mutants/<id>.py,
  blank    the student copy as handed out,
in turn. Stock nbgrader grades it the way an instructor would, in its own temporary course directory with the masters
as source (generated first, not timed): one `nbgrader autograde <lecture>` per lecture over all students. This
grader grades the same files in one `python -m grader autograde` run (`--workers`, default: the number of cores).
Prints both wall times, their ratio, and whether every score agrees per student, lecture and cell (exit status 1 if
any differs).

    .venv/bin/python bench/grading.py                                   # 40 students x every lecture
    .venv/bin/python bench/grading.py --students 2 --lectures 2.1-binary-classification
"""

from __future__ import annotations

import argparse
import json
import os
import runpy
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from grader import course, notebooks
from grader.assignment import Assignment, answer_cells

KINDS = ("correct", "wrong", "blank")


def wrong_answers(lecture: str, functions: list[str]) -> list[tuple[str, str, str]]:
    """(function, mutant name, answer cell source) of every mutant in tests/mutants/<lecture>.py of `functions`."""
    path = course.REPO / "tests" / "mutants" / f"{lecture}.py"
    mutants = runpy.run_path(str(path))["MUTANTS"] if path.exists() else {}
    return [(f, name, source) for f, by_name in mutants.items() if f in functions for name, source in by_name.items()]


def with_answer(nb: nbformat.NotebookNode, function: str, source: str) -> nbformat.NotebookNode:
    """A copy of `nb` whose answer cell for `function` holds `source`."""
    nb = nbformat.from_dict(nb)
    answer_cells(nb)[function].source = source
    return nb


def synthetic_class(root: Path, students: int, lectures: list[str]) -> dict[tuple[str, str], str]:
    """Write `root/<student>/<lecture>/<lecture>.ipynb`; return (student, lecture) -> what was submitted."""
    made = {}
    for lecture in lectures:
        assignment = Assignment.load(lecture)
        correct, blank = assignment.completed(), assignment.release
        wrong = wrong_answers(lecture, list(assignment.answer_cells()))
        for i in range(students):
            student = f"s{i + 1:03d}"
            kind = KINDS[(i + course.assignments().index(lecture)) % len(KINDS)]
            if kind == "wrong" and not wrong:
                kind = "blank"
            if kind == "correct":
                nb, label = correct, "correct"
            elif kind == "wrong":
                function, name, source = wrong[i % len(wrong)]
                nb, label = with_answer(correct, function, source), f"wrong ({function}: {name})"
            else:
                nb, label = blank, "blank"
            notebooks.write(nb, root / student / lecture / f"{lecture}.ipynb")
            made[(student, lecture)] = label
    return made


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    return env


def _gradebook_cells(db: Path) -> dict[tuple[str, str], dict[str, tuple[float, float]]]:
    from nbgrader.api import Gradebook

    out = {}
    with Gradebook(f"sqlite:///{db}", course.COURSE_ID) as gradebook:
        for assignment in gradebook.assignments:
            for submission in assignment.submissions:
                for notebook in submission.notebooks:
                    out[(submission.student.id, assignment.name)] = {
                        g.name: (float(g.score or 0.0), float(g.max_score)) for g in notebook.grades}
    return out


def stock(work: Path, submitted: Path, lectures: list[str]) -> tuple[float, dict]:
    """Stock nbgrader: a course directory with the masters as source; one `nbgrader autograde` per lecture."""
    root = work / "stock-course"
    for lecture in lectures:
        shutil.copytree(course.SOLUTIONS / lecture, root / "source" / lecture)
    (root / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CourseDirectory.root = {str(root)!r}\n"
        f"c.CourseDirectory.course_id = {course.COURSE_ID!r}\n"
        f"c.Exchange.root = {str(root / 'exchange')!r}\n")
    def nbgrader(command: str, lecture: str) -> None:
        subprocess.run([os.path.join(os.path.dirname(sys.executable), "nbgrader"), command, lecture,
                        "--log-level=ERROR"], cwd=root, env=_env(), check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)

    for lecture in lectures:  # done once at release time by the instructor: not timed
        nbgrader("generate_assignment", lecture)
    shutil.copytree(submitted, root / "submitted")
    started = time.monotonic()
    for lecture in lectures:
        nbgrader("autograde", lecture)
    seconds = time.monotonic() - started
    return seconds, _gradebook_cells(root / "gradebook.db")


def ours(work: Path, submitted: Path, workers: int | None) -> tuple[float, dict, dict]:
    """This grader's CLI, one run over the whole class; cell scores from its results, totals from its gradebook."""
    from grader.store import CourseState, GradebookWriter

    state = CourseState(work / "grader-course")
    command = [sys.executable, "-m", "grader", "autograde", str(submitted), "--course", str(state.root), "-q"]
    if workers is not None:
        command += ["--workers", str(workers)]
    started = time.monotonic()
    done = subprocess.run(command, env=_env(), capture_output=True, text=True)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit(f"grader autograde failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    cells = {(r["student_id"], r["assignment_id"]): {g: (float(c["score"]), float(c["max_score"]))
                                                     for g, c in r["cells"].items()} for r in state.results()}
    return seconds, cells, GradebookWriter(state).scores()


def compare(expected: dict, got: dict, totals: dict) -> list[str]:
    differences = []
    for key in sorted(set(expected) | set(got)):
        if expected.get(key) != got.get(key):
            differences.append(f"{key[0]} / {key[1]}: stock {expected.get(key)} vs grader {got.get(key)}")
        elif abs(sum(s for s, _ in expected[key].values()) - totals.get(key, -1.0)) > 1e-9:
            differences.append(f"{key[0]} / {key[1]}: gradebook total {totals.get(key)} vs stock "
                               f"{sum(s for s, _ in expected[key].values())}")
    return differences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=40, help="students in the class (default 40)")
    parser.add_argument("--lectures", nargs="+", metavar="ID", help="lectures (default: every lecture present)")
    parser.add_argument("--workers", type=int, help="this grader's worker processes (default: its own, the cores)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures to FILE")
    args = parser.parse_args(argv)
    lectures = args.lectures or course.assignments()
    unknown = set(lectures) - set(course.assignments())
    if unknown:
        parser.error(f"unknown lecture(s): {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as scratch:
        work = Path(scratch)
        made = synthetic_class(work / "submitted", args.students, lectures)
        kinds = {k: sum(1 for v in made.values() if v.split()[0] == k) for k in KINDS}
        print(f"class: {args.students} student(s) x {len(lectures)} lecture(s) = {len(made)} submissions "
              f"({', '.join(f'{n} {k}' for k, n in kinds.items())}); {os.cpu_count()} core(s), "
              f"load average {os.getloadavg()[0]:.1f}", flush=True)
        stock_seconds, stock_cells = stock(work, work / "submitted", lectures)
        print(f"stock nbgrader autograde (one run per lecture): {stock_seconds:7.1f} s "
              f"({stock_seconds / len(made):.2f} s per submission)", flush=True)
        our_seconds, our_cells, our_totals = ours(work, work / "submitted", args.workers)
        print(f"python -m grader autograde (one run):          {our_seconds:7.1f} s "
              f"({our_seconds / len(made):.2f} s per submission)", flush=True)
        ratio = stock_seconds / our_seconds
        differences = compare(stock_cells, our_cells, our_totals)
        print(f"throughput ratio (stock time / grader time): {ratio:.2f}x")
        print(f"scores agree per student, lecture and cell: {'yes' if not differences else 'NO'} "
              f"({len(stock_cells)} submissions, {sum(len(c) for c in stock_cells.values())} cells compared)")
        for line in differences[:50]:
            student, lecture = line.split(": ")[0].split(" / ")
            print(f"  {line} [{made.get((student, lecture), '?')}]")
        if args.json:
            Path(args.json).write_text(json.dumps({
                "students": args.students, "lectures": lectures, "submissions": len(made),
                "stock_seconds": stock_seconds, "grader_seconds": our_seconds, "ratio": ratio,
                "agree": not differences, "differences": differences}, indent=1))
        return 0 if not differences and len(stock_cells) == len(made) else 1


if __name__ == "__main__":
    sys.exit(main())
