"""The grader leans on a few internals of nbgrader, nbconvert, nbclient, jupyter_client and the standard library that
have no public equivalent. Each is pinned twice: pyproject.toml names the versions they were written against, and this
file fails loudly when the upstream code under them changes (its source no longer matches the fingerprint taken when
the grader was written against it) or stops behaving as the grader needs.

When a fingerprint fails: read the upstream change, adapt the grader code named in the message, then record the new
fingerprint (the assertion message prints it).
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import importlib
import importlib.metadata
import inspect
import os
import sqlite3
import tomllib

import pytest
from packaging.requirements import Requirement

from grader import course, scratch
from grader.sandboxed_kernel import SandboxedKernelManager

# upstream object -> (fingerprint of its source, the grader code that depends on it)
HOOKS = {
    "nbconvert.preprocessors.ExecutePreprocessor.preprocess": (
        "58beeaafc496ae5f", "execution.GraderExecute.preprocess copies it, with its own loop in place of the cells'"),
    "nbconvert.preprocessors.ExecutePreprocessor._check_assign_resources": (
        "63d0e47180730b5f", "execution.GraderExecute.preprocess calls it"),
    "nbclient.NotebookClient.async_start_new_kernel_client": (
        "0034f6fd2447b05f", "execution.GraderExecute.async_start_new_kernel_client copies it (sliced waits, seal)"),
    "nbclient.NotebookClient._async_handle_timeout": (
        "27d6db41082b053f", "execution.GraderExecute._async_handle_timeout overrides it to note the timeout"),
    "nbclient.NotebookClient._async_cleanup_kernel": (
        "fdb0dbbcbcd8662d", "execution.GraderExecute calls it before a restart and when readiness fails"),
    "nbclient.NotebookClient.output": (
        "8ac7ba61fc598f51", "execution.GraderExecute.output overrides it to cap a cell's output"),
    "nbclient.NotebookClient.set_widgets_metadata": (
        "03e86e379d7154cd", "execution.GraderExecute.preprocess calls it, as upstream's preprocess does"),
    "jupyter_client.client.KernelClient._async_wait_for_ready": (
        "0d732ad86fea3115", "execution.GraderExecute._wait_for_ready re-implements it without the final 0.2 s"),
    "jupyter_client.manager.KernelManager._async_pre_start_kernel": (
        "0ad304c9143e3bfd", "sandboxed_kernel.SandboxedKernelManager._async_pre_start_kernel overrides it "
                            "(start_kernel calls it, not the public pre_start_kernel)"),
    "jupyter_client.manager.KernelManager._async_cleanup_resources": (
        "452cfe631cd012d2", "sandboxed_kernel.SandboxedKernelManager._async_cleanup_resources overrides it "
                            "(shutdown calls it, not the public cleanup_resources)"),
    "jupyter_client.manager.KernelManager._async_interrupt_kernel": (
        "46b24a3a57e1d0e8",
        "sandboxed_kernel.SandboxedKernelManager sets kernel_spec.interrupt_mode = 'message' for it"),
    "nbgrader.api.get_alembic_version": (
        "40160af67d70e523", "scratch.know_gradebook_schema replaces it with the schema head read in process"),
    "nbgrader.api.Gradebook.__init__": (
        "c60c420276e8355e", "scratch.know_gradebook_schema: a new gradebook asks get_alembic_version"),
    "concurrent.futures.ProcessPoolExecutor.__init__": (
        "d6fc584b8b13802e", "runner._pool_run reads pool._processes to kill a stalled or interrupted pool's workers"),
}
PINNED = ("nbgrader", "nbconvert", "nbclient", "jupyter_client")


def _resolve(dotted: str):
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):  # the longest importable module, then attributes
        try:
            target = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for name in parts[split:]:
            target = getattr(target, name)
        return target
    raise ImportError(dotted)


@pytest.mark.parametrize("dotted", sorted(HOOKS))
def test_upstream_code_under_a_hook_is_what_it_was_written_against(dotted):
    expected, user = HOOKS[dotted]
    actual = hashlib.sha256(_upstream_source(dotted).encode()).hexdigest()[:16]
    assert actual == expected, (f"{dotted} changed upstream (fingerprint {actual}, was {expected}); {user}: "
                                f"re-read it, adapt the grader, then record the new fingerprint")


def test_installed_upstream_versions_are_the_pinned_ones():
    project = tomllib.loads((course.REPO / "pyproject.toml").read_text())["project"]
    pins = {Requirement(d).name.replace("-", "_"): Requirement(d).specifier for d in project["dependencies"]}
    for name in PINNED:
        assert pins[name].filter([importlib.metadata.version(name)]), (name, str(pins[name]))
        assert any(s.operator == "<" for s in pins[name]), f"{name} needs an upper bound in pyproject.toml"


def test_the_schema_head_read_in_process_is_what_alembic_answers(tmp_path):
    """The hook gives new gradebooks the version `alembic heads` gives (the slow way, asked once here)."""
    from nbgrader.api import Gradebook

    course.put_interpreter_on_path()  # `alembic` from this venv
    assert _original_get_alembic_version()() == scratch.alembic_head()
    scratch.know_gradebook_schema()
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}", course.COURSE_ID):
        pass
    with sqlite3.connect(tmp_path / "gradebook.db") as db:
        assert db.execute("select version_num from alembic_version").fetchall() == [(scratch.alembic_head(),)]


def _upstream_source(dotted: str) -> str:
    """The source of `dotted` as upstream ships it. A hook that replaces a module's function (the grader does so
    in process, so earlier tests of the session may have run it) leaves the function's text in the module file."""
    if dotted == "nbgrader.api.get_alembic_version":
        source = inspect.getsource(importlib.import_module("nbgrader.api"))
        start = source.index("def get_alembic_version")
        return source[start:source.index("\n\n\n", start)] + "\n"
    return inspect.getsource(_resolve(dotted))


def _original_get_alembic_version():
    """nbgrader's get_alembic_version as shipped (the hook may already have replaced the module attribute)."""
    import nbgrader.api

    namespace = dict(vars(nbgrader.api))
    exec(_upstream_source("nbgrader.api.get_alembic_version"), namespace)  # noqa: S102 - upstream's own code
    return namespace["get_alembic_version"]


def test_interrupts_go_by_message_through_jupyter_clients_own_path():
    """A signal to the kernel's process group would stop bubblewrap too: the kernelspec says "message"."""
    manager = SandboxedKernelManager()
    assert manager.kernel_spec.interrupt_mode == "message"
    assert "_async_interrupt_kernel" not in vars(SandboxedKernelManager)


def test_a_pools_worker_processes_are_where_the_runner_looks():
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:
        pid = pool.submit(os.getpid).result()
        assert list(pool._processes) == [pid]
