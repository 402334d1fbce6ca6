"""Reading submissions safely: folders and zips in nbgrader's submitted layout, and the notebooks inside.

Nothing is extracted or followed: zip members are read into memory after their names are checked (no absolute
paths, no `..`, no symlinks, bounded sizes), folders are walked without following symlinks. Each (student,
assignment) becomes a `Submission` holding the notebook's bytes, so grading needs no access to the submissions.
"""

from __future__ import annotations

import json
import os
import stat
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import nbformat

MAX_NOTEBOOK_BYTES = 20 * 2**20
MAX_ARCHIVE_BYTES = 2 * 2**30
MAX_FILES = 200_000
MAX_ID_LENGTH = 100
IGNORED_PARTS = {"__MACOSX", ".ipynb_checkpoints", ".git", "__pycache__", ".DS_Store"}


@dataclass
class Submission:
    """One student's notebook for one assignment, as bytes (None: no notebook found)."""

    student_id: str
    assignment_id: str
    content: bytes | None
    source: str  # where it came from, for the report
    problems: list[dict] = field(default_factory=list)
    timestamp: str | None = None


@dataclass
class Intake:
    submissions: list[Submission]
    skipped: list[dict]  # inputs that could not be attributed to a student and assignment, with the reason


def problem(kind: str, message: str, **extra) -> dict:
    return {"kind": kind, "message": message, **extra}


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


def _safe_member_name(name: str) -> PurePosixPath | None:
    name = name.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    path = PurePosixPath(name)
    if any(part in ("..", "") for part in path.parts) or not path.parts:
        return None
    return path


def _files_from_zip(archive: Path, skipped: list[dict], folders: set[PurePosixPath]) -> list[tuple[PurePosixPath, bytes, float]]:
    files = []
    total = 0
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_FILES:
                raise ValueError(f"more than {MAX_FILES} entries")
            for info in infos:
                path = _safe_member_name(info.filename.rstrip("/"))
                if info.is_dir():
                    if path is not None and not any(part in IGNORED_PARTS for part in path.parts):
                        folders.add(path)
                    continue
                mode = info.external_attr >> 16
                if path is None:
                    skipped.append(problem("unsafe-path", f"zip entry {info.filename!r} points outside the archive: "
                                                          "ignored", path=info.filename))
                    continue
                if stat.S_ISLNK(mode):
                    skipped.append(problem("symlink", f"zip entry {info.filename!r} is a symbolic link: ignored",
                                           path=info.filename))
                    continue
                if any(part in IGNORED_PARTS for part in path.parts):
                    continue
                if info.file_size > MAX_NOTEBOOK_BYTES or total + info.file_size > MAX_ARCHIVE_BYTES:
                    skipped.append(problem("too-large", f"zip entry {info.filename!r} is too large: ignored",
                                           path=info.filename))
                    continue
                with zf.open(info) as member:
                    data = member.read(MAX_NOTEBOOK_BYTES + 1)
                if len(data) > MAX_NOTEBOOK_BYTES:
                    skipped.append(problem("too-large", f"zip entry {info.filename!r} is too large: ignored",
                                           path=info.filename))
                    continue
                total += len(data)
                files.append((path, data, 0.0))
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError) as error:
        raise IntakeError(f"cannot read {archive}: {error}") from error
    return files


def _files_from_folder(root: Path, skipped: list[dict], folders: set[PurePosixPath]) -> list[tuple[PurePosixPath, bytes, float]]:
    files = []
    count = 0
    for directory, dirnames, filenames in os.walk(root, followlinks=False):
        base = Path(directory)
        if base != root:
            folders.add(PurePosixPath(base.relative_to(root).as_posix()))
        for name in list(dirnames):
            if (base / name).is_symlink():
                skipped.append(problem("symlink", f"{(base / name).relative_to(root)} is a symbolic link: ignored",
                                       path=str((base / name).relative_to(root))))
                dirnames.remove(name)
            elif name in IGNORED_PARTS:
                dirnames.remove(name)
        for name in filenames:
            path = base / name
            relative = PurePosixPath(path.relative_to(root).as_posix())
            if name in IGNORED_PARTS:
                continue
            count += 1
            if count > MAX_FILES:
                raise IntakeError(f"more than {MAX_FILES} files under {root}")
            try:
                info = path.lstat()
                if stat.S_ISLNK(info.st_mode) or not stat.S_ISREG(info.st_mode):
                    skipped.append(problem("symlink", f"{relative} is a symbolic link or not a regular file: "
                                                      "ignored", path=str(relative)))
                    continue
                if info.st_size > MAX_NOTEBOOK_BYTES:
                    skipped.append(problem("too-large", f"{relative} is too large: ignored", path=str(relative)))
                    continue
                fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
                with os.fdopen(fd, "rb") as file:
                    data = file.read(MAX_NOTEBOOK_BYTES + 1)
            except OSError as error:
                skipped.append(problem("unreadable", f"{relative}: {error.strerror or error}", path=str(relative)))
                continue
            files.append((relative, data, info.st_mtime))
    return files


class IntakeError(RuntimeError):
    """The submissions path cannot be read at all."""


def collect(path: Path, assignment_ids: list[str]) -> Intake:
    """Every (student, assignment) notebook under `path` (a folder or a zip in nbgrader's submitted layout), and every
    input left out (a symbolic link, an unrecognised file, a folder with nothing in it), with the reason and, where
    the layout tells, the student and assignment it belongs to."""
    skipped: list[dict] = []
    folders: set[PurePosixPath] = set()
    if not path.exists():
        raise IntakeError(f"{path} does not exist")
    if path.is_dir():
        files = _files_from_folder(path, skipped, folders)
    elif zipfile.is_zipfile(path):
        files = _files_from_zip(path, skipped, folders)
    else:
        raise IntakeError(f"{path} is neither a folder nor a zip archive")
    known = set(assignment_ids)
    groups: dict[tuple[str, str], list[tuple[PurePosixPath, bytes, float]]] = {}
    timestamps: dict[tuple[str, str], bytes] = {}
    depths: list[int] = []  # where student folders sit in the layout (after a prefix such as submitted/)
    unplaced: list[PurePosixPath] = []
    for relative, data, mtime in files:
        parts = relative.parts
        # <anything>/<student>/<assignment>/<file>; also <student>/<assignment>.ipynb (flattened)
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
        else:
            student, assignment, inner = parts[index - 1], parts[index], PurePosixPath(*parts[index + 1:])
            depths.append(index - 1)
        if str(inner) == "timestamp.txt":
            timestamps[(student, assignment)] = data
            continue
        groups.setdefault((student, assignment), []).append((inner, data, mtime))
    depth = max(set(depths), key=depths.count) if depths else 0
    for relative in unplaced:
        kind, why = ("unknown-layout", "not in <student>/<assignment>/ for a known assignment") \
            if relative.suffix == ".ipynb" else ("unrecognised-file", "not a notebook of a known assignment")
        skipped.append(problem(kind, f"{relative}: {why}: ignored", path=str(relative)))
    skipped += _empty_folders(folders, files, skipped, depth)
    for key in timestamps:
        groups.setdefault(key, [])
    submissions = []
    for (student, assignment), entries in sorted(groups.items()):
        reason = check_student_id(student)
        if reason:
            skipped.append(problem("bad-student-id", f"{student!r}: {reason}: not graded", student=student,
                                   assignment=assignment))
            continue
        submissions.append(_choose_notebook(student, assignment, entries, timestamps.get((student, assignment))))
    for item in skipped:
        _attribute(item, depth, known)
    return Intake(submissions, skipped)


def _empty_folders(folders: set[PurePosixPath], files, skipped: list[dict], depth: int) -> list[dict]:
    """A problem for each outermost folder, at the student level or below, with nothing in it (no file, nothing
    skipped): a student who handed in an empty folder is still reported."""
    used = {parent for relative, _, _ in files for parent in relative.parents}
    used |= {parent for item in skipped if item.get("path") for parent in PurePosixPath(item["path"]).parents}
    used |= {PurePosixPath(item["path"]) for item in skipped if item.get("path")}
    empty = sorted(f for f in folders if f not in used and len(f.parts) > depth)
    outermost = [f for f in empty if not any(parent in empty for parent in f.parents)]
    return [problem("no-notebook", f"{f}/: an empty folder, no notebook: not graded", path=str(f)) for f in outermost]


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
    problems = []
    chosen = None
    if expected in notebooks:
        chosen = expected
    elif notebooks:
        ranked = sorted(notebooks, key=lambda name: (assignment.split("-")[0] not in name, len(PurePosixPath(name).parts),
                                                     -len(notebooks[name]), name))
        chosen = ranked[0]
        problems.append(problem("renamed-notebook", f"no {expected}: graded {chosen} in its place"))
    for name in sorted(notebooks):
        if name != chosen:
            problems.append(problem("extra-notebook", f"{name} is not part of the assignment: ignored"))
    stamp = None
    if timestamp is not None:
        text = timestamp[:200].decode("utf-8", "replace").strip()
        try:
            from nbgrader.utils import parse_utc

            parse_utc(text)
            stamp = text
        except Exception:  # noqa: BLE001 - any unparsable timestamp is ignored
            problems.append(problem("bad-timestamp", f"timestamp.txt {text[:40]!r} is not a date: ignored"))
    if chosen is None:
        problems.append(problem("missing-notebook", f"no notebook in {student}/{assignment}/: every test scores 0"))
    return Submission(student, assignment, notebooks.get(chosen) if chosen else None,
                      f"{student}/{assignment}/{chosen or ''}", problems, stamp)


# --------------------------------------------------------------------------- notebooks
class Unreadable(ValueError):
    """The bytes are not a notebook nbgrader can grade; the message says why."""


def read_notebook(content: bytes) -> tuple[nbformat.NotebookNode, list[dict]]:
    """A clean nbformat-4 notebook rebuilt from `content` (code, markdown and raw cells: source and nbgrader metadata
    only), and the problems met. Raises `Unreadable`."""
    problems = []
    if not content.strip():
        raise Unreadable("the notebook file is empty")
    if len(content) > MAX_NOTEBOOK_BYTES:
        raise Unreadable(f"the notebook file is larger than {MAX_NOTEBOOK_BYTES // 2**20} MB")
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise Unreadable(f"the notebook file is not UTF-8 text ({error.reason})") from None
    except (json.JSONDecodeError, RecursionError) as error:
        raise Unreadable(f"the notebook file is not valid JSON ({error})") from None
    if not isinstance(data, dict) or not ("cells" in data or "worksheets" in data):
        raise Unreadable("the file is JSON but not a notebook (no cells)")
    major = data.get("nbformat")
    if major != 4:
        problems.append(problem("old-format", f"notebook format {major} converted to format 4"))
    try:
        nb = nbformat.reads(json.dumps(data), as_version=4)
    except Exception as error:  # noqa: BLE001 - nbformat raises many kinds
        raise Unreadable(f"nbformat cannot read the notebook ({type(error).__name__}: {error})") from None
    clean = nbformat.v4.new_notebook()
    for key in ("kernelspec", "language_info"):
        if isinstance(nb.metadata.get(key), dict):
            clean.metadata[key] = nb.metadata[key]
    dropped = 0
    for index, cell in enumerate(nb.get("cells", [])):
        if not isinstance(cell, dict):
            dropped += 1
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(str(s) for s in source)
        source = str(source)
        kind = cell.get("cell_type")
        maker = {"code": nbformat.v4.new_code_cell, "markdown": nbformat.v4.new_markdown_cell,
                 "raw": nbformat.v4.new_raw_cell}.get(kind)
        if maker is None:
            dropped += 1
            continue
        new = maker(source)
        new.id = f"cell-{index}"
        metadata = cell.get("metadata", {}) if isinstance(cell.get("metadata"), dict) else {}
        if isinstance(metadata.get("nbgrader"), dict):
            new.metadata["nbgrader"] = json.loads(json.dumps(metadata["nbgrader"]))
        if isinstance(metadata.get("tags"), list):
            new.metadata["tags"] = [str(t) for t in metadata["tags"]]
        clean.cells.append(new)
    if dropped:
        problems.append(problem("bad-cells", f"{dropped} malformed cell(s) dropped"))
    return clean, problems


def nbgrader_cells(nb: nbformat.NotebookNode) -> list[tuple[int, str, dict]]:
    return [(i, c.metadata["nbgrader"].get("grade_id"), c.metadata["nbgrader"]) for i, c in enumerate(nb.cells)
            if isinstance(c.metadata.get("nbgrader"), dict) and c.metadata["nbgrader"].get("grade_id")]


def reconcile(nb: nbformat.NotebookNode, release: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, list[dict]]:
    """Compare a submission with the student copy nbgrader generated; fix what nbgrader cannot, report the rest.

    nbgrader itself restores edited locked cells, changed cell types and the kernelspec, keeps the last of
    duplicated cells and (with `add_missing_cells`) re-adds a deleted test cell after the cell before it in the
    master. Here we report all of that, drop nbgrader metadata it does not know, and re-insert deleted test cells
    ourselves only where nbgrader could not place them (the cell before them is gone too).
    """
    problems: list[dict] = []
    master = {gid: (i, meta, release.cells[i]) for i, gid, meta in nbgrader_cells(release)}
    order = [gid for _, gid, _ in nbgrader_cells(release)]
    kernel = nb.metadata.get("kernelspec", {}).get("name")
    expected_kernel = release.metadata.get("kernelspec", {}).get("name")
    if kernel != expected_kernel:
        problems.append(problem("kernel", f"notebook names kernel {kernel!r}: graded with {expected_kernel!r}"))
    counts: dict[str, int] = {}
    for i, gid, meta in nbgrader_cells(nb):
        if gid not in master:
            del nb.cells[i].metadata["nbgrader"]
            problems.append(problem("unknown-cell", f"cell {i} claims nbgrader id {gid!r}, which the assignment does "
                                                    "not have: graded as an ordinary cell"))
            continue
        counts[gid] = counts.get(gid, 0) + 1
    for gid, n in counts.items():
        if n > 1:
            problems.append(problem("duplicated-cell", f"cell {gid} appears {n} times: only the last copy is graded",
                                    grade_id=gid))
            # as nbgrader's DeduplicateIds does, but removing the metadata (an empty dict trips add_missing_cells)
            for i, _, _ in [c for c in nbgrader_cells(nb) if c[1] == gid][:-1]:
                del nb.cells[i].metadata["nbgrader"]
    present = {gid for _, gid, _ in nbgrader_cells(nb)}
    for i, gid, meta in nbgrader_cells(nb):
        if gid not in master:
            continue
        _, master_meta, master_cell = master[gid]
        cell = nb.cells[i]
        if cell.cell_type != master_cell.cell_type:
            problems.append(problem("cell-type", f"cell {gid} was changed from {master_cell.cell_type} to "
                                                 f"{cell.cell_type}: nbgrader changes it back", grade_id=gid))
        if master_meta.get("locked") and cell.source != master_cell.source:
            what = "emptied" if not cell.source.strip() else "edited"
            problems.append(problem("locked-cell-edited", f"locked cell {gid} was {what}: restored from the master",
                                    grade_id=gid))
    missing = [gid for gid in order if gid not in present]
    missing_tests = [gid for gid in missing if master[gid][1].get("grade")]
    for gid in missing:
        if not master[gid][1].get("grade"):
            problems.append(problem("missing-answer-cell", f"answer cell {gid} was deleted (or lost its metadata)",
                                    grade_id=gid))
    nbgrader_can = all(order[order.index(gid) - 1] in present for gid in missing_tests if order.index(gid) > 0)
    for gid in missing_tests:
        problems.append(problem("missing-test-cell", f"test cell {gid} was deleted: re-added from the master "
                                                     f"({'nbgrader add_missing_cells' if nbgrader_can else 'grader'})",
                                grade_id=gid))
    if missing_tests and not nbgrader_can:
        for gid in missing_tests:
            position = _insert_position(nb, order, gid)
            cell = nbformat.from_dict(json.loads(json.dumps(master[gid][2])))
            cell.id = f"readded-{gid}"[:64]
            nb.cells.insert(position, cell)
    return nb, problems


def _insert_position(nb: nbformat.NotebookNode, order: list[str], gid: str) -> int:
    """After the nearest earlier nbgrader cell of the master that the submission has; else at the end."""
    here = {g: i for i, g, _ in nbgrader_cells(nb)}
    for earlier in reversed(order[: order.index(gid)]):
        if earlier in here:
            return here[earlier] + 1
    return len(nb.cells)
