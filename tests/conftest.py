"""Fixtures shared by the test suite; the notebook helpers live in notebook_cases.py."""

from __future__ import annotations

import pytest

from notebook_cases import ASSIGNMENTS

# Notebooks under tests/ are corpora of submissions, not nbval targets.
collect_ignore_glob = ["**/*.ipynb"]


@pytest.fixture(params=ASSIGNMENTS)
def assignment_id(request: pytest.FixtureRequest) -> str:
    return request.param


_MUTATION_SCORES: dict[str, tuple[int, int, int, int]] = {}
_VARIANT_SCORES: dict[str, tuple[int, int]] = {}


@pytest.fixture
def mutation_scores() -> dict[str, tuple[int, int, int, int]]:
    """Where the mutation suite records, per lecture, (killed, total, caught only by hidden tests, of which
    deliberate cheats), printed at the end of the run."""
    return _MUTATION_SCORES


@pytest.fixture
def variant_scores() -> dict[str, tuple[int, int]]:
    """Where the correct-variant suite records (kept full marks, total) per lecture."""
    return _VARIANT_SCORES


def pytest_terminal_summary(terminalreporter) -> None:
    if _MUTATION_SCORES:
        terminalreporter.section("mutation score (wrong answers that lost points)")
        terminalreporter.write_line(f"{'lecture':45s} killed  hidden-only (plausible / deliberate cheats)")
        for assignment_id, (killed, total, unseen, deliberate) in sorted(_MUTATION_SCORES.items()):
            terminalreporter.write_line(f"{assignment_id:45s} {killed:3d}/{total:<3d} {unseen:3d} / {deliberate}")
    if _VARIANT_SCORES:
        terminalreporter.section("correct variants (right answers written differently that kept full marks)")
        for assignment_id, (kept, total) in sorted(_VARIANT_SCORES.items()):
            terminalreporter.write_line(f"{assignment_id:45s} {kept:3d}/{total:<3d}")
