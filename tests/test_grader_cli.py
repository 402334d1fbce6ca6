"""The instructor's command line end to end: zips with odd ids and traversal, re-runs, kill -9 and resume, the
course lock, the sandbox's isolation, and one batch over every lecture."""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import nbformat
import pytest

from grader import course, reports, sandbox
from grader.store import CourseState
from notebook_cases import ASSIGNMENTS, completed_copy
from submissions.corpus import ISOLATION_PROBE

pytestmark = [pytest.mark.slow, pytest.mark.grader]  # the grader's own machinery: in make test, not make check

A = ASSIGNMENTS[0]
FAST = ["--timeout", "10", "--notebook-timeout", "240", "-q"]


def cli(*args, check=True, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "grader", *args], capture_output=True, text=True,
                          cwd=course.REPO, **kwargs)
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def nb_bytes(nb) -> bytes:
    return nbformat.writes(nb).encode()


def write(root: Path, student: str, assignment: str, data: bytes, name: str | None = None) -> Path:
    path = root / student / assignment / (name or f"{assignment}.ipynb")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def gradebook_rows(state: CourseState) -> list[tuple]:
    from nbgrader.api import Gradebook

    rows = []
    with Gradebook(state.db_url, course.COURSE_ID) as gradebook:
        for assignment in gradebook.assignments:
            for submission in assignment.submissions:
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        rows.append((submission.student.id, assignment.name, grade.name, grade.auto_score,
                                     grade.manual_score, bool(grade.needs_manual_grade), bool(notebook.flagged),
                                     str(submission.timestamp)))
    return sorted(rows)


def test_help():
    out = cli("--help").stdout
    for command in ("release", "execute-solutions", "autograde", "feedback", "export"):
        assert command in out
    assert "--course DIR" in cli("autograde", "--help").stdout


def test_clear_errors_and_exit_codes(tmp_path):
    done = cli("autograde", str(tmp_path / "nowhere"), "--course", str(tmp_path / "c"), check=False)
    assert done.returncode == 2 and "does not exist" in done.stderr
    done = cli("autograde", str(tmp_path), "--assignment", "9.9-nope", "--course", str(tmp_path / "c"), check=False)
    assert done.returncode == 2 and "unknown lecture" in done.stderr
    bogus = tmp_path / "x.txt"
    bogus.write_text("hello")
    done = cli("autograde", str(bogus), "--course", str(tmp_path / "c"), check=False)
    assert done.returncode == 2 and "neither a folder nor a zip" in done.stderr


def test_zip_with_odd_ids_and_escaping_paths(tmp_path):
    good, blank = nb_bytes(completed_copy(A)), course.student_path(A).read_bytes()
    archive = tmp_path / "class.zip"
    odd = {"o'brien": good, "名前": blank, "-rf": good, "=cmd|' -C calc'!A0": blank, "a b": good}
    with zipfile.ZipFile(archive, "w") as zf:
        for student, data in odd.items():
            zf.writestr(f"submitted/{student}/{A}/{A}.ipynb", data)
        zf.writestr(f"../../escape/{A}/{A}.ipynb", good)
        zf.writestr(f"/tmp/abs-escape/{A}/{A}.ipynb", good)
        zf.writestr(f"submitted/{'z' * 150}/{A}/{A}.ipynb", good)
        zf.writestr(f"submitted/../../../evil/{A}/{A}.ipynb", good)
    state = tmp_path / "course"
    out = cli("autograde", str(archive), "--course", str(state), "--jobs", "2", *FAST).stdout
    assert "graded 5 submission(s)" in out and "failed to grade: 0" in out
    assert "inputs not graded: 4" in out and "points outside the archive" in out
    assert not (tmp_path / "escape").exists() and not Path("/tmp/abs-escape").exists()
    cli("export", "--course", str(state))
    cli("feedback", "--course", str(state), "-q")
    with open(state / "exports" / "grades.csv", newline="") as file:
        rows = {row["student_id"]: row for row in csv.DictReader(file)}
    assert set(rows) == {"o'brien", "名前", "'-rf", "'=cmd|' -C calc'!A0", "a b", "z" * 150}
    assert rows["z" * 150][A] == "0" and "longer than" in rows["z" * 150]["not_graded"]
    assert rows["o'brien"][A] == "7" and rows["名前"][A] == "0" and rows["'-rf"][A] == "7"
    for student in odd:
        assert (state / "feedback" / student / A / f"{A}.html").is_file()


def test_rerun_is_idempotent_and_kill_9_resumes_to_the_same_gradebook(tmp_path):
    submitted = tmp_path / "submitted"
    good, blank = nb_bytes(completed_copy(A)), course.student_path(A).read_bytes()
    for i in range(4):
        write(submitted, f"s{i}", A, good if i % 2 else blank)
    write(submitted, "s9", A, b"{broken")
    (submitted / "s1" / A / "timestamp.txt").write_text("2024-03-01 12:00:00 UTC")

    whole = tmp_path / "whole"
    cli("autograde", str(submitted), "--course", str(whole), *FAST)
    first = gradebook_rows(CourseState(whole))
    again = cli("autograde", str(submitted), "--course", str(whole), *FAST).stdout
    assert "5 reused from an earlier run" in again
    assert gradebook_rows(CourseState(whole)) == first

    killed = tmp_path / "killed"
    process = subprocess.Popen([sys.executable, "-m", "grader", "autograde", str(submitted), "--course", str(killed),
                                *FAST], cwd=course.REPO, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list((killed / "results").glob("*/*.json"))) < 2:
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    done = len(list((killed / "results").glob("*/*.json")))
    assert 2 <= done < 5, "the batch should have been killed half-way"
    resumed = cli("autograde", str(submitted), "--course", str(killed), *FAST).stdout
    assert f"{done} reused" in resumed
    assert gradebook_rows(CourseState(killed)) == first
    cli("export", "--course", str(whole))
    cli("export", "--course", str(killed))
    assert (whole / "exports" / "grades.csv").read_text() == (killed / "exports" / "grades.csv").read_text()


def test_one_grader_per_course_directory(tmp_path):
    state = CourseState(tmp_path / "course")
    write(tmp_path / "submitted", "alice", A, course.student_path(A).read_bytes())
    with state.locked():
        done = cli("autograde", str(tmp_path / "submitted"), "--course", str(state.root), check=False)
    assert done.returncode == 2 and "another course-grader" in done.stderr


def test_student_code_is_confined(tmp_path):
    submitted = tmp_path / "submitted"
    state = tmp_path / "course"
    other = write(submitted, "bystander", A, course.student_path(A).read_bytes())
    probe = ISOLATION_PROBE.format(master=str(course.master_path(A)), gradebook=str(state / "gradebook.db"),
                                   other=str(other), repo_file=str(course.REPO / "grader-was-here.txt"))
    probe += ("import resource\nprint('address-space', resource.getrlimit(resource.RLIMIT_AS)[0])\n"
              "_try('alloc-3g', lambda: bytearray(3 * 2**30))\n"
              "import threading\n"
              "_try('threads-300', lambda: [threading.Thread(target=__import__('time').sleep, args=(5,)).start() "
              "for _ in range(300)])\n")
    nb = completed_copy(A)
    nb.cells.insert(3, nbformat.v4.new_code_cell(probe))
    write(submitted, "prober", A, nb_bytes(nb))
    cli("autograde", str(submitted), "--course", str(state), "--memory", "2048", *FAST)
    result = CourseState(state).load_result(A, "prober")
    assert result["score"] == 7.0
    text = "".join(o.get("text", "") for c in nbformat.reads(result["autograded"], 4).cells if c.cell_type == "code"
                   for o in c.outputs)
    assert f"address-space {2048 * 2**20}" in text
    assert "alloc-3g denied MemoryError" in text
    assert "write-tmp ALLOWED" in text and "write-home ALLOWED" in text
    assert not (course.REPO / "grader-was-here.txt").exists()
    if sandbox.bwrap_installed():  # an installed bubblewrap that cannot start stops autograde (exit 2) instead
        assert result["protection"]["kind"] == "bubblewrap"
        for what in ("read-master", "read-gradebook", "read-other", "write-repo", "network"):
            assert f"{what} denied" in text, text
        if os.geteuid() == 0:  # a user of its own: the process budget is the kernel's alone
            assert "threads-300 denied" in text
    else:
        assert result["protection"]["kind"] == "rlimits"


def test_every_lecture_through_the_cli(graded_course, tmp_path):
    """A completed copy scores full marks and a blank copy zero in every lecture, with no tamper flag, and no
    feedback page shows a hidden-test line. The session's graded course (tests/conftest.py) holds them, graded
    through the CLI; feedback and export run on a copy of it."""
    assert "failed to grade: 0" in graded_course.output
    for assignment in ASSIGNMENTS:
        complete, blank = graded_course.results[assignment, "completed"], graded_course.results[assignment, "blank"]
        assert complete["score"] == complete["max_score"] > 0, (assignment, complete["cells"])
        assert blank["score"] == 0, (assignment, blank["cells"])
        assert not complete["problems"] and not complete["events"], (assignment, complete["problems"])
        tampering = [f for r in (complete, blank) for f in r["flags"] if f["severity"] == "tamper"]
        assert not tampering, (assignment, tampering)
    state = tmp_path / "course"
    shutil.copytree(graded_course.root, state)
    copies = {(a, kind): graded_course.students[a, kind] for a in ASSIGNMENTS for kind in ("completed", "blank")}
    cli("feedback", "--course", str(state), "-q", *[arg for s in set(copies.values()) for arg in ("--student", s)])
    for (assignment, _), student in copies.items():
        secret = reports._secret_lines(assignment)
        html = (state / "feedback" / student / assignment / f"{assignment}.html").read_text()
        text = reports._visible_text(html)
        assert not [s for s in secret if s in html or s in text]
    cli("export", "--course", str(state))
    header = (state / "exports" / "grades.csv").read_text().splitlines()[0].split(",")
    assert header == ["student_id", *ASSIGNMENTS, "total", "max_total", "flagged", "protection", "not_graded",
                      "language"]
    with open(state / "exports" / "grades.csv", newline="") as file:
        protection = "bubblewrap" if sandbox.bwrap_installed() else "rlimits (weaker: no sandbox)"
        assert {row["protection"] for row in csv.DictReader(file)} == {protection}


def test_inputs_left_out_are_rows_of_the_export(tmp_path):
    """A symlink, an unrecognised file and an empty folder: each in the export with its reason and a zero, under
    its student where the layout tells."""
    submitted = tmp_path / "submitted"
    (submitted / "bob" / A).mkdir(parents=True)
    (submitted / "bob" / A / f"{A}.ipynb").symlink_to(course.master_path(A))
    (submitted / "carol").mkdir()
    (submitted / "dave").mkdir()
    (submitted / "dave" / "homework.pdf").write_bytes(b"%PDF-1.4")
    state = tmp_path / "course"
    done = cli("autograde", str(submitted), "--course", str(state), *FAST, check=False)
    assert done.returncode == 1 and "hint: the layouts the grader recognises" in done.stdout  # homework.pdf
    assert "inputs not graded: 3" in done.stdout
    cli("export", "--course", str(state))
    with open(state / "exports" / "grades.csv", newline="") as file:
        rows = {row["student_id"]: row for row in csv.DictReader(file)}
    assert set(rows) == {"bob", "carol", "dave"}
    assert rows["bob"][A] == "0" and "symbolic link" in rows["bob"]["not_graded"]
    assert "empty folder" in rows["carol"]["not_graded"] and "homework.pdf" in rows["dave"]["not_graded"]
    with open(state / "exports" / "report.csv", newline="") as file:
        left_out = [row for row in csv.DictReader(file) if row["kind"].startswith("not-graded:")]
    assert sorted((row["student_id"], row["kind"], row["score"]) for row in left_out) == [
        ("bob", "not-graded:symlink", "0"), ("carol", "not-graded:no-notebook", "0"),
        ("dave", "not-graded:unrecognised-file", "0")]
    assert all(str(submitted) in row["detail"] for row in left_out)
