"""Widgets for lecture 2.5: sliders over the figures of `utils.plotting.derivatives`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from utils.plotting.style import translated
from utils.widgets.core import choice_slider, figure_widget

if TYPE_CHECKING:
    import ipywidgets

# The nudges a slider offers, largest first: every one is a number the text can name (0.5, 0.1, 0.001, ...).
NUDGES = (1.0, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001)


def slope_triangle_widget(
    f: Callable[[np.ndarray], np.ndarray] | None = None,
    name: str = "f(a) = 3a",
    a_range: tuple[float, float] = (0.0, 6.0),
    a: float = 2.0,
    nudge: float = 0.5,
) -> ipywidgets.interactive:
    """Sliders for a and the nudge, starting at `a` and `nudge`; redraws `plot_slope_triangle` over `a_range`.

    f: a vectorised function of one variable (default: the lecture's f(a) = 3a).
    nudge: one of `NUDGES`, so the slider shows exactly the number the text and the static figure use.
    """
    import ipywidgets as widgets

    from utils.plotting.derivatives import plot_slope_triangle

    function = f if f is not None else (lambda x: 3 * x)

    def draw(a: float, nudge: float):
        return plot_slope_triangle(function, round(a, 6), nudge, a_range=a_range, name=name)

    return figure_widget(
        draw,
        a=widgets.FloatSlider(value=a, min=a_range[0] + 0.5, max=a_range[1] - 1.5, step=0.1, description="a",
                              readout_format=".1f"),
        nudge=choice_slider(NUDGES, nudge, translated("nudge", "微小增量")),
    )
