"""Figures for lecture 2.8: what a backward pass left on a computation graph, for `draw_computation_graph`.

The graph itself is drawn by lecture 2.7's `utils.plotting.computation_graph`; its `grads=` shows gradients in red.
"""

from __future__ import annotations

from typing import Any

from utils.plotting.computation_graph import graph_nodes


def grads_of(output: Any) -> dict[str, float]:
    """The `.grad` attribute of every labelled node of the graph, by label (reads them; computes nothing)."""
    return {node.label: float(node.grad) for node in graph_nodes(output) if getattr(node, "label", "")}
