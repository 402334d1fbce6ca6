"""The scratch nbgrader courses jobs grade in: their configuration, nbgrader's API over them, and the templates
(a course with one assignment generated) each job copies.

A batch's grading processes get their settings as arguments (`use`): the folder where they share templates and
nbgrader's gradebook schema version, worked out once by the command.
"""

from __future__ import annotations

import atexit
import fcntl
import functools
import hashlib
import shutil
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import course
from .execution import GraderExecute
from .sandbox import Limits
from .sandboxed_kernel import SandboxedKernelManager

AUTOGRADE_STEPS = [  # nbgrader's Autograde.autograde_preprocessors, with its Execute replaced by the grader's
    GraderExecute, "nbgrader.preprocessors.IgnorePattern", "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput", "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties", "nbgrader.preprocessors.CheckCellMetadata",
]

_shared_templates: Path | None = None  # set by `use`: a folder the grading processes of one batch share


def config(root: Path, limits: Limits, record: Path | None = None, job_dir: Path | None = None,
           language: str = "en"):
    """nbgrader's configuration of a scratch course at `root`, grading under `limits`; the execution record goes to
    `record`, the kernels' private directories under `job_dir`; the kernels speak `language` (COURSE_LANGUAGE)."""
    from traitlets.config import Config

    settings = Config()
    settings.CourseDirectory.root = str(root)
    settings.CourseDirectory.course_id = course.COURSE_ID
    settings.Exchange.root = str(root / "exchange")
    settings.OverwriteCells.add_missing_cells = True
    settings.Autograde.autograde_preprocessors = AUTOGRADE_STEPS
    settings.GraderExecute.timeout = limits.cell_timeout
    settings.GraderExecute.notebook_timeout = limits.notebook_timeout
    settings.GraderExecute.output_bytes = limits.output_bytes
    settings.GraderExecute.kernel_manager_class = SandboxedKernelManager
    settings.GraderExecute.iopub_timeout = 4
    settings.GraderExecute.startup_timeout = 120
    settings.GraderExecute.record_path = str(record or "")
    settings.GraderExecute.language = language
    settings.SandboxedKernelManager.job_dir = str(job_dir or root)
    settings.SandboxedKernelManager.limits = limits.as_dict()
    settings.SandboxedKernelManager.language = language
    return settings


@functools.lru_cache(maxsize=1)
def alembic_head() -> str:
    """The schema version of the installed nbgrader's gradebook, read from its alembic scripts in this process."""
    import nbgrader
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(Path(nbgrader.__file__).parent / "alembic")).get_current_head()
    if head is None:
        raise RuntimeError("nbgrader's alembic scripts name no schema version")
    return head


def use(templates: Path | None, head: str | None) -> None:
    """A grading process's settings from its batch: the template folder its processes share, and the gradebook
    schema version (`know_gradebook_schema`)."""
    global _shared_templates
    _shared_templates = templates
    know_gradebook_schema(head)


def know_gradebook_schema(head: str | None = None) -> None:
    """Each new gradebook asks nbgrader's `get_alembic_version`, which runs the `alembic` command (a subprocess,
    ~3 s) for an answer that depends only on the installed nbgrader: give it the answer (`head`, or worked out here).
    A private hook, pinned by tests/test_upstream_hooks.py."""
    import nbgrader.api

    head = head or alembic_head()
    nbgrader.api.get_alembic_version = lambda: head


@contextmanager
def quiet() -> Iterator[None]:
    """nbgrader's gradebook code warns "... not in session" on every autograde: not a problem of ours to show."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*not in session.*")
        yield


def api(root: Path, settings):
    """nbgrader's API over the scratch course at `root`."""
    course.put_interpreter_on_path()
    know_gradebook_schema()
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    return NbGraderAPI(coursedir=CourseDirectory(config=settings), config=settings)


def template(assignment_id: str) -> Path:
    """A scratch course with the assignment generated (gradebook and student copy), for jobs to copy."""
    sha = hashlib.sha256(course.master_path(assignment_id).read_bytes()).hexdigest()
    return _template(assignment_id, sha, _shared_templates)


@functools.cache
def _template(assignment_id: str, master_sha: str, shared: Path | None) -> Path:
    """Made once per process, or once per batch in the folder its grading processes share (the first to need it
    generates it under a lock; the others copy from it)."""
    if shared is None or not shared.is_dir():
        return _generate(assignment_id)
    done = shared / f"{assignment_id}-{master_sha[:16]}"
    with open(shared / f".{done.name}.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.is_dir():
            shutil.move(str(_generate(assignment_id)), done)
    return done


def forget_templates() -> None:
    """Forget this process's templates (their folder is going away)."""
    _template.cache_clear()


def _generate(assignment_id: str) -> Path:
    root = Path(tempfile.mkdtemp(prefix=f"grader-template-{assignment_id[:12]}-"))
    shutil.copytree(course.SOLUTIONS / assignment_id, root / "source" / assignment_id)
    atexit.register(shutil.rmtree, root, True)  # a no-op once moved into a batch's shared folder
    with quiet():
        result = api(root, config(root, Limits())).generate_assignment(assignment_id)
    if not result["success"]:
        raise RuntimeError(f"nbgrader could not generate {assignment_id}: {result.get('error') or result.get('log')}")
    return root
