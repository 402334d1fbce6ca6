"""The execution record (grader.record): GraderExecute writes it as JSON, the job reads it back typed, and the
reasons for lost points are worked out from it."""

from __future__ import annotations

import json

import nbformat

from grader.explain import explain
from grader.record import CellError, CellRun, ExecutionRecord, Probe
from grader.results import Event
from grader.sandbox import Limits

v4 = nbformat.v4


def a_record() -> ExecutionRecord:
    """One test cell of each kind: a visible check failed, hidden tests failed, run in one piece, timed out."""
    return ExecutionRecord(
        events=[Event(4, "test_d", "timeout", "stopped after 30 s")],
        cells={1: CellRun("error", split=True, visible_outputs=2, visible_error=CellError("CheckFailed", "sign\nmore")),
               2: CellRun("error", split=True, visible_outputs=1, hidden_ran=True,
                          hidden_error=CellError("AssertionError", "m=7")),
               3: CellRun("error", error=CellError("NameError", "x")),
               4: CellRun("error", timeout=True)},
        probes=[Probe(2, "test_b", ["builtins.print was replaced"])], kernel_starts=2)


def test_the_record_reads_back_as_it_was_written():
    """Through JSON, as the job reads the file GraderExecute wrote: cells by index, errors and events typed."""
    record = a_record()
    assert ExecutionRecord.from_json(json.loads(json.dumps(record.to_json()))) == record
    assert ExecutionRecord.from_json(ExecutionRecord().to_json()) == ExecutionRecord()


def test_reasons_come_from_the_record_read_back():
    """Each lost point's reason (instructor) and line (student) from the record as the job reads it."""
    cells = [v4.new_markdown_cell("# 2.x")]
    for gid in ("test_a", "test_b", "test_c", "test_d", "test_e"):
        cells.append(v4.new_code_cell("pass", metadata={"nbgrader": {"grade": True, "grade_id": gid}}))
    scores = {gid: (0.0, 1.0) for gid in ("test_a", "test_b", "test_c", "test_d")} | {"test_e": (1.0, 1.0)}
    executed = ExecutionRecord.from_json(json.loads(json.dumps(a_record().to_json())))
    why = explain(v4.new_notebook(cells=cells), executed, scores, Limits(cell_timeout=30), "zh-CN")
    assert [(why[g].reason, why[g].feedback) for g in ("test_a", "test_b", "test_c", "test_d", "test_e")] == [
        ("visible check failed: CheckFailed: sign", "可见检查没有通过：CheckFailed: sign"),
        ("hidden tests failed: AssertionError: m=7",
         "通过了可见检查，但没有通过隐藏测试（隐藏测试换用了别的输入：不同的形状、大小或数值）"),
        ("test failed: NameError: x", "测试没有通过"),
        ("the test did not finish within 30 s (time limit)", "这项测试没有在 30 秒内完成（时间限制）"),
        ("", "")]
