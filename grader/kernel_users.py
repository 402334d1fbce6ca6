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
import subprocess
import sys
from pathlib import Path

FIRST_UID = 1_990_000_000  # above the ranges distributions and systemd hand out; no passwd entry needed
SLOTS = 1024
LOCKS = Path("/run/course-grader-kernel-users")
# Run as the kernel's uid: signal every process that uid may signal, i.e. its own (kill(-1) spares the caller).
_KILL_ALL = "import os\ntry:\n    os.kill(-1, 9)\nexcept ProcessLookupError:\n    pass\n"


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
    """A uid no running kernel uses, with none of its processes left."""
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
        return KernelUser(uid, lock)
    raise NoFreeUser(f"all {SLOTS} kernel uids from {FIRST_UID} are in use")


def _has_account(uid: int) -> bool:
    try:
        pwd.getpwuid(uid)
        return True
    except KeyError:
        return False


def processes_of(uid: int) -> list[int]:
    """Live (not zombie) processes whose real, effective or saved uid is `uid`."""
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            status = Path(entry.path, "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if uid in {int(u) for u in fields.get("Uid", "").split()[:3]} and not fields.get("State", "").strip(). \
                startswith("Z"):
            found.append(int(entry.name))
    return found


def kill_all(uid: int, rounds: int = 50) -> None:
    """SIGKILL every process of `uid`; raise if some survive (they never should: none can ignore SIGKILL)."""
    for _ in range(rounds):
        if not processes_of(uid):
            return
        subprocess.run([sys.executable, "-I", "-S", "-c", _KILL_ALL], user=uid, group=uid, extra_groups=[],
                       stdin=subprocess.DEVNULL, capture_output=True, check=False)
    left = processes_of(uid)
    if left:
        raise RuntimeError(f"processes of kernel uid {uid} survive SIGKILL: {left}")
