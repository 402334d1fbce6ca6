"""Widgets for lecture 2.6: sliders over the figures of `utils.plotting.more_derivative_examples`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from utils.plotting.style import translated
from utils.widgets.core import choice_slider, figure_widget
from utils.widgets.derivatives import NUDGES

if TYPE_CHECKING:
    import ipywidgets


def tangent_widget(
    f: Callable[[np.ndarray], np.ndarray],
    df: Callable[[np.ndarray], np.ndarray],
    a_range: tuple[float, float],
    name: str = "f(a)",
    a: float | None = None,
    step: float = 0.1,
) -> ipywidgets.interactive:
    """A slider for the point a (from `a`, default the middle of `a_range`, in steps of `step`); redraws
    `plot_tangent_lines` with the tangent at that point.

    f, df: a vectorised function and its derivative; a_range: the window of a drawn. The point is rounded to the
    slider's step before drawing, so the legend names the number the slider shows.
    """
    import ipywidgets as widgets

    from utils.plotting.more_derivative_examples import plot_tangent_lines

    low, high = a_range
    decimals = max(0, -int(np.floor(np.log10(step))))
    start = round((low + high) / 2, decimals) if a is None else a

    def draw(a: float):
        return plot_tangent_lines(f, df, [round(a, decimals)], a_range, name=name)

    return figure_widget(
        draw,
        a=widgets.FloatSlider(value=start, min=round(low + step, decimals), max=round(high - step, decimals),
                              step=step, description="a", readout_format=f".{decimals}f"),
    )


def secant_widget(
    f: Callable[[np.ndarray], np.ndarray],
    df: Callable[[np.ndarray], np.ndarray],
    a: float,
    a_range: tuple[float, float],
    name: str = "f(a)",
    h: float = 1.0,
) -> ipywidgets.interactive:
    """A slider for the nudge h (one of `NUDGES`, starting at `h`); redraws `plot_secant` at the point `a`.

    Moving the slider to the right shrinks h: the secant through a and a + h turns into the tangent at a.
    """
    from utils.plotting.more_derivative_examples import plot_secant

    def draw(h: float):
        return plot_secant(f, df, a, [h], a_range, name=name)

    return figure_widget(draw, h=choice_slider(NUDGES, h, translated("nudge h", "微小增量 h")))
