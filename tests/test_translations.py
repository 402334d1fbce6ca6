"""The Simplified Chinese edition (notebooks/zh-CN/): generated from the English masters plus solutions/zh-CN/*.po,
complete and current, consistent in its terms, and graded exactly like the English copies."""

from __future__ import annotations

import html
import re
import shutil

import nbformat
import polib
import pytest

from grader import course, notebooks, translation
from grader.execute import store_edition_figures
from grader.release import REFERENCE_FIGURE_TAG, generate, remove_stale, translated_copy, with_edition_figures
from grader.reports import render_feedback
from grader.results import Result
from notebook_cases import answer_cells, load_mutants, results_of, session_cases_for, with_answer

LANGUAGE = "zh-CN"
EDITION = course.NOTEBOOKS / LANGUAGE
LECTURES = translation.translated_lectures(LANGUAGE)
PAGES = [translation.HOME, *LECTURES]
# Errata against the Chinese lecture notes (../shared/seed/), each checked there: a phrase its box must contain.
ERRATA = {
    "2.1-binary-classification": ["前向暂停"],
    "2.2-logistic-regression": [],
    "2.3-cost-function": ["$\\hat{y} = w^T x + b$", "[0, 1]"],
    "2.4-gradient-descent": ["在你测试集上", "必须定义"],
    "2.5-derivatives": ["f(a)=3, a=15", "a=0.001"],
    "2.6-more-derivative-examples": ["准确的值应该为4.004"],
    "2.8-derivatives-with-computation-graph": ["\\frac{dJ}{du} = 6"],
    "2.9-logistic-regression-gradient-descent": ["w := w - a"],
}
ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ ,;:]+[A-Za-z][A-Za-z'’-]*){3,}")  # four English words in a row
CJK = re.compile(r"[\u4e00-\u9fff]")


def edition_copy(name: str) -> nbformat.NotebookNode:
    return notebooks.read(EDITION / ("start-here.ipynb" if name == translation.HOME else f"{name}/{name}.ipynb"))


def markdown(nb: nbformat.NotebookNode) -> list[str]:
    return [cell.source for cell in nb.cells if cell.cell_type == "markdown"]


def without_errata(text: str) -> str:
    """The text without its errata boxes (a blockquote opened by the erratum mark): they quote the notes' wording."""
    return re.sub(rf"^> {re.escape(translation.ERRATUM_MARK)}.*(?:\n>.*)*", " ", text, flags=re.MULTILINE)


def without_code_and_math(text: str) -> str:
    text = re.sub(r"```.*?```|\$\$.*?\$\$|\$[^$]*\$|`[^`]*`", " ", text, flags=re.DOTALL)
    return re.sub(r"<[^>]+>|\]\([^)]*\)", " ", text)


def prose(text: str) -> str:
    """Running text: no code, math, HTML, link targets, nor parentheses (where English terms are glossed)."""
    return re.sub(r"\([^()]*\)|（[^（）]*）", " ", without_code_and_math(text))


def test_the_edition_exists_from_lecture_one_on():
    assert LECTURES[:1] == ["2.1-binary-classification"]
    assert course.assignments()[:len(LECTURES)] == LECTURES, "translate the lectures in order"


@pytest.mark.slow
def test_committed_edition_equals_a_fresh_generation(tmp_path):
    generate(LECTURES, tmp_path)
    fresh = {p.relative_to(tmp_path / LANGUAGE) for p in (tmp_path / LANGUAGE).rglob("*") if p.is_file()}
    committed = {p.relative_to(EDITION) for p in EDITION.rglob("*") if p.is_file()}
    assert fresh == committed, "notebooks/zh-CN/ is out of date: run `python -m grader release`"
    for relative in fresh:
        new, old = (tmp_path / LANGUAGE / relative).read_bytes(), (EDITION / relative).read_bytes()
        assert new == old, f"notebooks/zh-CN/{relative} is stale: run `python -m grader release`"


def stale_figures(lecture: str) -> list[str]:
    """The reference-figure cells of the master whose stored Chinese figure is missing or drawn from another source."""
    figures = translation.read_figures(translation.figures_path(LANGUAGE, lecture))
    return with_edition_figures(translation.master_of(lecture), figures)


@pytest.mark.parametrize("name", PAGES)
def test_every_markdown_cell_is_translated_and_current(name):
    po = translation.read_po(translation.po_path(LANGUAGE, name))
    master = translation.master_of(name)
    applied = translation.apply(master, po, LANGUAGE)
    assert not applied.untranslated, (f"{name}: cells {applied.untranslated} are untranslated or stale: run "
                                      f"`python -m grader.translation update {name}` and translate them")
    stale = [] if name == translation.HOME else stale_figures(name)
    assert not stale, (f"{name}: the Chinese reference figures of cells {stale} are missing or stale: run "
                       f"`python -m grader execute-solutions {name}`")
    cells = [cell.get("id") for cell in master.cells if cell.cell_type == "markdown"]
    assert [entry.msgctxt for entry in po if not entry.obsolete] == cells, f"{name}: entries of removed cells"


@pytest.mark.parametrize("lecture", LECTURES)
def test_code_cells_and_cell_order_equal_the_english_copy(lecture):
    chinese, english = edition_copy(lecture), notebooks.read(course.student_path(lecture))
    assert chinese.metadata.pop("language") == LANGUAGE
    assert chinese.metadata == english.metadata
    assert [(c.get("id"), c.cell_type, c.metadata) for c in chinese.cells] == \
        [(c.get("id"), c.cell_type, c.metadata) for c in english.cells]
    for zh, en in zip(chinese.cells, english.cells, strict=True):
        if en.cell_type == "code":  # the reference figures' images differ (drawn in Chinese): checked below
            if REFERENCE_FIGURE_TAG in en.metadata.get("tags", []):
                zh, en = ({k: v for k, v in c.items() if k != "outputs"} for c in (zh, en))
            assert zh == en, f"{lecture}: code cell {en.get('id')} differs from the English copy"
        else:
            assert zh.source != en.source, f"{lecture}: markdown cell {en.get('id')} is the English one"


@pytest.mark.parametrize("name", PAGES)
def test_no_english_prose_is_left(name):
    for source in markdown(edition_copy(name)):
        text = prose(source)
        assert CJK.search(text) or not re.search(r"[A-Za-z]{3}", text), f"{name}: no Chinese in {source[:80]!r}"
        left = ENGLISH_RUN.findall(text)
        assert not left, f"{name}: English prose in a Chinese cell: {left[:3]}"


def test_the_english_prose_check_catches_a_forgotten_cell():
    forgotten = "## 2. From an image to a feature vector\n\nLogistic regression takes a single column of numbers."
    assert ENGLISH_RUN.findall(prose(forgotten))
    glossed = "逻辑回归（logistic regression gradient descent）的输入是 $w^T x + b$。"
    assert not ENGLISH_RUN.findall(prose(glossed))


def _first_uses(text: str, terms: list[translation.Term]) -> dict[str, int]:
    """Where each term's Chinese first stands on its own (not as part of a longer glossary term)."""
    spans = {t.translation: [m.span() for m in re.finditer(re.escape(t.translation), text)] for t in terms}
    first = {}
    for term in terms:
        longer = [s for other, found in spans.items() if term.translation in other and other != term.translation
                  for s in found]
        own = [s for s in spans[term.translation] if not any(a <= s[0] and s[1] <= b for a, b in longer)]
        if own:
            first[term.translation] = own[0][1]
    return first


@pytest.mark.parametrize("name", PAGES)
def test_terms_follow_the_glossary(name):
    """One Chinese term per concept (no rejected synonym outside an errata box); in a lecture, the first use of each
    term carries its English in parentheses."""
    terms = translation.glossary(LANGUAGE)
    text = without_code_and_math(without_errata("\n\n".join(markdown(edition_copy(name)))))
    for term in terms:
        rejected = [word for word in term.avoid if word in text]
        assert not rejected, f"{name}: {rejected} where the glossary says {term.translation} ({term.english})"
    if name == translation.HOME:
        return
    first_uses = _first_uses(text, terms)
    for term in terms:
        end = first_uses.get(term.translation)
        if end is not None:
            gloss = re.match(r"\s*[（(]([^）)]*)", text[end:])
            assert gloss and gloss.group(1).lower().startswith(term.english.lower()), (
                f"{name}: the first {term.translation} must read {term.translation}（{term.english}）: "
                f"{text[max(0, end - 30):end + 30]!r}")


def test_the_glossary_has_one_translation_per_concept():
    terms = translation.glossary(LANGUAGE)
    assert len({t.english for t in terms}) == len({t.translation for t in terms}) == len(terms)
    lectures = {a.split("-")[0] for a in course.assignments()}
    assert all(t.lecture in lectures for t in terms)


@pytest.mark.parametrize("lecture", LECTURES)
def test_errata_against_the_notes_are_in_their_lecture(lecture):
    boxes = [m.group(0) for m in re.finditer(rf"^> {re.escape(translation.ERRATUM_MARK)}.*(?:\n>.*)*",
                                             "\n\n".join(markdown(edition_copy(lecture))), flags=re.MULTILINE)]
    for phrase in ERRATA.get(lecture, []):
        assert any(phrase in box for box in boxes), f"{lecture}: no erratum box mentions {phrase!r}"


def test_home_page_links_resolve_and_name_english_only_lectures():
    home = edition_copy(translation.HOME)
    links = [target for source in markdown(home) for target in re.findall(r"\]\(([^)#]+)\)", source)]
    assert links and all((EDITION / target).resolve().is_file() for target in links), links
    for lecture in course.assignments():
        local = f"]({lecture}/{lecture}.ipynb)" in home.cells[0].source
        assert local == (lecture in LECTURES), lecture
    assert home.metadata.language == LANGUAGE


def test_translation_sources_never_ship():
    assert LANGUAGE not in course.assignments()
    assert not [p for p in course.SOLUTIONS.glob("*/*") if p.parent.name != LANGUAGE and p.suffix != ".ipynb"]
    shipped = {p.suffix for p in course.NOTEBOOKS.rglob("*") if p.is_file()}
    assert not shipped & {".po", ".tsv"}


def test_a_changed_english_cell_shows_english_until_translated_again():
    master = translation.master_of(LECTURES[0])
    po = translation.read_po(translation.po_path(LANGUAGE, LECTURES[0]))
    cell = next(c for c in master.cells if c.cell_type == "markdown")
    old_translation = next(e.msgstr for e in po if e.msgctxt == cell.id)
    old_english, cell.source = cell.source, cell.source + "\n\nA new English sentence."

    applied = translation.apply(master, po, LANGUAGE)
    shown = next(c for c in applied.notebook.cells if c.get("id") == cell.id).source
    assert applied.untranslated == [cell.id] and shown.endswith("A new English sentence.")
    assert shown.startswith(translation.STALE_NOTE[LANGUAGE])

    updated = translation.update(master, po)
    entry = next(e for e in updated if e.msgctxt == cell.id)
    assert entry.fuzzy and entry.previous_msgid == old_english and entry.msgstr == old_translation
    assert translation.apply(master, updated, LANGUAGE).untranslated == [cell.id], "a fuzzy entry is not shown"

    master.cells.remove(cell)
    master.cells.append(nbformat.v4.new_markdown_cell("Brand new.", id="brandnew"))
    updated = translation.update(master, updated)
    assert cell.id not in {e.msgctxt for e in updated}
    assert [(e.msgctxt, e.msgstr) for e in updated][-1] == ("brandnew", "")


def test_update_changes_nothing_in_committed_translations(tmp_path, monkeypatch, capsys):
    """Every PO file is in step with its master and in the form `update` writes (so a diff shows only real edits)."""
    committed = translation.source_dir(LANGUAGE)
    shutil.copytree(committed, tmp_path / LANGUAGE)
    monkeypatch.setattr(translation, "source_dir", lambda language: tmp_path / language)
    assert translation.main(["update"]) == 0
    assert "to do" not in capsys.readouterr().out
    for path in committed.glob("*.po"):
        assert (tmp_path / LANGUAGE / path.name).read_bytes() == path.read_bytes(), f"{path.name} changes on update"


def test_release_warns_about_cells_it_shows_in_english(tmp_path, monkeypatch, capsys):
    lecture = LECTURES[0]
    po = translation.read_po(translation.po_path(LANGUAGE, lecture))
    po[0].msgid += " (changed)"  # as if the English master's first cell had changed since
    translation.write_po(po, tmp_path / LANGUAGE / f"{lecture}.po")
    monkeypatch.setattr(translation, "source_dir", lambda language: tmp_path / language)
    copy = translated_copy(notebooks.read(course.student_path(lecture)), lecture, LANGUAGE)
    assert f"warning: {LANGUAGE}/{lecture}: 1 cell(s) shown in English" in capsys.readouterr().err
    assert copy.cells[0].source.startswith(translation.STALE_NOTE[LANGUAGE])


def tagged(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in nb.cells if REFERENCE_FIGURE_TAG in cell.metadata.get("tags", [])]


@pytest.mark.parametrize("lecture", LECTURES)
def test_the_chinese_copy_ships_its_own_reference_figures(lecture):
    """Each reference figure of the Chinese copy is an image, as many as the English copy's, and a different one (the
    Chinese drawing), never the English picture."""
    english, chinese = tagged(notebooks.read(course.student_path(lecture))), tagged(edition_copy(lecture))
    assert [c.id for c in chinese] == [c.id for c in english] and chinese
    for zh, en in zip(chinese, english, strict=True):
        assert len(zh.outputs) == len(en.outputs) > 0, f"{lecture}/{zh.id}: another number of images"
        for zh_out, en_out in zip(zh.outputs, en.outputs, strict=True):
            assert zh_out.output_type == "display_data" and set(zh_out.data) == set(en_out.data), zh_out
            assert zh_out.data != en_out.data, f"{lecture}/{zh.id}: the Chinese copy shows the English figure"


def test_a_stale_or_missing_chinese_figure_shows_the_english_one_warns_and_fails_the_staleness_check(
        tmp_path, monkeypatch, capsys):
    lecture = "2.2-logistic-regression"  # three reference figures
    shutil.copytree(translation.source_dir(LANGUAGE), tmp_path / LANGUAGE)
    monkeypatch.setattr(translation, "source_dir", lambda language: tmp_path / language)
    path = translation.figures_path(LANGUAGE, lecture)
    figures = translation.read_figures(path)
    figures[1]["source"] += "\n# changed"  # as if the master's second figure cell had changed since the last run
    translation.write_figures(figures, path)
    english = notebooks.read(course.student_path(lecture))

    copy = translated_copy(english, lecture, LANGUAGE)
    stale_id = figures[1]["id"]
    assert f"warning: {LANGUAGE}/{lecture}: 1 reference figure(s) shown in English" in capsys.readouterr().err
    shown = {c.id: c.outputs for c in tagged(copy)}
    assert shown[stale_id] == next(c.outputs for c in tagged(english) if c.id == stale_id)
    assert shown[figures[0]["id"]] != next(c.outputs for c in tagged(english) if c.id == figures[0]["id"])
    assert stale_figures(lecture) == [stale_id], "the stale-translation test would pass"

    path.unlink()
    copy = translated_copy(english, lecture, LANGUAGE)
    assert f"warning: {LANGUAGE}/{lecture}: 3 reference figure(s) shown in English" in capsys.readouterr().err
    assert [c.outputs for c in tagged(copy)] == [c.outputs for c in tagged(english)]
    assert len(stale_figures(lecture)) == 3


def test_edition_figures_are_drawn_in_a_kernel_of_that_language_and_leave_the_master_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(translation, "source_dir", lambda language: tmp_path / language)
    draw = "import os\ndisplay({'image/png': os.environ['COURSE_LANGUAGE'], 'text/plain': 'a figure'}, raw=True)"
    master = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('no figure')", id="plain"),
                                             nbformat.v4.new_code_cell(draw, id="figure")])
    master.cells[1].metadata["tags"] = [REFERENCE_FIGURE_TAG]
    path = tmp_path / "lecture.ipynb"
    notebooks.write(master, path)
    before = path.read_bytes()

    stored = translation.read_figures(store_edition_figures(path, "lecture", LANGUAGE))
    assert path.read_bytes() == before, "the Chinese run must not write into the master"
    assert [(f["id"], f["source"]) for f in stored] == [("figure", draw)]
    assert [o["data"] for o in stored[0]["outputs"]] == [{"image/png": LANGUAGE}], "only images, from a zh-CN kernel"


def test_release_keeps_the_editions_and_removes_lectures_gone_from_solutions(tmp_path):
    for folder in ["2.1-a", "9.9-gone", f"{LANGUAGE}/2.1-a", f"{LANGUAGE}/9.9-gone"]:
        (tmp_path / folder).mkdir(parents=True)
    remove_stale(tmp_path, ["2.1-a"])
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == \
        sorted(["2.1-a", LANGUAGE, f"{LANGUAGE}/2.1-a"])


def completed_edition(nb: nbformat.NotebookNode, lecture: str) -> nbformat.NotebookNode:
    """A copy of `nb` (either edition of `lecture`) with every answer cell filled in from the master."""
    solutions = answer_cells(notebooks.read(course.master_path(lecture)))
    nb = nbformat.from_dict(nb)
    for grade_id, cell in answer_cells(nb).items():
        cell.source = solutions[grade_id].source
    return nb


# a cell each graded copy gets at its end: it prints the language utils.language gives the grading kernel
EDITION_PROBE = "from utils.language import current\nprint('edition:', current())"


FLOOD = "print('x' * 2_000_100)"  # just over the output kept per cell (sandbox.Limits.output_bytes)


def _probed(nb: nbformat.NotebookNode, source: str = EDITION_PROBE) -> nbformat.NotebookNode:
    nb = nbformat.from_dict(nb)
    nb.cells.append(nbformat.v4.new_code_cell(source))
    return nb


def edition_cases(lecture: str) -> dict[str, nbformat.NotebookNode]:
    """What the tests below grade of one lecture: a completed and a blank Chinese copy, and one mutant in each edition
    (every copy but the blank one with EDITION_PROBE, the blank one with FLOOD)."""
    chinese, english = edition_copy(lecture), notebooks.read(course.student_path(lecture))
    function, mutants = next(iter(load_mutants(lecture).items()))
    mutant = next(iter(mutants.values()))
    return {"completed": _probed(completed_edition(chinese, lecture)),
            "blank": _probed(chinese, FLOOD),
            "mutant_zh": _probed(with_answer(completed_edition(chinese, lecture), function, mutant)),
            "mutant_en": _probed(with_answer(completed_edition(english, lecture), function, mutant))}


session_cases_for("graded_editions", edition_cases)


@pytest.fixture(scope="module")
def graded_editions(graded_course) -> dict[tuple[str, str], dict]:
    """`edition_cases` of every lecture the session's tests below name, graded in the session's one grader run."""
    return results_of(graded_course, "graded_editions")


@pytest.mark.slow
@pytest.mark.parametrize("lecture", LECTURES)
def test_the_chinese_copy_is_graded_like_the_english_one(lecture, graded_editions):
    """Through `python -m grader autograde`: a completed Chinese copy scores full marks, a blank one zero, and a mutant
    loses the same points in both editions."""
    results = {name: result for (graded, name), result in graded_editions.items() if graded == lecture}
    assert results["completed"]["score"] == results["completed"]["max_score"] > 0
    assert results["blank"]["score"] == 0
    scores = {name: {gid: cell["score"] for gid, cell in results[name]["cells"].items()}
              for name in ("mutant_zh", "mutant_en")}
    assert scores["mutant_zh"] == scores["mutant_en"] and results["mutant_zh"]["score"] < results["completed"]["score"]


def _page(result: dict) -> tuple[str, str]:
    """(the feedback page `feedback` writes for a journal entry, the text a reader sees in its body)."""
    page = render_feedback(Result.from_json(result))
    main = page[page.index("<main>"):page.index("</main>")]
    return page, " ".join(html.unescape(re.sub(r"<[^>]*>", " ", main)).split())


def _edition_printed(result: dict) -> list[str]:
    """What EDITION_PROBE printed in the graded notebook."""
    nb = nbformat.reads(result["autograded"], as_version=4)
    return re.findall(r"^edition: (\S+)$", "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", [])),
                      flags=re.MULTILINE)


@pytest.mark.slow
@pytest.mark.parametrize("lecture", LECTURES)
def test_the_feedback_is_in_the_submissions_language(lecture, graded_editions):
    """The kernel grading a Chinese copy runs in Chinese (utils.language sees COURSE_LANGUAGE=zh-CN), and its feedback
    page is Chinese: the grader's words, the reasons for lost points, and the student's own markdown. An English copy
    gets English throughout; the instructor's reasons are English in both."""
    results = {name: result for (graded, name), result in graded_editions.items() if graded == lecture}
    assert [results[name]["language"] for name in ("completed", "blank", "mutant_zh", "mutant_en")] == \
        [LANGUAGE, LANGUAGE, LANGUAGE, "en"]
    assert _edition_printed(results["completed"]) == _edition_printed(results["mutant_zh"]) == [LANGUAGE]
    assert _edition_printed(results["mutant_en"]) == ["en"]
    flooded = nbformat.reads(results["blank"]["feedback"], as_version=4).cells[-1].outputs
    assert flooded[-1].text.strip() == "[评分：超过 2000000 字节的输出已被丢弃]"  # the grader's note in a cell, too

    page, text = _page(results["completed"])
    assert f'<html lang="{LANGUAGE}">' in page and f"<title>反馈：{lecture}</title>" in page
    score = results["completed"]["score"]
    assert f"反馈：{lecture}，学生 " in text and f"得分：{score:g} / {score:g}" in text and "[评分]" in text
    assert not re.search(r"Feedback|Score|\[grader\]|before the penalty", text)
    title = next(cell.source for cell in edition_copy(lecture).cells if cell.cell_type == "markdown")
    assert " ".join(title.splitlines()[0].lstrip("# ").split()) in text  # the student's markdown stays Chinese

    for mutant, chinese in (("mutant_zh", True), ("mutant_en", False)):
        lost = [cell for cell in results[mutant]["cells"].values() if cell["score"] < cell["max_score"]]
        assert lost, mutant
        for cell in lost:
            assert bool(CJK.search(cell["feedback"])) == chinese, (mutant, cell["feedback"])
            assert re.match(r"(hidden tests failed|visible check failed|test failed|the )", cell["reason"]), cell
    english_page, english_text = _page(results["mutant_en"])
    assert '<html lang="en">' in english_page and f"Feedback: {lecture}, student " in english_text
    assert "反馈" not in english_text and "得分" not in english_text


def test_po_files_are_valid_gettext():
    for name in PAGES:
        po = polib.pofile(str(translation.po_path(LANGUAGE, name)))
        assert po.metadata["Language"] == LANGUAGE and po.percent_translated() == 100
