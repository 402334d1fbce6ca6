"""Every widget of every master notebook shows something when its cell runs in a real kernel.

nbclient records the widgets' state like a browser's widget manager would: each `interactive` widget owns an
Output widget, which must hold the figure (or text) its function produced.
"""

from __future__ import annotations

import pytest

from notebook_cases import ASSIGNMENTS
from grader import course, notebooks

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("assignment_id", ASSIGNMENTS)
def test_every_widget_output_shows_a_figure_or_text(assignment_id):
    from nbclient import NotebookClient

    course._put_interpreter_on_path()
    path = course.master_path(assignment_id)
    nb = notebooks.read(path)
    NotebookClient(nb, timeout=600, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    outputs = {model_id: m["state"].get("outputs", []) for model_id, m in state.items() if m["model_name"] == "OutputModel"}
    assert outputs, f"{assignment_id} has no interactive widget"
    empty = [model_id for model_id, items in outputs.items()
             if not any({"image/png", "text/plain"} & set(item.get("data", {})) or item.get("text") for item in items)]
    assert not empty, f"{len(empty)} of {len(outputs)} widgets of {assignment_id} show nothing"
