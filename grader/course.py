"""Where the course's notebooks live, and the interpreter nbgrader runs its tools and kernels with."""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOLUTIONS = REPO / "solutions"
NOTEBOOKS = REPO / "notebooks"
HOME_PAGE = SOLUTIONS / "start-here.ipynb"  # the course's home page, released beside the lectures
COURSE_ID = "nn-basics"


def assignments() -> list[str]:
    """The assignment ids present in `solutions/`, in lecture order."""
    return sorted(
        (p.name for p in SOLUTIONS.iterdir() if (p / f"{p.name}.ipynb").is_file()),
        key=lambda name: [int(part) for part in name.split("-")[0].split(".")],
    )


def master_path(assignment_id: str) -> Path:
    """The master notebook of an assignment."""
    return SOLUTIONS / assignment_id / f"{assignment_id}.ipynb"


def student_path(assignment_id: str) -> Path:
    """The committed student copy of an assignment."""
    return NOTEBOOKS / assignment_id / f"{assignment_id}.ipynb"


def put_interpreter_on_path() -> None:
    """nbgrader runs `alembic` and kernels from PATH: make this interpreter's scripts win, even unactivated."""
    scripts = os.path.dirname(sys.executable)
    if os.environ.get("PATH", "").split(os.pathsep)[0] != scripts:
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")
