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
- probes the kernel before each test cell for tampering (`tamper_probe`), and checks that it still reports errors.

This module is the grading policy; talking to the kernel is `kernel_messages`, the tamper checks `tamper_probe`, the
kernel's sandbox `sandboxed_kernel.SandboxedKernelManager` (wired in `scratch.config`). What happened
(`record.ExecutionRecord`) is written as JSON to `record_path` for the job to read.
"""

from __future__ import annotations

import asyncio
import copy
import json
from time import monotonic

from jupyter_core.utils import ensure_async, run_sync
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError
from nbclient.util import run_hook
from nbformat import NotebookNode
from nbgrader import utils as nbutils
from nbgrader.preprocessors import Execute
from traitlets import Integer, Unicode

from . import kernel_messages, tamper_probe
from .assignment import split_hidden
from .feedback_text import say
from .record import CellError, CellRun, ExecutionRecord, Probe
from .results import Event


def _error(ename: str, evalue: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


def _has_error(outputs: list) -> bool:
    return any(o.get("output_type") == "error" or (o.get("output_type") == "stream" and o.get("name") == "stderr")
               for o in outputs)


def _first_error(outputs: list) -> CellError | None:
    for o in outputs:
        if o.get("output_type") == "error":
            return CellError(o.get("ename", ""), str(o.get("evalue", ""))[:2000])
        if o.get("output_type") == "stream" and o.get("name") == "stderr":
            return CellError("stderr", str(o.get("text", ""))[:2000])
    return None


class GraderExecute(Execute):
    """nbgrader's Execute, hardened; see the module docstring."""

    record_path = Unicode("", config=True, help="where to write the JSON record of the execution")
    notebook_timeout = Integer(600, config=True, help="wall-clock budget for the notebook, in seconds")
    output_bytes = Integer(2_000_000, config=True, help="output kept per cell, in bytes")
    language = Unicode("en", config=True, help="the submission's language: of the notes the grader adds to outputs")

    # ------------------------------------------------------------------ the notebook
    def preprocess(self, nb: NotebookNode, resources=None, km=None):
        """nbconvert's `ExecutePreprocessor.preprocess` with our loop (`async_execute`) in place of its cell-by-cell
        one; the rest as upstream has it (pinned: tests/test_upstream_hooks.py)."""
        NotebookClient.__init__(self, nb, km)
        self._check_assign_resources(resources)
        run_sync(self.async_execute)()
        self.set_widgets_metadata()
        return self.nb, self.resources

    async def async_execute(self, reset_kc: bool = False, **kwargs) -> NotebookNode:
        self.shutdown_kernel = "immediate"
        self.reset_execution_trackers()
        self._record = ExecutionRecord()
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
        """nbclient's, with sliced waits and a quicker readiness check (`kernel_messages`)."""
        self.kc = self.km.client()
        await ensure_async(self.kc.start_channels())
        for channel in (self.kc.shell_channel, self.kc.iopub_channel):
            channel.get_msg = kernel_messages.sliced(channel.get_msg)
        try:
            self._ready_reply = await kernel_messages.wait_for_ready(self.kc, self.startup_timeout)
        except Exception:
            await self._async_cleanup_kernel()
            raise
        self.km.seal()  # its sockets are bound: the kernel needs nothing more on the host's disk
        self.kc.allow_stdin = False
        await run_hook(self.on_notebook_start, notebook=self.nb)
        return self.kc

    async def _kernel_info(self) -> None:
        info = self._ready_reply
        if info and "language_info" in info["content"]:
            self.nb.metadata["language_info"] = info["content"]["language_info"]

    # ------------------------------------------------------------------ one cell
    def _event(self, index: int, kind: str, message: str) -> None:
        cell = self.nb.cells[index]
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        self._record.events.append(Event(index, grade_id, kind, message))

    def _not_run(self, cell: NotebookNode, index: int) -> None:
        cell.outputs = [_error("NotRun", say(self.language, "not_run_output", seconds=self.notebook_timeout))]
        self._event(index, "budget", "not run: notebook time budget used up")
        if nbutils.is_grade(cell):
            self._record.cells[index] = CellRun(status="not-run")

    async def _run(self, cell: NotebookNode, index: int) -> None:
        grade = nbutils.is_grade(cell)
        info = CellRun()
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
                info.timeout = True
                if not await kernel_messages.responsive(self.kc):
                    self._event(index, "stuck", "the kernel ignored the interrupt: restarted")
                    await self._restart_and_replay(index)
            elif not grade and not _has_error(cell.outputs):
                self._replayable.append(index)
        except (Exception, asyncio.CancelledError) as error:  # noqa: BLE001 - whatever the kernel did, go on
            died = isinstance(error, (DeadKernelError, asyncio.CancelledError)) or not await self._alive()
            kind = "crash" if died else "stuck"
            message = say(self.language, "kernel_died_output" if died else "kernel_stuck_output")
            cell.outputs = list(cell.get("outputs", [])) + [_error("KernelDied" if died else "KernelStuck", message)]
            if self._timed_out:
                self._event(index, "timeout", f"stopped after {self.timeout} s")
                info.timeout = True
            self._event(index, kind, f"{type(error).__name__}: {str(error)[:200]}")
            if died:
                info.crash = True
            else:
                info.stuck = True
            await self._restart_and_replay(index)
        if grade:
            info.status = info.status or ("error" if _has_error(cell.outputs) else "ok")
            self._record.cells[index] = info

    async def _run_test_cell(self, cell: NotebookNode, index: int) -> CellRun:
        parts = split_hidden(cell.source)
        if parts is None:
            await self._execute_copy(cell, index, cell.source, keep=True)
            return CellRun(error=_first_error(cell.outputs))
        visible_code, hidden_code = parts
        cell.outputs = []
        visible = await self._execute_copy(cell, index, visible_code)
        cell.outputs = list(visible)
        info = CellRun(split=True, visible_outputs=len(visible), visible_error=_first_error(visible))
        if info.visible_error is None and not self._timed_out:
            hidden = await self._execute_copy(cell, index, hidden_code)
            cell.outputs = list(visible) + list(hidden)
            info.hidden_error, info.hidden_ran = _first_error(hidden), True
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
                                         text=f"\n{say(self.language, 'output_capped', bytes=self.output_bytes)}\n"))
            return None
        return super().output(outs, msg, display_id, cell_index)

    async def _alive(self) -> bool:
        return await kernel_messages.alive(self.kc)

    async def _restart_and_replay(self, failed_index: int) -> None:
        """A fresh kernel, brought to the state before cell `failed_index` by re-running the cells that ran cleanly."""
        try:
            await self._async_cleanup_kernel()
        except Exception:  # noqa: BLE001 - it is dead or stuck anyway
            self.km = self.kc = None
        self.km = self.create_kernel_manager()
        await self.async_start_new_kernel(**self._kernel_kwargs)
        await self.async_start_new_kernel_client()
        self._record.kernel_starts += 1
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
        return await tamper_probe.probe(self.kc)

    async def _check_kernel_integrity(self, index: int) -> None:
        problems = await tamper_probe.tampering(self.kc, self._baseline)
        if problems:
            self._record.probes.append(Probe(index, self.nb.cells[index].metadata["nbgrader"]["grade_id"], problems))

    def _write_record(self) -> None:
        if self.record_path:
            with open(self.record_path, "w", encoding="utf-8") as file:
                json.dump(self._record.to_json(), file)
