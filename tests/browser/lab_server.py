"""A throw-away Jupyter server for the browser tests: loopback, its own port and token, its own dirs.

It is the student's JupyterLab of `make lab`: the config in `lab/student` (no news, no nbgrader instructor tools)
is on its config path, and nothing else silences news or updates.

Everything the server, its kernels and JupyterLab read or write from a home directory lives under one temporary
directory (config, data, runtime, lab settings and workspaces, IPython and matplotlib config), so nothing leaks in
from the user's home and nothing is written to the repository. `stop()` shuts down the kernels, then the server,
then kills whatever of its own is left (by process id).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

# JupyterLab user settings written into the temporary settings dir.
LAB_SETTINGS = {
    # Attach every cell to the DOM: the tests inspect all outputs and the screenshots show all cells.
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    # The browser never saves on its own; only the Validate button saves (into the temporary copy).
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}

# What `make lab` adds to Jupyter's config path.
STUDENT_LAB_CONFIG = Path(__file__).resolve().parents[2] / "lab" / "student"

# nbgrader's validate handler reads nbgrader_config.py from the Jupyter config path and the server's cwd.
NBGRADER_CONFIG = """\
c = get_config()  # noqa: F821
# Validation runs the whole notebook on the server; allow a busy 2-core machine more than the default 30 s a cell.
c.Execute.timeout = 60
"""

# Environment variables that would point Jupyter at the user's own dirs.
_LEAKY_ENV = ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTER_PREFER_ENV_PATH", "JUPYTERLAB_DIR", "PYTHONSTARTUP")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class JupyterServer:
    """`python -m jupyterlab` serving `root_dir`; also serves Notebook 7 (/tree, /notebooks/...)."""

    def __init__(self, root_dir: Path, state_dir: Path):
        self.root_dir = root_dir
        self.state_dir = state_dir
        self.token = secrets.token_hex(16)
        self.port = 0
        self.process: subprocess.Popen | None = None
        self.log_path = state_dir / "server.log"
        self.runtime_dir = state_dir / "runtime"

    # -- URLs and REST -------------------------------------------------------------------------------------------

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str, **query: str) -> str:
        """Browser URL of `path` (e.g. "lab/tree/x.ipynb"), authenticated by the token."""
        query = {"token": self.token, **query}
        return f"{self.base}/{path.lstrip('/')}?{urllib.parse.urlencode(query)}"

    def api(self, method: str, path: str, body: dict | None = None, timeout: float = 10) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.base}/api/{path}", data=data, method=method,
                                         headers={"Authorization": f"token {self.token}",
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            payload = response.read()
        return json.loads(payload) if payload else None

    # -- lifecycle -----------------------------------------------------------------------------------------------

    def environment(self) -> dict[str, str]:
        state = self.state_dir
        env = {k: v for k, v in os.environ.items() if k not in _LEAKY_ENV}
        scripts = os.path.dirname(sys.executable)  # the kernelspec runs `python`: make it the project's
        env.update(
            HOME=str(state / "home"),
            JUPYTER_CONFIG_DIR=str(state / "config"),
            JUPYTER_DATA_DIR=str(state / "data"),
            JUPYTER_RUNTIME_DIR=str(self.runtime_dir),
            JUPYTERLAB_SETTINGS_DIR=str(state / "lab" / "user-settings"),
            JUPYTERLAB_WORKSPACES_DIR=str(state / "lab" / "workspaces"),
            IPYTHONDIR=str(state / "ipython"),
            MPLCONFIGDIR=str(state / "matplotlib"),
            JUPYTER_CONFIG_PATH=str(STUDENT_LAB_CONFIG),
            PATH=scripts + os.pathsep + env.get("PATH", ""),
            PYTHONUNBUFFERED="1",
        )
        return env

    def _prepare_dirs(self) -> None:
        for name in ("home", "config", "data", "runtime", "ipython", "matplotlib", "cwd"):
            (self.state_dir / name).mkdir(parents=True, exist_ok=True)
        settings = self.state_dir / "lab" / "user-settings"
        for plugin, values in LAB_SETTINGS.items():
            package, _, name = plugin.rpartition("/")
            path = settings / package / f"{name}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        (self.state_dir / "config" / "nbgrader_config.py").write_text(NBGRADER_CONFIG)
        (self.state_dir / "cwd" / "nbgrader_config.py").write_text(NBGRADER_CONFIG)

    def start(self, attempts: int = 3, timeout: float = 120) -> None:
        self._prepare_dirs()
        for _ in range(attempts):
            self.port = free_port()
            args = [
                sys.executable, "-m", "jupyterlab",
                "--no-browser",
                "--ServerApp.ip=127.0.0.1",
                f"--ServerApp.port={self.port}",
                "--ServerApp.port_retries=0",
                f"--IdentityProvider.token={self.token}",
                f"--ServerApp.root_dir={self.root_dir}",
                "--ServerApp.open_browser=False",
                "--LabApp.expose_app_in_browser=True",
                "--JupyterNotebookApp.expose_app_in_browser=True",
            ]
            if os.geteuid() == 0:
                args.append("--allow-root")
            with open(self.log_path, "ab") as log:  # the server keeps its own copy of the descriptor
                self.process = subprocess.Popen(args, cwd=self.state_dir / "cwd", env=self.environment(),
                                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    break  # exited: most likely the port was taken in between; try another
                try:
                    self.api("GET", "status", timeout=2)
                    return
                except (OSError, urllib.error.URLError):
                    time.sleep(0.3)
            self.stop()
        raise RuntimeError(f"Jupyter server did not start; log tail:\n{self.log_tail()}")

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def shutdown_kernels(self) -> None:
        """Close every session and kernel (between tests, so kernels do not pile up)."""
        try:
            for session in self.api("GET", "sessions"):
                self.api("DELETE", f"sessions/{session['id']}")
            for kernel in self.api("GET", "kernels"):
                self.api("DELETE", f"kernels/{kernel['id']}")
        except (OSError, urllib.error.URLError):
            pass

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            self.shutdown_kernels()
            with contextlib.suppress(OSError, urllib.error.URLError):
                self.api("POST", "shutdown", timeout=5)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                for sig in (signal.SIGTERM, signal.SIGKILL):
                    try:
                        os.killpg(process.pid, sig)
                    except ProcessLookupError:
                        break
                    try:
                        process.wait(timeout=10)
                        break
                    except subprocess.TimeoutExpired:
                        continue
        self._kill_stray_kernels()

    def _kill_stray_kernels(self) -> None:
        """Kernels run in their own sessions; kill any still holding a connection file in our runtime dir."""
        marker = str(self.runtime_dir).encode()
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                cmdline = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            if marker in cmdline:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(int(proc.name), signal.SIGKILL)
