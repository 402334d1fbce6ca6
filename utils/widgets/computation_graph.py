"""Steppers through the passes of a computation graph: thin wrappers over `utils.plotting.computation_graph`.

A step is a tuple naming the node reached and a sentence explaining it. The numbers come from the caller (the
notebook), never from here: these widgets only reveal, step by step, what they are given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from utils.widgets.core import figure_widget

if TYPE_CHECKING:
    from ipywidgets import interactive
    from matplotlib.figure import Figure

ForwardStep = tuple[str, str]  # (label of the node computed, explanation)
BackwardStep = tuple[str, float, str]  # (label of the node, its gradient dJ/dlabel, explanation)


def forward_frame(output: Any, steps: Sequence[ForwardStep], step: int) -> "Figure":
    """The graph after `step` forward steps (0: only the inputs are known), the last one highlighted."""
    from utils.plotting.computation_graph import draw_computation_graph

    done = steps[:step]
    return draw_computation_graph(
        output,
        known={label for label, _ in done},
        highlight=done[-1][0] if done else None,
        caption=done[-1][1] if done else "Forward pass: the inputs are known; nothing is computed yet.",
    )


def backward_frame(output: Any, steps: Sequence[BackwardStep], step: int) -> "Figure":
    """The graph with the gradients of the first `step + 1` backward steps, the last one highlighted."""
    from utils.plotting.computation_graph import draw_computation_graph

    done = steps[: step + 1]
    return draw_computation_graph(
        output,
        grads={label: grad for label, grad, _ in done},
        highlight=done[-1][0],
        caption=done[-1][2],
    )


def forward_stepper(output: Any, steps: Sequence[ForwardStep]) -> "interactive":
    """A slider through the forward pass, left to right: step k shows the values of the first k steps."""
    from ipywidgets import IntSlider

    frames = list(steps)
    slider = IntSlider(value=0, min=0, max=len(frames), step=1, description="step")
    return figure_widget(lambda step: forward_frame(output, frames, step), continuous_update=False, step=slider)


def backward_stepper(output: Any, steps: Sequence[BackwardStep]) -> "interactive":
    """A slider through the backward pass, right to left: step k highlights the node whose gradient it computes."""
    from ipywidgets import IntSlider

    frames = list(steps)
    if not frames:
        raise ValueError("backward_stepper needs at least one step")
    slider = IntSlider(value=0, min=0, max=len(frames) - 1, step=1, description="step")
    return figure_widget(lambda step: backward_frame(output, frames, step), continuous_update=False, step=slider)
