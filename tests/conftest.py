"""Fixtures shared by the test suite; the notebook helpers live in notebook_cases.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from notebook_cases import ASSIGNMENTS, SESSION_CASES, GradedCourse, session_cases

# Notebooks under tests/ are corpora of submissions, not nbval targets.
collect_ignore_glob = ["**/*.ipynb"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--sample-cases", action="store_true",
                     help="grade one mutant and one correct variant per function instead of all (make check)")
    parser.addoption("--lecture", choices=ASSIGNMENTS, default=None,
                     help="only this lecture's tests, and the tests that belong to no lecture (make check LECTURE=...)")


def lecture_of_test(item: pytest.Item) -> str | None:
    """The lecture a test is about, if any: named by a `lecture` marker, by a parameter (a lecture id, its number, or a
    name that starts with its number, as "2.2 plot_sigmoid"), or by the master nbval runs."""
    marker = item.get_closest_marker("lecture")
    if marker:
        return marker.args[0]
    callspec = getattr(item, "callspec", None)
    for value in callspec.params.values() if callspec else ():
        for lecture in ASSIGNMENTS:
            number = lecture.split("-")[0]
            if isinstance(value, str) and (value in (lecture, number) or value.startswith(number + " ")):
                return lecture
    return next((lecture for lecture in ASSIGNMENTS if lecture in Path(item.path).parts), None)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    chosen = config.getoption("--lecture")
    if not chosen:
        return
    kept: list[pytest.Item] = []
    others: list[pytest.Item] = []
    for item in items:
        (others if lecture_of_test(item) not in (None, chosen) else kept).append(item)
    if others:
        config.hook.pytest_deselected(items=others)
        items[:] = kept


@pytest.fixture(params=ASSIGNMENTS)
def assignment_id(request: pytest.FixtureRequest) -> str:
    return request.param


def _lecture_of(item: pytest.Item, parameter: str = "assignment_id") -> str | None:
    callspec = getattr(item, "callspec", None)
    return callspec.params.get(parameter) if callspec else None


@pytest.fixture(scope="session")
def graded_course(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> GradedCourse:
    """The session's pipeline cases graded in one grader run, its course directory kept for the session's readers:
    every case of `pipeline_cases` of each lecture a test asks about by its `assignment_id` parameter, and, when a
    test without that parameter asks, the completed and blank copies of every other lecture. The grader's start-up
    is paid once, and two workers stay busy to the end instead of idling at the tail of each lecture. A test using a
    fixture registered with `notebook_cases.session_cases_for` adds that fixture's cases for its `lecture` instead."""
    users = [item for item in request.session.items if "graded_course" in getattr(item, "fixturenames", ())]
    asked: list[str | None] = []
    extra: set[tuple[str, str | None]] = set()
    for item in users:
        fixture = next((name for name in SESSION_CASES if name in getattr(item, "fixturenames", ())), None)
        if fixture is None:
            asked.append(_lecture_of(item))
        else:
            extra.add((fixture, _lecture_of(item, "lecture")))
    cases = session_cases(asked, request.config.getoption("--sample-cases"))
    for fixture, lecture in sorted(extra, key=str):
        if lecture is None:
            raise pytest.UsageError(f"a test using {fixture} must take a `lecture` parameter")
        cases |= {(lecture, f"{fixture}:{name}"): nb for name, nb in SESSION_CASES[fixture](lecture).items()}
    return GradedCourse.grade(cases, tmp_path_factory.mktemp("graded-course"))


@pytest.fixture(scope="session")
def graded_cases(graded_course: GradedCourse) -> dict[str, dict[str, dict]]:
    """lecture -> `pipeline_cases` name -> the grader's result, from the session's graded course."""
    graded: dict[str, dict[str, dict]] = {}
    for (lecture, name), result in graded_course.results.items():
        graded.setdefault(lecture, {})[name] = result
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
