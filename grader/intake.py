"""Which student and lecture each submitted notebook is: the layouts submissions arrive in, and the roster.

Layouts (`LAYOUTS`): nbgrader's `<student>/<lecture>/<lecture>.ipynb` (or `<student>/<lecture>.ipynb`), a Canvas
download and a Moodle download (`grader/lms.py`), in a folder or a zip; zips inside are opened too (a folder of
downloads, a student's own zip). The files are read safely by `grader/submission_files.py`. Each (student, lecture)
becomes a `Submission` holding the notebook's bytes, so grading needs no access to the submissions; every input left
out is a skipped input with its reason. An optional roster maps the downloads' students to the course's ids, refuses
students not on it, and gives each student on it who sent nothing for a lecture of the batch a skipped input "no
submission" (a zero in the export).
"""

from __future__ import annotations

import textwrap
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import lms
from .results import Problem
from .submission_files import IntakeError, Reader, skipped_input

MAX_ID_LENGTH = 100
LAYOUTS = ("nbgrader  <student>/<lecture>/<lecture>.ipynb, or <student>/<lecture>.ipynb",
           "Canvas    <login>_<user id>_<file id>_<lecture>.ipynb (<login>_LATE_... for late work)",
           "Moodle    <Full Name>_<id>_assignsubmission_file_/<lecture>.ipynb")
# skipped inputs that make `autograde` exit non-zero: nobody can tell whose or which lecture's they are, or the
# roster does not know their student
UNRECOGNISED = {"unknown-layout", "unrecognised-file", "unknown-lecture", "not-on-roster"}


@dataclass
class Submission:
    """One student's notebook for one assignment, as bytes (None: no notebook found)."""

    student_id: str
    assignment_id: str
    content: bytes | None
    source: str  # where it came from, for the report
    problems: list[Problem] = field(default_factory=list)
    timestamp: str | None = None


@dataclass
class Intake:
    submissions: list[Submission]
    skipped: list[dict]  # inputs not graded (and roster students who sent nothing), with the reason, and the
    # student and lecture where known


def unrecognised(skipped: list[dict]) -> list[dict]:
    """The skipped inputs that need the instructor before the batch is complete (see UNRECOGNISED)."""
    return [item for item in skipped if item["kind"] in UNRECOGNISED]


def layout_hint(assignment_ids: list[str]) -> str:
    lectures = textwrap.fill(f"a <lecture> is one of: {', '.join(assignment_ids)}", 116, initial_indent="  ",
                             subsequent_indent="    ", break_on_hyphens=False)
    return ("hint: the layouts the grader recognises, in a folder or a zip (zips inside are opened too):\n"
            + "".join(f"  {layout}\n" for layout in LAYOUTS) + f"{lectures}\n"
            + "  in any case, with copy marks such as ' (1)' or '-Copy1'; a student not on the --roster is not graded")


def check_student_id(student_id: str) -> str | None:
    """Why `student_id` cannot be used as a student id (also a folder name), or None if it can."""
    if not student_id or not student_id.strip():
        return "empty student id"
    if student_id in (".", "..") or student_id.startswith("."):
        return "student id starts with a dot"
    if any(c in student_id for c in "/\\\0") or any(unicodedata.category(c).startswith("C") for c in student_id):
        return "student id holds a path separator or a control character"
    if len(student_id) > MAX_ID_LENGTH or len(student_id.encode("utf-8")) > 4 * MAX_ID_LENGTH:
        return f"student id longer than {MAX_ID_LENGTH} characters"
    if student_id != student_id.strip():
        return "student id starts or ends with white space"
    return None


@dataclass
class _Candidate:
    """A notebook (or a lecture folder without one) found for a student of the download, before the roster."""

    who: lms.LmsFile | str  # the Canvas or Moodle file, or nbgrader's student folder name
    submission: Submission
    mtime: float


def collect(path: Path, assignment_ids: list[str], roster: Path | None = None) -> Intake:
    """Every (student, lecture) notebook in `path` (a folder or a zip, in any layout of `LAYOUTS`), and every input
    left out (a symbolic link, an unrecognised file, a folder with nothing in it, a student not on the roster...),
    with the reason and, where the layout tells, the student and lecture it belongs to."""
    students = _load_roster(roster) if roster is not None else None
    if not path.exists():
        raise IntakeError(f"{path} does not exist")
    reader = Reader()
    if path.is_dir():
        reader.folder(path)
    elif zipfile.is_zipfile(path):
        reader.archive(path, PurePosixPath(), 0)
    else:
        raise IntakeError(f"{path} is neither a folder nor a zip archive")
    lectures = list(assignment_ids)
    ours = [(lms.identify(relative), relative, data, mtime) for relative, data, mtime in reader.files]
    # a student's own file may be named like a Canvas file: in nbgrader's <student>/<lecture>/ folders, Canvas names
    # count only where every file of the folder has one (a Canvas download sorted into lecture folders)
    nbgrader_folders = {folder for who, relative, _, _ in ours if who is None or who.layout != "Canvas"
                        for folder in _lecture_folders(relative, lectures)}
    ours = [(None if who and who.layout == "Canvas" and nbgrader_folders & _lecture_folders(relative, lectures)
             else who, relative, data, mtime) for who, relative, data, mtime in ours]
    candidates: list[_Candidate] = []
    left_out: list[tuple[lms.LmsFile | str | None, dict]] = []
    _nbgrader_layout([(r, d, m) for who, r, d, m in ours if who is None], reader, lectures, candidates, left_out)
    _lms_layouts([(who, r, d, m) for who, r, d, m in ours if who is not None], lectures, candidates, left_out)
    return _assign_students(candidates, left_out, students)


def _lecture_folders(relative: PurePosixPath, lectures: list[str]) -> set[PurePosixPath]:
    """The folders of `relative` that nbgrader's layout would read as `<student>/<lecture>/`."""
    return {PurePosixPath(*relative.parts[:i + 1]) for i, part in enumerate(relative.parts[:-1])
            if i >= 1 and part in lectures}


def _load_roster(path: Path) -> list[lms.RosterStudent]:
    try:
        students = lms.load_roster(path)
    except lms.RosterError as error:
        raise IntakeError(str(error)) from None
    for student in students:
        reason = check_student_id(student.id)
        if reason:
            raise IntakeError(f"the roster {path}: {student.id!r}: {reason}")
    return students


def _nbgrader_layout(files, reader: Reader, lectures: list[str], candidates: list[_Candidate],
                     left_out: list) -> None:
    """nbgrader's `<anything>/<student>/<lecture>/<file>` and `<student>/<lecture>.ipynb`; also every input the
    reader left out, and every empty folder, attributed to its student where the path tells."""
    known = set(lectures)
    groups: dict[tuple[str, str], list[tuple[PurePosixPath, bytes, float]]] = {}
    timestamps: dict[tuple[str, str], bytes] = {}
    depths: list[int] = []  # where student folders sit in the layout (after a prefix such as submitted/)
    unplaced: list[PurePosixPath] = []
    for relative, data, mtime in files:
        parts = relative.parts
        index = next((i for i, part in enumerate(parts) if i >= 1 and part in known and i < len(parts) - 1), None)
        flat = None
        if index is None and len(parts) >= 2 and parts[-1].endswith(".ipynb") and parts[-1][:-6] in known:
            flat = parts[-1][:-6]
        if index is None and flat is None:
            unplaced.append(relative)
            continue
        if flat is not None:
            student, assignment, inner = parts[-2], flat, PurePosixPath(parts[-1])
            depths.append(len(parts) - 2)
        elif index is not None:
            student, assignment, inner = parts[index - 1], parts[index], PurePosixPath(*parts[index + 1:])
            depths.append(index - 1)
        if str(inner) == "timestamp.txt":
            timestamps[(student, assignment)] = data
            continue
        groups.setdefault((student, assignment), []).append((inner, data, mtime))
    depth = max(set(depths), key=depths.count) if depths else 0
    skipped = list(reader.skipped)
    for relative in unplaced:
        kind, why = ("unknown-layout", "not in a layout the grader knows") \
            if relative.suffix == ".ipynb" else ("unrecognised-file", "not a notebook of a known lecture")
        skipped.append(skipped_input(kind, f"{relative}: {why}: ignored", path=str(relative)))
    skipped += _empty_folders(reader.folders, reader.files, skipped, depth)
    for key in timestamps:
        groups.setdefault(key, [])
    for (student, assignment), entries in sorted(groups.items()):
        reason = check_student_id(student)
        if reason:
            skipped.append(skipped_input("bad-student-id", f"{student!r}: {reason}: not graded", student=student,
                                         assignment=assignment))
            continue
        submission = _choose_notebook(student, assignment, entries, timestamps.get((student, assignment)))
        candidates.append(_Candidate(student, submission, max((m for _, _, m in entries), default=0.0)))
    for item in skipped:
        who = lms.identify(PurePosixPath(item["path"]), folder=item["kind"] == "no-notebook") \
            if item.get("path") and item["kind"] != "unsafe-path" else None
        if who is not None:
            lecture = _lecture_of(who, PurePosixPath(item["path"]), lectures)[0]
            left_out.append((who, dict(item, **({"assignment": lecture} if lecture else {}))))
        else:
            _attribute(item, depth, known)
            left_out.append((item.get("student"), item))


def _lms_layouts(files, lectures: list[str], candidates: list[_Candidate], left_out: list) -> None:
    """Canvas and Moodle files: a candidate for each notebook whose name (or folder) tells its lecture."""
    for who, relative, data, mtime in sorted(files, key=lambda f: str(f[1])):
        lecture, how = _lecture_of(who, relative, lectures)
        where = str(relative)
        if not who.gradable or relative.suffix.lower() != ".ipynb":
            what = "an online text or link" if not who.gradable else "not a notebook"
            item = skipped_input("not-a-notebook", f"{where}: {what}: not graded", path=where)
            left_out.append((who, dict(item, **({"assignment": lecture} if lecture else {}))))
            continue
        if lecture is None:
            left_out.append((who, skipped_input("unknown-lecture", f"{where}: {who.layout} file {who.file_name!r} "
                                                                   "names no lecture: not graded", path=where)))
            continue
        problems: list[Problem] = []
        if how:
            problems.append(Problem("renamed-notebook", f"{who.file_name} graded as {lecture} ({how})"))
        if who.late:
            problems.append(Problem("lms-late", "Canvas marked this submission LATE (its download has no "
                                                "submission time)"))
        candidates.append(_Candidate(who, Submission(who.student, lecture, data, where, problems), mtime))


def _lecture_of(who: lms.LmsFile, relative: PurePosixPath, lectures: list[str]) -> tuple[str | None, str]:
    """The lecture of an LMS file: from its name, else from the one lecture a folder or zip around it names."""
    lecture, how = lms.lecture_for_name(who.file_name, lectures)
    if lecture and how and who.layout == "Canvas" and lms.without_canvas_mark(who.file_name) == f"{lecture}.ipynb":
        how = ""  # Canvas's own mark for a name the student had uploaded before
    if lecture:
        return lecture, how
    for part in reversed(relative.parts[:-1]):
        lecture = lms.lecture_in_folder(part, lectures) if part != who.entry else None
        if lecture:
            return lecture, f"the name says no lecture; the folder {part!r} names it"
    return None, ""


def _download_ids(candidates: list[_Candidate], left_out: list) -> dict:
    """The id each download's student goes by without a roster: nbgrader's folder name, the Canvas login, the Moodle
    name as an id; `<id>-<lms id>` where two students of the download share one (two Canvas users of one login; two
    Moodle participants of one name in one lecture)."""
    whos = [(c.who, c.submission.assignment_id) for c in candidates] + [(who, item.get("assignment"))
                                                                         for who, item in left_out]
    scopes: dict[tuple, set[str]] = {}
    for who, lecture in whos:
        if isinstance(who, lms.LmsFile):
            scopes.setdefault(_scope(who, lecture), set()).add(who.lms_id)
    ids = {}
    for who, lecture in whos:
        if isinstance(who, lms.LmsFile) and len(scopes[_scope(who, lecture)]) > 1:
            ids[(who, lecture)] = f"{who.student}-{who.lms_id}"
        elif who is not None:
            ids[(who, lecture)] = who.student if isinstance(who, lms.LmsFile) else who
    return ids


def _scope(who: lms.LmsFile, lecture: str | None) -> tuple:
    return (who.layout, who.student) + ((lecture,) if who.layout == "Moodle" else ())


def _describe(who: lms.LmsFile | str) -> str:
    if isinstance(who, str):
        return f"student folder {who!r}"
    if who.layout == "Canvas":
        return f"Canvas student {who.student}" + (f" (user {who.lms_id})" if who.lms_id else "")
    return f"Moodle student {who.full_name!r}"


def _assign_students(candidates: list[_Candidate], left_out: list, roster) -> Intake:
    """Name every candidate and skipped input by the course's student id (the roster's, or the download's), pick
    one notebook per (student, lecture), and add the roster's students who sent nothing."""
    ids = _download_ids(candidates, left_out)
    named: list[_Candidate] = []
    skipped: list[dict] = []
    for candidate in candidates:
        refused = _name(candidate, ids[(candidate.who, candidate.submission.assignment_id)], roster)
        if refused:
            skipped.append(refused)
        else:
            named.append(candidate)
    for who, item in left_out:
        if who is not None:
            student = lms.match_student(roster, who)[0] if roster is not None else None
            item["student"] = student.id if student else ids[(who, item.get("assignment"))]
        skipped.append(item)
    groups: dict[tuple[str, str], list[_Candidate]] = {}
    for candidate in named:
        groups.setdefault((candidate.submission.student_id, candidate.submission.assignment_id), []).append(candidate)
    submissions = [_newest(group) for _, group in sorted(groups.items())]
    if roster is not None:
        skipped += _not_submitted(roster, candidates, submissions, skipped)
    return Intake(submissions, skipped)


def _name(candidate: _Candidate, download_id: str, roster) -> dict | None:
    """Give the candidate's submission the course's student id; or the skipped input that refuses it."""
    who, submission = candidate.who, candidate.submission
    where = {"student": download_id, "assignment": submission.assignment_id, "path": submission.source}
    if roster is not None:
        student, why = lms.match_student(roster, who)
        if student is None:
            return skipped_input("not-on-roster", f"{submission.source}: {_describe(who)} {why}: not graded; add them "
                                                  "to the roster and run again", **where)
        submission.student_id = student.id
        return None
    reason = check_student_id(download_id)
    if reason:
        return skipped_input("bad-student-id", f"{download_id!r}: {reason}: not graded", **where)
    if not isinstance(who, str) and download_id != who.student:  # nbgrader's folder name is its own id
        why = "a --roster with lms_id tells them apart" if who.layout == "Canvas" else \
            "the number is Moodle's participant id in this lecture only: check by hand"
        submission.problems.append(Problem("same-name", f"another {who.layout} student of this download is also "
                                                        f"called {who.student}: graded as {download_id} ({why})"))
    submission.student_id = download_id
    return None


def _newest(group: list[_Candidate]) -> Submission:
    """The one submission of a student for a lecture; where the download has several, the newest, and a problem
    that names the rule and the files not graded."""
    if len(group) == 1:
        return group[0].submission
    if all(isinstance(c.who, lms.LmsFile) and c.who.layout == "Canvas" for c in group):
        key, rule = (lambda c: c.who.upload), "the newest upload wins (Canvas numbers files in upload order)"
    else:
        key, rule = (lambda c: c.mtime), "the most recently modified file wins"
    ranked = sorted(group, key=lambda c: (key(c), c.submission.source), reverse=True)
    chosen = ranked[0].submission
    chosen.problems.append(Problem(
        "several-submissions", f"{len(group)} notebooks for {chosen.assignment_id}: graded {chosen.source}, {rule}; "
                               f"not graded: {', '.join(c.submission.source for c in ranked[1:])}"))
    return chosen


def _not_submitted(roster, candidates: list[_Candidate], submissions: list[Submission], skipped: list[dict]):
    """A skipped input "no submission" for each roster student without anything for a lecture of this batch."""
    lectures = sorted({c.submission.assignment_id for c in candidates})
    present: set[tuple[str | None, str | None]] = {(s.student_id, s.assignment_id) for s in submissions}
    present |= {(item.get("student"), item.get("assignment")) for item in skipped}
    return [skipped_input("no-submission", f"{student.id} ({student.name or 'no name'}): no submission for {lecture} "
                                           "in this batch: not graded", student=student.id, assignment=lecture)
            for lecture in lectures for student in roster if (student.id, lecture) not in present]


def _empty_folders(folders: set[PurePosixPath], files, skipped: list[dict], depth: int) -> list[dict]:
    """A problem for each outermost folder, at the student level or below (or a Canvas or Moodle student's), with
    nothing in it (no file, nothing skipped): a student who handed in an empty folder is still reported."""
    used = {parent for relative, _, _ in files for parent in relative.parents}
    used |= {parent for item in skipped if item.get("path") for parent in PurePosixPath(item["path"]).parents}
    used |= {PurePosixPath(item["path"]) for item in skipped if item.get("path")}
    empty = sorted(f for f in folders if f not in used
                   and (len(f.parts) > depth or lms.identify(f, folder=True) is not None))
    outermost = [f for f in empty if not any(parent in empty for parent in f.parents)]
    return [skipped_input("no-notebook", f"{f}/: an empty folder, no notebook: not graded", path=str(f))
            for f in outermost]


def _attribute(item: dict, depth: int, known: set[str]) -> None:
    """Name the student (and assignment) a skipped input belongs to, where its path says."""
    if "student" in item or not item.get("path") or item["kind"] == "unsafe-path":
        return
    parts = PurePosixPath(item["path"]).parts
    if len(parts) > depth + (0 if item["kind"] == "no-notebook" else 1) and not check_student_id(parts[depth]):
        item["student"] = parts[depth]
        assignment = next((p.removesuffix(".ipynb") for p in parts[depth + 1:] if p.removesuffix(".ipynb") in known),
                          None)
        if assignment:
            item["assignment"] = assignment


def _choose_notebook(student: str, assignment: str, entries, timestamp: bytes | None) -> Submission:
    expected = f"{assignment}.ipynb"
    notebooks = {str(inner): data for inner, data, _ in entries if inner.suffix == ".ipynb"}
    problems: list[Problem] = []
    chosen = None
    if expected in notebooks:
        chosen = expected
    elif notebooks:
        ranked = sorted(notebooks, key=lambda name: (assignment.split("-")[0] not in name,
                                                     len(PurePosixPath(name).parts), -len(notebooks[name]), name))
        chosen = ranked[0]
        problems.append(Problem("renamed-notebook", f"no {expected}: graded {chosen} in its place"))
    for name in sorted(notebooks):
        if name != chosen:
            problems.append(Problem("extra-notebook", f"{name} is not part of the assignment: ignored"))
    stamp = None
    if timestamp is not None:
        text = timestamp[:200].decode("utf-8", "replace").strip()
        try:
            from nbgrader.utils import parse_utc

            parse_utc(text)
            stamp = text
        except Exception:  # noqa: BLE001 - any unparsable timestamp is ignored
            problems.append(Problem("bad-timestamp", f"timestamp.txt {text[:40]!r} is not a date: ignored"))
    if chosen is None:
        problems.append(Problem("missing-notebook", f"no notebook in {student}/{assignment}/: every test scores 0"))
    return Submission(student, assignment, notebooks.get(chosen) if chosen else None,
                      f"{student}/{assignment}/{chosen or ''}", problems, stamp)

