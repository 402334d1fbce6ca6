"""Start a student kernel under resource limits: `python -I -S _launch.py [options] -- COMMAND...`.

Run by path (not `-m grader...`) so it starts in milliseconds and imports nothing of the project. It sets the
rlimits, optionally changes directory and replaces the environment, then execs COMMAND (bubblewrap, or the kernel
itself when no sandbox is available). Limits are inherited by everything COMMAND starts.
"""

import os
import resource
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


def main(argv: list) -> None:
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1:]
    env = None
    i = 0
    while i < len(options):
        name, value = options[i], options[i + 1]
        i += 2
        if name in _LIMITS:
            limit = int(value)
            kind = _LIMITS[name]
            _soft, hard = resource.getrlimit(kind)
            if hard != resource.RLIM_INFINITY:
                limit = min(limit, hard)
            resource.setrlimit(kind, (limit, limit))
        elif name == "--die-with-parent":
            _die_with_parent(int(value))
        elif name == "--chdir":
            os.chdir(value)
        elif name == "--env":
            env = {} if env is None else env
            key, _, val = value.partition("=")
            env[key] = val
        else:
            raise SystemExit(f"_launch.py: unknown option {name}")
    os.execvpe(command[0], command, env if env is not None else os.environ)


if __name__ == "__main__":
    main(sys.argv[1:])
