"""Widgets for lecture 2.3."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from utils.widgets.core import figure_widget


def loss_widget(cost: Callable[[np.ndarray, np.ndarray], Any], y_hat: float = 0.7) -> Any:
    """A slider for y_hat (starting at `y_hat`) showing the loss for y = 1 and y = 0.

    The loss of one example is the cost of a one-example set, so the curves are drawn with the learner's `cost`,
    called on (1, 1) arrays; they are computed once, before any slider move.
    """
    import ipywidgets as widgets

    from utils.plotting.cost_function import plot_loss_curves

    grid = np.linspace(0.002, 0.998, 499)
    loss_if_1 = np.array([float(cost(np.array([[p]]), np.array([[1]]))) for p in grid])
    loss_if_0 = np.array([float(cost(np.array([[p]]), np.array([[0]]))) for p in grid])

    def draw(y_hat: float):
        return plot_loss_curves(grid, loss_if_1, loss_if_0, round(y_hat, 6))

    return figure_widget(
        draw, y_hat=widgets.FloatSlider(value=y_hat, min=0.01, max=0.99, step=0.01, description="y_hat")
    )
