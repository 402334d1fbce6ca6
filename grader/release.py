"""Generate the student copies (`notebooks/`) from the masters (`solutions/`) with nbgrader."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat

from . import course, notebooks


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
    for cell in student.cells:
        if REFERENCE_FIGURE_TAG not in cell.metadata.get("tags", []):
            continue
        source = stored.get(cell.get("id"))
        if cell.cell_type != "code" or "nbgrader" in cell.metadata or source is None:
            raise ReleaseError(f"cell {cell.get('id')} is tagged {REFERENCE_FIGURE_TAG!r} but is not a plain code cell "
                               "of the master")
        images = [nbformat.v4.new_output("display_data", data={k: v for k, v in out.data.items() if k in IMAGE_TYPES},
                                         metadata={k: v for k, v in out.get("metadata", {}).items() if k in IMAGE_TYPES})
                  for out in source.outputs
                  if out.output_type in ("display_data", "execute_result") and set(out.data) & set(IMAGE_TYPES)]
        if not images:
            raise ReleaseError(f"cell {cell.get('id')} is tagged {REFERENCE_FIGURE_TAG!r} but the master stores no image "
                               "for it: run `python -m grader execute-solutions` first")
        cell.outputs = images
    return student


def generate(assignment_ids: list[str], destination: Path) -> list[Path]:
    """Run `nbgrader generate_assignment` on each assignment; write normalised copies under `destination`, and the
    course's home page (`start-here.ipynb`, no outputs) beside them."""
    home = notebooks.normalise(notebooks.read(course.HOME_PAGE), keep_outputs=False)
    notebooks.write(home, destination / course.HOME_PAGE.name)
    written = [destination / course.HOME_PAGE.name]
    with course.scratch_course(assignment_ids) as api:
        root = Path(api.coursedir.root)
        for assignment_id in assignment_ids:
            result = api.generate_assignment(assignment_id)
            if not result["success"]:
                raise ReleaseError(f"nbgrader could not generate {assignment_id}:\n{result.get('error') or result.get('log')}")
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
    return written


def release(assignment_ids: list[str] | None = None) -> list[Path]:
    """Regenerate `notebooks/` for the given assignments (all by default), removing stale ones."""
    ids = assignment_ids or course.assignments()
    if assignment_ids is None and course.NOTEBOOKS.exists():
        for stale in course.NOTEBOOKS.iterdir():
            if stale.is_dir() and stale.name not in ids:
                shutil.rmtree(stale)
    return generate(ids, course.NOTEBOOKS)
