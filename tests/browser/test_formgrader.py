"""nbgrader's own formgrader, in Chromium, on a course directory `autograde` wrote: the lecture counts its graded
submissions, the flagged one is marked in the list, and its grading page says why, under the answer it is about."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator

import nbformat
import pytest

from grader import course
from lab_server import JupyterServer
from notebook_cases import completed_copy, with_answer

pytestmark = pytest.mark.browser

LECTURE = "2.1-binary-classification"
CHEAT = "np.allclose = lambda *args, **kwargs: True\ndef normalize_pixels(X):\n    return X / 255.0\n"
SCREENSHOTS = course.REPO / "screenshots"


class InstructorServer(JupyterServer):
    """The instructor's Jupyter (every nbgrader tool, no lab/student config) started inside the course directory,
    as the README says to review: formgrader takes the directory it is started in as nbgrader's course root."""

    def environment(self) -> dict[str, str]:
        env = super().environment()
        env.pop("JUPYTER_CONFIG_PATH")  # the student lab's config, which switches formgrader off
        return env


@pytest.fixture(scope="module")
def formgrader(tmp_path_factory) -> Iterator[JupyterServer]:
    """Two graded submissions (alice: full marks; mallory: replaces np.allclose) and a server inside the course."""
    state = tmp_path_factory.mktemp("formgrader")
    submitted = state / "submitted"
    good = completed_copy(LECTURE)
    for student, nb in (("alice", good), ("mallory", with_answer(good, "normalize_pixels", CHEAT))):
        (submitted / student / LECTURE).mkdir(parents=True)
        nbformat.write(nb, submitted / student / LECTURE / f"{LECTURE}.ipynb")
    course_dir = state / "cwd"  # the server's working directory (lab_server)
    done = subprocess.run([sys.executable, "-m", "grader", "autograde", str(submitted), "--course", str(course_dir),
                           "--jobs", "2", "-q"], capture_output=True, text=True, cwd=course.REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "flagged for review (possible tampering): 1" in done.stdout
    server = InstructorServer(course_dir, state)
    try:
        server.start()
        yield server
    finally:
        server.stop()


def test_formgrader_lists_the_graded_submissions_and_shows_why_one_is_flagged(formgrader, browser):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    try:
        page.goto(formgrader.url("formgrader/manage_assignments"))
        row = page.locator("tr", has_text=LECTURE)
        expect(row.locator(".num-submissions")).to_have_text("2", timeout=60_000)

        page.goto(formgrader.url(f"formgrader/gradebook/{LECTURE}/{LECTURE}"))
        rows = page.locator("tbody tr")
        expect(rows).to_have_count(2, timeout=60_000)
        flagged = page.locator("tbody tr", has=page.locator(".flagged .glyphicon-flag"))
        expect(flagged).to_have_count(1)
        assert flagged.locator("a.name-shown").text_content() == "mallory"

        flagged.locator("a.name-hidden").click()  # names hidden, as formgrader shows them by default
        comment = page.locator("#normalize_pixels-comment")
        expect(comment).to_have_attribute(
            "placeholder", re.compile(r"FLAGGED for review: cell \d+ \(normalize_pixels\), line 1: assigns to "
                                      r"np\.allclose.*numpy\.allclose was replaced", re.S), timeout=60_000)
        expect(comment).to_be_visible()
        expect(page.locator("#image_to_vector-comment")).to_have_attribute("placeholder", re.compile(r"^(?!.*FLAG)"))
        comment.scroll_into_view_if_needed()
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "formgrader-flagged-submission.png"))
    finally:
        page.close()
