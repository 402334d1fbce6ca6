"""Settings reach the grading processes as arguments, not through the environment: the batch's temporary folder
(grader.stopping.batch_folder) is each worker's temporary folder while TMPDIR stays as the instructor had it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from grader import runner
from grader.job import Job
from grader.stopping import BATCH_PREFIX


def where_files_go(job: Job) -> tuple[str, str | None, int]:
    """A stand-in for grade_one: this process's temporary folder, its TMPDIR and its pid."""
    return tempfile.gettempdir(), os.environ.get("TMPDIR"), os.getpid()


@pytest.mark.grader
@pytest.mark.parametrize("workers", [0, 1])
def test_a_batch_folder_reaches_workers_as_an_argument(monkeypatch, workers):
    monkeypatch.setenv("TMPDIR", tempfile.gettempdir())  # the instructor's own
    before = tempfile.gettempdir()
    jobs = [Job(f"s{i}", "2.1-binary-classification", b"") for i in range(2)]
    seen = list(runner.run_jobs(jobs, workers, grade=where_files_go))  # type: ignore[arg-type] # a stand-in grade
    folders = {folder for folder, _, _ in seen}
    assert len(folders) == 1 and Path(folders.pop()).name.startswith(BATCH_PREFIX)
    assert {tmpdir for _, tmpdir, _ in seen} == {before}  # the workers' environment is the command's, untouched
    assert ({pid for _, _, pid in seen} == {os.getpid()}) == (workers == 0)
    assert tempfile.gettempdir() == before and os.environ["TMPDIR"] == before  # and the command's, afterwards
