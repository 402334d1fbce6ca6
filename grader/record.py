"""What `execution.GraderExecute` saw while a notebook ran, typed: an `ExecutionRecord` of `CellRun`s (one per test
cell), `Event`s and tamper `Probe`s. GraderExecute runs inside nbgrader's `autograde`, which returns no state of its
preprocessors, so it writes the record as JSON (`to_json`) to a file its job reads back (`from_json`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .results import Event


@dataclass(frozen=True)
class CellError:
    """A cell's first error output (or its stderr, `ename` "stderr")."""

    ename: str
    evalue: str


@dataclass
class CellRun:
    """How one test cell ran: in one piece, or `split` into its visible check and (only if that passed) its hidden
    tests; what failed first in each part; whether it was stopped (time limit), its kernel died or stopped answering."""

    status: str = ""  # "ok", "error" (an error or stderr in its outputs), "not-run" (the time budget was used up)
    split: bool = False
    error: CellError | None = None  # the first error, when not split
    visible_outputs: int = 0  # how many of the outputs the visible check wrote (when split)
    visible_error: CellError | None = None
    hidden_ran: bool = False
    hidden_error: CellError | None = None
    timeout: bool = False
    crash: bool = False
    stuck: bool = False


@dataclass(frozen=True)
class Probe:
    """Signs of tampering the kernel showed before test cell `cell` ran (`tamper_probe`)."""

    cell: int
    grade_id: str
    problems: list[str]


@dataclass
class ExecutionRecord:
    events: list[Event] = field(default_factory=list)
    cells: dict[int, CellRun] = field(default_factory=dict)  # by the test cell's index in the notebook
    probes: list[Probe] = field(default_factory=list)
    kernel_starts: int = 1

    def to_json(self) -> dict[str, Any]:
        return {"events": [asdict(e) for e in self.events],
                "cells": {str(index): asdict(run) for index, run in self.cells.items()},
                "probes": [asdict(p) for p in self.probes], "kernel_starts": self.kernel_starts}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ExecutionRecord:
        def cell_run(run: dict[str, Any]) -> CellRun:
            errors = {key: CellError(**run[key]) for key in ("error", "visible_error", "hidden_error") if run.get(key)}
            return CellRun(**{**run, **errors})

        return cls(events=[Event(**e) for e in data["events"]],
                   cells={int(index): cell_run(run) for index, run in data["cells"].items()},
                   probes=[Probe(**p) for p in data["probes"]], kernel_starts=data["kernel_starts"])
