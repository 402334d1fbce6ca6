"""Widgets for lecture 2.3."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from utils.widgets.core import figure_widget


def loss_widget(loss: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> Any:
    """A slider for y_hat showing the loss for y = 1 and y = 0; the curves are computed once with `loss`."""
    import ipywidgets as widgets

    from utils.plotting.cost_function import plot_loss_curves

    grid = np.linspace(0.002, 0.998, 499)
    loss_if_1 = np.asarray(loss(grid, np.ones_like(grid)), dtype=float)
    loss_if_0 = np.asarray(loss(grid, np.zeros_like(grid)), dtype=float)

    def draw(y_hat: float):
        return plot_loss_curves(grid, loss_if_1, loss_if_0, y_hat)

    return figure_widget(
        draw, y_hat=widgets.FloatSlider(value=0.7, min=0.01, max=0.99, step=0.01, description="y_hat")
    )
