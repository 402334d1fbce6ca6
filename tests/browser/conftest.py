"""Browser tests: a real JupyterLab on loopback driven by Playwright through Debian's headless Chromium.

One Jupyter server and one browser serve the whole session; both are shut down at the end, also on failure.
The server's root is a temporary directory holding copies of the notebooks, so the browser never saves into the
repository. Screenshots go to `screenshots/` at the repository root (git-ignored). The time each notebook took to
run in the browser is printed at the end of the session.

Run them alone with `pytest tests/browser -o addopts=""`; deselect them with `-m "not browser"`.
Chromium comes from `scripts/install-browser.sh`.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from grader import course
from grader.assignment import Assignment
from lab_driver import Lab
from lab_server import JupyterServer

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = course.REPO / "screenshots"
VIEWPORT = {"width": 1280, "height": 1000}

# Copies of the notebooks the browser works on, one folder per use, so no test sees another's saved changes.
KINDS = ("master", "student", "complete", "blank")

# (lecture, what) -> seconds, printed at the end.
TIMINGS: dict[tuple[str, str], float] = {}
_SESSION: dict[str, float] = {}


def pytest_runtest_logfinish(nodeid: str) -> None:
    """The browser suite's wall time ends with its last test, not with the whole session it runs in."""
    if "start" in _SESSION and nodeid.startswith("tests/browser/"):
        _SESSION["end"] = time.perf_counter()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Temporary server root: master/, student/, complete/, blank/, each with one folder per lecture."""
    from grader import notebooks

    root = tmp_path_factory.mktemp("browser-root")
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    for lecture in course.assignments():
        shutil.copytree(course.master_path(lecture).parent, root / "master" / lecture, ignore=ignore)
        for kind in ("student", "blank"):
            shutil.copytree(course.student_path(lecture).parent, root / kind / lecture, ignore=ignore)
        shutil.copytree(course.student_path(lecture).parent, root / "complete" / lecture, ignore=ignore)
        notebooks.write(Assignment.load(lecture).completed(), root / "complete" / lecture / f"{lecture}.ipynb")
    return root


@pytest.fixture(scope="session")
def jupyter(workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterServer]:
    _SESSION.setdefault("start", time.perf_counter())
    server = JupyterServer(workspace, tmp_path_factory.mktemp("browser-state"))
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    _SESSION.setdefault("start", time.perf_counter())
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install-browser.sh (make test does)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def browser_context(browser) -> Iterator[BrowserContext]:
    """One context for the session, so JupyterLab's assets are fetched once; each test opens its own page."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(60_000)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture(scope="session")
def lab_page(browser_context) -> Iterator[Page]:
    """The JupyterLab page of the session: JupyterLab loads once, each test opens its notebook in it."""
    page = browser_context.new_page()
    try:
        yield page
    finally:
        page.close()


@pytest.fixture
def lab(lab_page, jupyter: JupyterServer) -> Iterator[Lab]:
    """JupyterLab on the session's page; afterwards its documents are closed and its kernels shut down."""
    lab = Lab(lab_page, jupyter)
    try:
        yield lab
    finally:
        lab.detach()
        try:
            if lab_page.evaluate("() => !!window.jupyterapp"):
                lab_page.keyboard.press("Escape")  # a dialog left open
                lab.close_all()
        except Exception:  # noqa: BLE001 - the next test reloads JupyterLab if this page is in a bad state
            lab_page.goto("about:blank")
        jupyter.shutdown_kernels()


@pytest.fixture
def page(browser_context) -> Iterator[Page]:
    """A page of its own (for Notebook 7), closed afterwards."""
    page = browser_context.new_page()
    try:
        yield page
    finally:
        page.close()


@pytest.fixture
def timings() -> dict[tuple[str, str], float]:
    return TIMINGS


@pytest.fixture
def screenshots_dir() -> Path:
    return SCREENSHOTS


def pytest_terminal_summary(terminalreporter) -> None:
    if not TIMINGS:
        return
    columns = sorted({what for _, what in TIMINGS}, key=["master run-all, median of 3", "student run-all",
                                                         "widget step (slowest)", "validate complete",
                                                         "validate blank", "notebook 7 open"].index)
    terminalreporter.section("browser: seconds per notebook")
    widths = [max(19, len(c) + 2) for c in columns]
    terminalreporter.write_line(f"{'lecture':42s}" + "".join(
        f"{c:>{w}s}" for c, w in zip(columns, widths, strict=True)))
    for lecture in course.assignments():
        row = [TIMINGS.get((lecture, c)) for c in columns]
        if any(v is not None for v in row):
            terminalreporter.write_line(f"{lecture:42s}" + "".join(
                f"{'-' if v is None else f'{v:.2f}':>{w}s}" for v, w in zip(row, widths, strict=True)))
    if "start" in _SESSION and "end" in _SESSION:
        terminalreporter.write_line(f"browser suite wall time: {_SESSION['end'] - _SESSION['start']:.0f} s "
                                    f"(screenshots in {SCREENSHOTS})")
