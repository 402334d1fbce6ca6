"""The feedback page's HTML, without a browser: markdown renders, hostile content is defused, every course formula
becomes MathML, and nothing is loaded from the network."""

from __future__ import annotations

import dataclasses
import re
import string
from html.parser import HTMLParser

import nbformat
import pytest
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

from grader import course, deadlines, feedback_text, lateness, notebooks, review
from grader.feedback_notebook import plain, score_line, summary_markdown
from grader.feedback_page import render, sanitise, to_mathml
from grader.reports import render_feedback
from grader.results import CellScore, Problem, Result
from grader.review import Change
from notebook_cases import ASSIGNMENTS

v4 = nbformat.v4


class Elements(HTMLParser):
    """Every start tag of an HTML text as (tag, {attribute: value}), and its text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data):
        self.text.append(data)

    def tags(self) -> list[str]:
        return [tag for tag, _ in self.elements]


def body(page: str) -> str:
    """The page's <main>: everything that comes from the notebook (the head holds the page's own CSS)."""
    return page[page.index("<main>"):page.index("</main>")]


def page_of(*cells) -> str:
    nb = v4.new_notebook(cells=list(cells))
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                   "language_info": {"name": "python"}}
    return render(nb, "Feedback: test")


def course_math(nb) -> list[tuple[str, str]]:
    """(display, LaTeX) of every formula nbconvert's markdown parser finds in the notebook's markdown cells."""
    found = []

    class Recorder(IPythonRenderer):
        def inline_math(self, body):
            found.append(("inline", body))
            return ""

        def block_math(self, body):
            found.append(("block", body))
            return ""

        def latex_environment(self, name, body):
            found.append(("block", f"\\begin{{{name}}}{body}\\end{{{name}}}"))
            return ""

    for cell in nb.cells:
        if cell.cell_type == "markdown":
            MarkdownWithMath(renderer=Recorder(escape=False)).render(cell.source)
    return found


MARKDOWN = """# Results

Some *emphasis*, **strong** text and `inline code`.

## A list

- first
- second

1. one
2. two

| left | right |
|:-----|------:|
| 1    | 2     |

> a quotation

```python
x = 1
```

[the course](https://example.org/course) and ![a dot](data:image/png;base64,iVBORw0KGgo=)

---
"""


def test_markdown_renders_as_html_not_as_text():
    cell = v4.new_markdown_cell(MARKDOWN + "\n![pasted](attachment:pasted.png)")
    cell.attachments = {"pasted.png": {"image/png": "iVBORw0KGgoAAAANSUhEUg=="}}
    html = body(page_of(cell))
    tags = Elements(html).tags()
    for tag in ("h1", "h2", "p", "em", "strong", "code", "ul", "ol", "li", "table", "th", "td", "blockquote",
                "pre", "a", "img", "hr"):
        assert tag in tags, f"<{tag}> missing from the rendered markdown"
    assert "&lt;" not in html, "markdown HTML shown as text"
    elements = Elements(html).elements
    assert ("a", {"href": "https://example.org/course", "rel": "noopener noreferrer"}) in elements
    images = {attrs["alt"]: attrs["src"] for tag, attrs in elements if tag == "img"}
    assert images["a dot"].startswith("data:image/png;base64,")
    assert images["pasted"] == "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg=="  # a pasted image is embedded
    assert any(tag == "td" and attrs.get("style", "").replace(" ", "") == "text-align:right" for tag, attrs in elements)


HOSTILE_MARKDOWN = """## Kept heading

<script>alert('markdown')</script>
<img src="x" onerror="alert('img')">
<a href="javascript:alert('link')">click</a> <a href="JaVaScRiPt:alert(1)">again</a>
<a href="data:text/html,<script>alert(1)</script>">data link</a>
<iframe src="https://example.org/frame"></iframe>
<object data="x.swf"></object><embed src="x.swf">
<form action="https://example.org/steal"><input name="password"><button>Send</button></form>
<div style="position: fixed; top: 0; left: 0; width: 100%; height: 100%; background: url(https://example.org/x)">overlay</div>
<style>body { display: none }</style>
<link rel="stylesheet" href="https://example.org/evil.css">
<meta http-equiv="refresh" content="0; url=https://example.org">
<base href="https://example.org/">
<svg onload="alert('svg')"><circle r="5"/></svg>
<details open ontoggle="alert('toggle')"><summary>more</summary>hidden</details>
<math><mtext><table><mglyph><style><img src=x onerror="alert('mxss')"></style></mglyph></table></mtext></math>
<img src="https://example.org/tracker.png" alt="tracker">
"""


def assert_defused(html: str) -> None:
    elements = Elements(html).elements
    tags = {tag for tag, _ in elements}
    assert not tags & {"script", "iframe", "object", "embed", "form", "input", "button", "style", "link", "meta",
                       "base", "svg"}, tags
    for tag, attrs in elements:
        assert not [name for name in attrs if name.startswith("on") or name in ("action", "data")], (tag, attrs)
        assert not attrs.get("href", "").strip().lower().startswith(("javascript:", "data:")), (tag, attrs)
        assert "src" not in attrs or attrs["src"].startswith("data:image/"), (tag, attrs)  # nothing fetched
        assert "style" not in attrs or tag in ("th", "td"), (tag, attrs)
    assert "alert(" not in "".join(Elements(html).text), "a script survived as text"


def test_hostile_markdown_cell_loses_its_scripts_and_keeps_its_headings():
    html = body(page_of(v4.new_markdown_cell(HOSTILE_MARKDOWN)))
    assert_defused(html)
    assert ("h2", {"id": "Kept-heading"}) in Elements(html).elements
    assert "overlay" in html and "click" in html and "more" in html  # the text stays, the tricks go


def test_hostile_outputs_lose_their_scripts_and_keep_their_headings():
    cell = v4.new_code_cell("show()", outputs=[
        v4.new_output("display_data", data={"text/html": "<h3>Output heading</h3><script>alert('html')</script>"
                                                         "<img src=x onerror=alert('out')>",
                                            "text/plain": "fallback"}),
        v4.new_output("display_data", data={"text/markdown": "#### Markdown output\n\n<script>alert('md')</script>",
                                            "text/plain": "fallback"}),
        v4.new_output("display_data", data={"application/javascript": "alert('js')", "text/plain": "fallback"}),
        v4.new_output("display_data", data={"application/vnd.jupyter.widget-view+json":
                                            {"model_id": "abc", "version_major": 2, "version_minor": 0},
                                            "text/plain": "interactive(...)"}),
        v4.new_output("stream", name="stdout", text="<script>alert('stream')</script>\n"),
    ])
    page = page_of(cell)
    html = body(page)
    assert_defused(html.replace("&lt;script&gt;alert('stream')&lt;/script&gt;", ""))  # stdout is shown as text
    tags = Elements(html).tags()
    assert "h3" in tags and "h4" in tags
    assert "<script" not in page
    assert "interactive(...)" in html  # a widget without saved state shows its text


def test_every_formula_of_every_master_converts_to_mathml_the_sanitiser_keeps():
    """Each $...$ and $$...$$ of the nine masters becomes MathML without falling back, and the sanitiser keeps
    every element and attribute of it (an allowlist that missed one would drop it from the page)."""
    checked = 0
    for assignment in ASSIGNMENTS:
        for display, latex in course_math(notebooks.read(course.master_path(assignment))):
            mathml = to_mathml(latex, display)
            assert mathml.startswith("<math") and "tex-fallback" not in mathml, (assignment, latex)
            original = [(tag, {k: v for k, v in attrs.items() if k != "xmlns"})
                        for tag, attrs in Elements(mathml).elements]
            assert Elements(sanitise(mathml)).elements == original, (assignment, latex)
            checked += 1
    assert checked > 500  # the course's lectures are full of formulas


@pytest.mark.parametrize("latex", [r"\frac{1}{", r"a_1_2", r"\left( x", r"\notacommand{x} < 1"])
def test_a_formula_that_cannot_convert_stays_readable_latex(latex):
    assert to_mathml(latex, "inline") == ('<code class="tex-fallback">$'
                                          + latex.replace("<", "&lt;") + "$</code>")
    assert to_mathml(latex, "block").startswith('<code class="tex-fallback">$$')


def test_text_in_a_formula_is_text_not_markup():
    """latex2mathml's own `convert` would write `\\text{a<b & c}` as `<mtext>a<b & c</mtext>`."""
    mathml = to_mathml(r"x < y, \text{a<b & <i>c</i>}")
    assert Elements(mathml).tags() == ["math", "mrow", "mi", "mo", "mi", "mo", "mtext"]
    assert "".join(Elements(mathml).text) == "x<y,a<b\xa0&\xa0<i>c</i>"


def test_markdown_math_becomes_mathml_and_a_bad_formula_falls_back():
    html = body(page_of(v4.new_markdown_cell("Inline $\\hat{y} = \\sigma(w^T x + b)$, display\n\n"
                                             "$$J = \\frac{1}{m} \\sum_{i=1}^m L^{(i)}$$\n\nand broken $\\frac{1}{$.")))
    elements = Elements(html).elements
    assert [attrs.get("display") for tag, attrs in elements if tag == "math"] == ["inline", "block"]
    assert "mfrac" in Elements(html).tags() and "munderover" in Elements(html).tags()
    assert '<code class="tex-fallback">$\\frac{1}{$</code>' in html
    assert "$\\hat" not in html and "$$" not in html


def test_feedback_lines_show_character_for_character():
    """A check message is plain text: its `<`, backticks, `*`, `_` and `$` are shown, not interpreted."""
    message = "visible check failed: `sigmoid(<array of shape (5,)>)` gave 2*x_1 not $x$ & [1](2) <b>"
    result = Result("s_1*", "2.2-logistic-regression", "", problems=[Problem("x", "<i>x</i>")],
                    cells={"test_sigmoid": CellScore(0.0, 3.0, feedback=message)})
    html = body(page_of(v4.new_markdown_cell(summary_markdown(result))))
    text = " ".join("".join(Elements(html).text).split())
    assert "test_sigmoid: 0 / 3: " + message in text
    assert "student s_1*" in text and "<i>x</i>" in text
    assert Elements(html).tags().count("code") == 1 and "math" not in Elements(html).tags()


def test_a_course_page_is_one_file_that_loads_nothing():
    """Lecture 2.2's student copy (markdown full of formulas, reference figures) as a feedback page: no script, no
    stylesheet link, no external URL anywhere it would be fetched, every formula MathML."""
    assignment = "2.2-logistic-regression"
    nb = notebooks.read(course.student_path(assignment))
    page = render(nb, "Feedback: test")
    assert not re.search(r"<script|<link|<iframe|@import", page, re.IGNORECASE)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", body(page), re.IGNORECASE)
    assert set(re.findall(r"url\(\s*['\"]?([a-z]+):", page)) <= {"data"}
    assert page.count("<math") == len(course_math(nb)) > 50
    assert "tex-fallback" not in page
    assert "data:image/png;base64," in page  # the reference figures are embedded


def test_a_hidden_test_line_in_highlighted_code_is_refused() -> None:
    """Highlighting splits a code line into <span>s, so the raw HTML never holds it whole: the page's text does."""
    from grader.reports import LeakError, _secret_lines, render_feedback

    lecture = "2.5-derivatives"
    line = max(_secret_lines(lecture) - {"### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"}, key=len)
    nb = v4.new_notebook(cells=[v4.new_markdown_cell("# Feedback"), v4.new_code_cell(line)])
    result = Result("s1", lecture, "", feedback=nbformat.writes(nb))
    with pytest.raises(LeakError, match="hidden-test"):
        render_feedback(result)


# --------------------------------------------------------------------------- the page in the submission's language
def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_language_has_every_text_with_the_same_fields():
    """A text missing in one language, or one whose placeholders differ, would fail only when a student hits it."""
    import utils.language

    assert feedback_text.LANGUAGES == utils.language.LANGUAGES  # the kernel's editions are the grader's
    english = feedback_text.TEXT[feedback_text.ENGLISH]
    for language, table in feedback_text.TEXT.items():
        assert set(table) == set(english), language
        assert {key: _fields(text) for key, text in table.items()} == \
            {key: _fields(text) for key, text in english.items()}, language


def test_every_problem_a_submission_can_have_is_translated():
    """Each kind of problem intake or a job records for a graded submission has a sentence in every other language
    (found in the grader's source, so a new kind fails here), and says at most which cell."""
    source = "".join(path.read_text() for path in (course.REPO / "grader").glob("*.py"))
    kinds = set(re.findall(r'problems\.append\((?:problem|Problem)\("([a-z-]+)"', source))
    assert {"locked-cell-edited", "missing-test-cell", "unreadable", "kernel"} <= kinds
    for language in set(feedback_text.LANGUAGES) - {feedback_text.ENGLISH}:
        table = feedback_text.PROBLEMS[language]
        assert set(table) == kinds, language
        assert all(_fields(text) <= {"grade_id"} for text in table.values()), language


CJK = re.compile(r"[\u4e00-\u9fff]")


def graded_result(language: str = "zh-CN") -> Result:
    """A result of lecture 2.7 as `grade_one` writes it, in `language`: a lost test, a problem, its feedback."""
    result = Result("ada", "2.7-computation-graph", "", language=language, timestamp="2026-10-13 00:04:00 UTC",
                    problems=[Problem("locked-cell-edited", "locked cell test_Value was edited: restored from the "
                                      "master", "test_Value")],
                    cells={"test_forward": CellScore(0.0, 2.0, "test failed: AssertionError: ",
                                                     feedback_text.say(language, "test_failed")),
                           "test_Value": CellScore(3.0, 3.0)})
    nb = v4.new_notebook(cells=[v4.new_markdown_cell(summary_markdown(result)), v4.new_code_cell("x = 1")])
    nb.cells[1].outputs = [score_line("test_forward", result)]
    return dataclasses.replace(result, feedback=nbformat.writes(nb))


def english_words(text: str) -> list[str]:
    """The English table's words (three letters or more) that `text` holds, outside the cell ids and the lecture."""
    text = re.sub(r"test\\?_\w+|2\.7-computation-graph|AssertionError", " ", text)
    words = {w for line in feedback_text.TEXT["en"].values() for w in re.findall(r"[A-Za-z]{3,}", line)}
    return sorted(w for w in words - {"nbgrader", "stderr", "timestamp", "txt", "Canvas"}
                  if re.search(rf"\b{w}\b", text))


def test_a_chinese_feedback_page_speaks_chinese(tmp_path):
    """Heading, score with the late penalty and its sentence, test lines, problems and the page's lang: all from the
    Chinese table (no English word of the grader's), while the same result in English reads as before."""
    (tmp_path / "deadlines.toml").write_text('["2.7-computation-graph"]\ndue = "2026-10-12 23:59 Europe/Berlin"\n'
                                             'late = "subtract 1 point per hour"\n')
    due = deadlines.load(tmp_path)
    page = render_feedback(lateness.with_lateness(graded_result(), due))
    assert '<html lang="zh-CN">' in page and "<title>反馈：2.7-computation-graph</title>" in page
    text = " ".join("".join(Elements(body(page)).text).split())
    assert "反馈：2.7-computation-graph，学生 ada" in text
    assert "得分：0 / 5（比截止时间晚 2 小时 5 分钟提交：扣 3 分；扣分前为 3 分）" in text
    assert "test_forward：0 / 2：测试没有通过" in text and "[评分] test_forward：0 / 2（测试没有通过）" in text
    assert "锁定的单元格 test_Value 被改动过，已按原版恢复" in text
    assert not english_words(text), english_words(text)
    english = render_feedback(lateness.with_lateness(graded_result("en"), due))
    assert '<html lang="en">' in english and not CJK.search(english)
    text = " ".join("".join(Elements(body(english)).text).split())
    assert "Score: 0 / 5 (submitted 2 h 5 min after the deadline: -3 points; 3 before the penalty)" in text
    assert "[grader] test_forward: 0 / 2 (the test failed)" in text


def test_a_reviewers_changes_speak_the_submissions_language():
    """A score set on review and the instructor's comments, on a Chinese page: Chinese words around them."""
    result = graded_result()
    key = (result.student_id, result.assignment_id)
    changes = ({key: {"test_forward": Change(0.0, 1.0, 0.5)}}, {key: {"forward": "看看第三行"}})
    reviewed = review.with_reviewer_changes(result, changes)
    nb = nbformat.reads(reviewed.feedback or "", as_version=4)
    said = "此分数由老师复核后给出（测试给出的是 0 分），其中含 0.5 分额外加分"
    assert f"- `test_forward`：1.5 / 2：{plain(said)}" in nb.cells[0].source
    assert nb.cells[1].source == "**老师的评语**\n\n- `forward`: 看看第三行"
    assert nb.cells[2].outputs[0].text == f"[评分] test_forward：1.5 / 2（{said}）\n"
    assert not english_words(nb.cells[0].source + nb.cells[1].source)
