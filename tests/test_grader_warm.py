"""Warm kernels (forked from the zygote) grade exactly as cold ones, in the same sandbox, isolated from each other."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import tempfile

import nbformat
import pytest

from grader import course, job, kernel_users
from grader.results import Result
from grader.sandbox import Limits
from grader.sandboxed_kernel import SandboxedKernelManager
from notebook_cases import completed_copy
from sandbox_required import require_sandbox

pytestmark = pytest.mark.grader  # the grader's own machinery: in make test, not make check


@pytest.fixture(autouse=True)
def _bubblewrap_as_root():
    """Warm kernels need bubblewrap and root; where both are there, these tests must run."""
    require_sandbox()


# What a kernel can see of its process, sandbox and interpreter, with the per-job paths taken out.
SELF_PORTRAIT = r'''
import json as _json, os as _os, re as _re, socket as _socket, sys as _sys
def _portrait():
    status = open("/proc/self/status").read()
    try:
        _socket.create_connection(("1.1.1.1", 53), timeout=2)
        network = "reachable"
    except OSError as error:
        network = type(error).__name__
    return {
        "uid": _os.getuid(), "gid": _os.getgid(), "groups": _os.getgroups(), "cwd": _os.getcwd(),
        "capabilities": [line for line in status.splitlines() if line.startswith("Cap")],
        "no_new_privs": [line for line in status.splitlines() if line.startswith("NoNewPrivs")],
        "environ": dict(_os.environ), "sys.path": _sys.path, "argv0": _sys.argv[0],
        "processes": sorted(int(p) for p in _os.listdir("/proc") if p.isdigit() and int(p) != _os.getpid()),
        "root": sorted(_os.listdir("/")), "home": sorted(_os.listdir(".")), "hostname": _socket.gethostname(),
        "network": network, "limits": open("/proc/self/limits").read(),
        "matplotlib": __import__("matplotlib").get_backend(),
    }
print("PORTRAIT" + _json.dumps(_portrait(), sort_keys=True))
'''


def _outputs(notebook: str, assignment_id: str) -> list:
    """Each code cell's outputs, without what legitimately differs between two runs: cells the master marks
    `nbval-ignore-output` (timings, widgets), widget model ids, and where a stream was split into chunks."""
    master = [c for c in nbformat.read(course.master_path(assignment_id), as_version=4).cells if c.cell_type == "code"]
    cells = []
    code = [c for c in nbformat.reads(notebook, as_version=4).cells if c.cell_type == "code"]
    assert len(code) == len(master)
    for cell, source in zip(code, master, strict=True):
        if "nbval-ignore-output" in source.metadata.get("tags", []):
            continue
        outputs: list[dict] = []
        for output in cell.outputs:
            output = dict(output)
            output.pop("metadata", None)
            if output.get("data"):
                output["data"] = {k: v for k, v in output["data"].items()
                                  if k != "application/vnd.jupyter.widget-view+json"}
            if outputs and output["output_type"] == "stream" and outputs[-1].get("name") == output.get("name"):
                outputs[-1] = dict(outputs[-1], text=outputs[-1]["text"] + output["text"])
            else:
                outputs.append(output)
        cells.append(outputs)
    return cells


def _grade(nb, assignment_id: str, kernels: str) -> Result:
    result = job.grade_one(job.Job("s1", assignment_id, nbformat.writes(nb).encode(),
                                   limits=Limits(kernels=kernels).as_dict()))
    assert result.status == "graded", result.error
    assert result.protection and result.protection["kernels"] == kernels
    return result


@pytest.mark.parametrize("assignment_id", course.assignments())
def test_warm_and_cold_kernels_grade_alike(assignment_id):
    """Same scores, same outputs cell by cell (text, errors, figures), for a completed copy of every lecture."""
    nb = completed_copy(assignment_id)
    warm, cold = (_grade(nb, assignment_id, kind) for kind in ("warm", "cold"))
    assert warm.cells == cold.cells
    assert warm.score == warm.max_score > 0
    assert _outputs(warm.autograded, assignment_id) == _outputs(cold.autograded, assignment_id)


def test_a_warm_kernel_sees_what_a_cold_kernel_sees():
    """User, capabilities, limits, environment, paths, processes, files, network: all as in a cold kernel."""
    nb = completed_copy(course.assignments()[0])
    nb.cells.insert(1, nbformat.v4.new_code_cell(SELF_PORTRAIT))
    portraits = {}
    for kind in ("warm", "cold"):
        autograded = nbformat.reads(_grade(nb, course.assignments()[0], kind).autograded, as_version=4)
        text = "".join(o.get("text", "") for c in autograded.cells if c.cell_type == "code" for o in c.outputs)
        portraits[kind] = json.loads(text.split("PORTRAIT", 1)[1].splitlines()[0])
    warm, cold = portraits["warm"], portraits["cold"]
    # besides the sandbox's init (pid 1), a warm kernel sees the root-owned placeholder that holds its sandbox open
    assert (cold.pop("processes"), warm.pop("processes")) == ([1], [1, 2])
    for portrait in (warm, cold):  # each kernel runs as an unprivileged user of its own
        uid, gid = portrait.pop("uid"), portrait.pop("gid")
        assert uid == gid and kernel_users.FIRST_UID <= uid < kernel_users.FIRST_UID + kernel_users.SLOTS
    for portrait in (warm, cold):  # the process limit counts from what the kernel's user already runs
        portrait["limits"] = [line for line in portrait["limits"].splitlines() if "processes" not in line]
    assert warm == cold
    assert warm["network"] != "reachable"
    assert all(line.split()[1] == "0000000000000000" for line in warm["capabilities"] if line[:6] in ("CapEff",
                                                                                                    "CapPrm"))


async def _kernel(job_dir: str):
    km = SandboxedKernelManager(job_dir=job_dir, limits=Limits(kernels="warm").as_dict())
    await km.start_kernel()
    kc = km.client()
    kc.start_channels()
    await kc.wait_for_ready(timeout=60)
    return km, kc


async def _run(kc, code: str, timeout: float = 20) -> str:
    out = []

    def keep(msg):
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])

    reply = await kc.execute_interactive(code, output_hook=keep, timeout=timeout)
    return reply["content"]["status"] + ":" + "".join(out)


def test_warm_kernels_of_one_zygote_cannot_reach_each_other():
    """Two kernels forked from the same zygote at once: separate files, processes and /tmp; one killing every
    process it can (`os.kill(-1, 9)`) does not reach the other."""

    async def scenario():
        with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as two:
            (km_a, kc_a), (km_b, kc_b) = await _kernel(one), await _kernel(two)
            try:
                assert (await _run(kc_a, "open('/tmp/a', 'w').write('a'); open('mine', 'w').write('a')"))[:2] == "ok"
                seen = await _run(kc_b, "import os; print(os.path.exists('/tmp/a'), os.path.exists('mine'), "
                                        "sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))")
                assert seen.startswith("ok:False False [1, 2, ")
                # every process B may signal, but not B itself (Linux spares the caller of kill(-1))
                assert (await _run(kc_b, "import os; os.kill(-1, 9); print('done')")) == "ok:done\n"
                await asyncio.sleep(0.5)
                assert await km_a.is_alive()
                assert await _run(kc_a, "print(open('/tmp/a').read() + open('mine').read())") == "ok:aa\n"
            finally:
                for km, kc in ((km_a, kc_a), (km_b, kc_b)):
                    kc.stop_channels()
                    await km.shutdown_kernel(now=True)

    # in a thread of its own: an earlier test (Playwright's sync API) may leave an event loop running in this one
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, scenario()).result()
