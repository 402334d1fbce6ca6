"""Widgets for lecture 2.9: thin sliders over `utils.plotting.logistic_regression_gradient_descent`.

The notebook trains once and passes the results in; moving a slider only redraws.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from utils.plotting.logistic_regression_gradient_descent import Snapshot
from utils.plotting.style import translated
from utils.widgets.core import figure_widget


def boundary_progress_widget(X: np.ndarray, Y: np.ndarray, history: Sequence[Snapshot]):
    """A slider over the precomputed `history` (a list of (iteration, w, b, cost)) redrawing the boundary.

    A 2-D probability map is a heavy redraw: it follows the slider when the slider is released.
    """
    import ipywidgets as widgets

    from utils.plotting.logistic_regression_gradient_descent import plot_boundary_snapshot

    if not history:
        raise ValueError("boundary_progress_widget needs a non-empty history")

    def draw(step: int):
        iteration, w, b, cost = history[step]
        return plot_boundary_snapshot(X, Y, w, b, iteration=iteration, cost=cost)

    slider = widgets.IntSlider(value=0, min=0, max=len(history) - 1, description=translated("snapshot", "快照"))
    return figure_widget(draw, continuous_update=False, step=slider)


def weights_widget(weights: Mapping[str, np.ndarray], image_shape: tuple[int, int, int]):
    """A menu choosing one of the precomputed weight vectors (by label) to show as an image."""
    import ipywidgets as widgets

    from utils.plotting.logistic_regression_gradient_descent import plot_weights_image

    if not weights:
        raise ValueError("weights_widget needs at least one weight vector")

    def draw(label: str):
        return plot_weights_image(weights[label], image_shape, title=label)

    menu = widgets.Dropdown(options=list(weights), value=next(iter(weights)), description=translated("weights", "权重"))
    return figure_widget(draw, label=menu)
