"""Every file of the submissions, read safely from a folder or a zip (zips inside opened in turn), into memory.

Nothing is extracted or followed: zip members are read after their names are checked (no absolute paths, no `..`,
no symlinks, bounded sizes), folders are walked without following symlinks. What is left out becomes a skipped
input with its reason (`skipped_input`). Which files are whose is `grader/intake.py`'s business.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from datetime import datetime
from pathlib import Path, PurePosixPath

MAX_NOTEBOOK_BYTES = 20 * 2**20
MAX_NESTED_ZIP_BYTES = 256 * 2**20
MAX_ARCHIVE_BYTES = 2 * 2**30
MAX_ZIP_DEPTH = 2  # zips opened inside the submissions: a folder of downloads > a download > a student's zip
MAX_FILES = 200_000
IGNORED_PARTS = {"__MACOSX", ".ipynb_checkpoints", ".git", "__pycache__", ".DS_Store"}


def skipped_input(kind: str, message: str, **extra) -> dict:
    """A skipped input, as skipped.json keeps it: its kind, the reason, and where known its path, student, lecture."""
    return {"kind": kind, "message": message, **extra}


def _safe_member_name(name: str) -> PurePosixPath | None:
    name = name.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    path = PurePosixPath(name)
    if any(part in ("..", "") for part in path.parts) or not path.parts:
        return None
    return path


def _member_name(info: zipfile.ZipInfo) -> str:
    """A zip entry's name. Without the UTF-8 flag Python reads it as cp437, but many tools (rubyzip, Canvas's zip
    library, by default) write UTF-8 names without the flag: read those as UTF-8."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("utf-8")
    except UnicodeError:
        return info.filename


def _ignored(path: PurePosixPath) -> bool:
    """Operating-system and tool litter: macOS resource forks, checkpoints, caches."""
    return any(part in IGNORED_PARTS or part.startswith("._") for part in path.parts)


class IntakeError(RuntimeError):
    """The submissions path (or the roster) cannot be read at all."""


class Reader:
    """Every file under a folder or in a zip, zips inside opened in turn (MAX_ZIP_DEPTH deep), as (path, bytes,
    mtime); what is left out goes to `skipped`, every folder seen to `folders`."""

    def __init__(self) -> None:
        self.files: list[tuple[PurePosixPath, bytes, float]] = []
        self.skipped: list[dict] = []
        self.folders: set[PurePosixPath] = set()
        self.total = 0
        self.count = 0

    def _counted(self, where) -> None:
        self.count += 1
        if self.count > MAX_FILES:
            raise IntakeError(f"more than {MAX_FILES} files in {where}")

    def folder(self, root: Path) -> None:
        for directory, dirnames, filenames in os.walk(root, followlinks=False):
            base = Path(directory)
            if base != root:
                self.folders.add(PurePosixPath(base.relative_to(root).as_posix()))
            for name in list(dirnames):
                if (base / name).is_symlink():
                    shown = str((base / name).relative_to(root))
                    self.skipped.append(skipped_input("symlink", f"{shown} is a symbolic link: ignored", path=shown))
                    dirnames.remove(name)
                elif name in IGNORED_PARTS:
                    dirnames.remove(name)
            for name in filenames:
                path = base / name
                relative = PurePosixPath(path.relative_to(root).as_posix())
                if _ignored(PurePosixPath(name)):
                    continue
                self._counted(root)
                is_zip = relative.suffix.lower() == ".zip"
                try:
                    info = path.lstat()
                    if stat.S_ISLNK(info.st_mode) or not stat.S_ISREG(info.st_mode):
                        self.skipped.append(skipped_input("symlink", f"{relative} is a symbolic link or not a "
                                                                     "regular file: ignored", path=str(relative)))
                        continue
                    if is_zip:
                        self.archive(path, relative, 0)
                        continue
                    if info.st_size > MAX_NOTEBOOK_BYTES:
                        self.skipped.append(skipped_input("too-large", f"{relative} is too large: ignored",
                                                          path=str(relative)))
                        continue
                    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
                    with os.fdopen(fd, "rb") as file:
                        data = file.read(MAX_NOTEBOOK_BYTES + 1)
                except OSError as error:
                    self.skipped.append(skipped_input("unreadable", f"{relative}: {error.strerror or error}",
                                                      path=str(relative)))
                    continue
                self.files.append((relative, data, info.st_mtime))

    def archive(self, source: Path | io.BytesIO, prefix: PurePosixPath, depth: int) -> None:
        """The members of a zip, under `prefix` (the zip's own path; empty for the submissions zip itself)."""
        outermost = not prefix.parts
        try:
            with zipfile.ZipFile(source) as zf:
                infos = zf.infolist()
                if len(infos) > MAX_FILES:
                    raise ValueError(f"more than {MAX_FILES} entries")
                for info in infos:
                    self._member(zf, info, prefix, depth)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError, EOFError) as error:
            if outermost:
                raise IntakeError(f"cannot read {source}: {error}") from error
            self.skipped.append(skipped_input("unreadable", f"{prefix}: not a readable zip ({error}): ignored",
                                              path=str(prefix)))

    def _member(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo, prefix: PurePosixPath, depth: int) -> None:
        name = _member_name(info)
        shown = str(prefix / name) if prefix.parts else name
        path = _safe_member_name(name.rstrip("/"))
        if info.is_dir():
            if path is not None and not _ignored(path):
                self.folders.add(prefix / path)
            return
        if path is None:
            self.skipped.append(skipped_input("unsafe-path", f"zip entry {shown!r} points outside the archive: ignored",
                                              path=shown))
            return
        if stat.S_ISLNK(info.external_attr >> 16):
            self.skipped.append(skipped_input("symlink", f"zip entry {shown!r} is a symbolic link: ignored",
                                              path=shown))
            return
        if _ignored(path):
            return
        self._counted(zf.filename or prefix)
        relative = prefix / path
        is_zip = path.suffix.lower() == ".zip"
        if is_zip and depth >= MAX_ZIP_DEPTH:
            self.skipped.append(skipped_input("unrecognised-file",
                                              f"{relative}: a zip inside {depth + 1} zips: not opened",
                                              path=str(relative)))
            return
        limit = MAX_NESTED_ZIP_BYTES if is_zip else MAX_NOTEBOOK_BYTES
        if info.file_size > limit or self.total + info.file_size > MAX_ARCHIVE_BYTES:
            self.skipped.append(skipped_input("too-large", f"zip entry {shown!r} is too large: ignored", path=shown))
            return
        with zf.open(info) as member:
            data = member.read(limit + 1)
        if len(data) > limit:
            self.skipped.append(skipped_input("too-large", f"zip entry {shown!r} is too large: ignored", path=shown))
            return
        self.total += len(data)
        if is_zip:
            self.archive(io.BytesIO(data), relative, depth + 1)
            return
        try:
            mtime = datetime(*info.date_time).timestamp()
        except (ValueError, OverflowError):
            mtime = 0.0
        self.files.append((relative, data, mtime))
