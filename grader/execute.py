"""Execute master notebooks: in place, so their stored outputs (nbval's reference) are current; and once per edition,
keeping only the reference figures (drawn in that edition's language) for its student copies."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat

from . import notebooks, release, translation

ENGLISH = "en"


def executed(path: Path, language: str, timeout: int = 600) -> nbformat.NotebookNode:
    """The notebook at `path`, run in a fresh kernel whose `COURSE_LANGUAGE` is `language` (see utils/language.py)."""
    from nbclient import NotebookClient

    nb = notebooks.read(path)
    resources = {"metadata": {"path": str(path.parent)}}
    env = {**os.environ, "COURSE_LANGUAGE": language}  # the kernel gets exactly this environment
    NotebookClient(nb, timeout=timeout, kernel_name="python3", resources=resources).execute(env=env)
    return nb


def execute_in_place(path: Path, timeout: int = 600) -> None:
    """Run every cell of the notebook at `path` in English and save it with its outputs."""
    notebooks.write(notebooks.normalise(executed(path, ENGLISH, timeout), keep_outputs=True), path)


def store_edition_figures(path: Path, lecture: str, language: str, timeout: int = 600) -> Path:
    """Run the master at `path` in `language` and store its reference figures for that edition's copy (never
    touching the master itself)."""
    target = translation.figures_path(language, lecture)
    translation.write_figures(release.reference_figures(executed(path, language, timeout)), target)
    return target
