"""Translated editions: the English student copy with its markdown cells replaced from one gettext PO file.

Layout (translation sources, never shipped: they sit outside every assignment folder, so nbgrader never sees them):

  solutions/<language>/<lecture>.po     one entry per markdown cell of the English master:
                                        msgctxt = the cell id, msgid = its English source, msgstr = the translation
  solutions/<language>/start-here.po    the course's home page, likewise
  solutions/<language>/edition-note.md  a cell the release step adds to the home page (about this edition)
  solutions/<language>/<lecture>.figures.json
                                        the lecture's reference figures drawn in the edition's language (written by
                                        `python -m grader execute-solutions`): per tagged cell its id, the source it
                                        was drawn from (another source in the master makes it stale) and its images
  solutions/<language>/glossary.tsv     english, translation, symbol, lecture, avoid (rejected synonyms, `;`-separated)

Code cells are never translated: an edition runs, and is graded by, the English master's code and tests. An entry is
stale when its msgid is no longer the master cell's source (or when `update` marked it fuzzy): the edition then shows
the current English cell under a note, never an outdated translation. `python -m grader.translation update [LECTURE...]`
brings the PO files in step with the masters (a changed cell keeps its old translation, marked fuzzy, with the old
English as `#| msgid` so the translator sees what changed).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import polib

from . import course

LANGUAGES = ("zh-CN",)
HOME = "start-here"
ERRATUM_MARK = "**讲义勘误**"  # opens the boxed note on a mistake in the Chinese lecture notes
STALE_NOTE = {"zh-CN": "> *此段的英文原文已更新，译文尚待更新，下面先给出英文原文。*\n\n"}
ENGLISH_ONLY = {"zh-CN": "（英文版）"}  # marks a home page link to a lecture the edition has not translated yet


def source_dir(language: str) -> Path:
    return course.SOLUTIONS / language


def po_path(language: str, name: str) -> Path:
    """The translation file of a lecture (or of the home page, `start-here`)."""
    return source_dir(language) / f"{name}.po"


def figures_path(language: str, lecture: str) -> Path:
    """The lecture's reference figures drawn in `language` (see `release.with_edition_figures`)."""
    return source_dir(language) / f"{lecture}.figures.json"


def read_figures(path: Path) -> list[dict]:
    """The figures stored at `path`; none if there is no such file."""
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []


def write_figures(figures: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(figures, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def translated_lectures(language: str) -> list[str]:
    """The lectures that have a translation file, in lecture order."""
    return [a for a in course.assignments() if po_path(language, a).is_file()]


@dataclass
class Applied:
    notebook: nbformat.NotebookNode
    untranslated: list[str]  # ids of markdown cells left in English (no entry, an empty one, stale or fuzzy)


def apply(nb: nbformat.NotebookNode, po: polib.POFile, language: str) -> Applied:
    """A copy of `nb` whose markdown cells hold their translations, and `language` in its metadata."""
    nb = nbformat.from_dict(nb)
    entries = {entry.msgctxt: entry for entry in po if not entry.obsolete}
    untranslated = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        entry = entries.get(cell.get("id"))
        if entry is None or not entry.msgstr or entry.fuzzy or entry.msgid != cell.source:
            untranslated.append(cell.get("id"))
            cell.source = STALE_NOTE[language] + cell.source
        else:
            cell.source = entry.msgstr
    nb.metadata["language"] = language
    return Applied(nb, untranslated)


def update(master: nbformat.NotebookNode, po: polib.POFile) -> polib.POFile:
    """`po` in step with the master's markdown cells, in notebook order: a changed cell's entry keeps its translation,
    marked fuzzy, with the old English as previous msgid; entries of removed cells are dropped."""
    old = {entry.msgctxt: entry for entry in po if not entry.obsolete}
    fresh = polib.POFile(wrapwidth=0)
    fresh.metadata = po.metadata or {"Content-Type": "text/plain; charset=UTF-8", "Language": ""}
    for cell in master.cells:
        if cell.cell_type != "markdown":
            continue
        entry = old.get(cell.get("id")) or polib.POEntry(msgctxt=cell.get("id"), msgid=cell.source, msgstr="")
        if entry.msgid != cell.source:
            if entry.msgstr and not entry.fuzzy:
                entry.previous_msgid = entry.msgid
                entry.flags.append("fuzzy")
            entry.msgid = cell.source
        fresh.append(entry)
    return fresh


def read_po(path: Path) -> polib.POFile:
    return polib.pofile(str(path), wrapwidth=0) if path.is_file() else polib.POFile(wrapwidth=0)


def write_po(po: polib.POFile, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    po.wrapwidth = 0
    po.save(str(path))


def master_of(name: str) -> nbformat.NotebookNode:
    return nbformat.read(course.HOME_PAGE if name == HOME else course.master_path(name), as_version=4)


@dataclass
class Term:
    english: str
    translation: str
    symbol: str
    lecture: str
    avoid: list[str]


def glossary(language: str) -> list[Term]:
    """The edition's glossary: one translation per concept, in the order of the file."""
    lines = (source_dir(language) / "glossary.tsv").read_text(encoding="utf-8").splitlines()
    terms = []
    for line in lines[1:]:
        if line.strip():
            english, translation, symbol, lecture, avoid = (line.split("\t") + [""] * 5)[:5]
            terms.append(Term(english, translation, symbol, lecture, [a for a in avoid.split(";") if a]))
    return terms


def glossary_markdown(language: str) -> str:
    """The glossary page shipped as notebooks/<language>/glossary.md."""
    rows = [f"| {t.english} | {t.translation} | {t.symbol} | {t.lecture} |" for t in glossary(language)]
    head = {"zh-CN": "# 术语表\n\n本课程中每个概念只用一个中文术语。每讲第一次出现某个术语时，"
                     "后面的括号里给出英文原文，方便你查阅英文资料。\n\n"
                     "| 英文 | 中文 | 符号 | 引入的讲次 |\n| --- | --- | --- | --- |"}[language]
    return head + "\n" + "\n".join(rows) + "\n"


def _update_command(args: argparse.Namespace) -> int:
    for language in args.languages:
        names = args.lectures or [HOME] + translated_lectures(language)
        for name in names:
            path = po_path(language, name)
            po = update(master_of(name), read_po(path))
            po.metadata["Language"] = language
            write_po(po, path)
            todo = [e.msgctxt for e in po if not e.msgstr or e.fuzzy]
            print(f"{language}/{path.name}: {len(po) - len(todo)} of {len(po)} cells translated"
                  + (f"; to do: {', '.join(todo)}" if todo else ""))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grader.translation", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    up = commands.add_parser("update", help="bring solutions/<language>/*.po in step with the English masters")
    up.add_argument("lectures", nargs="*", metavar="LECTURE", help=f"lecture ids or {HOME} (default: all translated)")
    up.add_argument("--language", dest="languages", action="append", choices=LANGUAGES)
    args = parser.parse_args(argv)
    args.languages = args.languages or list(LANGUAGES)
    unknown = [n for n in args.lectures if n != HOME and n not in course.assignments()]
    if unknown:
        parser.error(f"no such lecture in solutions/: {', '.join(unknown)}")
    return _update_command(args)


if __name__ == "__main__":
    sys.exit(main())
