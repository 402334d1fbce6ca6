"""Start a student kernel under resource limits: `python -I -S _launch.py [options] -- COMMAND...`.

Run by path (not `-m grader...`) so it starts in milliseconds and imports nothing of the project. It sets the
rlimits, optionally changes directory, replaces the environment and (without a sandbox, `--uid`) becomes an
unprivileged user with no new privileges, then execs COMMAND (bubblewrap, or the kernel itself when no sandbox is
available). Limits are inherited by everything COMMAND starts.

With `--warm SOCKET`, COMMAND is a bubblewrap sandbox holding a placeholder process, and the kernel comes from the
zygote listening on SOCKET (see `_zygote.py`): this process starts the sandbox, asks the zygote for a kernel inside
it (passing the limits, `--uid`, `--chdir`, `--env` and `--kernel-arg`s on), waits for that kernel, and exits with
its status. Killing this process kills the kernel and the sandbox.
"""

import json
import os
import resource
import socket
import sys

_LIMITS = {
    "--as": resource.RLIMIT_AS,  # address space (bytes): the memory limit
    "--cpu": resource.RLIMIT_CPU,  # CPU seconds
    "--nproc": resource.RLIMIT_NPROC,  # processes and threads of the user
    "--fsize": resource.RLIMIT_FSIZE,  # largest file written (bytes)
    "--nofile": resource.RLIMIT_NOFILE,  # open files
    "--core": resource.RLIMIT_CORE,  # core dumps
}


def _die_with_parent(parent: int) -> None:
    """SIGKILL this process (and so the kernel it becomes) when the grader that started it dies, even by kill -9."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the grader died before prctl took effect
        os._exit(1)


def _become(uid: int) -> None:
    """Become `uid` (from root): no groups, no capabilities, and no way back through setuid programs."""
    import ctypes

    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    if ctypes.CDLL(None, use_errno=True).prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
        raise SystemExit("_launch.py: could not set no_new_privs")


def _sandbox_pid(command: list) -> tuple:
    """Start bubblewrap (`command`, whose first output line says the sandbox is ready); return its pid and the
    host pid of the sandbox's first process."""
    info_read, info_write = os.pipe()
    ready_read, ready_write = os.pipe()
    os.set_inheritable(info_write, True)
    child = os.fork()
    if child == 0:
        os.dup2(ready_write, 1)
        os.execvp(command[0], [command[0], "--info-fd", str(info_write), *command[1:]])
    os.close(info_write)
    os.close(ready_write)
    text = b""
    while not text.rstrip().endswith(b"}"):
        chunk = os.read(info_read, 4096)
        if not chunk:
            raise SystemExit(f"_launch.py: the sandbox did not start ({text!r})")
        text += chunk
    with os.fdopen(ready_read, "rb") as ready:
        if not ready.readline():  # the placeholder prints only once the sandbox is complete
            raise SystemExit("_launch.py: the sandbox did not start")
    os.close(info_read)
    return child, json.loads(text)["child-pid"]


def _warm(path: str, request: dict, command: list) -> int:
    sandbox, ns_pid = _sandbox_pid(command)
    try:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.connect(path)
        socket.send_fds(conn, [json.dumps(dict(request, ns_pid=ns_pid)).encode()], [1, 2])
        replies = conn.makefile("r")
        for line in replies:
            word, _, rest = line.strip().partition(" ")
            if word == "exit":
                return int(rest)
            if word == "error":
                sys.stderr.write(f"_launch.py: the zygote could not start the kernel: {rest}\n")
                return 1
        return 1
    finally:
        os.kill(sandbox, 9)
        os.waitpid(sandbox, 0)


def main(argv: list) -> None:
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1:]
    env = None
    uid = None
    warm = options[options.index("--warm") + 1] if "--warm" in options else None
    request: dict = {"limits": {}, "argv": [], "uid": 65534, "cwd": "/"}
    i = 0
    while i < len(options):
        name, value = options[i], options[i + 1]
        i += 2
        if warm is not None and name in _LIMITS:  # for the kernel, not for this process
            request["limits"][name[2:]] = int(value)
        elif name in _LIMITS:
            limit = int(value)
            kind = _LIMITS[name]
            _soft, hard = resource.getrlimit(kind)
            if hard != resource.RLIM_INFINITY:
                limit = min(limit, hard)
            resource.setrlimit(kind, (limit, limit))
        elif name == "--die-with-parent":
            _die_with_parent(int(value))
        elif name == "--warm":
            pass
        elif name == "--kernel-arg":
            request["argv"].append(value)
        elif name == "--uid":
            request["uid"] = uid = int(value)
        elif name == "--chdir" and warm is not None:
            request["cwd"] = value
        elif name == "--chdir":
            os.chdir(value)
        elif name == "--env":
            env = {} if env is None else env
            key, _, val = value.partition("=")
            env[key] = val
        else:
            raise SystemExit(f"_launch.py: unknown option {name}")
    if warm is not None:
        request["env"] = env or {}
        sys.stdout.flush()
        os._exit(_warm(warm, request, command))
    if uid is not None:
        _become(uid)
    os.execvpe(command[0], command, env if env is not None else os.environ)


if __name__ == "__main__":
    main(sys.argv[1:])
