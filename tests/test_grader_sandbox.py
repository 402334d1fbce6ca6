"""The sandbox holds wherever the course lives, and no kernel can hurt another or the machine: real bubblewrap, real
kernels. Disk quota, a process budget of its own, nothing left running, a loud stop when bubblewrap cannot start."""

from __future__ import annotations

import asyncio
import concurrent.futures
import errno
import json
import os
import secrets
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import nbformat
import pytest

from grader import course, job, kernel_users, sandbox
from grader.sandbox import SANDBOX_HOME, Limits
from grader.sandboxed_kernel import SandboxedKernelManager
from notebook_cases import completed_copy
from sandbox_required import require_sandbox

pytestmark = pytest.mark.grader  # the grader's own machinery: in make test, not make check

A = course.assignments()[0]
DISK_MB = Limits().disk_mb


@pytest.fixture(autouse=True)
def _bubblewrap_as_root():
    require_sandbox()


# --------------------------------------------------------------------------- kernels, straight from the manager
async def _start(job_dir: str, **limits) -> tuple[SandboxedKernelManager, object]:
    km = SandboxedKernelManager(job_dir=job_dir, limits=Limits(**limits).as_dict())
    await km.start_kernel()
    kc = km.client()
    kc.start_channels()
    await kc.wait_for_ready(timeout=120)
    km.seal()  # as the grader does once a kernel is up
    return km, kc


async def _run(kc, code: str, timeout: float = 120) -> str:
    out = []

    def keep(msg):
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            out.append(f"{msg['content']['ename']}: {msg['content']['evalue']}")

    reply = await kc.execute_interactive(code, output_hook=keep, timeout=timeout)
    return reply["content"]["status"] + ":" + "".join(out)


async def _stop(km, kc) -> None:
    kc.stop_channels()
    await km.shutdown_kernel(now=True)


def _in_thread(scenario):
    """Run an async scenario in a thread of its own (an earlier test may leave an event loop in this one)."""
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, scenario()).result()


# --------------------------------------------------------------------------- mounts
def test_private_directories_are_mounted_before_the_code(monkeypatch):
    """Whatever path the checkout has (here: under the kernel's own home), its code is mounted after the private
    tmpfs, so they cannot hide it; each tmpfs has the disk quota."""
    monkeypatch.setattr(course, "REPO", Path(SANDBOX_HOME) / "course")
    args = sandbox.bwrap_command(Path("/tmp/grader-job/ipc"), ["python"], {}, 64, 1234)
    tmpfs = [i for i, arg in enumerate(args) if arg == "--tmpfs"]
    assert [args[i + 1] for i in tmpfs] == [SANDBOX_HOME, "/tmp"]
    assert all(args[i - 2:i] == ["--size", str(64 * 2**20)] for i in tmpfs)
    code = [i for i, arg in enumerate(args) if arg == "--ro-bind" and args[i + 1] in
            (str(Path(SANDBOX_HOME) / "course" / "utils"), sys.prefix, "/usr")]
    assert len(code) == 3 and max(tmpfs) < min(code)
    assert args.index("--bind") > max(tmpfs)  # the sockets' directory, under /tmp here


CHECKOUT_SCRIPT = r'''
import asyncio, json, os, sys, tempfile
from grader import course, sandbox
from grader.sandbox import Limits
from grader.sandboxed_kernel import SandboxedKernelManager

async def run(limits, code):
    km = SandboxedKernelManager(job_dir=tempfile.mkdtemp(), limits=limits)  # private, as a job's folder is
    await km.start_kernel()
    kc = km.client()
    kc.start_channels()
    out = []
    try:
        await kc.wait_for_ready(timeout=120)
        reply = await kc.execute_interactive(code, timeout=120, output_hook=lambda m: out.append(
            m["content"].get("text") or m["content"].get("evalue") or ""))
        return reply["content"]["status"] + ":" + "".join(out)
    finally:
        kc.stop_channels()
        await km.shutdown_kernel(now=True)

def running_with(argument):
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            found += [pid] if argument in open(f"/proc/{pid}/cmdline", errors="replace").read().split("\0") else []
        except OSError:
            pass
    return found

report = {"repo": str(course.REPO), "prefix": sys.prefix, "bwrap": sandbox.bwrap_works()}
sandboxed = ("import os, utils; open('/tmp/t', 'w').write('x'); open('h', 'w').write('x'); "
             "print(os.getuid(), os.path.dirname(utils.__file__))")
for kind in ("warm", "cold"):
    report[kind] = asyncio.run(run(Limits(kernels=kind).as_dict(), sandboxed))
if "weaker" in sys.argv:
    report["unprivileged"] = sandbox.unprivileged_python_works()
    if report["unprivileged"][0]:
        confined = (f"import os\ntry:\n    open({str(course.REPO / 'grader-was-here.txt')!r}, 'w')\n"
                    "    print('write-repo ALLOWED')\nexcept OSError as error:\n    print('write-repo denied', "
                    "type(error).__name__)\nprint('uid', os.getuid())")
        report["weaker"] = asyncio.run(run(Limits(sandbox="none").as_dict(), confined + sys.argv[-1]))
        report["weaker_left"] = running_with("9999999.5")
print("REPORT" + json.dumps(report))
'''


def _checkout_at(parent: Path) -> Path:
    """A copy of the grader and `utils` at `parent`/course-<random>, with a virtual environment of its own (the
    installed packages hard-linked, the editable install pointed at the copy). Its interpreter is the system's
    Python of this version where there is one, which any user can run (the weaker mode needs that)."""
    root = parent / f"course-{secrets.token_hex(4)}"
    root.mkdir(mode=0o755, parents=True)
    for part in ("grader", "utils"):
        shutil.copytree(course.REPO / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    base = str(getattr(sys, "_base_executable", sys.executable))  # the interpreter this venv was made from
    python = shutil.which(f"python{version}", path="/usr/bin:/usr/local/bin") or base
    subprocess.run([python, "-m", "venv", "--without-pip", str(root / ".venv")], check=True)
    site = root / ".venv" / "lib" / f"python{version}" / "site-packages"
    shutil.rmtree(site)
    subprocess.run(["cp", "-al", sysconfig.get_paths()["purelib"], str(site)], check=True)
    for finder in site.glob("__editable__*finder.py"):
        text = finder.read_text().replace(str(course.REPO), str(root))
        finder.unlink()  # a hard link to the original: replace it, do not edit it
        finder.write_text(text)
    return root


@pytest.mark.parametrize("parent", ["/tmp", SANDBOX_HOME], ids=["under-tmp", "under-the-kernels-home"])
def test_the_sandbox_works_wherever_the_checkout_lives(parent):
    """A checkout (code and venv) under /tmp or under the directory that is the kernel's home: bubblewrap starts,
    warm and cold kernels import `utils` from it and write their private /tmp and home; without a sandbox the kernel
    runs as an unprivileged user who cannot write the repository and leaves nothing running (or the grader refuses
    to run, saying why)."""
    created = not Path(parent).exists()
    root = _checkout_at(Path(parent))
    try:
        done = subprocess.run([str(root / ".venv" / "bin" / "python"), "-c", CHECKOUT_SCRIPT]
                              + (["weaker", DAEMON.replace("{seconds}", "9999999.5")] if parent == "/tmp" else []),
                              cwd=root, capture_output=True, text=True, timeout=900)
        assert "REPORT" in done.stdout, done.stdout[-2000:] + done.stderr[-3000:]
        report = json.loads(done.stdout.split("REPORT", 1)[1])
    finally:
        shutil.rmtree(root)
        if created:
            os.rmdir(parent)
    assert report["repo"] == str(root) and report["prefix"].startswith(str(root))
    assert report["bwrap"] == [True, "ok"]
    for kind in ("warm", "cold"):
        status, _, output = report[kind].partition(":")
        uid, utils_dir = output.split()
        assert status == "ok" and utils_dir == str(root / "utils")
        assert kernel_users.FIRST_UID <= int(uid) < kernel_users.FIRST_UID + kernel_users.SLOTS
    if "unprivileged" in report and report["unprivileged"][0]:
        assert "write-repo denied PermissionError" in report["weaker"], report["weaker"]
        assert int(report["weaker"].split("uid")[1].split()[0]) >= kernel_users.FIRST_UID
        assert "started" in report["weaker"] and report["weaker_left"] == []
    elif "unprivileged" in report:
        with pytest.raises(sandbox.SandboxUnavailable, match="unprivileged user"):
            sandbox.protection(Limits(sandbox="none"))


# --------------------------------------------------------------------------- disk
FILL = r'''
import json, os, sys
def fill(directory):
    """Write 40 files of 60 MB (2.4 GB) until the disk is full."""
    failure = None
    try:
        for i in range(40):
            with open(os.path.join(directory, f"fill-{i}"), "wb") as file:
                for _ in range(6):
                    file.write(b"x" * (10 * 2**20))
    except OSError as error:
        failure = error.errno
    used = sum(os.path.getsize(os.path.join(directory, name)) for name in os.listdir(directory)
               if name.startswith("fill-"))
    stats = os.statvfs(directory)
    return {"failure": failure, "written": used, "size": stats.f_blocks * stats.f_frsize}
sockets = os.path.dirname(sys.argv[sys.argv.index("-f") + 1])
try:
    open(os.path.join(sockets, "fill"), "wb").write(b"x")
    outside = "ALLOWED"
except OSError as error:
    outside = type(error).__name__
print(json.dumps({"tmp": fill("/tmp"), "home": fill(os.getcwd()), "sockets": outside}))
'''


def _footprint(directory: Path) -> int:
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.mark.parametrize("kernels", ["warm", "cold"])
def test_a_submission_that_fills_its_disk_fills_only_its_quota(kernels, tmp_path):
    """2.4 GB written to /tmp and to home each: both stop at the quota (ENOSPC), the sockets' directory on the host
    is closed to the kernel, the host gains nothing, and the kernel goes on answering."""

    async def scenario():
        km, kc = await _start(str(tmp_path), kernels=kernels)
        try:
            free = shutil.disk_usage(tmp_path).free
            status, _, output = (await _run(kc, FILL)).partition(":")
            report = json.loads(output)
            report["host_dropped"] = free - shutil.disk_usage(tmp_path).free
            report["host_footprint"] = _footprint(tmp_path)
            report["after"] = await _run(kc, "print('still here')")
            return status, report
        finally:
            await _stop(km, kc)

    status, report = _in_thread(scenario)
    assert status == "ok", report
    for place in ("tmp", "home"):
        assert report[place]["failure"] == errno.ENOSPC, report
        assert report[place]["size"] == DISK_MB * 2**20
        assert DISK_MB * 2**20 * 0.9 < report[place]["written"] <= DISK_MB * 2**20
    assert report["sockets"] == "PermissionError"
    assert report["host_footprint"] < 2**20 and report["host_dropped"] < 2 * 2**30
    assert report["after"] == "ok:still here\n"


def test_a_full_disk_costs_the_submission_nothing_but_that_cell():
    """Graded through nbgrader: a completed copy with a disk-filling cell scores as it does without it, and the
    cells after the full disk still run."""
    plain = completed_copy(A)
    filling = completed_copy(A)
    filling.cells.insert(2, nbformat.v4.new_code_cell(FILL))
    filling.cells.append(nbformat.v4.new_code_cell("print('after the full disk')"))
    results = [job.grade_one(job.Job("s", A, nbformat.writes(nb).encode())) for nb in (plain, filling)]
    assert [r.status for r in results] == ["graded", "graded"], [r.error for r in results]
    assert results[1].cells == results[0].cells
    assert "after the full disk" in results[1].autograded
    assert f"{DISK_MB} MB each" in results[1].protection["summary"]


# --------------------------------------------------------------------------- processes
HOG = r'''
import os, signal
children = 0
while children < 500:
    try:
        pid = os.fork()
    except BlockingIOError:
        break
    if pid == 0:
        signal.pause()
        os._exit(0)
    children += 1
print(children)
'''
VICTIM = r'''
import threading
release = threading.Event()
started = 0
for _ in range(40):
    try:
        threading.Thread(target=release.wait).start()
        started += 1
    except RuntimeError:
        break
release.set()
print(started)
'''


def test_a_fork_hog_cannot_use_up_a_concurrent_kernels_processes(tmp_path):
    """Kernel A forks until its process limit stops it; kernel B, running at the same time, still starts 40 threads.
    When A ends, none of its processes is left."""

    async def scenario():
        (km_a, kc_a), (km_b, kc_b) = await _start(str(tmp_path / "a")), await _start(str(tmp_path / "b"))
        try:
            hog_uid = km_a.kernel_uid
            hogged = await _run(kc_a, HOG)
            victim = await _run(kc_b, VICTIM)
        finally:
            await _stop(km_a, kc_a)
            left = kernel_users.processes_of(hog_uid)
            await _stop(km_b, kc_b)
        return hog_uid, km_b.kernel_uid, hogged, victim, left

    hog_uid, victim_uid, hogged, victim, left = _in_thread(scenario)
    assert hog_uid != victim_uid
    status, _, count = hogged.partition(":")
    assert status == "ok" and 30 < int(count) < Limits().processes, hogged
    assert victim == "ok:40\n"
    assert left == []


DAEMON = r'''
import os, signal
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        os.execv("/bin/sleep", ["sleep", "{seconds}"])
    os._exit(0)
print("started")
'''


def _running_with(argument: str) -> list[int]:
    found = []
    for entry in os.scandir("/proc"):
        try:
            if entry.name.isdigit() and argument.encode() in Path(entry.path, "cmdline").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except OSError:
            pass
    return found


@pytest.mark.parametrize("kernels", ["warm", "cold"])
def test_nothing_a_kernel_starts_outlives_it(kernels, tmp_path):
    """A detached (setsid, double-forked) process ignoring SIGTERM and SIGHUP is gone once its kernel is shut down."""
    seconds = f"{secrets.randbelow(10**6) + 10**6}.5"

    async def scenario():
        km, kc = await _start(str(tmp_path), kernels=kernels)
        try:
            started = await _run(kc, DAEMON.replace("{seconds}", seconds))
            for _ in range(100):
                if _running_with(seconds):
                    break
                await asyncio.sleep(0.1)
            during = _running_with(seconds)
        finally:
            await _stop(km, kc)
        return started, during, _running_with(seconds)

    started, during, after = _in_thread(scenario)
    assert started == "ok:started\n" and during, "the detached process never ran"
    assert after == []


# --------------------------------------------------------------------------- never weaker in silence
def test_an_installed_bubblewrap_that_cannot_start_stops_autograde(tmp_path):
    """bubblewrap on PATH that fails (as where namespaces are forbidden): autograde grades no one, exits 2, and says
    why and what to do."""
    broken = tmp_path / "bin"
    broken.mkdir()
    (broken / "bwrap").write_text("#!/bin/sh\necho 'bwrap: Creating new namespace failed: Operation not permitted' >&2"
                                  "\nexit 1\n")
    (broken / "bwrap").chmod(0o755)
    submitted = tmp_path / "submitted" / "alice" / A
    submitted.mkdir(parents=True)
    (submitted / f"{A}.ipynb").write_bytes(course.student_path(A).read_bytes())
    env = dict(os.environ, PATH=f"{broken}:{os.environ['PATH']}")
    done = subprocess.run([sys.executable, "-m", "grader", "autograde", str(tmp_path / "submitted"), "--course",
                           str(tmp_path / "course"), "-q"], capture_output=True, text=True, cwd=course.REPO, env=env)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Creating new namespace failed" in done.stderr and "--sandbox none" in done.stderr
    assert "nothing was graded" in done.stderr
    assert not (tmp_path / "course" / "results").exists()
