"""Generate the student copies (`notebooks/`) from the masters (`solutions/`) with nbgrader."""

from __future__ import annotations

import shutil
from pathlib import Path

from . import course, notebooks


class ReleaseError(RuntimeError):
    """nbgrader could not generate a student copy."""


def generate(assignment_ids: list[str], destination: Path) -> list[Path]:
    """Run `nbgrader generate_assignment` on each assignment; write normalised copies under `destination`."""
    written = []
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
                    notebooks.write(notebooks.normalise(notebooks.read(path), keep_outputs=False), out)
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
