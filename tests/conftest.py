"""Fixtures shared by the test suite; the notebook helpers live in notebook_cases.py."""

from __future__ import annotations

import pytest

from notebook_cases import ASSIGNMENTS

# Notebooks under tests/ are corpora of submissions, not nbval targets.
collect_ignore_glob = ["**/*.ipynb"]


@pytest.fixture(params=ASSIGNMENTS)
def assignment_id(request: pytest.FixtureRequest) -> str:
    return request.param


_MUTATION_SCORES: dict[str, tuple[int, int]] = {}


@pytest.fixture
def mutation_scores() -> dict[str, tuple[int, int]]:
    """Where the mutation suite records (killed, total) per lecture, printed at the end of the run."""
    return _MUTATION_SCORES


def pytest_terminal_summary(terminalreporter) -> None:
    if _MUTATION_SCORES:
        terminalreporter.section("mutation score (wrong answers that lost points)")
        for assignment_id, (killed, total) in sorted(_MUTATION_SCORES.items()):
            terminalreporter.write_line(f"{assignment_id:45s} {killed:3d}/{total:<3d} {100 * killed / total:5.1f} %")
