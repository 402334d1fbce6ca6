"""Submissions as they really arrive: Canvas and Moodle downloads, zips inside zips, a roster, and what is not
recognised. Name parsing and intake are checked without kernels; the CLI grades real notebooks (the released student
copy and a completed copy of one small lecture) in a few small batches."""

from __future__ import annotations

import csv
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath

import nbformat
import pytest

from grader import course, intake, lms, submission_files
from notebook_cases import completed_copy

pytestmark = pytest.mark.grader  # the grader's own machinery: in make test, not make check

LECTURE = "2.5-derivatives"
OTHER = "2.7-computation-graph"
LECTURES = course.assignments()
BLANK = course.student_path(LECTURE).read_bytes()
FULL = nbformat.writes(completed_copy(LECTURE)).encode()
FAST = ["--timeout", "10", "--notebook-timeout", "240", "-q", "--jobs", "2"]


def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader", *args], capture_output=True, text=True, cwd=course.REPO,
                          check=False)


def zip_of(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def zipped(members: dict[str, bytes]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def without_utf8_flag(archive: Path) -> Path:
    """The zip as tools that write UTF-8 names without saying so make it (the flag cleared in every header)."""
    data = bytearray(archive.read_bytes())
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start != -1:
            data[start + flags_at + 1] &= ~0x08 & 0xFF  # bit 11 of the little-endian flags: bit 3 of the high byte
            start = data.find(signature, start + 4)
    archive.write_bytes(bytes(data))
    return archive


def roster(path: Path, *rows: str, header: str = "id,name,email,lms_id") -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def found(intake_: intake.Intake) -> dict[tuple[str, str], intake.Submission]:
    return {(s.student_id, s.assignment_id): s for s in intake_.submissions}


def kinds(intake_: intake.Intake) -> set[tuple]:
    return {(item["kind"], item.get("student"), item.get("assignment")) for item in intake_.skipped}


# --------------------------------------------------------------------------- names, no kernels
@pytest.mark.parametrize("name, student, lms_id, upload, late, file_name", [
    (f"lovelaceada_101_5001_{LECTURE}.ipynb", "lovelaceada", "101", 5001, False, f"{LECTURE}.ipynb"),
    (f"turingalan_LATE_102_5002_{LECTURE}.ipynb", "turingalan", "102", 5002, True, f"{LECTURE}.ipynb"),
    (f"hopperg_103_5009_{LECTURE}-1.ipynb", "hopperg", "103", 5009, False, f"{LECTURE}-1.ipynb"),
    ("o_brienpat_12_34_hw_2_3.ipynb", "o_brienpat", "12", 34, False, "hw_2_3.ipynb"),  # "_" in a sorting name
    ("anon_x7Yq2_5003_work.ipynb", "anon_x7Yq2", "", 5003, False, "work.ipynb"),  # anonymous grading
    ("LATE_anon_x7Yq2_5003_work.ipynb", "anon_x7Yq2", "", 5003, True, "work.ipynb"),
])
def test_canvas_file_names(name, student, lms_id, upload, late, file_name):
    who = lms.identify(PurePosixPath(name))
    assert (who.layout, who.student, who.lms_id, who.upload, who.late, who.file_name, who.gradable) == \
        ("Canvas", student, lms_id, upload, late, file_name, True)


@pytest.mark.parametrize("path, student, lms_id, file_name, gradable", [
    (f"Ada Lovelace_17_assignsubmission_file_/{LECTURE}.ipynb", "ada-lovelace", "17", f"{LECTURE}.ipynb", True),
    (f"Ada Lovelace_17_assignsubmission_file_{LECTURE}.ipynb", "ada-lovelace", "17", f"{LECTURE}.ipynb", True),
    (f"José García-López_9_assignsubmission_file_/work.zip/sub/{LECTURE}.ipynb", "josé-garcía-lópez", "9",
     f"{LECTURE}.ipynb", True),
    ("Ada Lovelace_17_assignsubmission_onlinetext_/onlinetext.html", "ada-lovelace", "17", "onlinetext.html", False),
])
def test_moodle_paths(path, student, lms_id, file_name, gradable):
    who = lms.identify(PurePosixPath(path))
    assert (who.layout, who.student, who.lms_id, who.file_name, who.gradable) == \
        ("Moodle", student, lms_id, file_name, gradable)


@pytest.mark.parametrize("path", [f"alice/{LECTURE}/{LECTURE}.ipynb", f"{LECTURE}.ipynb", "smithbob_12_x.ipynb",
                                  "Ada_assignsubmission_file_/x.ipynb", f"s_2024_01_a/{LECTURE}/{LECTURE}.ipynb"])
def test_other_paths_are_no_lms_download(path):
    assert lms.identify(PurePosixPath(path)) is None


@pytest.mark.parametrize("file_name", [
    f"{LECTURE}.ipynb", f"{LECTURE} (1).ipynb", "2.5-Derivatives.ipynb", f"{LECTURE}-Copy1.ipynb",
    "2.5 derivatives - Copy (2).ipynb", "2.5_derivatives copy 2.ipynb", f"{LECTURE}-1.ipynb", "2.5-final.ipynb",
    "2.5.ipynb", f"{LECTURE}-3f2504e0-4f89-11d3-9a0c-0305e82c3301.ipynb", "2.5-DERIVATIVES.IPYNB"])
def test_renamed_notebooks_are_their_lecture(file_name):
    assert lms.lecture_for_name(file_name, LECTURES)[0] == LECTURE


@pytest.mark.parametrize("file_name",
                         ["homework.ipynb", "2.55.ipynb", "derivatives.ipynb", "12.5-x.ipynb", "v2.5.ipynb"])
def test_names_of_no_lecture(file_name):
    assert lms.lecture_for_name(file_name, LECTURES)[0] is None


# --------------------------------------------------------------------------- intake, no kernels
def test_canvas_download(tmp_path):
    """On time, LATE, a resubmission (the newer upload wins, the rule is stated), a student's own zip, a PDF, a
    notebook named after no lecture, and a stray file."""
    download = zip_of(tmp_path / "canvas.zip", {
        f"lovelaceada_101_5001_{LECTURE}.ipynb": FULL,
        f"turingalan_LATE_102_5002_{LECTURE} (1).ipynb": BLANK,
        f"hopperg_103_5009_{LECTURE}-1.ipynb": FULL,
        f"hopperg_103_5003_{LECTURE}.ipynb": BLANK,
        "noetheremmy_104_5004_work.zip": zipped({f"work/{LECTURE}.ipynb": FULL, "__MACOSX/._x": b""}),
        "lovelaceada_101_5005_notes.pdf": b"%PDF-1.4",
        "curiemarie_105_5006_homework.ipynb": BLANK,
        "README.txt": b"downloaded from Canvas",
    })
    got = intake.collect(download, LECTURES)
    subs = found(got)
    assert set(subs) == {(s, LECTURE) for s in ("lovelaceada", "turingalan", "hopperg", "noetheremmy")}
    assert subs[("lovelaceada", LECTURE)].problems == []
    assert [p.kind for p in subs[("turingalan", LECTURE)].problems] == ["renamed-notebook", "lms-late"]
    grace = subs[("hopperg", LECTURE)]
    assert grace.content == FULL and grace.source == f"hopperg_103_5009_{LECTURE}-1.ipynb"
    [several] = [p.message for p in grace.problems if p.kind == "several-submissions"]
    assert "newest upload wins" in several and f"hopperg_103_5003_{LECTURE}.ipynb" in several
    assert subs[("noetheremmy", LECTURE)].content == FULL
    assert kinds(got) == {("not-a-notebook", "lovelaceada", None), ("unknown-lecture", "curiemarie", None),
                          ("unrecognised-file", None, None)}
    assert {item["kind"] for item in intake.unrecognised(got.skipped)} == {"unknown-lecture", "unrecognised-file"}


def test_moodle_download(tmp_path):
    """A folder per student; a zipped notebook; online text; the same person in two lectures under two participant
    ids is one student; two students of one name in one lecture are told apart, and told about."""
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    zip_of(downloads / "nn-2.5-derivatives-41.zip", {
        f"Ada Lovelace_17_assignsubmission_file_/{LECTURE}.ipynb": FULL,
        "Ada Lovelace_17_assignsubmission_onlinetext_/onlinetext.html": b"<p>done</p>",
        "Alan Turing_18_assignsubmission_file_/mine.zip": zipped({f"{LECTURE}.ipynb": BLANK}),
        f"Sam Lee_20_assignsubmission_file_/{LECTURE}.ipynb": BLANK,
        f"Sam Lee_21_assignsubmission_file_/{LECTURE}.ipynb": FULL,
    })
    zip_of(downloads / "nn-2.7-computation-graph-42.zip", {
        "Ada Lovelace_33_assignsubmission_file_/homework.ipynb": course.student_path(OTHER).read_bytes(),
    })
    got = intake.collect(downloads, LECTURES)
    subs = found(got)
    assert set(subs) == {("ada-lovelace", LECTURE), ("alan-turing", LECTURE), ("sam-lee-20", LECTURE),
                         ("sam-lee-21", LECTURE), ("ada-lovelace", OTHER)}
    assert subs[("alan-turing", LECTURE)].content == BLANK
    message = subs[("ada-lovelace", OTHER)].problems[0].message
    assert "the folder 'nn-2.7-computation-graph-42.zip' names it" in message
    assert all(p.kind == "same-name" for key in [("sam-lee-20", LECTURE), ("sam-lee-21", LECTURE)]
               for p in subs[key].problems)
    assert kinds(got) == {("not-a-notebook", "ada-lovelace", LECTURE)}  # the online text, told apart
    assert not intake.unrecognised(got.skipped)


def test_utf8_names_without_the_zip_flag(tmp_path):
    """A Canvas login keeps its accents however the zip was written (one with the flag, one without)."""
    name = f"müllerjörg_101_5001_{LECTURE}.ipynb"
    flagged = zip_of(tmp_path / "flagged.zip", {name: FULL})
    unflagged = without_utf8_flag(zip_of(tmp_path / "unflagged.zip", {name: FULL}))
    assert zipfile.ZipFile(unflagged).namelist() != [name]  # Python alone would read it as cp437
    for archive in (flagged, unflagged):
        assert set(found(intake.collect(archive, LECTURES))) == {("müllerjörg", LECTURE)}


def test_nbgrader_layout_beside_a_download(tmp_path):
    """nbgrader's own layout is read as before, next to a Canvas download of another lecture."""
    (tmp_path / "submitted" / "carol" / LECTURE).mkdir(parents=True)
    (tmp_path / "submitted" / "carol" / LECTURE / f"{LECTURE}.ipynb").write_bytes(FULL)
    (tmp_path / "submitted" / "carol" / LECTURE / "timestamp.txt").write_text("2026-11-30 10:00:00 UTC")
    zip_of(tmp_path / "canvas-2-7.zip", {f"lovelaceada_101_5001_{OTHER}.ipynb": BLANK})
    got = intake.collect(tmp_path, LECTURES)
    assert set(found(got)) == {("carol", LECTURE), ("lovelaceada", OTHER)}
    assert found(got)[("carol", LECTURE)].timestamp == "2026-11-30 10:00:00 UTC"
    assert got.skipped == []


def test_canvas_names_in_nbgrader_folders(tmp_path):
    """A Canvas download sorted into a lecture folder stays Canvas; a student's own file that only looks like a
    Canvas name, beside their notebook in nbgrader's layout, stays theirs (no phantom student "hw")."""
    (tmp_path / "canvas" / LECTURE).mkdir(parents=True)
    (tmp_path / "canvas" / LECTURE / "lovelaceada_101_5001_work.ipynb").write_bytes(FULL)
    (tmp_path / "canvas" / LECTURE / "turingalan_102_5002_mine.ipynb").write_bytes(BLANK)
    (tmp_path / "alice" / LECTURE).mkdir(parents=True)
    (tmp_path / "alice" / LECTURE / f"{LECTURE}.ipynb").write_bytes(FULL)
    (tmp_path / "alice" / LECTURE / "hw_2_3_draft.ipynb").write_bytes(BLANK)
    got = intake.collect(tmp_path, LECTURES)
    assert set(found(got)) == {("lovelaceada", LECTURE), ("turingalan", LECTURE), ("alice", LECTURE)}
    assert [p.kind for p in found(got)[("alice", LECTURE)].problems] == ["extra-notebook"]


def test_an_unusable_download_id_is_not_graded(tmp_path):
    download = zip_of(tmp_path / "canvas.zip", {f"{'x' * 120}_101_5001_{LECTURE}.ipynb": FULL})
    got = intake.collect(download, LECTURES)
    assert got.submissions == [] and kinds(got) == {("bad-student-id", "x" * 120, LECTURE)}


def test_zips_are_opened_two_deep_and_no_deeper(tmp_path):
    innermost = zipped({f"{LECTURE}.ipynb": FULL})
    download = zip_of(tmp_path / "all.zip", {"canvas.zip": zipped({
        "lovelaceada_101_5001_work.zip": innermost,
        "turingalan_102_5002_deeper.zip": zipped({"again.zip": innermost})})})
    got = intake.collect(download, LECTURES)
    assert set(found(got)) == {("lovelaceada", LECTURE)}
    assert kinds(got) == {("unrecognised-file", "turingalan", None)}


def test_roster_maps_ids_reports_strangers_and_zeroes_the_absent(tmp_path):
    download = zip_of(tmp_path / "canvas.zip", {
        f"lovelaceada_101_5001_{LECTURE}.ipynb": FULL,  # by name: Canvas logins are sorting names run together
        f"turingalan_LATE_102_5002_{LECTURE}.ipynb": BLANK,  # by lms_id
        f"hopperg_103_5003_{LECTURE}.ipynb": BLANK,  # by login
        f"nobody_199_5010_{LECTURE}.ipynb": FULL,  # not on the roster
        f"smithbob_300_5011_{LECTURE}.ipynb": FULL,  # two Bob Smiths on the roster, no lms_id
    })
    path = roster(tmp_path / "roster.csv", "ada,Ada Lovelace,ada@uni.edu,,", "alan,Alan Turing,alan@uni.edu,102,",
                  "grace,Grace Hopper,grace@uni.edu,,hopperg", "emmy,Emmy Noether,emmy@uni.edu,,",
                  "bob1,Bob Smith,b1@uni.edu,,", "bob2,Smith Bob,b2@uni.edu,,", header="id,name,email,lms_id,login")
    got = intake.collect(download, LECTURES, path)
    assert set(found(got)) == {("ada", LECTURE), ("alan", LECTURE), ("grace", LECTURE)}
    assert kinds(got) == {("not-on-roster", "nobody", LECTURE), ("not-on-roster", "smithbob", LECTURE),
                          ("no-submission", "emmy", LECTURE), ("no-submission", "bob1", LECTURE),
                          ("no-submission", "bob2", LECTURE)}
    messages = {item["student"]: item["message"] for item in got.skipped if item["kind"] == "not-on-roster"}
    assert "not on the roster" in messages["nobody"]
    assert "matches 2 roster lines by name (bob1, bob2)" in messages["smithbob"]
    assert {item["kind"] for item in intake.unrecognised(got.skipped)} == {"not-on-roster"}


def test_a_roster_line_with_an_lms_id_is_matched_by_it_alone(tmp_path):
    """A second Canvas user of the same name is not taken for the roster's student, whose Canvas id is known."""
    download = zip_of(tmp_path / "canvas.zip", {f"lovelaceada_101_5001_{LECTURE}.ipynb": BLANK,
                                                f"lovelaceada_555_5002_{LECTURE}.ipynb": FULL})
    got = intake.collect(download, LECTURES, roster(tmp_path / "roster.csv", "ada,Ada Lovelace,ada@uni.edu,101"))
    assert found(got)[("ada", LECTURE)].content == BLANK and not found(got)[("ada", LECTURE)].problems
    assert kinds(got) == {("not-on-roster", "lovelaceada-555", LECTURE)}


def test_roster_by_moodle_name_in_any_word_order(tmp_path):
    download = zip_of(tmp_path / "moodle.zip", {f"Ada Lovelace_17_assignsubmission_file_/{LECTURE}.ipynb": FULL,
                                                f"Pat O'Brien_18_assignsubmission_file_/{LECTURE}.ipynb": FULL})
    path = roster(tmp_path / "roster.csv", 'a1,"Lovelace, Ada",ada@uni.edu,', "p9,Pat O'Brien,pat@uni.edu,")
    assert set(found(intake.collect(download, LECTURES, path))) == {("a1", LECTURE), ("p9", LECTURE)}


@pytest.mark.parametrize("text, words", [
    ("id,name\nada,Ada\n", "no column email"),
    ("id,name,email\nada,Ada,a@x\nada,Ada L,b@x\n", "same id on several lines: ada"),
    ("id,name,email,lms_id\nada,Ada,a@x,7\nalan,Alan,b@x,7\n", "same lms_id"),
    ("id,name,email\n.ada,Ada,a@x\n", "starts with a dot"),
    ("id,name,email\n,Ada,a@x\n", "line 2: no id"),
    ("id,name,email\n", "lists no student"),
])
def test_unusable_rosters_are_refused(tmp_path, text, words):
    path = tmp_path / "roster.csv"
    path.write_text(text)
    with pytest.raises(submission_files.IntakeError, match=words):
        intake.collect(tmp_path, LECTURES, path)


def test_roster_from_a_spreadsheet(tmp_path):
    """Excel's "CSV UTF-8" starts with a byte-order mark; headers in any case."""
    (tmp_path / "sub" / "ada" / LECTURE).mkdir(parents=True)
    (tmp_path / "sub" / "ada" / LECTURE / f"{LECTURE}.ipynb").write_bytes(FULL)
    path = tmp_path / "roster.csv"
    path.write_bytes("\ufeffID,Name,Email\nada,Ada Lovelace,ada@uni.edu\n".encode())
    assert set(found(intake.collect(tmp_path / "sub", LECTURES, path))) == {("ada", LECTURE)}


# --------------------------------------------------------------------------- the CLI on real notebooks
def grades(course_dir: Path) -> dict[str, dict]:
    done = cli("export", "--course", str(course_dir))
    assert done.returncode == 0, done.stdout + done.stderr
    with open(course_dir / "exports" / "grades.csv", newline="") as file:
        return {row["student_id"]: row for row in csv.DictReader(file)}


@pytest.mark.slow
def test_canvas_zip_with_a_roster_through_the_cli(tmp_path):
    """On time (full), LATE (blank), a resubmission whose newer upload is the complete one, a student on the roster
    who sent nothing, a submitter not on it: graded under the roster's ids, zeros with reasons, exit 1."""
    download = zip_of(tmp_path / "nn-basics-2-5-derivatives_submissions.zip", {
        f"lovelaceada_101_5001_{LECTURE}.ipynb": FULL,
        f"turingalan_LATE_102_5002_{LECTURE}.ipynb": BLANK,
        f"hopperg_103_5003_{LECTURE}.ipynb": BLANK,
        f"hopperg_103_5009_{LECTURE}-1.ipynb": FULL,
        f"nobody_199_5010_{LECTURE}.ipynb": FULL,
    })
    path = roster(tmp_path / "roster.csv", "ada,Ada Lovelace,ada@uni.edu,101", "alan,Alan Turing,alan@uni.edu,102",
                  "grace,Grace Hopper,grace@uni.edu,103", "emmy,Emmy Noether,emmy@uni.edu,104")
    state = tmp_path / "course"
    done = cli("autograde", str(download), "--roster", str(path), "--course", str(state), *FAST)
    assert done.returncode == 1, done.stdout + done.stderr
    out = done.stdout
    assert "graded 3 submission(s)" in out and "failed to grade: 0" in out
    assert "Canvas marked this submission LATE" in out and "newest upload wins" in out
    assert "nobody (user 199) not on the roster" in out and "hint: the layouts the grader recognises" in out
    rows = grades(state)
    assert set(rows) == {"ada", "alan", "grace", "emmy", "nobody"}
    assert float(rows["ada"][LECTURE]) == float(rows["grace"][LECTURE]) == float(rows["ada"]["max_total"]) > 0
    assert rows["alan"][LECTURE] == "0"
    assert rows["emmy"][LECTURE] == "0" and "no submission for 2.5-derivatives" in rows["emmy"]["not_graded"]
    assert rows["nobody"][LECTURE] == "0" and "not on the roster" in rows["nobody"]["not_graded"]


@pytest.mark.slow
def test_moodle_zip_and_nbgrader_folder_through_the_cli(tmp_path):
    """A folder holding a Moodle download (one notebook zipped by its student) and nbgrader's layout: every student
    graded under a name-derived or folder id, nothing unrecognised, exit 0."""
    submissions = tmp_path / "term"
    (submissions / "submitted" / "carol" / LECTURE).mkdir(parents=True)
    (submissions / "submitted" / "carol" / LECTURE / f"{LECTURE}.ipynb").write_bytes(BLANK)
    zip_of(submissions / "NN basics-2.5 derivatives-1234.zip", {
        f"Ada Lovelace_17_assignsubmission_file_/{LECTURE} (1).ipynb": FULL,
        "Alan Turing_18_assignsubmission_file_/handin.zip": zipped({f"handin/{LECTURE}.ipynb": FULL}),
    })
    state = tmp_path / "course"
    done = cli("autograde", str(submissions), "--course", str(state), *FAST)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "graded 3 submission(s)" in done.stdout and "hint:" not in done.stdout
    rows = grades(state)
    assert set(rows) == {"ada-lovelace", "alan-turing", "carol"}
    assert rows["ada-lovelace"][LECTURE] == rows["alan-turing"][LECTURE] != "0" and rows["carol"][LECTURE] == "0"


@pytest.mark.slow
def test_nothing_recognised_exits_non_zero_with_the_layouts(tmp_path):
    """Loose notebooks and a stray file: nothing graded, the run says why, names the layouts it knows, exits 1."""
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "ada-homework.ipynb").write_bytes(FULL)
    (tmp_path / "inbox" / "grades.xlsx").write_bytes(b"PK")
    done = cli("autograde", str(tmp_path / "inbox"), "--course", str(tmp_path / "course"), *FAST)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "graded 0 submission(s)" in done.stdout and "ada-homework.ipynb: not in a layout" in done.stdout
    for layout in ("nbgrader", "Canvas", "Moodle", "_assignsubmission_file_", LECTURE):
        assert layout in done.stdout
