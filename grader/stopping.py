"""How a command stops when the instructor stops it: SIGINT (Ctrl-C) or SIGTERM raise `Interrupted` in the main
thread; a batch then kills its grading processes with everything they started (warm-kernel zygotes, sandboxes,
kernels) and removes its temporary folder. Results already journalled stay; a re-run grades the rest.

Imports nothing heavy: the command line installs the handlers before it loads nbgrader.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

BATCH_PREFIX = "grader-batch-"
PR_SET_PDEATHSIG = 1


class Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM arrived."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_status(self) -> int:
        return 128 + self.signum


_received: list[Interrupted] = []


def stop_on_signals() -> None:
    """SIGINT and SIGTERM raise `Interrupted` in the main thread; a second one while stopping is ignored, so the
    clean-up is not cut short. The signal is also remembered (`received`): some libraries (nbgrader's log capture)
    catch every exception, so an interrupt may come back as another error, or not at all."""

    def stop(signum, _frame):
        for each in (signal.SIGINT, signal.SIGTERM):
            signal.signal(each, signal.SIG_IGN)
        _received.append(Interrupted(signum))
        raise _received[-1]

    for each in (signal.SIGINT, signal.SIGTERM):
        signal.signal(each, stop)


def received() -> Interrupted | None:
    """The interrupt that arrived, if one did."""
    return _received[0] if _received else None


def check() -> None:
    """Raise the interrupt that arrived, if one did (where a library may have swallowed it)."""
    if _received:
        raise _received[0]


def start_grading_process(parent: int) -> None:
    """In a grading process, first: a process group of its own, so a Ctrl-C at the terminal reaches only the command
    (which stops the batch) and never interrupts a student's kernel into a wrong score; and death with the command
    `parent`, even by kill -9 (its zygote and kernels follow it)."""
    os.setpgrp()
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the command died before prctl took effect
        os._exit(1)


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rpartition(")")[2].split()[1])  # after the command name, which may hold spaces
            tree.setdefault(parent, []).append(int(entry.name))
    return tree


def children(pid: int) -> list[int]:
    """The processes `pid` started that are still its children."""
    return _children().get(pid, [])


def kill_trees(pids: Iterable[int]) -> None:
    """SIGKILL `pids` and every descendant. Each is stopped first and the tree read again, so no process forks or
    is orphaned between reading the tree and killing it."""
    pids, stopped = list(pids), set[int]()
    for _ in range(3):
        tree = _children()
        frontier = pids + [child for pid in stopped for child in tree.get(pid, [])]
        grew = False
        while frontier:
            pid = frontier.pop()
            if pid in stopped:
                continue
            try:
                os.kill(pid, signal.SIGSTOP)
            except ProcessLookupError:
                continue
            stopped.add(pid)
            grew = True
            frontier += tree.get(pid, [])
        if not grew:
            break
    for pid in stopped:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


@contextmanager
def batch_folder() -> Iterator[Path]:
    """A private temporary folder for one batch, this process's temporary folder while the batch runs (its grading
    processes are given it as an argument: `use_batch_folder`), so their scratch courses, zygote folders and templates
    all live inside. Removed at the end, however the batch ends; a folder left by a batch killed with -9 is removed by
    the next one."""
    _remove_orphaned()
    folder = Path(tempfile.mkdtemp(prefix=f"{BATCH_PREFIX}{os.getpid()}-"))
    folder.chmod(0o711)  # a kernel's own user (the weaker mode) reaches its folder inside, as it would in /tmp
    before = tempfile.tempdir
    use_batch_folder(folder)
    try:
        yield folder
    finally:
        tempfile.tempdir = before
        shutil.rmtree(folder, ignore_errors=True)


def use_batch_folder(folder: Path) -> None:
    """This process's temporary files go into the batch's `folder`. The environment's TMPDIR is left alone: grading
    processes get the folder as an argument (`runner._start_worker`), kernels and zygotes a TMPDIR of their own."""
    tempfile.tempdir = str(folder)


def _remove_orphaned() -> None:
    for folder in Path(tempfile.gettempdir()).glob(f"{BATCH_PREFIX}*-*"):
        owner = folder.name[len(BATCH_PREFIX):].split("-")[0]
        if owner.isdigit() and not Path("/proc", owner).exists() and folder.stat().st_uid == os.geteuid():
            shutil.rmtree(folder, ignore_errors=True)
