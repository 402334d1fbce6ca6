"""nbgrader's Execute step, made to survive whatever a submission does, and to record what happened.

`GraderExecute` replaces nbgrader's `Execute` in the autograde pipeline (`Autograde.autograde_preprocessors`). Scores
stay nbgrader's: a test cell scores when its outputs hold no error and no stderr. On top of stock nbgrader it

- runs each test cell in two parts, the visible check, then (only if that passed) the hidden tests. The outputs are
  the concatenation, so nbgrader scores exactly as for one run, but the grader knows which part failed, and the
  visible part's outputs and tracebacks cannot contain a hidden-test line (that code was not in what ran);
- stops a cell after the per-cell time limit (interrupt; if the kernel ignores it, a fresh kernel);
- survives a dead kernel (`os._exit`, a crash, the memory limit): the cell gets an error, a fresh kernel replays the
  earlier cells that had run cleanly (outputs discarded) and grading goes on with the next cell;
- caps the output kept per cell (a flood is cut, and the cell says so on stdout, which nbgrader does not penalise);
- stops running cells once the notebook's time budget is spent (the rest get an error, so their tests score 0);
- probes the kernel before each test cell for tampering (see `cheating.PROBE`), and checks that it still reports
  errors (a canary).

What happened is written as JSON to `record_path` for the job to read.
"""

from __future__ import annotations

import ast
import asyncio
import copy
import json
import secrets
from queue import Empty
from time import monotonic

from jupyter_core.utils import ensure_async, run_sync
from nbclient import NotebookClient
from nbclient.util import run_hook
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbgrader import utils as nbutils
from nbgrader.preprocessors import Execute
from traitlets import Integer, Unicode

from . import cheating

HIDDEN_BEGIN = "### BEGIN HIDDEN TESTS"
PING_SECONDS = 5
WAKE_SECONDS = 0.2


def _sliced(unsliced):
    """`get_msg`, waiting in short slices. pyzmq's asyncio poller can miss the wake-up for a message that has
    arrived (seen with widget cells under load: a reply found only when a 30 s timeout expired); each slice ends
    with a fresh look at the socket, so a missed wake-up costs at most WAKE_SECONDS."""

    async def get_msg(timeout=None):
        deadline = None if timeout is None else monotonic() + timeout
        while True:
            step = WAKE_SECONDS if deadline is None else max(0.0, min(WAKE_SECONDS, deadline - monotonic()))
            try:
                return await unsliced(timeout=step)
            except Empty:
                if deadline is not None and monotonic() >= deadline:
                    raise

    return get_msg


def split_hidden(source: str) -> tuple[str, str] | None:
    """A test cell's (visible, hidden) code, when both parts compile on their own; else None."""
    lines = source.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.strip() == HIDDEN_BEGIN]
    if len(starts) != 1 or lines[starts[0]].startswith((" ", "\t")):
        return None
    visible, hidden = "".join(lines[: starts[0]]), "".join(lines[starts[0]:])
    try:
        compile(visible, "<visible>", "exec")
        compile(hidden, "<hidden>", "exec")
    except (SyntaxError, ValueError):
        return None
    # `pass` last: the visible part must not display a value (nbgrader would read it as a partial score)
    return visible.rstrip() + "\npass\n", hidden


def _error(ename: str, evalue: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


def _has_error(outputs: list) -> bool:
    return any(o.get("output_type") == "error" or (o.get("output_type") == "stream" and o.get("name") == "stderr")
               for o in outputs)


def _first_error(outputs: list) -> dict | None:
    for o in outputs:
        if o.get("output_type") == "error":
            return {"ename": o.get("ename", ""), "evalue": str(o.get("evalue", ""))[:2000]}
        if o.get("output_type") == "stream" and o.get("name") == "stderr":
            return {"ename": "stderr", "evalue": str(o.get("text", ""))[:2000]}
    return None


class GraderExecute(Execute):
    """nbgrader's Execute, hardened; see the module docstring."""

    record_path = Unicode("", config=True, help="where to write the JSON record of the execution")
    notebook_timeout = Integer(600, config=True, help="wall-clock budget for the notebook, in seconds")
    output_bytes = Integer(2_000_000, config=True, help="output kept per cell, in bytes")

    # ------------------------------------------------------------------ the notebook
    def preprocess(self, nb: NotebookNode, resources=None, km=None):
        """nbconvert's entry point: run our loop instead of nbconvert's cell-by-cell one."""
        NotebookClient.__init__(self, nb, km)
        self._check_assign_resources(resources)
        run_sync(self.async_execute)()
        return self.nb, self.resources

    async def async_execute(self, reset_kc: bool = False, **kwargs) -> NotebookNode:
        self.shutdown_kernel = "immediate"
        self.reset_execution_trackers()
        self._record = {"events": [], "cells": {}, "probes": [], "kernel_starts": 1}
        self._replayable: list[int] = []
        self._deadline = monotonic() + self.notebook_timeout
        self._kernel_kwargs = kwargs
        self._baseline = None
        try:
            async with self.async_setup_kernel(**kwargs):
                await self._kernel_info()
                self._baseline = await self._probe()
                for index, cell in enumerate(self.nb.cells):
                    if cell.cell_type != "code" or not cell.source.strip():
                        continue
                    if monotonic() > self._deadline:
                        self._not_run(cell, index)
                        continue
                    await self._run(cell, index)
        finally:
            self._write_record()
        return self.nb

    async def async_start_new_kernel_client(self):
        """nbclient's, with sliced waits and a quicker readiness check (see `_wait_for_ready`)."""
        self.kc = self.km.client()
        await ensure_async(self.kc.start_channels())
        for channel in (self.kc.shell_channel, self.kc.iopub_channel):
            channel.get_msg = _sliced(channel.get_msg)
        try:
            self._ready_reply = await self._wait_for_ready()
        except Exception:
            await self._async_cleanup_kernel()
            raise
        self.km.seal()  # its sockets are bound: the kernel needs nothing more on the host's disk
        self.kc.allow_stdin = False
        await run_hook(self.on_notebook_start, notebook=self.nb)
        return self.kc

    async def _wait_for_ready(self) -> dict:
        """jupyter_client's `wait_for_ready` (a kernel_info reply on shell, then a message on iopub, so no output
        can be missed) without its final 0.2 s of iopub silence: messages already there are drained, and later
        ones belong to no cell we run. Returns the kernel_info reply."""
        deadline = monotonic() + self.startup_timeout
        while monotonic() < deadline:
            reply = await self._reply(self.kc.kernel_info(), 1.0)
            if reply is not None:
                try:
                    await self.kc.iopub_channel.get_msg(timeout=0.2)
                except Empty:
                    continue
                while await self.kc.iopub_channel.msg_ready():
                    await self.kc.iopub_channel.get_msg(timeout=0)
                return reply
            if not await self.kc.is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
        raise RuntimeError(f"Kernel didn't respond in {self.startup_timeout} seconds")

    async def _kernel_info(self) -> None:
        info = self._ready_reply
        if info and "language_info" in info["content"]:
            self.nb.metadata["language_info"] = info["content"]["language_info"]

    async def _reply(self, msg_id: str, timeout: float) -> dict | None:
        """The shell reply to `msg_id`, or None after `timeout` seconds (or if the kernel died)."""
        deadline = monotonic() + timeout
        while True:
            remaining = deadline - monotonic()
            if remaining <= 0:
                return None
            try:
                msg = await self.kc.shell_channel.get_msg(timeout=min(remaining, 1.0))
            except Exception:  # noqa: BLE001 - queue.Empty
                if not await self.kc.is_alive():
                    return None
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg

    # ------------------------------------------------------------------ one cell
    def _event(self, index: int, kind: str, message: str) -> None:
        cell = self.nb.cells[index]
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        self._record["events"].append({"cell": index, "grade_id": grade_id, "kind": kind, "message": message})

    def _not_run(self, cell: NotebookNode, index: int) -> None:
        cell.outputs = [_error("NotRun", f"not run: the notebook used up its time budget "
                                         f"({self.notebook_timeout} s)")]
        self._event(index, "budget", "not run: notebook time budget used up")
        if nbutils.is_grade(cell):
            self._record["cells"][str(index)] = {"status": "not-run"}

    async def _run(self, cell: NotebookNode, index: int) -> None:
        grade = nbutils.is_grade(cell)
        info: dict = {}
        if grade:
            await self._check_kernel_integrity(index)
        self._timed_out = False
        try:
            if grade:
                info = await self._run_test_cell(cell, index)
            else:
                await self._execute_copy(cell, index, cell.source, keep=True)
            if self._timed_out:
                self._event(index, "timeout", f"stopped after {self.timeout} s")
                info["timeout"] = True
                if not await self._responsive():
                    self._event(index, "stuck", "the kernel ignored the interrupt: restarted")
                    await self._restart_and_replay(index)
            elif not grade and not _has_error(cell.outputs):
                self._replayable.append(index)
        except (Exception, asyncio.CancelledError) as error:  # noqa: BLE001 - whatever the kernel did, go on
            died = isinstance(error, (DeadKernelError, asyncio.CancelledError)) or not await self._alive()
            kind = "crash" if died else "stuck"
            message = ("the kernel died while running this cell (it may have exited, crashed or run out of "
                       "memory); the cells after it ran in a fresh kernel" if died else
                       "the cell did not finish and the kernel stopped answering; the cells after it ran in "
                       "a fresh kernel")
            cell.outputs = list(cell.get("outputs", [])) + [_error("KernelDied" if died else "KernelStuck", message)]
            if self._timed_out:
                self._event(index, "timeout", f"stopped after {self.timeout} s")
                info["timeout"] = True
            self._event(index, kind, f"{type(error).__name__}: {str(error)[:200]}")
            info["crash" if died else "stuck"] = True
            await self._restart_and_replay(index)
        if grade:
            info.setdefault("status", "error" if _has_error(cell.outputs) else "ok")
            self._record["cells"][str(index)] = info

    async def _run_test_cell(self, cell: NotebookNode, index: int) -> dict:
        parts = split_hidden(cell.source)
        if parts is None:
            await self._execute_copy(cell, index, cell.source, keep=True)
            return {"split": False, "error": _first_error(cell.outputs)}
        visible_code, hidden_code = parts
        cell.outputs = []
        info: dict = {"split": True}
        visible = await self._execute_copy(cell, index, visible_code)
        cell.outputs = list(visible)
        info["visible_outputs"] = len(visible)
        info["visible_error"] = _first_error(visible)
        if info["visible_error"] is None and not self._timed_out:
            hidden = await self._execute_copy(cell, index, hidden_code)
            cell.outputs = list(visible) + list(hidden)
            info["hidden_error"] = _first_error(hidden)
            info["hidden_ran"] = True
        return info

    async def _execute_copy(self, cell: NotebookNode, index: int, source: str, keep: bool = False) -> list:
        """Execute `source` as cell `index`; return its outputs (and keep them on the cell if `keep`)."""
        run = copy.copy(cell)
        run.source = source
        run.outputs = []
        run.metadata = copy.deepcopy(cell.metadata)
        self._cell_bytes = 0
        self._capped = False
        try:
            await self.async_execute_cell(run, index, execution_count=self.code_cells_executed + 1)
        finally:
            self.nb.cells[index] = cell
            if keep:
                cell.outputs = run.get("outputs", [])
            if "execution_count" in run:
                cell.execution_count = run.execution_count
        if self._capped:
            self._event(index, "output-capped", f"output beyond {self.output_bytes} bytes dropped")
        return run.get("outputs", [])

    # ------------------------------------------------------------------ limits
    async def _async_handle_timeout(self, timeout, cell=None):
        self._timed_out = True
        return await super()._async_handle_timeout(timeout, cell)

    def output(self, outs, msg, display_id, cell_index):
        content = msg.get("content", {})
        size = len(json.dumps(content.get("data") or content.get("text") or content.get("traceback") or ""))
        self._cell_bytes = getattr(self, "_cell_bytes", 0) + size
        if self._cell_bytes > self.output_bytes and msg.get("msg_type") != "error":
            if not getattr(self, "_capped", False):
                self._capped = True
                outs.append(NotebookNode(output_type="stream", name="stdout",
                                         text=f"\n[grader: output beyond {self.output_bytes} bytes dropped]\n"))
            return None
        return super().output(outs, msg, display_id, cell_index)

    async def _alive(self) -> bool:
        try:
            return bool(self.kc is not None and await self.kc.is_alive())
        except Exception:  # noqa: BLE001
            return False

    async def _responsive(self) -> bool:
        """After a timeout: does the kernel answer a trivial request within a few seconds?"""
        if not await self._alive():
            return False
        msg_id = self.kc.execute("", silent=True, store_history=False)
        return await self._reply(msg_id, PING_SECONDS) is not None

    async def _restart_and_replay(self, failed_index: int) -> None:
        """A fresh kernel, brought to the state before cell `failed_index` by re-running the cells that ran cleanly."""
        try:
            await self._async_cleanup_kernel()
        except Exception:  # noqa: BLE001 - it is dead or stuck anyway
            self.km = self.kc = None
        self.km = self.create_kernel_manager()
        await self.async_start_new_kernel(**self._kernel_kwargs)
        await self.async_start_new_kernel_client()
        self._record["kernel_starts"] += 1
        self._baseline = await self._probe()  # a new process: new objects to compare against
        for index in list(self._replayable):
            if index >= failed_index or monotonic() > self._deadline:
                continue
            cell = self.nb.cells[index]
            self._timed_out = False
            try:
                outputs = await self._execute_copy(cell, index, cell.source)
                if self._timed_out or _has_error(outputs):
                    self._replayable.remove(index)
            except (Exception, asyncio.CancelledError):  # noqa: BLE001
                self._replayable.remove(index)
                self._event(index, "replay-failed", "re-running this cell in a fresh kernel failed")
                return await self._restart_and_replay(failed_index)
        self._event(failed_index, "restart", "fresh kernel; earlier cells re-run")

    # ------------------------------------------------------------------ tampering
    async def _probe(self) -> dict | None:
        """Run the tamper probe in the kernel; its findings, or None if it gave no answer."""
        if not await self._alive():
            return None
        msg_id = self.kc.execute(cheating.PROBE, silent=True, store_history=False,
                                 user_expressions={"probe": cheating.PROBE_RESULT})
        reply = await self._reply(msg_id, PING_SECONDS)
        if not reply:
            return None
        try:
            text = reply["content"]["user_expressions"]["probe"]["data"]["text/plain"]
            return json.loads(ast.literal_eval(text))
        except Exception:  # noqa: BLE001 - a tampered kernel may answer anything
            return {"unreadable": True}

    async def _canary(self) -> bool:
        """Does the kernel still report a failing assertion as an error?"""
        nonce = secrets.token_hex(8)
        msg_id = self.kc.execute(f"assert False, {nonce!r}", silent=True, store_history=False)
        reply = await self._reply(msg_id, PING_SECONDS)
        content = (reply or {}).get("content", {})
        return content.get("status") == "error" and content.get("evalue") == nonce

    async def _check_kernel_integrity(self, index: int) -> None:
        try:
            findings = await self._probe()
            canary = await self._canary() if await self._alive() else True
        except Exception as error:  # noqa: BLE001
            findings, canary = {"unreadable": True, "error": repr(error)}, True
        problems = cheating.compare_probe(self._baseline, findings)
        if not canary:
            problems.append("a failing assertion no longer shows as an error in the kernel "
                            "(execution or error reporting was tampered with)")
        if problems:
            self._record["probes"].append({"cell": index,
                                           "grade_id": self.nb.cells[index].metadata["nbgrader"]["grade_id"],
                                           "problems": problems})

    def _write_record(self) -> None:
        if self.record_path:
            with open(self.record_path, "w", encoding="utf-8") as file:
                json.dump(self._record, file)
