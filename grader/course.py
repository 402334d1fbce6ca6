"""Where the course's notebooks live, and a throw-away nbgrader course directory to work in."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

REPO = Path(__file__).resolve().parent.parent
SOLUTIONS = REPO / "solutions"
NOTEBOOKS = REPO / "notebooks"
HOME_PAGE = SOLUTIONS / "start-here.ipynb"  # the course's home page, released beside the lectures
COURSE_ID = "nn-basics"

if TYPE_CHECKING:
    from nbgrader.apps import NbGraderAPI


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


@contextmanager
def scratch_course(assignment_ids: list[str] | None = None) -> Iterator[NbGraderAPI]:
    """An nbgrader API over a temporary course directory holding copies of the masters.

    Nothing is written to the repository: the gradebook and every generated file live in
    the temporary directory, which is removed afterwards.
    """
    _put_interpreter_on_path()
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

    with tempfile.TemporaryDirectory(prefix="nbgrader-course-") as root:
        for assignment_id in assignment_ids or assignments():
            shutil.copytree(SOLUTIONS / assignment_id, Path(root) / "source" / assignment_id)
        config = Config()
        config.CourseDirectory.root = root
        config.CourseDirectory.course_id = COURSE_ID
        config.Exchange.root = str(Path(root) / "exchange")
        config.ExecutePreprocessor.timeout = 120
        coursedir = CourseDirectory(config=config)
        yield NbGraderAPI(coursedir=coursedir, config=config)


def _put_interpreter_on_path() -> None:
    """nbgrader runs `alembic` and kernels from PATH: make this interpreter's scripts win, even unactivated."""
    scripts = os.path.dirname(sys.executable)
    if os.environ.get("PATH", "").split(os.pathsep)[0] != scripts:
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")
