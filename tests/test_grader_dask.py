"""Dask dispatch (`autograde --scheduler`): the same scores and gradebook as local grading, one writer only."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from grader import autograde, course, notebooks
from grader.job import Job, grade_one
from grader.sandbox import Limits
from grader.store import CourseState, GradebookWriter
from notebook_cases import answer_cells, completed_copy, load_mutants, with_answer

pytestmark = [pytest.mark.slow, pytest.mark.grader]  # the grader's own machinery: in make test, not make check

LECTURE = "2.1-binary-classification"
LIMITS = Limits(cell_timeout=60, notebook_timeout=300)


def _class(root: Path) -> Path:
    """A small class on one lecture: two correct, two wrong (mutants), one blank submission."""
    base = completed_copy(LECTURE)
    mutants = load_mutants(LECTURE)
    functions = list(answer_cells(base))
    wrong = [with_answer(base, f, next(iter(mutants[f].values()))) for f in functions[:2]]
    blank = notebooks.read(course.student_path(LECTURE))
    for student, nb in {"ada": base, "bob": completed_copy(LECTURE), "cyd": wrong[0], "dee": wrong[1],
                        "eve": blank}.items():
        notebooks.write(nb, root / student / LECTURE / f"{LECTURE}.ipynb")
    return root


def _cells(summary: autograde.Summary) -> dict:
    return {(r.student_id, r.assignment_id): {g: (c.score, c.max_score) for g, c in r.cells.items()}
            for r in summary.graded}


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as local, distributed.Client(local) as client:
        yield client


def test_a_job_and_its_result_pickle_cleanly_and_carry_no_paths_of_this_machine(tmp_path):
    content = (course.student_path(LECTURE)).read_bytes()
    job = Job("ada", LECTURE, content, "ada/x.ipynb", limits=LIMITS.as_dict())
    data = pickle.dumps(job)
    assert pickle.loads(data) == job
    assert str(course.REPO).encode() not in data  # a worker finds the masters through its own installed project
    result = grade_one(job)
    assert pickle.loads(pickle.dumps(result)) == result


def test_dask_cluster_grades_exactly_like_local_processes(tmp_path, cluster):
    submitted = _class(tmp_path / "submitted")
    local_state, dask_state = CourseState(tmp_path / "local"), CourseState(tmp_path / "dask")
    local = autograde.autograde(local_state, submitted, limits=LIMITS, workers=2, progress=False)
    remote = autograde.autograde(dask_state, submitted, limits=LIMITS, scheduler=cluster, progress=False)
    assert not local.failed and not remote.failed, (local.failed, remote.failed)
    assert len(remote.graded) == 5
    assert _cells(remote) == _cells(local)
    totals = GradebookWriter(dask_state).scores()
    assert totals == GradebookWriter(local_state).scores()
    assert totals[("ada", LECTURE)] == totals[("bob", LECTURE)] > totals[("cyd", LECTURE)] > 0
    assert totals[("eve", LECTURE)] == 0
    # the address form (what `--scheduler tcp://...` passes) works too; regrading one student changes nothing
    again = autograde.autograde(dask_state, submitted, student_ids=["dee"], limits=LIMITS, force=True,
                                scheduler=cluster.scheduler.address, progress=False)
    assert again.reused == 0 and len(again.graded) == 1 and not again.failed
    assert GradebookWriter(dask_state).scores() == totals
