"""Widgets for lecture 2.8: a stepper through the backward pass, over `utils.plotting.computation_graph`.

A step is a tuple naming the node reached, its gradient and how it is computed, written in symbols
(`"db = du · du/db = 3 · c = 3 · 2 = 6"`): the words around it ("Start at the output: ...") come from here, in the
edition's language. The numbers come from the caller (the notebook), never from here: the stepper only reveals, step
by step, what it is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from utils.plotting.style import translated
from utils.widgets.core import figure_widget

if TYPE_CHECKING:
    from ipywidgets import interactive
    from matplotlib.figure import Figure

BackwardStep = tuple[str, float, str]  # (label of the node, its gradient dJ/dlabel, how: a formula)


def backward_frame(output: Any, steps: Sequence[BackwardStep], step: int) -> Figure:
    """The graph with the gradients of the first `step + 1` backward steps, the last one highlighted and its formula
    in the caption (the first step, at the output, as "Start at the output: ...")."""
    from utils.plotting.computation_graph import draw_computation_graph

    done = steps[: step + 1]
    return draw_computation_graph(
        output,
        grads={label: grad for label, grad, _ in done},
        highlight=done[-1][0],
        caption=translated("Start at the output: {how}", "从输出开始：{how}", how=done[-1][2]) if step == 0 else
        done[-1][2],
    )


def backward_stepper(output: Any, steps: Sequence[BackwardStep]) -> interactive:
    """A slider through the backward pass, right to left: step k highlights the node whose gradient it computes."""
    from ipywidgets import IntSlider

    frames = list(steps)
    if not frames:
        raise ValueError("backward_stepper needs at least one step")
    slider = IntSlider(value=0, min=0, max=len(frames) - 1, step=1, description=translated("step", "步骤"))
    return figure_widget(lambda step: backward_frame(output, frames, step), continuous_update=False, step=slider)
