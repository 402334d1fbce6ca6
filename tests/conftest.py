"""Fixtures shared by the test suite; the notebook helpers live in notebook_cases.py."""

from __future__ import annotations

import pytest

from notebook_cases import ASSIGNMENTS, grade_cases, pipeline_cases

# Notebooks under tests/ are corpora of submissions, not nbval targets.
collect_ignore_glob = ["**/*.ipynb"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--sample-cases", action="store_true",
                     help="grade one mutant and one correct variant per function instead of all (make check)")


@pytest.fixture(params=ASSIGNMENTS)
def assignment_id(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="session")
def graded_cases(request: pytest.FixtureRequest) -> dict[str, dict[str, dict]]:
    """lecture -> `pipeline_cases` name -> the grader's result, for every lecture a test of this session asks about
    (its `assignment_id` parameter), all graded in one grader run: its start-up is paid once, and two workers stay
    busy to the end instead of idling at the tail of each lecture."""
    sample = request.config.getoption("--sample-cases")
    lectures = sorted({item.callspec.params["assignment_id"] for item in request.session.items
                       if "graded_cases" in getattr(item, "fixturenames", ()) and hasattr(item, "callspec")})
    cases = {(lecture, name): nb for lecture in lectures for name, nb in pipeline_cases(lecture, sample).items()}
    graded: dict[str, dict[str, dict]] = {lecture: {} for lecture in lectures}
    for (lecture, name), result in grade_cases(cases).items():
        graded[lecture][name] = result
    return graded


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
    sampled = ", one per function (--sample-cases)" if terminalreporter.config.getoption("--sample-cases") else ""
    if _MUTATION_SCORES:
        terminalreporter.section(f"mutation score (wrong answers that lost points){sampled}")
        terminalreporter.write_line(f"{'lecture':45s} killed  hidden-only (plausible / deliberate cheats)")
        for assignment_id, (killed, total, unseen, deliberate) in sorted(_MUTATION_SCORES.items()):
            terminalreporter.write_line(f"{assignment_id:45s} {killed:3d}/{total:<3d} {unseen:3d} / {deliberate}")
    if _VARIANT_SCORES:
        terminalreporter.section(f"correct variants (right answers written differently that kept full marks){sampled}")
        for assignment_id, (kept, total) in sorted(_VARIANT_SCORES.items()):
            terminalreporter.write_line(f"{assignment_id:45s} {kept:3d}/{total:<3d}")
