"""Execute master notebooks in place, so their stored outputs (nbval's reference) are current."""

from __future__ import annotations

from pathlib import Path

from . import notebooks


def execute_in_place(path: Path, timeout: int = 600) -> None:
    """Run every cell of the notebook at `path` in a fresh kernel and save it with its outputs."""
    from nbclient import NotebookClient

    nb = notebooks.read(path)
    resources = {"metadata": {"path": str(path.parent)}}
    NotebookClient(nb, timeout=timeout, kernel_name="python3", resources=resources).execute()
    notebooks.write(notebooks.normalise(nb, keep_outputs=True), path)
