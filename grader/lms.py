"""Submissions as learning platforms hand them out, the lecture a student's file name means, and the course roster.

Canvas ("Download Submissions") names every file `<login>_<user id>_<file id>_<file name>`, `LATE_` after the login
for late work; `<login>` is the student's sorting name ("Lovelace, Ada" -> `lovelaceada`), `anon_<id>` replaces
login and user id under anonymous grading, and a student re-uploading a file name already in their Canvas files gets
`-1`, `-2` before the extension (canvas-lms `ContentZipper#get_filename`, `Attachment.make_unique_filename`). File
ids grow with every upload, so the larger one is the newer file.

Moodle ("Download all submissions") puts each student's files in `<Full Name>_<id>_assignsubmission_file_/`
(flat `..._assignsubmission_file_<file name>` before Moodle 3.1). The id is the assignment's own participant id
(`assign_user_mapping`): one student has a different one in every lecture, so the grader names Moodle students by
their full name (`Ada Lovelace` -> `ada-lovelace`), and a roster maps names to the course's ids.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

CANVAS = re.compile(r"^(?:(?!LATE_)(?P<login>\w+?)_)?(?:(?P<late>LATE)_)?(?P<user>\d+|anon_[A-Za-z0-9]+)_"
                    r"(?:(?P<file>\d+)_(?P<name>.+)|(?P<entry>text|link)\.html)$")
MOODLE = re.compile(r"^(?P<name>.+)_(?P<id>\d+)_assignsubmission_(?P<plugin>[a-z]+)_(?P<rest>.*)$")
CANVAS_MARK = re.compile(r"-(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\.[^.]+)$")
# what students and their tools add to a file name: "(1)" (browsers), "-Copy1" (Jupyter), " - Copy" (Windows),
# " copy 2" (macOS), "-1" or "-<uuid>" (Canvas, for a name already in the student's files)
COPY_SUFFIX = re.compile(r"(\s*\(\d+\)|[-_ ]copy\d*|\s+-\s+copy|\s+copy(\s+\d+)?|-\d{1,3}"
                         r"|-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$", re.IGNORECASE)


@dataclass(frozen=True)
class LmsFile:
    """Who a file of a Canvas or Moodle download belongs to, and what the student called it."""

    layout: str  # "Canvas" or "Moodle"
    student: str  # the id the download gives: Canvas login (anon_<id> if anonymous), Moodle full name as an id
    lms_id: str  # Canvas user id; Moodle participant id (different in every lecture)
    full_name: str  # Moodle's full name; the Canvas login
    file_name: str  # the file's own name, as the student uploaded it (inside their zip, if they sent one)
    entry: str  # the download's name for this student's submission (a file or Moodle folder), for messages
    upload: int  # Canvas file id (larger: uploaded later); 0 for Moodle
    late: bool  # Canvas marked it LATE
    gradable: bool  # False for an online text or URL entry


def name_id(full_name: str) -> str:
    """A student id made from a full name: `Ada Lovelace` -> `ada-lovelace` (letters of any script kept)."""
    text = unicodedata.normalize("NFKC", full_name).casefold()
    return re.sub(r"[\W_]+", "-", text).strip("-")


def identify(path: PurePosixPath, folder: bool = False) -> LmsFile | None:
    """The Canvas or Moodle student the file (or `folder`) `path` belongs to (its first part naming one), or None."""
    for index, part in enumerate(path.parts):
        last = index == len(path.parts) - 1 and not folder
        moodle = MOODLE.match(part)
        if moodle and (last == bool(moodle["rest"])):
            full_name = moodle["name"]
            return LmsFile("Moodle", name_id(full_name) or f"moodle-{moodle['id']}", moodle["id"], full_name,
                           moodle["rest"] if last else path.parts[-1], part, 0, False, moodle["plugin"] == "file")
        canvas = CANVAS.match(part)
        if canvas and (last or part.lower().endswith(".zip")):  # a folder named so is a student's zip, opened
            anonymous = canvas["user"].startswith("anon_")
            login = canvas["login"] or canvas["user"]
            return LmsFile("Canvas", login, "" if anonymous else canvas["user"], login,
                           (canvas["name"] or f"{canvas['entry']}.html") if last else path.parts[-1], part,
                           int(canvas["file"] or 0), bool(canvas["late"]), canvas["entry"] is None)
    return None


def without_canvas_mark(file_name: str) -> str:
    """The name the student uploaded, before Canvas added `-1` (or `-<uuid>`) for a name already in their files."""
    return CANVAS_MARK.sub(r"\2", file_name)


# --------------------------------------------------------------------------- lectures from file names
def _plain(text: str) -> str:
    return re.sub(r"[\s_]+", "-", unicodedata.normalize("NFKC", text).casefold().strip()).strip("-")


def lecture_for_name(file_name: str, lectures: list[str]) -> tuple[str | None, str]:
    """The lecture a notebook's file name means, and how it was read ("" if the name is the lecture's own).

    Accepted: any case, spaces or underscores for hyphens, copy marks ("(1)", "-Copy1", " - Copy", "-1"), or a
    name that starts with the lecture's id or number ("2.5-derivatives-final", "2.5 my work")."""
    stem = re.sub(r"\.ipynb$", "", file_name, flags=re.IGNORECASE)
    if stem in lectures:
        return stem, ""
    plain = {_plain(lecture): lecture for lecture in lectures}
    name = stem.strip()
    while _plain(name) not in plain:
        shorter = COPY_SUFFIX.sub("", name).strip()
        if shorter == name:
            break
        name = shorter
    if _plain(name) in plain:
        return plain[_plain(name)], "a renamed or copied file"
    by_number = [lecture for lecture in lectures
                 if re.match(re.escape(lecture.split("-")[0]) + r"(?![\d.])", _plain(stem))]
    if len(by_number) == 1:
        return by_number[0], f"its name starts with {by_number[0].split('-')[0]}"
    return None, ""


def lecture_in_folder(name: str, lectures: list[str]) -> str | None:
    """The one lecture a folder or zip name mentions (Canvas names its zips `<course>-2-5-derivatives_submissions`)."""
    slug = re.sub(r"[\W_]+", "-", name.casefold())
    found = [lecture for lecture in lectures if re.search(r"(^|-)" + re.escape(re.sub(r"[\W_]+", "-", lecture))
                                                           + r"(-|$)", slug)]
    return found[0] if len(found) == 1 else None


# --------------------------------------------------------------------------- roster
class RosterError(ValueError):
    """The roster file cannot be used; the message says why."""


@dataclass(frozen=True)
class RosterStudent:
    id: str
    name: str
    email: str
    lms_id: str = ""
    login: str = ""


def load_roster(path: Path) -> list[RosterStudent]:
    """The students of a roster CSV: columns id, name, email (required), lms_id and login (optional)."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise RosterError(f"cannot read the roster {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise RosterError(f"the roster {path} is not UTF-8 text (save it as CSV UTF-8)") from None
    reader = csv.DictReader(io.StringIO(text))
    columns = {(c or "").strip().lower(): c for c in reader.fieldnames or []}
    missing = [c for c in ("id", "name", "email") if c not in columns]
    if missing:
        raise RosterError(f"the roster {path} has no column {', '.join(missing)} (it needs id, name, email; "
                          f"optionally lms_id, login); its columns: {', '.join(columns) or 'none'}")
    students = []
    for line, row in enumerate(reader, start=2):
        values = {key: (row.get(column) or "").strip() for key, column in columns.items()}
        if not any(values.values()):
            continue
        if not values["id"]:
            raise RosterError(f"the roster {path}, line {line}: no id")
        students.append(RosterStudent(values["id"], values["name"], values["email"], values.get("lms_id", ""),
                                      values.get("login", "")))
    for key in ("id", "lms_id", "login"):
        seen = [getattr(s, key) for s in students if getattr(s, key)]
        twice = sorted({v for v in seen if seen.count(v) > 1})
        if twice:
            raise RosterError(f"the roster {path} has the same {key} on several lines: {', '.join(twice)}")
    if not students:
        raise RosterError(f"the roster {path} lists no student")
    return students


def _name_words(name: str) -> list[str]:
    return [w for w in re.split(r"[\W_]+", unicodedata.normalize("NFKC", name).casefold()) if w]


def _canvas_login_of(name: str) -> set[str]:
    """The logins Canvas may make of a name: its words run together in any order ("Lovelace, Ada" -> lovelaceada)."""
    words = _name_words(name)
    return {"".join(p) for p in itertools.permutations(words)} if 0 < len(words) <= 4 else set()


def match_student(roster: list[RosterStudent], found: LmsFile | str) -> tuple[RosterStudent | None, str]:
    """The roster's student for a download's student (an LmsFile, or the folder name of nbgrader's layout), or None
    and why. Canvas: lms_id = user id, then (lines without an lms_id) login, id, name; Moodle: name (any word
    order), then id; nbgrader: id, then login, then lms_id."""
    if isinstance(found, str):
        tries = [("id", lambda s: s.id == found), ("login", lambda s: s.login == found),
                 ("lms_id", lambda s: s.lms_id == found)]
    elif found.layout == "Canvas":  # a line with an lms_id matches a Canvas user by that id alone
        free = [s for s in roster if not (found.lms_id and s.lms_id)]
        tries = [("lms_id", lambda s: bool(found.lms_id) and s.lms_id == found.lms_id),
                 ("login", lambda s: s in free and s.login == found.student),
                 ("id", lambda s: s in free and s.id == found.student),
                 ("name", lambda s: s in free and found.student in _canvas_login_of(s.name))]
    else:
        words = sorted(_name_words(found.full_name))
        tries = [("name", lambda s: bool(words) and sorted(_name_words(s.name)) == words),
                 ("id", lambda s: s.id == found.student)]
    for key, test in tries:
        hits = [s for s in roster if test(s)]
        if len(hits) == 1:
            return hits[0], ""
        if hits:
            return None, (f"matches {len(hits)} roster lines by {key} ({', '.join(s.id for s in hits)}): "
                          "give each an lms_id or login")
    return None, "not on the roster"
