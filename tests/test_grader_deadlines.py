"""Due dates and late policies (grader.deadlines): the policy arithmetic and the course file's validation without
kernels; then on-time, late and timestamp-less submissions of a real lecture through the real CLI, under each policy."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import nbformat
import pytest

from grader import course, deadlines, lateness
from grader.deadlines import Deadline, DeadlineError, Policy
from grader.scratch import know_gradebook_schema
from notebook_cases import completed_copy

pytestmark = pytest.mark.grader  # the grader's own machinery: in make test, not make check

LECTURE = "2.7-computation-graph"  # 5 points, two test cells
DUE = "2026-10-12 23:59 Europe/Berlin"  # 21:59 UTC (summer time)
DUE_UTC = datetime(2026, 10, 12, 21, 59, tzinfo=UTC)


def policy(text: str) -> Policy:
    return deadlines._policy(text, DeadlineError)


def deadline(text: str) -> Deadline:
    return Deadline(LECTURE, DUE_UTC, policy(text))


def stamp(after_due: timedelta) -> str:
    """A timestamp.txt as `nbgrader submit` writes it."""
    return (DUE_UTC + after_due).strftime("%Y-%m-%d %H:%M:%S.%f UTC")


# --------------------------------------------------------------------------- policy arithmetic (no kernels)
@pytest.mark.parametrize("text, late, score, expected", [
    ("subtract 1 point per hour", timedelta(hours=2, minutes=5), 5, 3),  # each hour begun counts
    ("subtract 1 point per hour", timedelta(hours=2), 5, 2),
    ("subtract 1 point per hour", timedelta(seconds=1), 5, 1),
    ("subtract 1 point per hour", timedelta(days=1), 5, 5),  # never below 0
    ("subtract 1 point per hour", timedelta(days=1), 0, 0),
    ("subtract 10% per day", timedelta(hours=30), 4, 1),  # 2 days x 10 % of the maximum 5, not of the score
    ("subtract 0.5 points per 15 minutes", timedelta(minutes=31), 5, 1.5),
    ("zero", timedelta(seconds=1), 4, 4),
    ("none", timedelta(days=9), 4, 0),
    ("zero", timedelta(0), 4, 0),  # exactly at the due time is on time
    ("subtract 1 point per hour", -timedelta(hours=1), 4, 0),
])
def test_penalty_per_policy(text, late, score, expected):
    result = lateness.assess(deadline(text), stamp(late), score, 5)
    assert result.penalty == pytest.approx(expected)
    assert result.score == pytest.approx(score - expected) and result.score >= 0


def test_a_missing_timestamp_is_said_and_costs_nothing():
    late = lateness.assess(deadline("zero"), None, 4, 5)
    assert (late.status, late.penalty, late.score) == ("no timestamp", 0, 4)
    assert late.sentence() == "no submission time was recorded: no late penalty applied"
    free = lateness.assess(None, stamp(timedelta(days=3)), 4, 5)
    assert (free.status, free.penalty, free.sentence()) == ("no due date", 0, "")


def test_how_late_reads_like_a_person_says_it():
    late = lateness.assess(deadline("subtract 1 point per hour"), stamp(timedelta(hours=2, minutes=5, seconds=9)),
                            5, 5)
    assert late.status == "2 h 5 min" and late.seconds_late == 7509
    assert late.sentence() == "submitted 2 h 5 min after the deadline: -3 points"
    assert lateness.duration(3 * 86400 + 4 * 3600 + 7) == "3 d 4 h"
    assert lateness.duration(40) == "40 s"
    on_time = lateness.assess(deadline("zero"), stamp(-timedelta(minutes=1)), 5, 5)
    assert (on_time.status, on_time.sentence()) == ("on time", "submitted on time")


def test_timestamps_are_read_as_nbgrader_reads_them():
    assert lateness.submission_time("2026-10-12 23:04:00.948203 UTC") == \
        datetime(2026, 10, 12, 23, 4, 0, 948203, tzinfo=UTC)
    assert lateness.submission_time("2026-10-12 23:04:00") == datetime(2026, 10, 12, 23, 4, tzinfo=UTC)
    assert lateness.submission_time("2026-10-13 01:04:00 +02:00") == datetime(2026, 10, 12, 23, 4,
                                                                                tzinfo=UTC)


@pytest.mark.parametrize("text", ["2026-10-12 23:04:00.948203 UTC", "2026-10-12 23:04:00", "2026-10-12T23:04:00Z",
                                  "2026-10-12 23:04:00 Europe/Berlin", "2026-10-12 23:04:00 -0700",
                                  "2026-10-12 23:04:00 7200", "2026-10-12T23:04:00+05:30", "Oct 12 2026 11:04 PM"])
def test_parse_utc_is_nbgrader_s_own(text):
    from nbgrader.utils import parse_utc

    assert lateness.parse_utc(text) == parse_utc(text)


# --------------------------------------------------------------------------- the course file (no kernels)
EXAMPLE = f"""\
# the README's example
late = "subtract 10% per day"
"2.1-binary-classification" = {{ due = "2026-09-28 09:00 UTC", late = "zero" }}

["2.5-derivatives"]
due = "2026-10-05 23:59 Europe/Berlin"

["{LECTURE}"]
due = 2026-10-12T23:59:00+02:00
late = "subtract 1 point per hour"
"""


def test_the_course_file_gives_each_lecture_its_due_date_and_policy(tmp_path):
    (tmp_path / "deadlines.toml").write_text(EXAMPLE)
    found = deadlines.load(tmp_path)
    assert sorted(found) == ["2.1-binary-classification", "2.5-derivatives", LECTURE]
    assert found[LECTURE].due == DUE_UTC
    assert found["2.5-derivatives"].due.utcoffset() == timedelta(hours=2)  # summer time in Berlin
    assert found["2.5-derivatives"].policy == policy("subtract 10% per day")  # the file's default
    assert found[LECTURE].policy == policy("subtract 1 point per hour")
    assert found["2.1-binary-classification"].policy.kind == "zero"
    assert deadlines.load(tmp_path / "nowhere") == {}


def test_nbgrader_config_late_method_is_the_default_policy(tmp_path):
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\nc.LateSubmissionPlugin.penalty_method = 'zero'\n")
    (tmp_path / "deadlines.toml").write_text(f'["{LECTURE}"]\ndue = "{DUE}"\n'
                                             f'["2.5-derivatives"]\ndue = "{DUE}"\nlate = "none"\n')
    found = deadlines.load(tmp_path)
    assert found[LECTURE].policy.kind == "zero" and found["2.5-derivatives"].policy.kind == "none"
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\nc.AssignLatePenalties.plugin_class = 'late.X'\n")
    with pytest.raises(DeadlineError, match=f"plugin_class = 'late.X' is not run by course-grader: give {LECTURE} a"):
        deadlines.load(tmp_path)
    (tmp_path / "deadlines.toml").write_text(f'["{LECTURE}"]\ndue = "{DUE}"\nlate = "none"\n')
    assert deadlines.load(tmp_path)[LECTURE].policy.kind == "none"  # the plugin would not apply: no refusal


BAD_FILES = {
    "unknown lecture": ('["2.55-derivatives"]\ndue = "2026-10-12 23:59 UTC"\n', 1,
                        "unknown lecture '2.55-derivatives'"),
    "no time zone": (f'late = "zero"\n["{LECTURE}"]\ndue = "2026-10-12 23:59"\n', 3, "has no time zone"),
    "TOML local time": (f'["{LECTURE}"]\n\ndue = 2026-10-12T23:59:00\n', 3, "has no time zone"),
    "date only": (f'["{LECTURE}"]\ndue = 2026-10-12\n', 2, "a date without a time"),
    "bad date": (f'["{LECTURE}"]\ndue = "2026-13-45 23:59 UTC"\n', 2, "is not a date and time"),
    "month or day first?": (f'["{LECTURE}"]\ndue = "10/12/2026 23:59 UTC"\n', 2, "written YYYY-MM-DD HH:MM"),
    "unknown zone": (f'["{LECTURE}"]\ndue = "2026-10-12 23:59 Europe/Berln"\n', 2, "unknown time zone 'Europe/Berln'"),
    "unknown policy": (f'["{LECTURE}"]\ndue = "{DUE}"\nlate = "half marks"\n', 3, "'half marks' is not a late policy"),
    "zero amount": (f'["{LECTURE}"]\ndue = "{DUE}"\nlate = "subtract 0 points per hour"\n', 3, "more than 0"),
    "bad default": ('late = "sometimes"\n', 1, "not a late policy"),
    "unknown key": (f'["{LECTURE}"]\ndue = "{DUE}"\ndeu = 3\n', 3, "unknown key 'deu'"),
    "date outside a lecture": ('late = "zero"\ndue = "2026-10-12 23:59 UTC"\n', 2, "outside a lecture"),
    "policy, no date": (f'# x\n["{LECTURE}"]\nlate = "zero"\n', 2, "a late policy without a due date"),
    "not TOML": (f'["{LECTURE}"\n', 1, "line 1"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_course_file_names_the_line(tmp_path, case):
    text, line, message = BAD_FILES[case]
    (tmp_path / "deadlines.toml").write_text(text)
    with pytest.raises(DeadlineError) as error:
        deadlines.load(tmp_path)
    assert message in str(error.value)
    assert f"line {line}" in str(error.value), str(error.value)


# --------------------------------------------------------------------------- through the CLI, real kernels
SUBMISSIONS = {  # student -> time after the due date (None: no timestamp.txt)
    "on-time": -timedelta(minutes=29),
    "late": timedelta(hours=2, minutes=5),
    "very-late": timedelta(days=3, minutes=1),
    "no-stamp": None,
}


def cli(*args, check=True) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "grader", *args], capture_output=True, text=True, cwd=course.REPO)
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> Path:
    """A course where four full-marks submissions of LECTURE were graded (no course file yet)."""
    root = tmp_path_factory.mktemp("deadlines")
    for student, after in SUBMISSIONS.items():
        folder = root / "submitted" / student / LECTURE
        folder.mkdir(parents=True)
        nbformat.write(completed_copy(LECTURE), folder / f"{LECTURE}.ipynb")
        if after is not None:
            (folder / "timestamp.txt").write_text(stamp(after) + "\n")
    cli("autograde", str(root / "submitted"), "--course", str(root / "course"), "--jobs", "2", "-q")
    return root / "course"


def export(course_dir: Path, file: str | None) -> tuple[dict[str, dict], dict[str, dict], list[list[str]]]:
    """Write (or remove) the course file, export; grades.csv rows, report.json entries and report.csv rows."""
    path = course_dir / "deadlines.toml"
    path.unlink(missing_ok=True)
    if file is not None:
        path.write_text(file)
    cli("export", "--course", str(course_dir))
    with open(course_dir / "exports" / "grades.csv", newline="") as handle:
        grades = {row["student_id"]: row for row in csv.DictReader(handle)}
    report = {r["student_id"]: r for r in json.loads((course_dir / "exports" / "report.json").read_text())}
    with open(course_dir / "exports" / "report.csv", newline="") as handle:
        rows = list(csv.reader(handle))
    return grades, report, rows


def lecture_file(late: str | None) -> str:
    return f'["{LECTURE}"]\ndue = "{DUE}"\n' + (f'late = "{late}"\n' if late else "")


@pytest.mark.slow
def test_export_applies_each_policy_once_in_grades_report_and_gradebook(graded):
    grades, report, rows = export(graded, None)
    assert {s: grades[s][LECTURE] for s in SUBMISSIONS} == {s: "5" for s in SUBMISSIONS}
    assert not any(column.endswith(" penalty") for column in grades["late"])  # no due dates: columns unchanged
    assert report["late"]["late"]["submitted"] == "2026-10-13T00:04:00+00:00"  # the time is kept all the same

    grades, report, rows = export(graded, lecture_file("subtract 1 point per hour"))
    assert {s: (grades[s][LECTURE], grades[s]["total"]) for s in SUBMISSIONS} == {
        "on-time": ("5", "5"), "late": ("2", "2"), "very-late": ("0", "0"), "no-stamp": ("5", "5")}
    assert {s: (grades[s][f"{LECTURE} submitted"], grades[s][f"{LECTURE} late"], grades[s][f"{LECTURE} penalty"])
            for s in SUBMISSIONS} == {
        "on-time": ("2026-10-12 21:30:00 UTC", "on time", "0"), "late": ("2026-10-13 00:04:00 UTC", "2 h 5 min", "3"),
        "very-late": ("2026-10-15 22:00:00 UTC", "3 d 1 min", "5"), "no-stamp": ("", "no timestamp", "0")}
    assert report["late"]["score"] == 5 and report["late"]["late"]["score"] == 2
    assert report["late"]["late"]["seconds_late"] == 7500 and report["late"]["late"]["penalty"] == 3
    assert report["no-stamp"]["late"]["status"] == "no timestamp" and report["no-stamp"]["late"]["penalty"] == 0
    narrowed = graded.parent / "narrowed"  # export --lecture: another lecture's late columns stay out
    cli("export", "--course", str(graded), "--lecture", "2.5-derivatives", "--output", str(narrowed))
    assert LECTURE not in (narrowed / "grades.csv").read_text().splitlines()[0]
    late_rows = {row[0]: row for row in rows if row[2] == "late"}
    assert late_rows["late"][4:7] == ["3", "2 h 5 min (subtract 1 point per hour)", "2 / 5"]
    assert late_rows["no-stamp"][4:7] == ["0", "no timestamp (subtract 1 point per hour)", "5 / 5"]

    from nbgrader.api import Gradebook

    know_gradebook_schema()  # opening a gradebook without a 3 s `alembic` subprocess
    with Gradebook(f"sqlite:///{graded / 'gradebook.db'}", course.COURSE_ID) as gradebook:
        assignment = gradebook.find_assignment(LECTURE)
        assert assignment.duedate == DUE_UTC.replace(tzinfo=None)
        submissions = {s: gradebook.find_submission(LECTURE, s) for s in SUBMISSIONS}
        assert submissions["late"].total_seconds_late == 7500  # nbgrader's own reckoning agrees
        assert {s: sub.late_submission_penalty for s, sub in submissions.items()} == {
            "on-time": 0, "late": 3, "very-late": 5, "no-stamp": 0}
        assert {s: sub.score - sub.late_submission_penalty for s, sub in submissions.items()} == \
            {s: float(grades[s][LECTURE]) for s in SUBMISSIONS}

    with Gradebook(f"sqlite:///{graded / 'gradebook.db'}", course.COURSE_ID) as gradebook:  # a reviewer's change
        gradebook.find_grade("test_Value", LECTURE, LECTURE, "late").manual_score = 2.0
        gradebook.db.commit()
    grades, report, _ = export(graded, lecture_file("subtract 1 point per hour"))
    assert (grades["late"][LECTURE], grades["late"][f"{LECTURE} penalty"]) == ("1", "3")  # 4 in the gradebook, -3
    assert report["late"]["late"]["score"] == 1
    with Gradebook(f"sqlite:///{graded / 'gradebook.db'}", course.COURSE_ID) as gradebook:
        gradebook.find_grade("test_Value", LECTURE, LECTURE, "late").manual_score = None
        gradebook.db.commit()

    grades, _, _ = export(graded, lecture_file("zero"))
    assert {s: grades[s][LECTURE] for s in SUBMISSIONS} == {"on-time": "5", "late": "0", "very-late": "0",
                                                          "no-stamp": "5"}
    grades, _, _ = export(graded, lecture_file("subtract 10% per day"))
    assert {s: grades[s][LECTURE] for s in SUBMISSIONS} == {"on-time": "5", "late": "4.5", "very-late": "3",
                                                          "no-stamp": "5"}
    grades, _, _ = export(graded, lecture_file("none"))
    assert {s: (grades[s][LECTURE], grades[s][f"{LECTURE} late"]) for s in ("late", "very-late")} == \
        {"late": ("5", "2 h 5 min"), "very-late": ("5", "3 d 1 min")}

    (graded / "nbgrader_config.py").write_text("c = get_config()\nc.LateSubmissionPlugin.penalty_method = 'zero'\n")
    try:
        grades, _, _ = export(graded, lecture_file(None))  # the file's due date, nbgrader's policy
        assert grades["late"][LECTURE] == "0" and grades["on-time"][LECTURE] == "5"
        grades, _, _ = export(graded, None)  # no file: the gradebook's due date (as formgrader sets it) still holds
        assert (grades["late"][LECTURE], grades["late"][f"{LECTURE} late"]) == ("0", "2 h 5 min")
    finally:
        (graded / "nbgrader_config.py").unlink()
    grades, _, _ = export(graded, "# no due dates this term\n")  # an empty file clears them
    assert {s: grades[s][LECTURE] for s in SUBMISSIONS} == {s: "5" for s in SUBMISSIONS}
    assert f"{LECTURE} late" not in grades["late"]
    with Gradebook(f"sqlite:///{graded / 'gradebook.db'}", course.COURSE_ID) as gradebook:
        assert gradebook.find_assignment(LECTURE).duedate is None
        assert gradebook.find_submission(LECTURE, "late").late_submission_penalty == 0


@pytest.mark.slow
def test_feedback_pages_say_when_work_came_in_and_what_it_cost(graded):
    (graded / "deadlines.toml").write_text(lecture_file("subtract 1 point per hour"))
    cli("feedback", "--course", str(graded), "-q")
    page = {s: (graded / "feedback" / s / LECTURE / f"{LECTURE}.html").read_text() for s in SUBMISSIONS}
    assert "Score: 2 / 5" in page["late"]
    assert "submitted 2 h 5 min after the deadline: -3 points; 5 before the penalty" in page["late"]
    assert "Score: 0 / 5" in page["very-late"] and "-5 points" in page["very-late"]
    assert "Score: 5 / 5" in page["on-time"] and "submitted on time" in page["on-time"]
    assert "no submission time was recorded: no late penalty applied" in page["no-stamp"]

    (graded / "deadlines.toml").write_text("")  # no due dates (without the file, the gradebook's would hold)
    cli("feedback", "--course", str(graded), "-q")
    page = (graded / "feedback" / "late" / LECTURE / f"{LECTURE}.html").read_text()
    assert "Score: 5 / 5" in page and "deadline" not in page


@pytest.mark.slow
def test_a_bad_course_file_stops_export_and_feedback_and_changes_nothing(graded):
    export(graded, lecture_file("zero"))
    before = {p: p.read_bytes() for p in (graded / "exports").iterdir()}
    for text, line, message in (BAD_FILES["unknown lecture"], BAD_FILES["unknown policy"], BAD_FILES["no time zone"]):
        (graded / "deadlines.toml").write_text(text)
        for command in ("export", "feedback"):
            done = cli(command, "--course", str(graded), check=False)
            assert done.returncode == 2, done.stdout + done.stderr
            assert f"deadlines.toml, line {line}: " in done.stderr and message in done.stderr
    assert {p: p.read_bytes() for p in (graded / "exports").iterdir()} == before
    (graded / "deadlines.toml").unlink()


@pytest.mark.parametrize("case", ["unknown policy", "not TOML"])
def test_a_bad_course_file_stops_autograde_before_anything_is_graded(tmp_path, case):
    text, line, message = BAD_FILES[case]
    folder = tmp_path / "submitted" / "ada" / LECTURE
    folder.mkdir(parents=True)
    nbformat.write(completed_copy(LECTURE), folder / f"{LECTURE}.ipynb")
    course_dir = tmp_path / "course"
    course_dir.mkdir()
    (course_dir / "deadlines.toml").write_text(text)
    done = cli("autograde", str(tmp_path / "submitted"), "--course", str(course_dir), "--jobs", "0", check=False)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "deadlines.toml" in done.stderr and f"line {line}" in done.stderr and message in done.stderr
    assert [p.name for p in course_dir.iterdir()] == ["deadlines.toml"]  # no gradebook, journal or lock
