"""Widgets for lecture 2.4."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from utils.plotting.style import translated
from utils.widgets.core import figure_widget


def learning_rate_widget(
    J: Callable[[float], float],
    dJ: Callable[[float], float],
    gradient_descent: Callable[..., tuple[float, Any]],
    w0: float,
    w_min: float,
    w_max: float,
    behaviour: Callable[..., str] | None = None,
    learning_rate: float = 0.3,
    num_iterations: int = 10,
) -> Any:
    """Sliders for the learning rate and the number of iterations (starting at the given values), redrawing the
    descent path on J(w).

    `gradient_descent` (and `behaviour`, if given) are the learner's functions; the curve J(w) is computed once.
    Each redraw runs the learner's descent, so the figure follows a slider when it is released.
    """
    import ipywidgets as widgets

    from utils.plotting.gradient_descent import behaviour_name, plot_descent_1d

    w_grid = np.linspace(w_min, w_max, 300)
    J_grid = np.array([J(w) for w in w_grid])

    def draw(learning_rate: float, num_iterations: int):
        learning_rate = round(learning_rate, 2)  # the slider's 1.0 exactly, where a quadratic bowl cycles
        _, history = gradient_descent(dJ, w0, learning_rate, num_iterations)
        title = translated("learning rate {rate:.2f}, {n} steps", "学习率 {rate:.2f}，{n} 步", rate=learning_rate,
                           n=num_iterations)
        if behaviour is not None:
            title += translated(": ", "：") + behaviour_name(behaviour(dJ, w0, learning_rate, num_iterations))
        return plot_descent_1d(w_grid, J_grid, history, [J(w) for w in history], title)

    return figure_widget(
        draw,
        continuous_update=False,
        learning_rate=widgets.FloatSlider(value=learning_rate, min=0.02, max=1.2, step=0.01,
                                          description=translated("learning rate", "学习率")),
        num_iterations=widgets.IntSlider(value=num_iterations, min=1, max=40,
                                         description=translated("iterations", "迭代次数")),
    )
