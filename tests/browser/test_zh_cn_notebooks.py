"""Every notebook of the Simplified Chinese edition opens in JupyterLab, shows its Chinese in real glyphs (no empty
boxes) and no English prose, and Run All on the blank copy stops at the first check cell, as the English copy does."""

from __future__ import annotations

import re
import shutil

import pytest

from grader import course, translation
from lab_driver import Lab
from test_translations import ENGLISH_RUN, prose

LANGUAGE = "zh-CN"
FRIENDLY = "还没有实现"  # the check boxes speak the edition's language (utils.checks.messages)
# Chromium draws a character that no installed font covers as the missing-glyph box. Draw each Chinese character
# of the page, in the font of the text it stands in, on a canvas; the ones drawn exactly like a private-use
# character (which no font has) are such boxes.
MISSING_GLYPHS_JS = """(cells, pattern = '[\\u4e00-\\u9fff]') => {
    const canvas = document.createElement('canvas'); canvas.width = 48; canvas.height = 48;
    const g = canvas.getContext('2d');
    const draw = (text) => { g.clearRect(0, 0, 48, 48); g.fillText(text, 4, 36);
                             return g.getImageData(0, 0, 48, 48).data.join(','); };
    const missing = [];
    for (const cell of cells) {
        const style = getComputedStyle(cell);
        g.font = `32px ${style.fontFamily}`;
        const box = draw('\\u{10FFFD}');
        for (const ch of new Set(cell.innerText.match(new RegExp(pattern, 'gu')) || [])) {
            if (draw(ch) === box) missing.push(ch);
        }
    }
    return [...new Set(missing)];
}"""
# The rendered text of each markdown cell without formulas and code, as a reader sees the prose.
PROSE_JS = """(cells) => cells.map((cell) => {
    const copy = cell.cloneNode(true);
    copy.querySelectorAll('mjx-container, code, pre, .MathJax').forEach((e) => e.remove());
    return copy.textContent;
})"""


@pytest.fixture(scope="module")
def edition(workspace) -> str:
    """The edition's notebooks in the browser's server root, beside the English copies."""
    shutil.copytree(course.NOTEBOOKS / LANGUAGE, workspace / LANGUAGE, dirs_exist_ok=True)
    return LANGUAGE


def test_the_glyph_check_tells_a_box_from_a_glyph(lab: Lab, edition: str) -> None:
    lab.open(f"{edition}/start-here.ipynb", wait_for_kernel=False)
    cell = lab.notebook.locator(".jp-RenderedMarkdown").first
    cell.evaluate("(e) => { e.innerText = '中文\\u{10FFFE}'; }")  # another private-use character: no font has it
    assert cell.evaluate_all(MISSING_GLYPHS_JS, "[\\u4e00-\\u9fff\\u{10FFFE}]") == ["\U0010fffe"]


@pytest.mark.parametrize("lecture", [translation.HOME, *translation.translated_lectures(LANGUAGE)])
def test_chinese_copy_in_jupyterlab(lab: Lab, edition: str, lecture: str, screenshots_dir) -> None:
    home = lecture == translation.HOME
    lab.open(f"{edition}/start-here.ipynb" if home else f"{edition}/{lecture}/{lecture}.ipynb")
    markdown = lab.notebook.locator(".jp-MarkdownCell")
    rendered = lab.notebook.locator(".jp-MarkdownCell.jp-mod-rendered .jp-RenderedMarkdown")
    assert rendered.count() == markdown.count() > 0, f"{rendered.count()} of {markdown.count()} cells rendered"
    if not home:
        assert lab.notebook.locator(".jp-RenderedMarkdown h1").first.inner_text().startswith(lecture.split("-")[0])
        lab.page.wait_for_selector(".jp-RenderedMarkdown mjx-container", timeout=30_000)

    missing = rendered.evaluate_all(MISSING_GLYPHS_JS)
    assert not missing, f"{lecture}: Chinese drawn as empty boxes (no font covers {''.join(missing[:20])}): run " \
                        "scripts/install-cjk-font.sh"
    english = [run for text in rendered.evaluate_all(PROSE_JS) for run in ENGLISH_RUN.findall(prose(text))]
    assert not english, f"{lecture}: English prose on the page: {english[:3]}"

    if not home:
        lab.clear_and_run_all()
        cells = lab.cells()
        stop = next(c for c in cells if c.errors)
        first_check = next(c for c in cells if c.is_check)
        assert stop.index == first_check.index, f"Run All stopped at {stop.describe()}, not at the first check"
        text = lab.cell(stop.index).locator(".jp-OutputArea-output").last.inner_text()
        assert FRIENDLY in text and not re.search(r"Traceback \(most recent call last\)", text), text[:300]
    lab.screenshots(screenshots_dir / LANGUAGE, lecture)


# 2.5's static slope triangle (cell 6) and its widget (cell 8) both run before the first exercise of the blank copy.
FIGURE_LECTURE, FIGURE_CELL, WIDGET_CELL = "2.5-derivatives", 6, 8


def test_figures_and_widgets_speak_chinese_in_the_chinese_copy(lab: Lab, edition: str, screenshots_dir) -> None:
    """The same figure, run in the English and in the Chinese copy, differs (its texts are translated), is drawn
    without a missing-glyph warning, and the widget's labels are Chinese characters a font covers."""
    folder = screenshots_dir / LANGUAGE / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    figures = {}
    for name, root in (("en", "student"), (LANGUAGE, edition)):
        lab.open(f"{root}/{FIGURE_LECTURE}/{FIGURE_LECTURE}.ipynb")
        lab.clear_and_run_all()
        lab.wait_for_widgets()
        warnings = [s["text"] for c in lab.cells()[:WIDGET_CELL + 1] for s in c.stderr]
        assert not warnings, f"{name}: {warnings[:2]}"  # e.g. matplotlib's "Glyph ... missing from font(s)"
        image = lab.cell(FIGURE_CELL).locator(".jp-OutputArea-output img").first
        assert image.evaluate("(i) => i.complete && i.naturalWidth > 0"), f"{name}: the figure is not drawn"
        figures[name] = image.get_attribute("src")
        image.screenshot(path=str(folder / f"{name}-slope-triangle.png"))
        view = lab.widget_views(WIDGET_CELL).first
        view.scroll_into_view_if_needed()
        view.screenshot(path=str(folder / f"{name}-slope-triangle-widget.png"))
        labels = view.locator(".widget-label")
        texts = labels.all_inner_texts()
        if name == LANGUAGE:
            assert "微小增量" in texts, texts
            assert labels.evaluate_all(MISSING_GLYPHS_JS) == [], "a widget label is drawn as empty boxes"
        else:
            assert "nudge" in texts, texts
    assert figures["en"] != figures[LANGUAGE], "the Chinese copy shows the English figure"
