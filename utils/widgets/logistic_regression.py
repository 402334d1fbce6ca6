"""Widgets for lecture 2.2: sliders over the parameters of logistic regression."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from utils.widgets.core import figure_widget


def linear_vs_sigmoid_widget(X: np.ndarray, Y: np.ndarray, sigmoid: Callable[[np.ndarray], np.ndarray],
                             w: float = 2.0, b: float = 0.5) -> Any:
    """Sliders for w and b (starting at `w`, `b`) over a 1-D data set (X, Y of shape (1, m)): linear output
    against sigmoid output."""
    import ipywidgets as widgets

    from utils.plotting.logistic_regression import plot_linear_vs_sigmoid

    X, Y = np.asarray(X, dtype=float), np.asarray(Y)

    def draw(w: float, b: float):
        return plot_linear_vs_sigmoid(X, Y, round(w, 6), round(b, 6), sigmoid)

    return figure_widget(
        draw,
        w=widgets.FloatSlider(value=w, min=-4.0, max=4.0, step=0.1, description="w", readout_format=".1f"),
        b=widgets.FloatSlider(value=b, min=-4.0, max=4.0, step=0.1, description="b", readout_format=".1f"),
    )


def decision_boundary_widget(X: np.ndarray, Y: np.ndarray, sigmoid: Callable[[np.ndarray], np.ndarray],
                             w1: float = 1.5, w2: float = 1.0, b: float = 0.0) -> Any:
    """Sliders for w1, w2 and b (starting at the given values) over a 2-D data set (X of shape (2, m), Y of shape
    (1, m)). A 2-D probability map is a heavy redraw: it follows a slider when the slider is released."""
    import ipywidgets as widgets

    from utils.plotting.logistic_regression import plot_decision_boundary

    X, Y = np.asarray(X, dtype=float), np.asarray(Y)

    def draw(w1: float, w2: float, b: float):
        return plot_decision_boundary(X, Y, round(w1, 6), round(w2, 6), round(b, 6), sigmoid)

    return figure_widget(
        draw,
        continuous_update=False,
        w1=widgets.FloatSlider(value=w1, min=-3.0, max=3.0, step=0.1, description="w1", readout_format=".1f"),
        w2=widgets.FloatSlider(value=w2, min=-3.0, max=3.0, step=0.1, description="w2", readout_format=".1f"),
        b=widgets.FloatSlider(value=b, min=-3.0, max=3.0, step=0.1, description="b", readout_format=".1f"),
    )
