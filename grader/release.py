"""Generate the student copies (`notebooks/`) from the masters (`solutions/`) with nbgrader."""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat

from . import course, notebooks, translation

if TYPE_CHECKING:
    from nbgrader.apps import NbGraderAPI

REFERENCE_FIGURE_TAG = "reference-figure"
IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml")


class ReleaseError(RuntimeError):
    """nbgrader could not generate a student copy."""


def with_reference_figures(student: nbformat.NotebookNode, master: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Give the cells tagged `reference-figure` the master's stored images, and nothing else of its outputs.

    A stuck student still sees the picture a lecture is about; running the cell redraws it from their own code.
    Only images ship: text outputs could give an answer away.
    """
    stored = {cell.get("id"): cell for cell in master.cells}
    for cell in _tagged(student):
        source = stored.get(cell.get("id"))
        if cell.cell_type != "code" or "nbgrader" in cell.metadata or source is None:
            raise ReleaseError(f"cell {cell.get('id')} is tagged {REFERENCE_FIGURE_TAG!r} but is not a plain code cell "
                               "of the master")
        images = image_outputs(source)
        if not images:
            raise ReleaseError(f"cell {cell.get('id')} is tagged {REFERENCE_FIGURE_TAG!r} but the master stores no "
                               "image for it: run `python -m grader execute-solutions` first")
        cell.outputs = images
    return student


def _tagged(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in nb.cells if REFERENCE_FIGURE_TAG in cell.metadata.get("tags", [])]


def image_outputs(cell: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """The images a code cell stores, as display_data outputs holding nothing else."""
    return [nbformat.v4.new_output("display_data", data=_images(out.data), metadata=_images(out.get("metadata", {})))
            for out in cell.get("outputs", [])
            if out.output_type in ("display_data", "execute_result") and set(out.data) & set(IMAGE_TYPES)]


def _images(mapping: dict) -> dict:
    """The entries of an output's data (or metadata) that are images."""
    return {k: v for k, v in mapping.items() if k in IMAGE_TYPES}


def reference_figures(nb: nbformat.NotebookNode) -> list[dict]:
    """The id, source and images of each cell tagged `reference-figure` of an executed notebook (an edition's
    figures file, `translation.figures_path`)."""
    return [{"id": cell.get("id"), "source": cell.source, "outputs": image_outputs(cell)} for cell in _tagged(nb)]


def with_edition_figures(copy: nbformat.NotebookNode, figures: list[dict]) -> list[str]:
    """Give the tagged cells of `copy` the edition's images from `figures`; return the ids of those left with the
    English images, because their stored figure is missing or was drawn from another source (stale)."""
    stored = {figure["id"]: figure for figure in figures}
    stale = []
    for cell in _tagged(copy):
        figure = stored.get(cell.get("id"))
        if figure is None or figure["source"] != cell.source or not figure["outputs"]:
            stale.append(cell.id)
        else:
            cell.outputs = [nbformat.from_dict(out) for out in figure["outputs"]]
    return stale


def translated_copy(student: nbformat.NotebookNode, name: str, language: str) -> nbformat.NotebookNode:
    """The `language` edition of an English student copy (or of the home page): its markdown cells translated, its
    reference figures drawn in `language`; warns about cells and figures left in English."""
    applied = translation.apply(student, translation.read_po(translation.po_path(language, name)), language)
    if applied.untranslated:
        print(f"warning: {language}/{name}: {len(applied.untranslated)} cell(s) shown in English, their translation is "
              f"missing or stale ({', '.join(applied.untranslated)}): run `python -m grader.translation update {name}` "
              "and translate them", file=sys.stderr)
    if name != translation.HOME:
        figures = translation.read_figures(translation.figures_path(language, name))
        stale = with_edition_figures(applied.notebook, figures)
        if stale:
            print(f"warning: {language}/{name}: {len(stale)} reference figure(s) shown in English, their {language} "
                  f"image is missing or stale ({', '.join(stale)}): run `python -m grader execute-solutions {name}`",
                  file=sys.stderr)
    return applied.notebook


def translated_home(home: nbformat.NotebookNode, language: str) -> nbformat.NotebookNode:
    """The home page of an edition: translated, with the edition's note after the title, and links to lectures not
    translated yet pointing at the English copies."""
    home = translated_copy(home, translation.HOME, language)
    note = (translation.source_dir(language) / "edition-note.md").read_text(encoding="utf-8").strip()
    home.cells.insert(1, nbformat.v4.new_markdown_cell(note, id="edition-note"))
    label = translation.ENGLISH_ONLY[language]
    for lecture in set(course.assignments()) - set(translation.translated_lectures(language)):
        for cell in home.cells:
            if cell.cell_type == "markdown":
                link = rf"\[([^\]]*)\]\({re.escape(lecture)}/"
                cell.source = re.sub(link, rf"[\1{label}](../{lecture}/", cell.source)
    return home


@contextmanager
def _scratch_course(assignment_ids: list[str] | None = None) -> Iterator[NbGraderAPI]:
    """An nbgrader API over a temporary course directory holding copies of the masters.

    Nothing is written to the repository: the gradebook and every generated file live in
    the temporary directory, which is removed afterwards.
    """
    course.put_interpreter_on_path()
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

    with tempfile.TemporaryDirectory(prefix="nbgrader-course-") as root:
        for assignment_id in assignment_ids or course.assignments():
            shutil.copytree(course.SOLUTIONS / assignment_id, Path(root) / "source" / assignment_id)
        config = Config()
        config.CourseDirectory.root = root
        config.CourseDirectory.course_id = course.COURSE_ID
        config.Exchange.root = str(Path(root) / "exchange")
        config.ExecutePreprocessor.timeout = 120
        coursedir = CourseDirectory(config=config)
        yield NbGraderAPI(coursedir=coursedir, config=config)


def generate(assignment_ids: list[str], destination: Path) -> list[Path]:
    """Run `nbgrader generate_assignment` on each assignment; write normalised copies under `destination`, and the
    course's home page (`start-here.ipynb`, no outputs) beside them. Each edition (`translation.LANGUAGES`) gets the
    same under `destination/<language>/`, for the lectures it has translated, with its glossary page."""
    home = notebooks.normalise(notebooks.read(course.HOME_PAGE), keep_outputs=False)
    notebooks.write(home, destination / course.HOME_PAGE.name)
    written = [destination / course.HOME_PAGE.name]
    for language in translation.LANGUAGES:
        notebooks.write(translated_home(home, language), destination / language / course.HOME_PAGE.name)
        (destination / language / "glossary.md").write_text(translation.glossary_markdown(language), encoding="utf-8")
        written += [destination / language / course.HOME_PAGE.name, destination / language / "glossary.md"]
    with _scratch_course(assignment_ids) as api:
        root = Path(api.coursedir.root)
        for assignment_id in assignment_ids:
            result = api.generate_assignment(assignment_id)
            if not result["success"]:
                reason = result.get("error") or result.get("log")
                raise ReleaseError(f"nbgrader could not generate {assignment_id}:\n{reason}")
            target = destination / assignment_id
            if target.exists():
                shutil.rmtree(target)
            for path in sorted((root / "release" / assignment_id).rglob("*")):
                out = target / path.relative_to(root / "release" / assignment_id)
                if path.is_dir():
                    out.mkdir(parents=True, exist_ok=True)
                elif path.suffix == ".ipynb":
                    student = notebooks.normalise(notebooks.read(path), keep_outputs=False)
                    master = notebooks.read(course.master_path(assignment_id))
                    notebooks.write(with_reference_figures(student, master), out)
                    written.append(out)
                else:
                    out.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, out)
            written += _translate_lecture(assignment_id, destination)
    return written


def _translate_lecture(assignment_id: str, destination: Path) -> list[Path]:
    """Copy the English `destination/<id>/` to each edition that translates the lecture, its notebook translated."""
    written = []
    for language in translation.LANGUAGES:
        target = destination / language / assignment_id
        if target.exists():
            shutil.rmtree(target)
        if assignment_id not in translation.translated_lectures(language):
            continue
        shutil.copytree(destination / assignment_id, target)
        notebook = target / f"{assignment_id}.ipynb"
        notebooks.write(translated_copy(notebooks.read(notebook), assignment_id, language), notebook)
        written.append(notebook)
    return written


def release(assignment_ids: list[str] | None = None) -> list[Path]:
    """Regenerate `notebooks/` for the given assignments (all by default), removing stale ones."""
    ids = assignment_ids or course.assignments()
    if assignment_ids is None:
        remove_stale(course.NOTEBOOKS, ids)
    return generate(ids, course.NOTEBOOKS)


def remove_stale(folder: Path, ids: list[str]) -> None:
    """Remove the lecture folders of `folder` (and of its editions) that are not in `ids`."""
    editions = [folder / language for language in translation.LANGUAGES]
    for parent in [folder, *editions]:
        for stale in parent.iterdir() if parent.is_dir() else []:
            if stale.is_dir() and stale.name not in ids and stale not in editions:
                shutil.rmtree(stale)
