"""The kernel manager that starts every student kernel inside the sandbox `sandbox` builds, and ends it cleanly.

Each start gets a kernel user of its own (when the grader is root), private directories for its sockets (and, with no
bubblewrap, its home and /tmp), a home seeded with matplotlib's font list, and the submission's language. With
`Limits.kernels == "warm"` (the default; bubblewrap run as root only) the sandbox holds a placeholder and the kernel
is forked into it from the worker's zygote (`warm.py`, `_zygote.py`) instead of starting a fresh Python there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Dict, Unicode

from . import kernel_users, sandbox, warm
from .sandbox import Limits

LAUNCHER = Path(__file__).resolve().parent / "_launch.py"


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager that always starts this interpreter's IPython kernel inside the sandbox.

    The kernel spec named by the notebook is ignored (a submission may name any kernel). Configure it through the
    per-job traitlets config: `job_dir` (where its private directories go) and `limits` (a `Limits` as a dict).
    """

    job_dir = Unicode(config=True, help="directory for this job's private kernel directories")
    limits = Dict(config=True, help="Limits as a dict")
    language = Unicode("en", config=True, help="the submission's edition: the kernel's COURSE_LANGUAGE")

    def __init__(self, *args, **kwargs):
        kwargs["kernel_name"] = "python3"
        super().__init__(*args, **kwargs)
        self.kernel_spec.interrupt_mode = "message"  # a signal to the process group would stop bubblewrap too
        self.transport = "ipc"
        self._starts = 0
        self._user: kernel_users.KernelUser | None = None
        self._outside_job: Path | None = None

    def _limits(self) -> Limits:
        return Limits(**self.limits) if self.limits else Limits()

    @property
    def kernel_uid(self) -> int:
        """The uid student code runs as: a user of its own when the grader is root, the grader's otherwise."""
        return self._user.uid if self._user else os.geteuid()

    async def _async_pre_start_kernel(self, **kw):
        self._starts += 1
        self._release_user()
        self._protection = sandbox.protection(self._limits())
        self._user = kernel_users.acquire() if os.geteuid() == 0 else None
        if self._protection["kind"] == "bubblewrap":  # home and /tmp are tmpfs inside; only the sockets are here
            base = Path(self.job_dir or os.getcwd()) / f"kernel-{os.getpid()}-{id(self)}-{self._starts}"
            names = ("ipc",)
        else:  # the kernel's user must reach its directories: not under the job's private folder (it holds the master)
            base = self._outside_job = Path(tempfile.mkdtemp(prefix="grader-kernel-"))
            base.chmod(0o711)
            names = ("home", "tmp", "ipc")
        self._dirs = {name: base / name for name in names}
        for path in self._dirs.values():
            path.mkdir(parents=True, exist_ok=True)
            sandbox.give_to(path, self._user.uid if self._user else None)
        if "home" in self._dirs:
            _seed_home(self._dirs["home"], self.kernel_uid)
        self.connection_file = str(self._dirs["ipc"] / "kernel.json")
        self.ip = str(self._dirs["ipc"] / "k")
        kw.pop("cwd", None)  # never the grader's directory: the sandbox decides
        kw["env"] = {}
        self.kernel_log = base / "kernel.log"
        log = open(self.kernel_log, "ab")  # noqa: SIM115 - the kernel process keeps it
        kw["stdout"] = kw["stderr"] = log
        kw["stdin"] = subprocess.DEVNULL
        return await super()._async_pre_start_kernel(**kw)

    def seal(self) -> None:
        """Once the kernel is up (its sockets bound), close its sockets' directory to it: that directory is on the
        host's disk, outside its quota. Needs root (otherwise the kernel runs as the grader's own user)."""
        if self._user:
            os.chown(self._dirs["ipc"], 0, 0)
            os.chmod(self._dirs["ipc"], 0o700)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        self._release_user()

    cleanup_resources = _async_cleanup_resources

    def _release_user(self) -> None:
        """Kill whatever the kernel's user still runs (a kernel leaves nothing behind), free the uid, and remove the
        kernel's directories when they are outside the job's folder."""
        if self._user:
            self._user.release()
            self._user = None
        if self._outside_job:
            shutil.rmtree(self._outside_job, ignore_errors=True)
            self._outside_job = None

    def write_connection_file(self, **kwargs):
        super().write_connection_file(**kwargs)
        if self._user:
            os.chown(self.connection_file, self._user.uid, self._user.uid)

    def _zygote(self) -> str | None:
        """The zygote's socket, or None (a cold kernel, same sandbox) if it cannot start."""
        try:
            env = sandbox.kernel_env(sandbox.SANDBOX_HOME, "/tmp")
            return warm.socket_path(env, lambda home: _seed_home(home, os.geteuid()))
        except warm.ZygoteFailed as error:
            self.log.warning("warm kernels unavailable, starting a cold one: %s", error)
            return None

    def _env(self, home: str, tmp: str) -> dict[str, str]:
        """The kernel's environment: the sandbox's, and the submission's language for utils.language."""
        return {**sandbox.kernel_env(home, tmp), "COURSE_LANGUAGE": self.language}

    def format_kernel_cmd(self, extra_arguments=None):
        limits = self._limits()
        kind, kernels = self._protection["kind"], self._protection["kernels"]
        uid = self._user.uid if self._user else None
        arguments = ["-f", os.path.realpath(self.connection_file), "--HistoryManager.hist_file=:memory:"]
        kernel = [sys.executable, "-m", "ipykernel_launcher", *arguments]
        launcher = [sys.executable, "-I", "-S", str(LAUNCHER)]
        socket = self._zygote() if kernels == "warm" else None
        if socket:
            env = self._env(sandbox.SANDBOX_HOME, "/tmp")
            placeholder = sandbox.bwrap_command(self._dirs["ipc"], ["/bin/sh", "-c", "echo ready; exec sleep infinity"],
                                                {}, limits.disk_mb, None)
            options = ["--warm", socket, "--chdir", sandbox.SANDBOX_HOME, "--die-with-parent", str(os.getpid()),
                       "--uid", str(self.kernel_uid)]
            options += sandbox.limit_options(limits, self.kernel_uid)
            options += [arg for value in arguments for arg in ("--kernel-arg", value)]
            options += [arg for key, value in env.items() for arg in ("--env", f"{key}={value}")]
            return launcher + options + ["--"] + placeholder
        if kind == "bubblewrap":
            env = self._env(sandbox.SANDBOX_HOME, "/tmp")
            inner = sandbox.bwrap_command(self._dirs["ipc"], kernel, env, limits.disk_mb, uid)
            return launcher + sandbox.limit_options(limits, self.kernel_uid) + ["--"] + inner
        env = self._env(str(self._dirs["home"]), str(self._dirs["tmp"]))
        options = sandbox.limit_options(limits, self.kernel_uid)
        options += ["--chdir", str(self._dirs["home"]), "--die-with-parent", str(os.getpid())]
        options += ["--uid", str(uid)] if uid is not None else []
        options += [arg for key, value in env.items() for arg in ("--env", f"{key}={value}")]
        return launcher + options + ["--"] + kernel


def _seed_home(home: Path, uid: int) -> None:
    """A home on this disk (no sandbox; the zygote's) gets a copy of the font list, owned by `uid`."""
    config = home / ".config" / "matplotlib"
    config.mkdir(parents=True, exist_ok=True)
    for cache in sandbox.matplotlib_font_cache():
        shutil.copy(cache, config / cache.name)
    for path in [home / ".config", config, *config.iterdir()]:
        os.chown(path, uid, uid)
