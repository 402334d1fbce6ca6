"""Figures for lecture 2.5: the slope triangle between a and a + nudge.

Every function takes numbers and callables and returns a `matplotlib.figure.Figure`; nothing is shown or kept
in pyplot's global state.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from utils.plotting.style import course_figure, translated

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

Function = Callable[[np.ndarray], np.ndarray]


def new_figure(width: float = 10.0, height: float = 4.8) -> tuple[Figure, Axes]:
    """A fresh figure and axes that pyplot does not keep track of (2.6's figures use it too)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height))
    return fig, fig.subplots()


@course_figure
def plot_slope_triangle(
    f: Function,
    a: float,
    nudge: float,
    a_range: tuple[float, float] | None = None,
    name: str = "f(a)",
) -> Figure:
    """The curve of `f` with the little triangle between `a` and `a + nudge`.

    The horizontal side of the triangle is the nudge (its width), the vertical side is how much f changes
    (its height); the title reports both and their ratio, the slope of the triangle's long side.

    f: a vectorised function of one variable, called on a `(n,)` array of points.
    a, nudge: where the triangle starts and how far it reaches to the right (`nudge > 0`).
    a_range: the interval of a to draw; by default a little wider than the triangle.
    name: how to write the function in the legend, e.g. "3a".
    """
    if nudge <= 0:
        raise ValueError(f"the nudge must be positive, got {nudge}")
    left, right = a_range if a_range is not None else (a - 1.0 - nudge, a + 1.0 + 2 * nudge)
    grid = np.linspace(left, right, 200)
    a_right = a + nudge
    f_left, f_right = float(f(np.asarray(a, dtype=float))), float(f(np.asarray(a_right, dtype=float)))
    height = f_right - f_left

    fig, ax = new_figure()
    ax.plot(grid, f(grid), color="tab:blue", label=name)
    ax.fill(
        [a, a_right, a_right], [f_left, f_left, f_right],
        color="tab:green", alpha=0.3, label=translated("slope triangle", "斜率三角形"),
    )
    ax.plot([a, a_right], [f_left, f_left], color="tab:green", linewidth=2)  # width
    ax.plot([a_right, a_right], [f_left, f_right], color="tab:red", linewidth=2)  # height
    ax.plot([a, a_right], [f_left, f_right], "o", color="black")
    # The labels go where an increasing curve never is: above-left of the triangle's corner at a, or below-right
    # of its corner at a + nudge, whichever side of the window has more room.
    labels = ((translated("height = {v:.4g}", "高 = {v:.4g}", v=height), "tab:red"),
              (translated("width = {v:.4g}", "宽 = {v:.4g}", v=nudge), "tab:green"))
    if a - left > right - a_right:
        for k, (text, colour) in enumerate(reversed(labels)):
            ax.annotate(text, (a, f_left), textcoords="offset points", xytext=(-8, 4 + 18 * k), ha="right",
                        va="bottom", color=colour)
    else:
        for k, (text, colour) in enumerate(labels):
            ax.annotate(text, (a_right, f_right), textcoords="offset points", xytext=(8, -4 - 18 * k), ha="left",
                        va="top", color=colour)
    ax.set_xlabel("a")
    ax.set_ylabel(name)
    ax.set_title(translated("Slope at a = {a:.4g}: height / width = {h:.4g} / {w:.4g} = {s:.4g}",
                            "a = {a:.4g} 处的斜率：高 / 宽 = {h:.4g} / {w:.4g} = {s:.4g}",
                            a=a, h=height, w=nudge, s=height / nudge))
    ax.legend(loc="upper left")
    ax.grid(True)
    fig.tight_layout()
    return fig
