"""Every widget of every master notebook shows something when its cell runs in a real kernel, and starts where the
text and the static figure next to it are.

nbclient records the widgets' state like a browser's widget manager would: each `interactive` widget owns an
Output widget, which must hold the figure (or text) its function produced, and one model per control, holding the
value the control starts at. The static figure is the plotting call the text points at ("if the sliders do not
show up, here is the same picture for ..."); its arguments are read from the cell's source.
"""

from __future__ import annotations

import ast
import contextlib
import inspect

import pytest

from grader import course, notebooks
from notebook_cases import ASSIGNMENTS

pytestmark = pytest.mark.slow

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_EXECUTED: dict[str, object] = {}

# lecture -> (widget function, static plotting function it mirrors, {control description: parameter of the static
# call}). The start value of each control must equal that argument (or be one of its values, for a list).
PAIRS = {
    "2.1": [("pixel_explorer", "show_pixel_in_vector", {"row": "row", "column": "col", "channel": "channel"})],
    "2.2": [("linear_vs_sigmoid_widget", "plot_linear_vs_sigmoid", {"w": "w", "b": "b"}),
            ("decision_boundary_widget", "plot_decision_boundary", {"w1": "w1", "w2": "w2", "b": "b"})],
    "2.3": [("loss_widget", "plot_loss_curves", {"y_hat": "y_hat"})],
    "2.5": [("slope_triangle_widget", "plot_slope_triangle", {"a": "a", "nudge": "nudge"})],
    "2.6": [("secant_widget", "plot_secant", {"nudge h": "hs"}),
            ("tangent_widget", "plot_tangent_lines", {"a": "points"})],
}


def executed(assignment_id: str):
    """The master notebook executed in a fresh kernel with its widget state stored (once per session)."""
    if assignment_id not in _EXECUTED:
        from nbclient import NotebookClient

        course.put_interpreter_on_path()
        path = course.master_path(assignment_id)
        nb = notebooks.read(path)
        NotebookClient(nb, timeout=600, kernel_name="python3", store_widget_state=True,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        _EXECUTED[assignment_id] = nb
    return _EXECUTED[assignment_id]


def _state(nb) -> dict:
    return nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})


@pytest.mark.parametrize("assignment_id", ASSIGNMENTS)
def test_every_widget_output_shows_a_figure_or_text(assignment_id):
    state = _state(executed(assignment_id))
    outputs = {model_id: m["state"].get("outputs", [])
               for model_id, m in state.items() if m["model_name"] == "OutputModel"}
    assert outputs, f"{assignment_id} has no interactive widget"
    empty = [model_id for model_id, items in outputs.items()
             if not any({"image/png", "text/plain"} & set(item.get("data", {})) or item.get("text") for item in items)]
    assert not empty, f"{len(empty)} of {len(outputs)} widgets of {assignment_id} show nothing"


def _called(source: str) -> ast.Call | None:
    """The call of the cell's last expression (what the cell displays)."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        body = ast.parse("\n".join(lines)).body
    except SyntaxError:
        return None
    if body and isinstance(body[-1], ast.Expr) and isinstance(body[-1].value, ast.Call):
        return body[-1].value
    return None


def _name(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")


def _control_values(state: dict, view_id: str) -> dict[str, object]:
    """The start value of each control of the interactive widget `view_id`, by description."""
    values = {}
    for child in state[view_id]["state"]["children"]:
        model = state[child.removeprefix("IPY_MODEL_")]
        s = model["state"]
        if model["model_name"] == "OutputModel":
            continue
        if "_options_labels" in s:  # SelectionSlider, Dropdown: the label shown; a Dropdown's values are indices
            label = s["_options_labels"][s["index"]]
            values[s["description"]] = s["index"] if model["model_name"] == "DropdownModel" else float(label)
        else:
            values[s["description"]] = _snapped(model["model_name"], s)
    return values


def _snapped(model_name: str, s: dict) -> float:
    """The value the browser shows: a slider snaps its value to its grid min + k * step (a FloatLogSlider to the
    grid of exponents) and sends the snapped value back. 2.5's FloatLogSlider(min=-3, max=0, step=0.25) turned the
    text's 0.5 into 10 ** -0.25 = 0.562 this way."""
    import math

    value = s["value"]
    if "step" not in s or not s.get("step"):
        return value
    if model_name == "FloatLogSliderModel":
        exponent = math.log(value, s["base"])
        return s["base"] ** (s["min"] + round((exponent - s["min"]) / s["step"]) * s["step"])
    return s["min"] + round((value - s["min"]) / s["step"]) * s["step"]


def _imported(nb, name: str):
    """The object `name` as the notebook imports it (`from utils.plotting.<module> import name`)."""
    import importlib

    for cell in nb.cells:
        if cell.cell_type != "code" or "import" not in cell.source:
            continue
        for node in ast.walk(ast.parse("\n".join(line for line in cell.source.splitlines()
                                                 if not line.lstrip().startswith(("%", "!"))))):
            if isinstance(node, ast.ImportFrom) and any(alias.name == name for alias in node.names):
                return getattr(importlib.import_module(node.module or ""), name)
    raise AssertionError(f"the notebook does not import {name}")


def _static_arguments(target, call: ast.Call) -> dict[str, object]:
    """The literal arguments of a call to the plotting function `target`, by parameter name."""
    bound = inspect.signature(target).bind_partial(*call.args, **{k.arg: k.value for k in call.keywords if k.arg})
    literal = {}
    for name, node in bound.arguments.items():
        with contextlib.suppress(ValueError):  # not a literal: the test compares literals only
            literal[name] = ast.literal_eval(node)
    return literal


@pytest.mark.parametrize("lecture", sorted(PAIRS))
def test_widgets_start_at_the_values_of_the_text_and_the_static_figure(lecture):
    """2.5's nudge slider started at 0.562 (a log slider's grid) while the text and static figure used 0.5, and 2.6's
    tangent started at a point none of the text's figures shows: each widget's controls start at the static call's
    arguments."""
    assignment_id = next(a for a in ASSIGNMENTS if a.startswith(lecture + "-"))
    nb = executed(assignment_id)
    state = _state(nb)
    calls = [(k, _called(c.source)) for k, c in enumerate(nb.cells) if c.cell_type == "code" and _called(c.source)]
    problems = []
    for widget_name, static_name, params in PAIRS[lecture]:
        widget_cells = [k for k, call in calls if _name(call) == widget_name]
        assert len(widget_cells) == 1, f"{assignment_id}: {len(widget_cells)} cells call {widget_name}"
        k = widget_cells[0]
        statics = [(abs(j - k), j, call) for j, call in calls if _name(call) == static_name]
        assert statics, f"{assignment_id}: no static {static_name} next to {widget_name}"
        _, j, static_call = min(statics, key=lambda t: (t[0], -t[1]))
        expected = _static_arguments(_imported(nb, static_name), static_call)
        view = next(o["data"][WIDGET_VIEW]["model_id"] for o in nb.cells[k].outputs if WIDGET_VIEW in o.get("data", {}))
        started = _control_values(state, view)
        for description, param in params.items():
            assert description in started, f"{widget_name} has no control {description!r}: {sorted(started)}"
            assert param in expected, f"cell {j}: {static_name} has no literal {param}"
            want, got = expected[param], started[description]
            if param == "hs":  # the static figure draws several nudges; the slider starts at the first
                want = want[0]
            ok = (any(abs(got - w) < 1e-9 for w in want) if isinstance(want, (list, tuple))
                  else abs(got - want) < 1e-9)
            if not ok:
                problems.append(f"{widget_name} (cell {k}): {description} starts at {got}, the static figure "
                                f"(cell {j}) uses {param} = {want}")
    assert not problems, "\n".join(problems)
