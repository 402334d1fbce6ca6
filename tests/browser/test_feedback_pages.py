"""Feedback pages as a student sees them: one graded course (lecture 2.2: a complete and a wrong submission, and a
Chinese copy with a sign error; through the real `python -m grader autograde` and `feedback`), each page opened in
Chromium from file:// with the network cut.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat
import pytest

from grader import course, notebooks, reports
from notebook_cases import completed_copy, with_answer
from test_translations import completed_edition, edition_copy
from test_zh_cn_notebooks import MISSING_GLYPHS_JS

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

pytestmark = pytest.mark.browser

LECTURE = "2.2-logistic-regression"
LONG_WORD = "overflow_" * 40  # one 360-character word in the wrong submission's check message
WRONG_SIGMOID = f'def sigmoid(z):\n    raise ValueError("{LONG_WORD}")\n'
HOSTILE_CELL = """## My own notes

<script>window.pwned = "script"</script>
<img src="x" onerror="window.pwned = 'onerror'">
<a id="evil" href="javascript:window.pwned = 'link'">a link</a>
<div style="position: fixed; inset: 0; background: red">an overlay</div>
"""
NARROW, WIDE = 420, 1280
SIGN_ERROR = "def sigmoid(z):\n    return 1 / (1 + np.exp(z))\n"  # the Chinese submission's mistake
SCREENSHOTS = Path("/work/notes/s21/feedback")


def _wrong() -> nbformat.NotebookNode:
    nb = with_answer(completed_copy(LECTURE), "sigmoid", WRONG_SIGMOID)
    nb.cells.insert(1, nbformat.v4.new_markdown_cell(HOSTILE_CELL))
    return nb


def _grader(*args: str) -> None:
    env = {**os.environ, "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")}
    done = subprocess.run([sys.executable, "-m", "grader", *args], capture_output=True, text=True, cwd=course.REPO,
                          env=env)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """student -> feedback page of a course graded and given feedback through the real CLI."""
    root = tmp_path_factory.mktemp("feedback-course")
    chinese = with_answer(completed_edition(edition_copy(LECTURE), LECTURE), "sigmoid", SIGN_ERROR)
    students = {"complete": completed_copy(LECTURE), "wrong": _wrong(), "chinese": chinese}
    for student, nb in students.items():
        notebooks.write(nb, root / "submitted" / student / LECTURE / f"{LECTURE}.ipynb")
    _grader("autograde", str(root / "submitted"), "--course", str(root / "course"), "-q")
    _grader("feedback", "--course", str(root / "course"), "-q")
    _grader("export", "--course", str(root / "course"))
    return {student: root / "course" / "feedback" / student / LECTURE / f"{LECTURE}.html" for student in students}


@pytest.fixture(scope="module")
def offline(browser) -> Iterator[tuple[BrowserContext, list[str]]]:
    """A browser context that aborts every request not for a file, and the list of the requests it aborted."""
    context = browser.new_context(viewport={"width": WIDE, "height": 1000})
    aborted: list[str] = []

    def block(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            aborted.append(route.request.url)
            route.abort()

    context.route("**/*", block)
    try:
        yield context, aborted
    finally:
        context.close()


@pytest.fixture
def open_page(offline, pages):
    """open_page(student, width) -> the student's feedback page, loaded offline; closed after the test."""
    context, _ = offline
    opened = []

    def open_(student: str, width: int = WIDE):
        page = context.new_page()
        opened.append(page)
        page.set_viewport_size({"width": width, "height": 1000})
        page.goto(pages[student].as_uri(), wait_until="load")
        return page

    yield open_
    for page in opened:
        page.close()


def visible_text(page) -> str:
    return page.evaluate("() => document.body.innerText")


@pytest.mark.parametrize("student", ["complete", "wrong"])
def test_markdown_shows_as_headings_and_paragraphs_not_as_tags(open_page, student):
    page = open_page(student)
    titles = page.locator("h1").all_inner_texts()
    assert any(t.startswith(f"Feedback: {LECTURE}") for t in titles), titles
    assert any(t.startswith("2.2 Logistic regression") for t in titles), titles
    assert page.locator("h2").count() >= 5 and page.locator(".jp-RenderedMarkdown p").count() >= 20
    text = visible_text(page)
    for tag in ("<p>", "</p>", "<h1", "<h2", "<h3", "<ul>", "<li>", "<math", "&lt;"):
        assert tag not in text, f"{tag!r} is shown as text on the page"


def test_formulas_are_laid_out_as_mathml_without_the_network(open_page, offline):
    page = open_page("complete")
    formulas = page.locator("math")
    assert formulas.count() > 50
    sizes = page.evaluate("() => [...document.querySelectorAll('math')].map(m => m.getBoundingClientRect().width)")
    assert min(sizes) > 0, "a formula is not laid out"
    # a fraction is laid out as one: numerator above denominator, as MathML Core does it natively
    above = page.evaluate("""() => [...document.querySelectorAll('mfrac')].map(f => {
        const [top, bottom] = [...f.children].map(c => c.getBoundingClientRect());
        return top.bottom <= bottom.top + 1; })""")
    assert above and all(above)
    text = visible_text(page)
    assert "$" not in text and "\\frac" not in text and "\\hat" not in text, "raw LaTeX on the page"
    assert page.locator(".tex-fallback").count() == 0
    assert not offline[1], f"the page tried the network: {offline[1]}"
    assert not page.evaluate("() => [...document.querySelectorAll('script[src], link[href]')].length")


def test_score_and_every_reason_are_visible(open_page, pages):
    complete = open_page("complete")
    assert complete.get_by_text("Score: 8 / 8").is_visible()
    wrong = open_page("wrong")
    result = next(r for r in _results(pages) if r["student_id"] == "wrong")
    assert wrong.get_by_text(f"Score: {result['score']:g} / {result['max_score']:g}").is_visible()
    lost = {gid: cell for gid, cell in result["cells"].items() if cell["score"] < cell["max_score"]}
    assert "test_sigmoid" in lost
    summary = wrong.locator(".jp-RenderedMarkdown li")
    for gid, cell in lost.items():
        line = summary.filter(has_text=f"{gid}: {cell['score']:g} / {cell['max_score']:g}")
        assert line.count() == 1 and line.is_visible(), gid
        assert cell["feedback"] in line.inner_text(), gid  # the reason, character for character
    assert "raised ValueError" in wrong.locator("pre", has_text="[grader] test_sigmoid:").inner_text()


def _results(pages) -> list[dict]:
    from grader.store import CourseState

    return CourseState(pages["wrong"].parents[3]).results()


def test_no_line_of_hidden_tests_is_shown(open_page):
    secret = reports._secret_lines(LECTURE)
    assert len(secret) > 2
    for student in ("complete", "wrong"):
        text = " ".join(visible_text(open_page(student)).split())
        assert not [line for line in secret if " ".join(line.split()) in text], student


def test_the_students_scripts_do_not_run(open_page):
    page = open_page("wrong")
    assert page.get_by_role("heading", name="My own notes").is_visible()
    page.locator("#evil").click()
    assert page.evaluate("() => window.pwned") is None
    assert page.get_by_text("an overlay").evaluate("e => getComputedStyle(e).position") == "static"


@pytest.mark.parametrize("width", [WIDE, NARROW])
def test_a_long_check_message_wraps_inside_the_page(open_page, width):
    page = open_page("wrong", width)
    assert page.get_by_text(LONG_WORD[:45]).first.is_visible()
    widths = page.evaluate("""() => ({page: document.documentElement.scrollWidth,
        view: document.documentElement.clientWidth, body: document.body.scrollWidth})""")
    assert widths["page"] <= widths["view"] and widths["body"] <= widths["view"], widths
    # no box holding the message scrolls or clips it sideways either
    clipped = page.evaluate("""(word) => [...document.querySelectorAll('pre, li')]
        .filter(e => e.textContent.includes(word) && e.scrollWidth > e.clientWidth + 1).length""", LONG_WORD[:45])
    assert clipped == 0
    right = page.evaluate("() => Math.max(...[...document.querySelectorAll('pre, li')]"
                          ".map(e => e.getBoundingClientRect().right))")
    assert right <= widths["view"]


def test_a_chinese_submissions_page_reads_in_chinese(open_page, pages):
    """The Chinese copy's page: the grader's heading, score and reasons in Chinese, drawn in real glyphs (no empty
    boxes), the student's own markdown still Chinese, and not one of the English page's words of the grader's.
    A screenshot goes to SCREENSHOTS for a person to read."""
    page = open_page("chinese")
    assert page.evaluate("() => document.documentElement.lang") == "zh-CN"
    assert page.locator("h1").first.inner_text().startswith(f"反馈：{LECTURE}，学生 chinese")
    assert page.locator("h1", has_text="逻辑回归").count() == 1  # the lecture's own title, as the student had it
    result = next(r for r in _results(pages) if r["student_id"] == "chinese")
    assert page.get_by_text(f"得分：{result['score']:g} / {result['max_score']:g}").is_visible()
    lost = result["cells"]["test_sigmoid"]
    assert lost["score"] == 0 and lost["feedback"] in page.locator(".jp-RenderedMarkdown li").first.inner_text()
    assert "[评分] test_sigmoid：0 / 3" in page.locator("pre", has_text="[评分] test_sigmoid：").inner_text()
    text = visible_text(page)
    assert not [word for word in ("Feedback", "Score", "[grader]", "visible check") if word in text]
    missing = page.locator("h1, h2, p, li, pre").evaluate_all(MISSING_GLYPHS_JS)
    assert not missing, f"Chinese drawn as empty boxes: {''.join(missing[:20])}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "feedback-zh-CN.png"), full_page=False)
    page.locator(".jp-Cell", has_text="[评分] test_sigmoid：").first.screenshot(
        path=str(SCREENSHOTS / "feedback-zh-CN-test_sigmoid.png"))


def test_the_instructors_export_names_each_submissions_language(pages):
    """The export stays English but says which edition each student submitted: grades.csv's `language` column and
    report.json's `language` (the same course as the pages)."""
    exports = pages["chinese"].parents[3] / "exports"
    with open(exports / "grades.csv", newline="", encoding="utf-8") as file:
        rows = {row["student_id"]: row for row in csv.DictReader(file)}
    assert {student: row["language"] for student, row in rows.items()} == \
        {"complete": "en", "wrong": "en", "chinese": "zh-CN"}
    report = json.loads((exports / "report.json").read_text(encoding="utf-8"))
    assert {entry["student_id"]: entry["language"] for entry in report} == \
        {"complete": "en", "wrong": "en", "chinese": "zh-CN"}
    lost = next(entry for entry in report if entry["student_id"] == "chinese")["lost_points"]
    assert lost and all(item["reason"].startswith("visible check failed: ") for item in lost)  # English for them
