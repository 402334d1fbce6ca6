"""Reading, writing and normalising notebooks so they stay reviewable in git."""

from __future__ import annotations

from pathlib import Path

import nbformat

# Notebook-level metadata worth keeping; everything else (widget state, editor state) is dropped.
KEPT_NOTEBOOK_METADATA = ("kernelspec", "language_info")
KEPT_CELL_METADATA = ("nbgrader", "tags", "deletable", "editable")
# All of what the kernel reports: JupyterLab fills in a missing key when the notebook opens, which marks an untouched
# notebook as changed ("save changes?" on close). `version` is the Python the masters were executed with.
KEPT_LANGUAGE_INFO = ("name", "version", "codemirror_mode", "nbconvert_exporter", "file_extension", "mimetype",
                      "pygments_lexer")


def normalise(nb: nbformat.NotebookNode, keep_outputs: bool) -> nbformat.NotebookNode:
    """Strip volatile metadata; with `keep_outputs=False` also clear outputs and execution counts."""
    nb.metadata = nbformat.from_dict({k: nb.metadata[k] for k in KEPT_NOTEBOOK_METADATA if k in nb.metadata})
    if "language_info" in nb.metadata:
        info = nb.metadata.language_info
        nb.metadata.language_info = nbformat.from_dict({k: info[k] for k in KEPT_LANGUAGE_INFO if k in info})
    for cell in nb.cells:
        cell.metadata = nbformat.from_dict({k: cell.metadata[k] for k in KEPT_CELL_METADATA if k in cell.metadata})
        if cell.cell_type == "code" and not keep_outputs:
            cell.outputs = []
            cell.execution_count = None
    return nb


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def write(nb: nbformat.NotebookNode, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
