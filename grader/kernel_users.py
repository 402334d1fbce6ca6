"""An unprivileged user of its own for every running kernel (when the grader runs as root).

The process limit (RLIMIT_NPROC) counts the processes of a user: kernels sharing one user (say `nobody`) would share,
and use up, one budget. Each kernel instead gets a uid from a reserved range, held through a lock file for as long as
the kernel lives, so no other grading process or thread on this machine runs a kernel under it at the same time.
When the kernel ends, `release` kills every process of that uid (detached, double-forked, signal-ignoring ones
included): nothing a submission started outlives it. `acquire` does the same first, in case the uid's last holder
was itself killed before it could clean up.
"""

from __future__ import annotations

import fcntl
import os
import pwd
import shutil
import subprocess
from pathlib import Path

FIRST_UID = 1_990_000_000  # above the ranges distributions and systemd hand out; no passwd entry needed
SLOTS = 1024
LOCKS = Path("/run/course-grader-kernel-users")
# Run as the kernel's uid: signal every process that uid may signal, i.e. its own (kill(-1) spares the caller).
# A system binary, not this Python: the kernel's uid may not be able to reach a Python under a private home.
_KILL_ALL = [shutil.which("kill") or "/bin/kill", "-KILL", "-1"]


class NoFreeUser(RuntimeError):
    """Every uid of the range is taken by a running kernel."""


class KernelUser:
    """A uid held for one kernel until `release`."""

    def __init__(self, uid: int, lock):
        self.uid, self._lock = uid, lock

    def release(self) -> None:
        """Kill every process of this uid, then let the uid go (idempotent)."""
        if self._lock is not None:
            kill_all(self.uid)
            self._lock.close()
            self._lock = None


def acquire() -> KernelUser:
    """A uid no running kernel uses, with no process left: not even an unreaped zombie, which would still count
    against the next kernel's process limit."""
    LOCKS.mkdir(mode=0o700, exist_ok=True)
    for uid in range(FIRST_UID, FIRST_UID + SLOTS):
        if _has_account(uid):
            continue
        lock = open(LOCKS / f"{uid}.lock", "a")  # noqa: SIM115 - held until release()
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            continue
        kill_all(uid)
        if tasks_of(uid) == 0:
            return KernelUser(uid, lock)
        lock.close()
    raise NoFreeUser(f"all {SLOTS} kernel uids from {FIRST_UID} are in use")


def _has_account(uid: int) -> bool:
    try:
        pwd.getpwuid(uid)
        return True
    except KeyError:
        return False


def _tasks(uid: int) -> list[tuple[int, bool, int]]:
    """(pid, zombie, threads) of each process whose real, effective or saved uid is `uid`."""
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            status = Path(entry.path, "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if uid in {int(u) for u in fields.get("Uid", "").split()[:3]}:
            found.append((int(entry.name), fields.get("State", "").strip().startswith("Z"),
                          int(fields.get("Threads", "1"))))
    return found


def processes_of(uid: int) -> list[int]:
    """Live (not zombie) processes of `uid`."""
    return [pid for pid, zombie, _ in _tasks(uid) if not zombie]


def tasks_of(uid: int) -> int:
    """Processes and threads of `uid`, zombies included: what its process limit (RLIMIT_NPROC) counts."""
    return sum(threads for _, _, threads in _tasks(uid))


def kill_all(uid: int, rounds: int = 50) -> None:
    """SIGKILL every process of `uid`; raise if some survive (they never should: none can ignore SIGKILL)."""
    for _ in range(rounds):
        if not processes_of(uid):
            return
        subprocess.run(_KILL_ALL, user=uid, group=uid, extra_groups=[],
                       stdin=subprocess.DEVNULL, capture_output=True, check=False)
    left = processes_of(uid)
    if left:
        raise RuntimeError(f"processes of kernel uid {uid} survive SIGKILL: {left}")
