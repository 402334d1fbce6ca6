"""Run student kernels in a sandbox: bubblewrap where the machine allows it, rlimits and a private directory otherwise.

Bubblewrap (`bwrap`) gives the kernel its own mount, pid, network, IPC and UTS namespaces. Only what a kernel needs is
mounted, read-only: the system (`/usr`, `/etc`), the Python installation, the virtual environment and the course's
`utils` package. The masters, the gradebook, the submissions and the rest of the repository do not exist inside. The
only writable places are a private home (the kernel's working directory) and a private `/tmp`, both fresh per job.
There is no network (the kernel talks to the grader over Unix sockets in a per-kernel directory). When the grader runs
as root the kernel drops to user `nobody` with no capabilities, so the process limit applies to it.

Whatever the protection, the kernel runs under rlimits: address space (memory), CPU seconds, processes, file size and
open files, set by `_launch.py` before it execs the sandbox. `protection()` says what is in force; every result
records it.

With `Limits.kernels == "warm"` (the default; bubblewrap run as root only) the sandbox holds a placeholder and the kernel
is forked into it from the worker's zygote (`warm.py`, `_zygote.py`) instead of starting a fresh Python there.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Dict, Unicode

from . import course, warm

LAUNCHER = Path(__file__).resolve().parent / "_launch.py"
NOBODY = 65534
SANDBOX_HOME = "/home/student"


@dataclass(frozen=True)
class Limits:
    """Resource limits on one student notebook."""

    cell_timeout: int = 30  # seconds of wall time per cell
    notebook_timeout: int = 600  # seconds of wall time (and CPU) for the whole notebook, replays included
    memory_mb: int = 2048  # address space of the kernel process
    processes: int = 64  # processes and threads the kernel may add
    file_mb: int = 64  # largest file the kernel may write
    open_files: int = 256
    output_bytes: int = 2_000_000  # output kept per cell; the rest is dropped and the cell says so
    sandbox: str = "auto"  # "auto" (bubblewrap if it works), "bwrap" (required) or "none"
    kernels: str = "warm"  # "warm" (forked from a pre-imported zygote; bubblewrap run as root) or "cold"

    def as_dict(self) -> dict:
        return asdict(self)


class SandboxUnavailable(RuntimeError):
    """`--sandbox bwrap` was asked for but bubblewrap does not work on this machine."""


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
    """Create `path`'s parents 0755: bubblewrap would make them 0700, unreadable once the kernel drops to nobody."""
    return [arg for parent in reversed(path.parents) if parent != Path("/")
            for arg in ("--perms", "0755", "--dir", str(parent))]


def _drop_privileges() -> list[str]:
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        return []
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--inh-caps=-all",
            "--bounding-set=-all", "--"]


def bwrap_command(home: Path, tmp: Path, ipc: Path, command: list[str], env: dict[str, str],
                  drop: bool = True) -> list[str]:
    """`command` inside bubblewrap, seeing `home` as its home and working directory, `tmp` as /tmp; run as
    `nobody` with no capabilities when we are root (unless not `drop`: a placeholder the kernel must not kill)."""
    args = [shutil.which("bwrap") or "bwrap", "--die-with-parent", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
            "--unshare-cgroup-try", "--hostname", "grader"]
    if os.geteuid() != 0:
        args.append("--unshare-user")
    args += _read_only_system() + _python_mounts()
    args += ["--proc", "/proc", "--dev", "/dev", "--bind", str(tmp), "/tmp", *_parents(Path(SANDBOX_HOME)), "--bind", str(home), SANDBOX_HOME,
             *_parents(ipc), "--bind", str(ipc), str(ipc), "--chdir", SANDBOX_HOME, "--clearenv"]
    for key, value in env.items():
        args += ["--setenv", key, value]
    return args + ["--"] + (_drop_privileges() if drop else []) + command


def _kernel_env(home: str, tmp: str) -> dict[str, str]:
    return {
        "HOME": home, "TMPDIR": tmp, "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8", "MPLCONFIGDIR": f"{home}/.config/matplotlib", "IPYTHONDIR": f"{home}/.ipython",
        "JUPYTER_RUNTIME_DIR": f"{home}/.jupyter-runtime", "PYTHONDONTWRITEBYTECODE": "1",
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
    }


def _tasks_of(uid: int) -> int:
    """Processes and threads owned by `uid` (what RLIMIT_NPROC counts)."""
    count = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    count += len(os.listdir(f"/proc/{entry.name}/task"))
            except OSError:
                pass
    return count


def limit_options(limits: Limits, uid: int) -> list[str]:
    """`_launch.py` options for `limits`; the process limit counts from what `uid` already runs."""
    return [
        "--as", str(limits.memory_mb * 2**20),
        "--cpu", str(limits.notebook_timeout),
        "--nproc", str(_tasks_of(uid) + limits.processes),
        "--fsize", str(limits.file_mb * 2**20),
        "--nofile", str(limits.open_files),
        "--core", "0",
    ]


@functools.lru_cache(maxsize=None)
def bwrap_works() -> tuple[bool, str]:
    """Whether bubblewrap can start Python with the grader's mounts here (and why not)."""
    if not shutil.which("bwrap"):
        return False, "bwrap is not installed (scripts/install-sandbox.sh installs it)"
    import tempfile

    with tempfile.TemporaryDirectory(prefix="grader-bwrap-test-") as root:
        dirs = [Path(root) / name for name in ("home", "tmp", "ipc")]
        for d in dirs:
            d.mkdir()
            _give_to_kernel(d)
        probe = "import numpy, utils, os; open('/tmp/x', 'w').write('ok'); print(os.getuid())"
        cmd = bwrap_command(*dirs, [sys.executable, "-c", probe], _kernel_env(SANDBOX_HOME, "/tmp"))
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as error:
            return False, f"bwrap failed to start: {error}"
        if done.returncode != 0:
            return False, f"bwrap failed: {done.stderr.strip()[-300:]}"
    return True, "ok"


def _give_to_kernel(path: Path) -> None:
    """Make a private directory the kernel's: owned by `nobody` when the kernel drops to it."""
    if os.geteuid() == 0 and _drop_privileges():
        os.chown(path, NOBODY, NOBODY)
    path.chmod(0o700)


def kernel_uid() -> int:
    return NOBODY if os.geteuid() == 0 and _drop_privileges() else os.geteuid()


def protection(limits: Limits) -> dict:
    """What protects the machine from student code under `limits`: recorded in every result."""
    kind = limits.sandbox
    reason = ""
    if kind in ("auto", "bwrap"):
        works, reason = bwrap_works()
        if works:
            kind = "bubblewrap"
        elif limits.sandbox == "bwrap":
            raise SandboxUnavailable(reason)
        else:
            kind = "rlimits"
    else:
        kind, reason = "rlimits", "sandbox disabled (--sandbox none)"
    warm = kind == "bubblewrap" and limits.kernels == "warm" and kernel_uid() == NOBODY  # joining needs root
    limit_text = (f"{limits.memory_mb} MB address space, {limits.cell_timeout} s per cell, "
                  f"{limits.notebook_timeout} s per notebook, +{limits.processes} processes, "
                  f"{limits.file_mb} MB per file, {limits.output_bytes} bytes of output per cell")
    if kind == "bubblewrap":
        user = "nobody, no capabilities" if kernel_uid() == NOBODY else "the grader's user in a user namespace"
        return {
            "kind": "bubblewrap",
            "summary": f"bubblewrap sandbox: no network, read-only system and Python, private home and /tmp, "
                       f"runs as {user}; rlimits: {limit_text}; "
                       + ("warm kernels (forked, imports done)" if warm else
                          "cold kernels" + (" (warm ones need root)" if limits.kernels == "warm" else "")),
            "network": False, "filesystem": "private", "user": user, "limits": limits.as_dict(),
            "kernels": "warm" if warm else "cold",
        }
    nproc = "processes not limited (root)" if os.geteuid() == 0 else "processes limited"
    return {
        "kind": "rlimits",
        "summary": f"no sandbox ({reason}): rlimits ({limit_text}; {nproc}), private working directory and "
                   f"/tmp, clean environment; student code can read what the grader's user can read, and use the network",
        "network": True, "filesystem": "shared (read) / private cwd", "user": "grader's user",
        "limits": limits.as_dict(), "kernels": "cold",
    }


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager that always starts this interpreter's IPython kernel inside the sandbox.

    The kernel spec named by the notebook is ignored (a submission may name any kernel). Configure it through the
    per-job traitlets config: `job_dir` (where its private directories go) and `limits` (a `Limits` as a dict).
    """

    job_dir = Unicode(config=True, help="directory for this job's private kernel directories")
    limits = Dict(config=True, help="Limits as a dict")

    def __init__(self, *args, **kwargs):
        kwargs["kernel_name"] = "python3"
        super().__init__(*args, **kwargs)
        self.transport = "ipc"
        self._starts = 0

    def _limits(self) -> Limits:
        return Limits(**self.limits) if self.limits else Limits()

    async def _async_pre_start_kernel(self, **kw):
        self._starts += 1
        base = Path(self.job_dir or os.getcwd()) / f"kernel-{os.getpid()}-{id(self)}-{self._starts}"
        self._dirs = {name: base / name for name in ("home", "tmp", "ipc")}
        for path in self._dirs.values():
            path.mkdir(parents=True, exist_ok=True)
            _give_to_kernel(path)
        _seed_home(self._dirs["home"])
        self.connection_file = str(self._dirs["ipc"] / "kernel.json")
        self.ip = str(self._dirs["ipc"] / "k")
        kw.pop("cwd", None)  # never the grader's directory: the sandbox decides
        kw["env"] = {}
        self.kernel_log = base / "kernel.log"
        log = open(self.kernel_log, "ab")  # noqa: SIM115 - the kernel process keeps it
        kw["stdout"] = kw["stderr"] = log
        kw["stdin"] = subprocess.DEVNULL
        return await super()._async_pre_start_kernel(**kw)

    async def _async_interrupt_kernel(self) -> None:
        """Interrupt by message: a signal to the process group would stop bubblewrap, and with it the kernel."""
        if self.has_kernel:
            msg = self.session.msg("interrupt_request", content={})
            self._connect_control_socket()
            self.session.send(self._control_socket, msg)

    interrupt_kernel = _async_interrupt_kernel

    def write_connection_file(self, **kwargs):
        super().write_connection_file(**kwargs)
        if kernel_uid() == NOBODY:
            os.chown(self.connection_file, NOBODY, NOBODY)

    def _zygote(self) -> str | None:
        """The zygote's socket, or None (a cold kernel, same sandbox) if it cannot start."""
        try:
            return warm.socket_path(_kernel_env(SANDBOX_HOME, "/tmp"), _seed_home)
        except warm.ZygoteFailed as error:
            self.log.warning("warm kernels unavailable, starting a cold one: %s", error)
            return None

    def format_kernel_cmd(self, extra_arguments=None):
        limits = self._limits()
        kind, kernels = (protection(limits)[key] for key in ("kind", "kernels"))
        arguments = ["-f", os.path.realpath(self.connection_file), "--HistoryManager.hist_file=:memory:"]
        kernel = [sys.executable, "-m", "ipykernel_launcher", *arguments]
        launcher = [sys.executable, "-I", "-S", str(LAUNCHER)]
        socket = self._zygote() if kernels == "warm" else None
        if socket:
            env = _kernel_env(SANDBOX_HOME, "/tmp")
            sandbox = bwrap_command(self._dirs["home"], self._dirs["tmp"], self._dirs["ipc"],
                                    ["/bin/sh", "-c", "echo ready; exec sleep infinity"], {}, drop=False)
            options = ["--warm", socket, "--chdir", SANDBOX_HOME, "--die-with-parent", str(os.getpid()),
                       "--uid", str(NOBODY)]
            options += limit_options(limits, kernel_uid())
            options += [arg for value in arguments for arg in ("--kernel-arg", value)]
            options += [arg for key, value in env.items() for arg in ("--env", f"{key}={value}")]
            return launcher + options + ["--"] + sandbox
        if kind == "bubblewrap":
            env = _kernel_env(SANDBOX_HOME, "/tmp")
            inner = bwrap_command(self._dirs["home"], self._dirs["tmp"], self._dirs["ipc"], kernel, env)
            return launcher + limit_options(limits, kernel_uid()) + ["--"] + inner
        env = _kernel_env(str(self._dirs["home"]), str(self._dirs["tmp"]))
        options = limit_options(limits, os.geteuid()) + ["--chdir", str(self._dirs["home"]),
                                                         "--die-with-parent", str(os.getpid())]
        options += [arg for key, value in env.items() for arg in ("--env", f"{key}={value}")]
        return launcher + options + ["--"] + kernel


@functools.lru_cache(maxsize=None)
def _matplotlib_font_cache() -> tuple[Path, ...]:
    """The grader's own matplotlib font list, copied into each private home so kernels skip rebuilding it."""
    try:
        import matplotlib
        from matplotlib import font_manager  # noqa: F401 - builds the cache if missing

        return tuple(Path(matplotlib.get_cachedir()).glob("fontlist-*.json"))
    except Exception:  # noqa: BLE001 - an optimisation only
        return ()


def _seed_home(home: Path) -> None:
    config = home / ".config" / "matplotlib"
    config.mkdir(parents=True, exist_ok=True)
    for cache in _matplotlib_font_cache():
        shutil.copy(cache, config / cache.name)
    if kernel_uid() == NOBODY:
        for path in [home / ".config", config, *config.iterdir()]:
            os.chown(path, NOBODY, NOBODY)
