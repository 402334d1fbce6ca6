"""Widgets for lecture 2.7: a stepper through the forward pass, over `utils.plotting.computation_graph`.

A step is a tuple naming the node reached and what it computes, written in symbols (`"u = b·c = 3 · 2 = 6"`): the
words around it ("Step 1: ...") come from here, in the edition's language. The numbers come from the caller (the
notebook), never from here: the stepper only reveals, step by step, what it is given.
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


def forward_stepper(output: Any, steps: Sequence[ForwardStep]) -> interactive:
    """A slider through the forward pass, left to right: step k shows the values of the first k steps."""
    from ipywidgets import IntSlider

    frames = list(steps)
    slider = IntSlider(value=0, min=0, max=len(frames), step=1, description=translated("step", "步骤"))
    return figure_widget(lambda step: forward_frame(output, frames, step), continuous_update=False, step=slider)
