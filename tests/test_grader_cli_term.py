"""The command line over a term: mistakes fail loudly and create nothing, an interrupted batch leaves nothing behind
and resumes, and an instructor can follow a run (first line at once, a banner, a line per finished job)."""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from grader import course
from grader.__main__ import build_parser
from grader.store import CourseState
from notebook_cases import completed_copy
from test_grader_cli import A, cli, gradebook_rows, nb_bytes, write

pytestmark = pytest.mark.grader  # the grader's own machinery: in make test, not make check

LIMITS = ["--timeout", "10", "--notebook-timeout", "240", "--jobs", "2"]
STUDENTS = {"alice": "good", "bob": "blank", "carol": "no-ids", "dave": "blank", "erin": "good"}


def without_cell_ids(nb: nbformat.NotebookNode) -> bytes:
    """A format 4.5 notebook whose cells lack ids: nbformat warns about it when reading."""
    data = json.loads(nb_bytes(nb))
    for cell in data["cells"]:
        cell.pop("id", None)
    return json.dumps(data).encode()


@pytest.fixture(scope="module")
def submitted(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("submitted")
    good, blank = nb_bytes(completed_copy(A)), course.student_path(A).read_bytes()
    for student, kind in STUDENTS.items():
        write(root, student, A, {"good": good, "blank": blank, "no-ids": without_cell_ids(completed_copy(A))}[kind])
    return root


@pytest.fixture(scope="module")
def graded(submitted, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """One uninterrupted run over `submitted`, progress on (stderr is a pipe, not a terminal)."""
    state = tmp_path_factory.mktemp("graded") / "course"
    return state, cli("autograde", str(submitted), "--course", str(state), *LIMITS)


def subcommands() -> list[str]:
    [subparsers] = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return list(subparsers.choices)


# ----------------------------------------------------------------------------- help, version, wording
def test_version_from_the_package_metadata():
    from importlib.metadata import version

    assert cli("--version").stdout.strip() == f"course-grader {version('nn-basics-course')}"


@pytest.mark.parametrize("command", ["release", "execute-solutions", "autograde", "feedback", "export"])
def test_every_subcommand_has_a_description_and_says_lecture(command):
    assert command in subcommands()
    out = cli(command, "--help").stdout
    description = out.split("\n\n")[1]  # usage, then the description, then the options
    assert not description.lstrip().startswith(("positional arguments", "options")), out
    assert len(description.split()) >= 10, out
    # our word is "lecture"; "assignment" appears only where nbgrader's word is explained, or as the option's alias
    rest = re.sub(r"nbgrader calls it an\s+assignment|--assignment", "", out)
    assert "assignment" not in rest, out


# ----------------------------------------------------------------------------- loud mistakes
@pytest.mark.parametrize("command", ["export", "feedback"])
def test_no_gradebook_exits_2_and_creates_nothing(tmp_path, command):
    typo = tmp_path / "cuorse"
    done = cli(command, "--course", str(typo), check=False)
    assert done.returncode == 2 and "does not exist" in done.stderr and "--course" in done.stderr
    assert not typo.exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    done = cli(command, "--course", str(empty), check=False)
    assert done.returncode == 2 and "never been graded" in done.stderr
    assert list(empty.iterdir()) == []


@pytest.mark.slow
def test_unknown_lecture_or_student_exits_2_before_anything(submitted, tmp_path):
    fresh = tmp_path / "course"
    done = cli("autograde", str(submitted), "--course", str(fresh), "--student", "mallory", *LIMITS, check=False)
    assert done.returncode == 2 and "mallory" in done.stderr and "alice" in done.stderr
    assert not fresh.exists()
    done = cli("export", "--course", str(fresh), "--lecture", "9.9-nope", check=False)
    assert done.returncode == 2 and "unknown lecture" in done.stderr and not fresh.exists()


@pytest.mark.slow
def test_feedback_and_export_refuse_an_unknown_student(graded):
    state, _ = graded
    before = sorted(p for p in state.rglob("*") if p.name != ".lock")
    for command in ("feedback", "export"):
        done = cli(command, "--course", str(state), "--student", "mallory", check=False)
        assert done.returncode == 2 and "unknown student(s)" in done.stderr and "mallory" in done.stderr
        assert "alice" in done.stderr  # the known ones, as for an unknown lecture
    assert sorted(p for p in state.rglob("*") if p.name != ".lock") == before


def rows(path: Path) -> dict[str, dict]:
    with open(path, newline="") as file:
        return {row["student_id"]: row for row in csv.DictReader(file)}


@pytest.mark.slow
def test_export_filters_and_never_shrinks_an_export_without_force(graded, tmp_path):
    state, _ = graded
    exports = state / "exports"
    cli("export", "--course", str(state), "--force")
    everyone = (exports / "grades.csv").read_bytes()
    assert set(rows(exports / "grades.csv")) == set(STUDENTS)

    done = cli("export", "--course", str(state), "--student", "alice", check=False)
    assert done.returncode == 2 and "4 would be lost" in done.stderr and "--force" in done.stderr
    assert (exports / "grades.csv").read_bytes() == everyone

    elsewhere = tmp_path / "alice"
    cli("export", "--course", str(state), "--student", "alice", "--lecture", A, "--output", str(elsewhere))
    assert list(rows(elsewhere / "grades.csv")) == ["alice"]
    assert {r["student_id"] for r in json.loads((elsewhere / "report.json").read_text())} == {"alice"}
    assert rows(elsewhere / "grades.csv")["alice"][A] == "7"

    cli("export", "--course", str(state), "--student", "alice", "--force")
    assert list(rows(exports / "grades.csv")) == ["alice"]
    cli("export", "--course", str(state))  # more rows than before: no --force needed
    assert set(rows(exports / "grades.csv")) == set(STUDENTS)


# ----------------------------------------------------------------------------- progress
@pytest.mark.slow
def test_banner_and_a_line_per_job_when_stderr_is_not_a_terminal(graded, submitted):
    state, done = graded
    lines = done.stderr.splitlines()
    assert lines[0].startswith("autograde: reading") and str(state) in lines[0]
    assert "5 submission(s): 5 student(s), 1 lecture(s); 0 already graded (kept), 5 to grade in 2 process(es)" \
        in done.stderr
    jobs = [line for line in lines if re.match(r"\[\d/5\] ", line)]
    assert len(jobs) == 5, done.stderr
    scores = {re.match(r"\[\d/5\] (\w+) / ", line).group(1): re.search(r": (\S+) \(", line).group(1) for line in jobs}
    assert scores == {"alice": "7/7", "bob": "0/7", "carol": "7/7", "dave": "0/7", "erin": "7/7"}
    # an estimate of the time left once the first round (one job per process, which also starts up) is done
    assert [("left)" in line) for line in jobs] == [False, False, True, True, False], jobs
    assert "\r" not in done.stderr and "Warning" not in done.stderr, done.stderr  # carol's notebook has no cell ids

    again = cli("autograde", str(submitted), "--course", str(state), *LIMITS)
    assert "5 already graded (kept), 0 to grade" in again.stderr
    assert not [line for line in again.stderr.splitlines() if line.startswith("[")]


@pytest.mark.slow
def test_first_line_within_two_seconds(submitted, tmp_path):
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "grader", "autograde", str(submitted), "--course",
                                str(tmp_path / "course"), *LIMITS], cwd=course.REPO, stderr=subprocess.PIPE,
                               stdout=subprocess.DEVNULL, text=True, start_new_session=True)
    try:
        first = process.stderr.readline()
        seconds = time.monotonic() - started
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=60)
    assert first.startswith("autograde: reading") and seconds < 2, (first, seconds)


# ----------------------------------------------------------------------------- stopping
def leftovers(session: int, marks: list[str]) -> list[str]:
    """Live processes of `session`, or whose command line mentions one of `marks`."""
    found = []
    for entry in os.scandir("/proc"):
        try:
            stat = Path(entry.path, "stat").read_text()
            command = Path(entry.path, "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, ValueError):
            continue
        fields = stat.rpartition(")")[2].split()
        if fields[0] == "Z":
            continue
        if int(fields[3]) == session or any(mark in command for mark in marks):
            found.append(f"{entry.name}: {command[:200]}")
    return found


@pytest.mark.slow
@pytest.mark.parametrize(("signum", "jobs"), [(signal.SIGINT, "2"), (signal.SIGTERM, "2"), (signal.SIGTERM, "0")],
                         ids=["SIGINT-workers", "SIGTERM-workers", "SIGTERM-in-process"])
def test_interrupted_batch_stops_cleanly_and_resumes(submitted, graded, tmp_path, signum, jobs):
    """In worker processes, and in this process (--jobs 0, where nbclient would take the signals for itself)."""
    state = tmp_path / "course"
    process = subprocess.Popen([sys.executable, "-m", "grader", "autograde", str(submitted), "--course", str(state),
                                *LIMITS, "--jobs", jobs], cwd=course.REPO, start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and not list((state / "results").glob("*/*.json")):
        time.sleep(0.1)
    batch = list(Path(tempfile.gettempdir()).glob(f"grader-batch-{process.pid}-*"))
    assert batch, "the batch's temporary folder"
    process.send_signal(signum)
    sent = time.monotonic()
    _, err = process.communicate(timeout=30)
    assert time.monotonic() - sent < 10
    assert process.returncode == 128 + signum and "run the same command again to resume" in err, err
    marks = [str(batch[0]), str(state)]
    for _ in range(50):  # killed processes are reaped by init, not at once
        left = leftovers(process.pid, marks)
        if not left:
            break
        time.sleep(0.1)
    assert not left
    assert not batch[0].exists()

    journalled = len(list((state / "results").glob("*/*.json")))
    assert 1 <= journalled < len(STUDENTS)
    killed = Path(tempfile.gettempdir(), f"grader-batch-{process.pid}-killed")  # what kill -9 would have left
    (killed / "grader-zygote-x").mkdir(parents=True)
    resumed = cli("autograde", str(submitted), "--course", str(state), *LIMITS)
    assert not killed.exists()
    assert f"{journalled} already graded (kept), {len(STUDENTS) - journalled} to grade" in resumed.stderr
    assert len([line for line in resumed.stderr.splitlines() if line.startswith("[")]) == len(STUDENTS) - journalled
    assert gradebook_rows(CourseState(state)) == gradebook_rows(CourseState(graded[0]))


@pytest.mark.slow
def test_a_terminal_gets_a_bar_redrawn_under_the_lines(graded):
    state, _ = graded
    leader, follower = os.openpty()
    process = subprocess.Popen([sys.executable, "-m", "grader", "feedback", "--course", str(state)], cwd=course.REPO,
                               stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO: the command has closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert process.wait(timeout=120) == 0
    text = shown.decode()
    assert re.search(r"\r\x1b\[K\[2/5\] [^\n]+\n\[#+\.+\] 2/5 ", text), text  # a line, then the bar under it
    assert text.endswith("\n") and "\x1b[K[5/5]" in text  # the bar is gone once all is done
