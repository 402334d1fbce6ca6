"""Warm kernels: one process imports what a kernel needs once, then forks a kernel per request.

`python _zygote.py SOCKET PARENT_PID` (run by path, so nothing of the grader is imported). It imports ipykernel, numpy,
matplotlib, scikit-image and the course's `utils` (everything but modules that act on IPython when imported), then
listens on the Unix socket SOCKET. Student code never runs in this process.

One request = one kernel. `_launch.py --warm` has already started the job's bubblewrap sandbox; it sends the host pid
of the sandbox, the kernel's arguments, environment, working directory, rlimits and user, and its own stdout/stderr.
A handler process (forked from this one) joins the sandbox's namespaces (IPC, UTS, network, cgroup, pid, mount),
then forks the kernel, which sets the rlimits, drops to `nobody` with no capabilities, replaces the environment,
and runs ipykernel exactly as `python -m ipykernel_launcher` would. So the kernel sees what a kernel started inside
that sandbox sees; it only skips the imports. The handler reports the kernel's exit status to
`_launch.py`, and kills the kernel if `_launch.py` goes away.
"""

import contextlib
import ctypes
import gc
import json
import os
import resource
import select
import signal
import socket
import sys
import traceback
from pathlib import Path

PRELOAD = (  # what the lectures' kernels import (ipykernel's own modules, then the notebooks')
    "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "ipykernel.debugger", "IPython.core.pylabtools",
    "IPython.core.completerlib", "IPython.core.debugger", "IPython.core.oinspect", "IPython.extensions.storemagic",
    "IPython.utils.wildcard", "tornado.gen", "tornado.queues", "tornado.platform.asyncio", "sqlite3", "psutil", "pdb",
    "http.server", "xmlrpc.server", "encodings.idna", "mimetypes", "secrets",
    "numpy", "numpy.random", "numpy.fft", "numpy.polynomial", "numpy.testing",
    "matplotlib", "matplotlib.pyplot", "matplotlib.backends.backend_agg", "contourpy",
    "PIL.Image", "PIL.BmpImagePlugin", "PIL.GifImagePlugin", "PIL.JpegImagePlugin", "PIL.PpmImagePlugin",
    "PIL.PngImagePlugin", "scipy.linalg", "scipy.ndimage", "scipy.sparse", "scipy.spatial", "scipy.special",
    "skimage.data", "skimage.transform._warps", "skimage.measure", "skimage.exposure", "skimage.util",
    "charset_normalizer", "fileinput", "h5py", "utils",
)
# Imported on purpose by nobody here: they register themselves with the running IPython when imported.
NOT_PRELOADED = ("ipywidgets", "matplotlib_inline", "utils.widgets")
NAMESPACES = ("ipc", "uts", "net", "cgroup", "pid", "mnt")  # mnt last: it changes what /proc/<pid> means
PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS = 24, 38
LIMITS = {"as": resource.RLIMIT_AS, "cpu": resource.RLIMIT_CPU, "nproc": resource.RLIMIT_NPROC,
          "fsize": resource.RLIMIT_FSIZE, "nofile": resource.RLIMIT_NOFILE, "core": resource.RLIMIT_CORE}
libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def preload() -> dict:
    """Import PRELOAD and `utils`; return the environment variables the imports set (a kernel gets them too)."""
    import importlib
    import pkgutil

    environ = dict(os.environ)
    for name in PRELOAD:
        importlib.import_module(name)
    packages = [importlib.import_module("utils")]
    while packages:
        package = packages.pop()
        for module in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            if not module.name.startswith(NOT_PRELOADED):
                imported = importlib.import_module(module.name)
                packages += [imported] if module.ispkg else []
    leaked = [name for name in NOT_PRELOADED if name in sys.modules]
    if leaked:
        raise RuntimeError(f"preloading imported {leaked}, which must be imported inside the kernel")
    if len(os.listdir("/proc/self/task")) != 1:  # fork copies only the calling thread
        raise RuntimeError("preloading started a thread")
    return {key: value for key, value in os.environ.items() if environ.get(key) != value}


# --------------------------------------------------------------------------- the handler (one per kernel)
def join_sandbox(ns_pid: int) -> None:
    """Enter every namespace of process `ns_pid` that differs from ours (the pid namespace for our children)."""
    fds = []
    for name in NAMESPACES:
        target, ours = f"/proc/{ns_pid}/ns/{name}", f"/proc/self/ns/{name}"
        if os.path.exists(target) and os.stat(target).st_ino != os.stat(ours).st_ino:
            fds.append((name, os.open(target, os.O_RDONLY)))
    if "mnt" not in dict(fds) or "pid" not in dict(fds):
        raise RuntimeError(f"process {ns_pid} is not in a sandbox of its own")
    for name, fd in fds:
        _check(libc.setns(fd, 0), f"setns({name})")
        os.close(fd)


def drop_privileges(uid: int) -> None:
    """Become `uid` (from root) with no capabilities, not even in the bounding set, and no new privileges."""
    last = int(Path("/proc/sys/kernel/cap_last_cap").read_text())
    for cap in range(last + 1):
        _check(libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0), "drop capability bounding set")
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)  # leaving uid 0 clears the permitted and effective capabilities
    _check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    status = Path("/proc/self/status").read_text()
    effective = next(line for line in status.splitlines() if line.startswith("CapEff:")).split()[1]
    if int(effective, 16) != 0 or os.getuid() != uid:
        raise RuntimeError("could not drop privileges")


def become_kernel(request: dict, out_fds: list[int], preload_env: dict) -> None:
    """In the sandbox's pid namespace: limits, user, environment, then ipykernel. Never returns."""
    devnull = os.open("/dev/null", os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(out_fds[0], 1)
    os.dup2(out_fds[1], 2)
    os.closerange(3, os.sysconf("SC_OPEN_MAX"))
    os.chdir(request["cwd"])
    for name, value in request["limits"].items():
        _soft, hard = resource.getrlimit(LIMITS[name])
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(LIMITS[name], (value, value))
    drop_privileges(request["uid"])
    os.environ.clear()
    os.environ.update({**request["env"], **preload_env, "PWD": os.getcwd()})  # PWD: as bubblewrap sets it
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    # as `python -m ipykernel_launcher` (which takes its own directory off sys.path)
    launcher = os.path.join(os.path.dirname(sys.modules["ipykernel"].__file__ or ""), "..", "ipykernel_launcher.py")
    sys.argv = [os.path.realpath(launcher), *request["argv"]]
    del sys.path[0]  # this script's directory
    gc.unfreeze()
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def handle(conn: socket.socket, preload_env: dict) -> None:
    """Read one request, start its kernel, report its exit status; kill it if the requester goes away."""
    message, fds, _flags, _addr = socket.recv_fds(conn, 1 << 20, 2)
    request = json.loads(message)
    join_sandbox(request["ns_pid"])
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    kernel = os.fork()
    if kernel == 0:
        try:
            become_kernel(request, fds, preload_env)
        except BaseException:  # noqa: BLE001 - report, never fall back into the handler's code
            traceback.print_exc()
        finally:
            os._exit(70)
    for fd in fds:
        os.close(fd)
    conn.sendall(f"started {kernel}\n".encode())
    pidfd = os.pidfd_open(kernel)
    poller = select.poll()
    poller.register(pidfd, select.POLLIN)
    poller.register(conn, select.POLLIN | select.POLLHUP)
    while True:
        ready = {fd for fd, _event in poller.poll()}
        if pidfd in ready:
            _pid, status = os.waitpid(kernel, 0)
            conn.sendall(f"exit {os.waitstatus_to_exitcode(status)}\n".encode())
            return
        if conn.fileno() in ready:  # the requester is gone (or spoke out of turn): the kernel goes too
            os.kill(kernel, signal.SIGKILL)
            os.waitpid(kernel, 0)
            return


# --------------------------------------------------------------------------- the server
def serve(path: str, parent: int) -> None:
    # Dies with the grading process, not with the thread that started it (PR_SET_PDEATHSIG would follow the thread:
    # a short-lived thread asking for the first kernel would take the zygote down with it).
    parent_gone = os.pidfd_open(parent)
    if os.getppid() != parent:
        return
    preload_env = preload()
    gc.collect()
    gc.freeze()  # keep the collector from touching (and so copying) the preloaded objects in every kernel
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    os.chmod(path, 0o600)
    server.listen(64)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # handlers are reaped by the system
    print("ready", flush=True)
    while True:
        if parent_gone in select.select([server.fileno(), parent_gone], [], [])[0]:
            return
        conn, _addr = server.accept()
        if os.fork() == 0:
            server.close()
            try:
                handle(conn, preload_env)
            except BaseException:  # noqa: BLE001
                with contextlib.suppress(OSError):
                    conn.sendall(f"error {traceback.format_exc()[-2000:]!r}\n".encode())
            finally:
                os._exit(0)
        conn.close()


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]))
