"""Widgets for lecture 2.2: sliders over the parameters of logistic regression."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from utils.widgets.core import figure_widget


def linear_vs_sigmoid_widget(X: np.ndarray, Y: np.ndarray, sigmoid: Callable[[np.ndarray], np.ndarray]) -> Any:
    """Sliders for w and b over a 1-D data set (X, Y of shape (1, m)): linear output against sigmoid output."""
    import ipywidgets as widgets

    from utils.plotting.logistic_regression import plot_linear_vs_sigmoid

    X, Y = np.asarray(X, dtype=float), np.asarray(Y)

    def draw(w: float, b: float):
        return plot_linear_vs_sigmoid(X, Y, w, b, sigmoid)

    return figure_widget(
        draw,
        w=widgets.FloatSlider(value=1.0, min=-4.0, max=4.0, step=0.1, description="w"),
        b=widgets.FloatSlider(value=0.0, min=-4.0, max=4.0, step=0.1, description="b"),
    )


def decision_boundary_widget(X: np.ndarray, Y: np.ndarray, sigmoid: Callable[[np.ndarray], np.ndarray]) -> Any:
    """Sliders for w1, w2 and b over a 2-D data set (X of shape (2, m), Y of shape (1, m))."""
    import ipywidgets as widgets

    from utils.plotting.logistic_regression import plot_decision_boundary

    X, Y = np.asarray(X, dtype=float), np.asarray(Y)

    def draw(w1: float, w2: float, b: float):
        return plot_decision_boundary(X, Y, w1, w2, b, sigmoid)

    return figure_widget(
        draw,
        w1=widgets.FloatSlider(value=1.0, min=-3.0, max=3.0, step=0.1, description="w1"),
        w2=widgets.FloatSlider(value=1.0, min=-3.0, max=3.0, step=0.1, description="w2"),
        b=widgets.FloatSlider(value=0.0, min=-3.0, max=3.0, step=0.1, description="b"),
    )
