"""Sliders over the figures of `utils.plotting.derivatives` (lectures 2.5 and 2.6)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import numpy as np

from utils.plotting.derivatives import plot_slope_triangle, plot_tangent_lines

if TYPE_CHECKING:
    import ipywidgets


def _show(fig) -> None:
    from IPython.display import display

    display(fig)


def slope_triangle_widget(
    f: Callable[[np.ndarray], np.ndarray] | None = None,
    name: str = "3a",
    a_range: tuple[float, float] = (0.0, 6.0),
) -> "ipywidgets.interactive":
    """Sliders for a and the nudge; redraws `plot_slope_triangle` over a fixed window of a.

    f: a vectorised function of one variable (default: the lecture's f(a) = 3a).
    """
    import ipywidgets as widgets

    function = f if f is not None else (lambda a: 3 * a)

    def draw(a: float, nudge: float) -> None:
        _show(plot_slope_triangle(function, a, nudge, a_range=a_range, name=name))

    return widgets.interactive(
        draw,
        a=widgets.FloatSlider(value=2.0, min=a_range[0] + 0.5, max=a_range[1] - 1.5, step=0.1, description="a"),
        nudge=widgets.FloatLogSlider(value=0.5, base=10, min=-3, max=0, step=0.25, description="nudge",
                                     readout_format=".3g"),
    )


def tangent_widget(
    f: Callable[[np.ndarray], np.ndarray],
    df: Callable[[np.ndarray], np.ndarray],
    a_range: tuple[float, float],
    name: str = "f(a)",
) -> "ipywidgets.interactive":
    """A slider for the point a; redraws `plot_tangent_lines` with the tangent at that point.

    f, df: a vectorised function and its derivative; a_range: the window of a drawn.
    """
    import ipywidgets as widgets

    low, high = a_range
    step = (high - low) / 100

    def draw(a: float) -> None:
        _show(plot_tangent_lines(f, df, [a], a_range, name=name))

    return widgets.interactive(
        draw,
        a=widgets.FloatSlider(value=round((low + high) / 2, 6), min=low + step, max=high - step, step=step,
                              description="a"),
    )
