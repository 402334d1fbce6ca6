"""Warm kernels: each grading process keeps one zygote (`_zygote.py`) and asks it for kernels.

A cold kernel spends most of a short notebook's time starting Python and importing ipykernel, numpy, matplotlib and
`utils`; a kernel forked from the zygote starts with those imports done, inside the same sandbox, as the same user,
under the same limits. `socket_path(env)` starts the zygote on first use (with `env`, the environment kernels get)
and returns the socket `_launch.py --warm` talks to; the zygote dies with the process that started it.
"""

from __future__ import annotations

import atexit
import os
import select
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

ZYGOTE = Path(__file__).resolve().parent / "_zygote.py"
READY_SECONDS = 120


class ZygoteFailed(RuntimeError):
    """The zygote did not start (the reason is in the message)."""


@dataclass
class _Zygote:
    owner: int
    process: subprocess.Popen
    directory: Path

    @property
    def socket(self) -> str:
        return str(self.directory / "zygote.sock")

    def stop(self) -> None:
        if self.owner == os.getpid():
            self.process.kill()
            self.process.wait()
            shutil.rmtree(self.directory, ignore_errors=True)


_current: _Zygote | None = None
_starting = threading.Lock()  # a Dask worker may grade in several threads


def socket_path(env: dict[str, str], prepare_home=lambda home: None) -> str:
    """The running zygote's socket; started (with `env`, HOME and TMPDIR made private) if there is none."""
    with _starting:
        if _current is not None and _current.owner == os.getpid() and _current.process.poll() is None:
            return _current.socket
        return _start(env, prepare_home)


def _start(env: dict[str, str], prepare_home) -> str:
    global _current
    directory = Path(tempfile.mkdtemp(prefix="grader-zygote-"))
    home, tmp = directory / "home", directory / "tmp"
    home.mkdir()
    tmp.mkdir()
    prepare_home(home)
    zygote_env = {**env, "HOME": str(home), "TMPDIR": str(tmp), "MPLCONFIGDIR": str(home / ".config" / "matplotlib"),
                  "IPYTHONDIR": str(home / ".ipython"), "JUPYTER_RUNTIME_DIR": str(home / ".jupyter-runtime"),
                  "MPLBACKEND": "module://matplotlib_inline.backend_inline"}  # as ipykernel sets it
    log = open(directory / "zygote.log", "wb")  # noqa: SIM115 - the zygote keeps it
    process = subprocess.Popen([sys.executable, str(ZYGOTE), str(directory / "zygote.sock"), str(os.getpid())],
                               cwd=home, env=zygote_env, stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL)
    log.close()
    output = process.stdout
    assert output is not None  # stdout=PIPE
    ready, _, _ = select.select([output], [], [], READY_SECONDS)
    if not ready or output.readline().strip() != b"ready":
        process.kill()
        process.wait()
        reason = (directory / "zygote.log").read_text(errors="replace")[-2000:]
        shutil.rmtree(directory, ignore_errors=True)
        raise ZygoteFailed(f"the warm-kernel zygote did not start: {reason or 'no output'}")
    _current = _Zygote(os.getpid(), process, directory)
    atexit.register(_current.stop)
    return _current.socket


def stop() -> None:
    """Stop this process's zygote (a new one starts on the next request)."""
    global _current
    if _current is not None:
        _current.stop()
        _current = None
