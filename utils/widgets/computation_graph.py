"""Steppers through the passes of a computation graph: thin wrappers over `utils.plotting.computation_graph`.

A step is a tuple naming the node reached and what it computes, written in symbols (`"u = b·c = 3 · 2 = 6"`): the
words around it ("Step 1: ...", "Start at the output: ...") come from here, in the edition's language. The numbers
come from the caller (the notebook), never from here: these widgets only reveal, step by step, what they are given.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from utils.plotting.style import translated
from utils.widgets.core import figure_widget

if TYPE_CHECKING:
    from ipywidgets import interactive
    from matplotlib.figure import Figure

ForwardStep = tuple[str, str]  # (label of the node computed, how: a formula)
BackwardStep = tuple[str, float, str]  # (label of the node, its gradient dJ/dlabel, how: a formula)


def forward_frame(output: Any, steps: Sequence[ForwardStep], step: int) -> Figure:
    """The graph after `step` forward steps (0: only the inputs are known), the last one highlighted and its formula
    in the caption as "Step k: ..."."""
    from utils.plotting.computation_graph import draw_computation_graph

    done = steps[:step]
    return draw_computation_graph(
        output,
        known={label for label, _ in done},
        highlight=done[-1][0] if done else None,
        caption=translated("Step {k}: {how}", "第 {k} 步：{how}", k=step, how=done[-1][1]) if done else
        translated("Forward pass: the inputs are known; nothing is computed yet.",
                   "前向传播：输入已知，还什么都没有计算。"),
    )


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


def forward_stepper(output: Any, steps: Sequence[ForwardStep]) -> interactive:
    """A slider through the forward pass, left to right: step k shows the values of the first k steps."""
    from ipywidgets import IntSlider

    frames = list(steps)
    slider = IntSlider(value=0, min=0, max=len(frames), step=1, description=translated("step", "步骤"))
    return figure_widget(lambda step: forward_frame(output, frames, step), continuous_update=False, step=slider)


def backward_stepper(output: Any, steps: Sequence[BackwardStep]) -> interactive:
    """A slider through the backward pass, right to left: step k highlights the node whose gradient it computes."""
    from ipywidgets import IntSlider

    frames = list(steps)
    if not frames:
        raise ValueError("backward_stepper needs at least one step")
    slider = IntSlider(value=0, min=0, max=len(frames) - 1, step=1, description=translated("step", "步骤"))
    return figure_widget(lambda step: backward_frame(output, frames, step), continuous_update=False, step=slider)
