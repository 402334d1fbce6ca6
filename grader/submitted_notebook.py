"""A submitted notebook: rebuilt clean from its bytes (`read_notebook`), then compared with the student copy nbgrader
released (`reconcile`), with the problems met on the way.
"""

from __future__ import annotations

import json
import warnings

import nbformat

from .assignment import nbgrader_cells
from .results import Problem
from .submission_files import MAX_NOTEBOOK_BYTES


class Unreadable(ValueError):
    """The bytes are not a notebook nbgrader can grade; the message says why."""


def read_notebook(content: bytes) -> tuple[nbformat.NotebookNode, list[Problem]]:
    """A clean nbformat-4 notebook rebuilt from `content` (code, markdown and raw cells: source and nbgrader metadata
    only), and the problems met. Raises `Unreadable`."""
    problems: list[Problem] = []
    if not content.strip():
        raise Unreadable("the notebook file is empty")
    if len(content) > MAX_NOTEBOOK_BYTES:
        raise Unreadable(f"the notebook file is larger than {MAX_NOTEBOOK_BYTES // 2**20} MB")
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise Unreadable(f"the notebook file is not UTF-8 text ({error.reason})") from None
    except (json.JSONDecodeError, RecursionError) as error:
        raise Unreadable(f"the notebook file is not valid JSON ({error})") from None
    if not isinstance(data, dict) or not ("cells" in data or "worksheets" in data):
        raise Unreadable("the file is JSON but not a notebook (no cells)")
    major = data.get("nbformat")
    if major != 4:
        problems.append(Problem("old-format", f"notebook format {major} converted to format 4"))
    try:
        with warnings.catch_warnings():  # missing or repeated cell ids: the cells are rebuilt with ids of our own below
            warnings.simplefilter("ignore", nbformat.warnings.MissingIDFieldWarning)
            warnings.simplefilter("ignore", nbformat.warnings.DuplicateCellId)
            nb = nbformat.reads(json.dumps(data), as_version=4)
    except Exception as error:  # noqa: BLE001 - nbformat raises many kinds
        raise Unreadable(f"nbformat cannot read the notebook ({type(error).__name__}: {error})") from None
    clean = nbformat.v4.new_notebook()
    for key in ("kernelspec", "language_info"):
        if isinstance(nb.metadata.get(key), dict):
            clean.metadata[key] = nb.metadata[key]
    if isinstance(nb.metadata.get("language"), str):  # the edition (a Chinese copy: "zh-CN"), for its feedback
        clean.metadata["language"] = nb.metadata["language"]
    dropped = 0
    for index, cell in enumerate(nb.get("cells", [])):
        if not isinstance(cell, dict):
            dropped += 1
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(str(s) for s in source)
        source = str(source)
        kind = cell.get("cell_type")
        maker = {"code": nbformat.v4.new_code_cell, "markdown": nbformat.v4.new_markdown_cell,
                 "raw": nbformat.v4.new_raw_cell}.get(str(kind))
        if maker is None:
            dropped += 1
            continue
        new = maker(source)
        new.id = f"cell-{index}"
        metadata = cell.get("metadata", {}) if isinstance(cell.get("metadata"), dict) else {}
        if isinstance(metadata.get("nbgrader"), dict):
            new.metadata["nbgrader"] = json.loads(json.dumps(metadata["nbgrader"]))
        if isinstance(metadata.get("tags"), list):
            new.metadata["tags"] = [str(t) for t in metadata["tags"]]
        clean.cells.append(new)
    if dropped:
        problems.append(Problem("bad-cells", f"{dropped} malformed cell(s) dropped"))
    return clean, problems


def reconcile(nb: nbformat.NotebookNode, release: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, list[Problem]]:
    """Compare a submission with the student copy nbgrader generated; fix what nbgrader cannot, report the rest.

    nbgrader itself restores edited locked cells, changed cell types and the kernelspec, keeps the last of
    duplicated cells and (with `add_missing_cells`) re-adds a deleted test cell after the cell before it in the
    master. Here we report all of that, drop nbgrader metadata it does not know, and re-insert deleted test cells
    ourselves only where nbgrader could not place them (the cell before them is gone too).
    """
    problems: list[Problem] = []
    master = {gid: (i, meta, release.cells[i]) for i, gid, meta in nbgrader_cells(release)}
    order = [gid for _, gid, _ in nbgrader_cells(release)]
    kernel = nb.metadata.get("kernelspec", {}).get("name")
    expected_kernel = release.metadata.get("kernelspec", {}).get("name")
    if kernel != expected_kernel:
        problems.append(Problem("kernel", f"notebook names kernel {kernel!r}: graded with {expected_kernel!r}"))
    counts: dict[str, int] = {}
    for i, gid, _meta in nbgrader_cells(nb):
        if gid not in master:
            del nb.cells[i].metadata["nbgrader"]
            problems.append(Problem("unknown-cell", f"cell {i} claims nbgrader id {gid!r}, which the assignment does "
                                                    "not have: graded as an ordinary cell"))
            continue
        counts[gid] = counts.get(gid, 0) + 1
    for gid, n in counts.items():
        if n > 1:
            problems.append(Problem("duplicated-cell", f"cell {gid} appears {n} times: only the last copy is graded",
                                    grade_id=gid))
            # as nbgrader's DeduplicateIds does, but removing the metadata (an empty dict trips add_missing_cells)
            for i, _, _ in [c for c in nbgrader_cells(nb) if c[1] == gid][:-1]:
                del nb.cells[i].metadata["nbgrader"]
    present = {gid for _, gid, _ in nbgrader_cells(nb)}
    for i, gid, _meta in nbgrader_cells(nb):
        if gid not in master:
            continue
        _, master_meta, master_cell = master[gid]
        cell = nb.cells[i]
        if cell.cell_type != master_cell.cell_type:
            problems.append(Problem("cell-type", f"cell {gid} was changed from {master_cell.cell_type} to "
                                                 f"{cell.cell_type}: nbgrader changes it back", grade_id=gid))
        if master_meta.get("locked") and cell.source != master_cell.source:
            what = "emptied" if not cell.source.strip() else "edited"
            problems.append(Problem("locked-cell-edited", f"locked cell {gid} was {what}: restored from the master",
                                    grade_id=gid))
    missing = [gid for gid in order if gid not in present]
    missing_tests = [gid for gid in missing if master[gid][1].get("grade")]
    for gid in missing:
        if not master[gid][1].get("grade"):
            problems.append(Problem("missing-answer-cell", f"answer cell {gid} was deleted (or lost its metadata)",
                                    grade_id=gid))
    nbgrader_can = all(order[order.index(gid) - 1] in present for gid in missing_tests if order.index(gid) > 0)
    for gid in missing_tests:
        problems.append(Problem("missing-test-cell", f"test cell {gid} was deleted: re-added from the master "
                                                     f"({'nbgrader add_missing_cells' if nbgrader_can else 'grader'})",
                                grade_id=gid))
    if missing_tests and not nbgrader_can:
        for gid in missing_tests:
            position = _insert_position(nb, order, gid)
            cell = nbformat.from_dict(json.loads(json.dumps(master[gid][2])))
            cell.id = f"readded-{gid}"[:64]
            nb.cells.insert(position, cell)
    return nb, problems


def _insert_position(nb: nbformat.NotebookNode, order: list[str], gid: str) -> int:
    """After the nearest earlier nbgrader cell of the master that the submission has; else at the end."""
    here = {g: i for i, g, _ in nbgrader_cells(nb)}
    for earlier in reversed(order[: order.index(gid)]):
        if earlier in here:
            return here[earlier] + 1
    return len(nb.cells)
