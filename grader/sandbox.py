"""Run student kernels in a sandbox: bubblewrap where the machine allows it, rlimits and a private directory otherwise.

Bubblewrap (`bwrap`) gives the kernel its own mount, pid, network, IPC and UTS namespaces. Its only writable places are
a private home (its working directory) and a private `/tmp`: fresh size-limited tmpfs (`Limits.disk_mb` each), so a
submission that fills its disk fills only those. They are mounted first; then, read-only, what a kernel needs: the
system (`/usr`, `/etc`), the Python installation, the virtual environment and the course's `utils` package, so no
private directory can hide them wherever the checkout lives (under `/tmp`, under a home). The masters, the gradebook,
the submissions and the rest of the repository do not exist inside. There is no network (the kernel talks to the
grader over Unix sockets in a per-kernel directory, closed to the kernel once it is up).

When the grader runs as root, every kernel runs as an unprivileged user of its own with no capabilities
(`kernel_users`): its process limit is its own, and whatever it leaves behind is killed when it ends. Whatever the
protection, the kernel runs under rlimits (memory, CPU seconds, processes, file size, open files), set by
`_launch.py` before it execs the sandbox. `protection()` says what is in force; every result records it.

`--sandbox auto` never weakens protection silently: bubblewrap that is installed but cannot start stops the grader
(`SandboxUnavailable`, with the reason); only where it is not installed does it grade with rlimits, and says so.

`sandboxed_kernel.SandboxedKernelManager` starts each kernel in what this module builds.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from . import course, kernel_users

SANDBOX_HOME = "/home/student"
WAYS_FORWARD = ("fix the cause (scripts/install-sandbox.sh; bubblewrap needs user namespaces or root), or pass "
                "--sandbox none to grade with weaker protection knowingly (rlimits, no private filesystem)")


@dataclass(frozen=True)
class Limits:
    """Resource limits on one student notebook."""

    cell_timeout: int = 30  # seconds of wall time per cell
    notebook_timeout: int = 600  # seconds of wall time (and CPU) for the whole notebook, replays included
    memory_mb: int = 2048  # address space of the kernel process
    processes: int = 64  # processes and threads the kernel may add (its own budget when the grader runs as root)
    file_mb: int = 64  # largest file the kernel may write
    disk_mb: int = 128  # size of each of its private home and /tmp (RAM-backed; the lectures write only caches)
    open_files: int = 256
    output_bytes: int = 2_000_000  # output kept per cell; the rest is dropped and the cell says so
    sandbox: str = "auto"  # "auto" (bubblewrap unless it is not installed), "bwrap" (required) or "none"
    kernels: str = "warm"  # "warm" (forked from a pre-imported zygote; bubblewrap run as root) or "cold"

    def as_dict(self) -> dict:
        return asdict(self)


class SandboxUnavailable(RuntimeError):
    """Bubblewrap is wanted (installed, or asked for) but cannot start here; the message says why and what to do."""


def _read_only_system() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        path = Path(top)
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), top]
        elif path.is_dir():
            args += ["--ro-bind", top, top]
    return args + ["--ro-bind", "/etc", "/etc"]


def _python_mounts() -> list[str]:
    """The interpreter, the virtual environment and `utils`: everything a kernel imports, nothing else."""
    roots = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve(), Path(sys.executable).resolve().parent.parent}
    roots |= {Path(sys.prefix)}
    mounts = [root for root in sorted(roots, key=lambda p: len(p.parts))
              if not any(parent in roots for parent in root.parents) and root.parts[:2] != ("/", "usr")]
    mounts.append(course.REPO / "utils")
    args: list[str] = []
    for root in mounts:
        args += _parents(root) + ["--ro-bind", str(root), str(root)]
    return args


def _parents(path: Path) -> list[str]:
    """Create `path`'s missing parents 0755 (bubblewrap would make them 0700, unreadable to an unprivileged kernel);
    a parent that exists already, such as a private tmpfs, keeps its mode."""
    return [arg for parent in reversed(path.parents) if parent != Path("/")
            for arg in ("--perms", "0755", "--dir", str(parent))]


def _private_dirs(disk_mb: int) -> list[str]:
    """A fresh tmpfs of `disk_mb` for home and for /tmp, writable by the kernel, seeded with matplotlib's font list."""
    size = str(disk_mb * 2**20)
    args = [*_parents(Path(SANDBOX_HOME)), "--perms", "0777", "--size", size, "--tmpfs", SANDBOX_HOME,
            "--perms", "1777", "--size", size, "--tmpfs", "/tmp"]
    config = f"{SANDBOX_HOME}/.config"
    args += ["--perms", "0777", "--dir", config, "--perms", "0777", "--dir", f"{config}/matplotlib"]
    for cache in matplotlib_font_cache():
        args += ["--ro-bind", str(cache), f"{config}/matplotlib/{cache.name}"]
    return args


def _drop_privileges(uid: int | None) -> list[str]:
    if uid is None:
        return []
    return ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--inh-caps=-all",
            "--bounding-set=-all", "--"]


def bwrap_command(ipc: Path, command: list[str], env: dict[str, str], disk_mb: int, uid: int | None) -> list[str]:
    """`command` inside bubblewrap, in its private home with a private /tmp, `ipc` shared with the grader; run as
    `uid` with no capabilities (None: as the caller, e.g. a placeholder the kernel must not be able to kill)."""
    args = [shutil.which("bwrap") or "bwrap", "--die-with-parent", "--unshare-pid", "--unshare-net", "--unshare-ipc",
            "--unshare-uts", "--unshare-cgroup-try", "--hostname", "grader"]
    if os.geteuid() != 0:
        args.append("--unshare-user")
    # private directories first: the read-only mounts after them cannot be shadowed, wherever they live
    args += _private_dirs(disk_mb) + _read_only_system() + _python_mounts()
    args += ["--proc", "/proc", "--dev", "/dev", *_parents(ipc), "--bind", str(ipc), str(ipc),
             "--chdir", SANDBOX_HOME, "--clearenv"]
    for key, value in env.items():
        args += ["--setenv", key, value]
    return args + ["--"] + _drop_privileges(uid) + command


def kernel_env(home: str, tmp: str) -> dict[str, str]:
    return {
        "HOME": home, "TMPDIR": tmp, "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8", "MPLCONFIGDIR": f"{home}/.config/matplotlib", "IPYTHONDIR": f"{home}/.ipython",
        "JUPYTER_RUNTIME_DIR": f"{home}/.jupyter-runtime", "PYTHONDONTWRITEBYTECODE": "1",
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
    }


def limit_options(limits: Limits, uid: int) -> list[str]:
    """`_launch.py` options for `limits`; the process limit counts from what `uid` already runs (nothing, for a
    kernel user of its own)."""
    return [
        "--as", str(limits.memory_mb * 2**20),
        "--cpu", str(limits.notebook_timeout),
        "--nproc", str(kernel_users.tasks_of(uid) + limits.processes),
        "--fsize", str(limits.file_mb * 2**20),
        "--nofile", str(limits.open_files),
        "--core", "0",
    ]


def bwrap_installed() -> bool:
    return shutil.which("bwrap") is not None


@functools.cache
def bwrap_works() -> tuple[bool, str]:
    """Whether bubblewrap can start Python with the grader's mounts, user and disk quota here (and why not)."""
    if not bwrap_installed():
        return False, "bubblewrap is not installed (scripts/install-sandbox.sh installs it)"
    user = kernel_users.acquire() if os.geteuid() == 0 else None
    try:
        with tempfile.TemporaryDirectory(prefix="grader-bwrap-test-") as ipc:
            give_to(Path(ipc), user.uid if user else None)
            probe = ("import numpy, utils, os; open('/tmp/x', 'w').write('ok'); open('x', 'w').write('ok'); "
                     "print(os.getuid())")
            cmd = bwrap_command(Path(ipc), [sys.executable, "-c", probe], kernel_env(SANDBOX_HOME, "/tmp"),
                                Limits().disk_mb, user.uid if user else None)
            try:
                done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
            except (OSError, subprocess.TimeoutExpired) as error:
                return False, f"bubblewrap failed to start: {error}"
            if done.returncode != 0:
                return False, f"bubblewrap failed: {done.stderr.strip()[-300:]}"
    finally:
        if user:
            user.release()
    return True, "ok"


@functools.cache
def unprivileged_python_works() -> tuple[bool, str]:
    """Without a sandbox, whether a kernel user of its own can run this Python and import numpy and `utils` (no
    mount namespace makes them readable: a Python under a private home such as /root is out of its reach)."""
    user = kernel_users.acquire()
    try:
        done = subprocess.run([sys.executable, "-c", "import numpy, utils"], user=user.uid, group=user.uid,
                              extra_groups=[], cwd="/", capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as error:
        return False, f"{sys.executable} cannot be started as an unprivileged user: {error}"
    finally:
        user.release()
    if done.returncode != 0:
        return False, f"an unprivileged user cannot run {sys.executable}: {done.stderr.strip()[-300:]}"
    return True, "ok"


def give_to(path: Path, uid: int | None) -> None:
    """Make a private directory the kernel's (its user's, when it has one of its own), closed to everyone else."""
    if uid is not None:
        os.chown(path, uid, uid)
    path.chmod(0o700)


def protection(limits: Limits) -> dict:
    """What protects the machine from student code under `limits`: recorded in every result. Raises
    `SandboxUnavailable` rather than weaken the protection silently."""
    if limits.sandbox in ("auto", "bwrap"):
        works, reason = bwrap_works()
        if works:
            return _bubblewrap_protection(limits)
        if limits.sandbox == "bwrap" or bwrap_installed():
            raise SandboxUnavailable(f"bubblewrap is installed but cannot start: {reason}; nothing was graded. "
                                     f"Either {WAYS_FORWARD}")
    else:
        reason = "sandbox disabled with --sandbox none"
    root = os.geteuid() == 0
    if root and not unprivileged_python_works()[0]:
        raise SandboxUnavailable(f"without bubblewrap ({reason}) student code must run as an unprivileged user, and "
                                 f"{unprivileged_python_works()[1]}; nothing was graded. Either install bubblewrap "
                                 "(scripts/install-sandbox.sh), or install the course with a Python and venv that "
                                 "other users can read (not under a private home such as /root)")
    user = ("an unprivileged user of its own (can write only its private directory and world-writable ones such "
            "as /tmp and /dev/shm, on the host's disk)" if root else
            "the grader's own user (can write whatever the grader can)")
    return {
        "kind": "rlimits", "weaker": True,
        "summary": f"WEAKER PROTECTION, no sandbox ({reason}): student code runs as {user}, can read what any user "
                   f"can read and use the network; rlimits: {_limit_text(limits)}; no disk quota"
                   + ("" if root else "; what it leaves running may survive its job"),
        "network": True, "filesystem": "shared (read) / private cwd",
        "user": "a uid of its own" if root else "grader's user", "limits": limits.as_dict(), "kernels": "cold",
    }


def _bubblewrap_protection(limits: Limits) -> dict:
    root = os.geteuid() == 0
    warm = limits.kernels == "warm" and root  # joining a sandbox's namespaces needs root
    user = "an unprivileged user of its own, no capabilities" if root else "the grader's user in a user namespace"
    kernels = "warm kernels (forked, imports done)" if warm else \
        "cold kernels" + (" (warm ones need root)" if limits.kernels == "warm" else "")
    return {
        "kind": "bubblewrap", "weaker": False,
        "summary": f"bubblewrap sandbox: no network, read-only system and Python, private home and /tmp of "
                   f"{limits.disk_mb} MB each (RAM-backed), runs as {user}; rlimits: {_limit_text(limits)}; {kernels}",
        "network": False, "filesystem": "private", "user": user, "limits": limits.as_dict(),
        "disk_mb": limits.disk_mb, "kernels": "warm" if warm else "cold",
    }


def _limit_text(limits: Limits) -> str:
    own = "its own " if os.geteuid() == 0 else ""
    return (f"{limits.memory_mb} MB address space, {limits.cell_timeout} s per cell, {limits.notebook_timeout} s per "
            f"notebook, {own}budget of {limits.processes} processes, {limits.file_mb} MB per file, "
            f"{limits.output_bytes} bytes of output per cell")


@functools.cache
def matplotlib_font_cache() -> tuple[Path, ...]:
    """The grader's own matplotlib font list, given to each kernel's home so kernels skip rebuilding it."""
    try:
        import matplotlib
        from matplotlib import font_manager  # noqa: F401 - builds the cache if missing

        return tuple(Path(matplotlib.get_cachedir()).glob("fontlist-*.json"))
    except Exception:  # noqa: BLE001 - an optimisation only
        return ()
