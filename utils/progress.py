"""Which lectures a student has completed, read from their saved notebooks (no server, nothing executed).

A check cell counts as passed when the saved notebook shows it ran and raised no error; it counts as failed when it
shows an error. A lecture is complete when every one of its check cells passed.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from IPython.display import HTML


@dataclass(frozen=True)
class LectureProgress:
    """The checks of one lecture notebook, as last saved."""

    lecture: str
    title: str
    checks: int
    passed: int
    failed: int

    @property
    def complete(self) -> bool:
        return self.checks > 0 and self.passed == self.checks

    @property
    def status(self) -> str:
        if self.complete:
            return "complete"
        if self.passed or self.failed:
            return f"{self.passed} of {self.checks} checks passed"
        return "not started"


def lecture_progress(path: Path) -> LectureProgress:
    """Read the check cells of one saved lecture notebook (nbgrader test cells: `grade` set, no solution)."""
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    title = next((_first_heading(c) for c in cells if c["cell_type"] == "markdown" and _first_heading(c)), path.stem)
    checks = [c for c in cells if c.get("metadata", {}).get("nbgrader", {}).get("grade")
              and not c["metadata"]["nbgrader"].get("solution")]
    failed = sum(1 for c in checks if any(o.get("output_type") == "error" for o in c.get("outputs", [])))
    ran = sum(1 for c in checks if c.get("execution_count") is not None)
    return LectureProgress(Path(path).parent.name, title, len(checks), ran - failed, failed)


def _first_heading(cell: dict) -> str:
    source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
    return next((line.lstrip("#").strip() for line in source.splitlines() if line.startswith("# ")), "")


def course_progress(folder: str | Path = ".") -> list[LectureProgress]:
    """Every lecture notebook `<folder>/<lecture>/<lecture>.ipynb`, in lecture order."""
    found = [p / f"{p.name}.ipynb" for p in Path(folder).iterdir() if (p / f"{p.name}.ipynb").is_file()]
    return [lecture_progress(p) for p in sorted(found, key=lambda p: _lecture_number(p.parent.name))]


def _lecture_number(name: str) -> list[int]:
    head = name.split("-")[0]
    return [int(part) for part in head.split(".")] if head.replace(".", "").isdigit() else [10**6]


def progress_table(folder: str | Path = ".") -> HTML:
    """An HTML table of `course_progress(folder)`, for the course's home notebook."""
    from IPython.display import HTML

    lectures = course_progress(folder)
    rows = []
    for item in lectures:
        mark = "✅" if item.complete else ("❌" if item.failed else "·")
        link = f"{item.lecture}/{item.lecture}.ipynb"
        rows.append(f"<tr><td>{mark}</td><td><a href='{html.escape(link)}'>{html.escape(item.title)}</a></td>"
                    f"<td>{html.escape(item.status)}</td></tr>")
    done = sum(item.complete for item in lectures)
    return HTML(f"<p><b>{done} of {len(rows)} lectures complete</b> (as last saved).</p>"
                "<table><tr><th></th><th>lecture</th><th>checks</th></tr>" + "".join(rows) + "</table>")
