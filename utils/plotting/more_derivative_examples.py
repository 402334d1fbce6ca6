"""Figures for lecture 2.6: curves with tangent lines, the secant turning into the tangent, the error of slope
estimates.

Every function takes numbers and callables and returns a `matplotlib.figure.Figure`; nothing is shown or kept
in pyplot's global state. The figure helpers are lecture 2.5's (`utils.plotting.derivatives`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from utils.plotting.derivatives import Function, new_figure
from utils.plotting.style import course_figure, translated

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@course_figure
def plot_tangent_lines(
    f: Function,
    df: Function,
    points: Sequence[float],
    a_range: tuple[float, float],
    name: str = "f(a)",
    half_width: float = 0.8,
) -> Figure:
    """The curve of `f` over `a_range` with its tangent line at each of `points`.

    The tangent at p is the straight line through (p, f(p)) whose slope is df(p); each is labelled with
    that slope, so the figure shows the slope changing along the curve.

    f, df: vectorised functions of one variable (the function and its derivative).
    points: the values of a where tangents are drawn.
    half_width: each tangent is drawn from p - half_width to p + half_width.
    """
    grid = np.linspace(a_range[0], a_range[1], 300)
    fig, ax = new_figure()
    ax.plot(grid, f(grid), color="tab:blue", linewidth=2, label=name)
    colours = ["tab:orange", "tab:green", "tab:red", "tab:purple", "tab:brown"]
    for i, p in enumerate(points):
        p = float(p)
        value, slope = float(f(np.asarray(p))), float(df(np.asarray(p)))
        span = np.array([p - half_width, p + half_width])
        colour = colours[i % len(colours)]
        ax.plot(span, value + slope * (span - p), "--", color=colour, linewidth=1.8,
                label=translated("tangent at a = {p:g}: slope {s:.4g}", "a = {p:g} 处的切线：斜率 {s:.4g}",
                                 p=p, s=slope))
        ax.plot([p], [value], "o", color=colour)
    ax.set_xlabel("a")
    ax.set_ylabel(name)
    ax.set_title(translated("{name}: the tangent's slope changes along the curve", "{name}：切线的斜率沿曲线变化",
                            name=name))
    ax.legend(loc="upper left" if float(df(np.asarray(grid[-1]))) >= 0 else "upper right")
    ax.grid(True)
    fig.tight_layout()
    return fig


@course_figure
def plot_slope_errors(
    hs: np.ndarray,
    forward_errors: np.ndarray,
    centred_errors: np.ndarray,
    title: str | None = None,
) -> Figure:
    """Log-log plot of the absolute error of the forward and centred estimates against the nudge h.

    hs, forward_errors, centred_errors: `(n,)` arrays, errors > 0 (zeros are not drawn on a log scale).
    title: what the figure shows (by default: the error of the slope estimates).
    Two dotted guide lines of slope 1 and 2 show how truncation error falls (as h and as h²); where the
    curves turn upwards for tiny h, round-off error takes over.
    """
    hs = np.asarray(hs, dtype=float)
    forward_errors = np.asarray(forward_errors, dtype=float)
    centred_errors = np.asarray(centred_errors, dtype=float)
    if not (hs.shape == forward_errors.shape == centred_errors.shape and hs.ndim == 1):
        raise ValueError("hs, forward_errors and centred_errors must be 1-D arrays of the same length")
    fig, ax = new_figure(10.0, 5.2)
    ax.loglog(hs, np.where(forward_errors > 0, forward_errors, np.nan), "o-", color="tab:blue",
              markersize=3, label=translated("forward  (f(a+h) - f(a)) / h", "前向差分  (f(a+h) - f(a)) / h"))
    ax.loglog(hs, np.where(centred_errors > 0, centred_errors, np.nan), "s-", color="tab:orange",
              markersize=3, label=translated("centred  (f(a+h) - f(a-h)) / 2h", "中心差分  (f(a+h) - f(a-h)) / 2h"))
    # Guides start a decade below each curve's value at the largest h, so they run beside the curves.
    largest = int(np.argmax(hs))
    top = hs[largest]
    guide = hs[hs >= top * 1e-4]
    for errors, power, style, label in ((forward_errors, 1, ":", translated("∝ h (slope 1)", "∝ h（斜率 1）")),
                                        (centred_errors, 2, "-.", translated("∝ h² (slope 2)", "∝ h²（斜率 2）"))):
        anchor = errors[largest] / 10 if errors[largest] > 0 else 1.0
        ax.loglog(guide, anchor * (guide / top) ** power, style, color="gray", linewidth=1.5, label=label)
    ax.set_xlabel(translated("nudge h", "微小增量 h"))
    ax.set_ylabel(translated("|estimate - true derivative|", "|估计值 - 真实导数|"))
    ax.set_title(title if title is not None else translated("Error of the slope estimates", "斜率估计的误差"))
    ax.legend(loc="upper left", ncols=2)
    ax.grid(True, which="both")
    fig.tight_layout()
    return fig


def secant_slope(f: Function, a: float, h: float) -> float:
    """The slope of the secant through (a, f(a)) and (a + h, f(a + h)): (f(a + h) - f(a)) / h."""
    return float((f(np.asarray(a + h, dtype=float)) - f(np.asarray(a, dtype=float))) / h)


@course_figure
def plot_secant(
    f: Function,
    df: Function,
    a: float,
    hs: Sequence[float],
    a_range: tuple[float, float],
    name: str = "f(a)",
) -> Figure:
    """The curve of `f`, its tangent at `a` (slope df(a)) and, for each nudge h in `hs`, the secant through
    (a, f(a)) and (a + h, f(a + h)), drawn across the whole window.

    As h shrinks the second point slides down the curve towards a and the secant turns into the tangent: the
    legend gives each secant's slope (f(a + h) - f(a)) / h beside the tangent's. The secants are the lines whose
    gid is "secant:<h>", the tangent's is "tangent" (for tests and tools that read the figure).

    f, df: vectorised functions of one variable (the function and its derivative).
    hs: nudges > 0, drawn from the first (faintest when several) to the last.
    """
    hs = [float(h) for h in hs]
    if not hs or min(hs) <= 0:
        raise ValueError(f"the nudges must be positive, got {hs}")
    grid = np.linspace(a_range[0], a_range[1], 300)
    span = np.array(a_range, dtype=float)
    value, tangent = float(f(np.asarray(a, dtype=float))), float(df(np.asarray(a, dtype=float)))
    fig, ax = new_figure()
    ax.plot(grid, f(grid), color="tab:blue", linewidth=2.5, label=name)
    line = ax.plot(span, value + tangent * (span - a), "--", color="black", linewidth=1.5,
                   label=translated("tangent at a = {a:g}: slope {s:.4g}", "a = {a:g} 处的切线：斜率 {s:.4g}",
                                    a=a, s=tangent))[0]
    line.set_gid("tangent")
    for k, h in enumerate(hs):
        slope = secant_slope(f, a, h)
        alpha = 1.0 if k == len(hs) - 1 else 0.35 + 0.5 * k / max(1, len(hs) - 1)
        line = ax.plot(span, value + slope * (span - a), color="tab:red", alpha=alpha, linewidth=1.8,
                       label=translated("secant, h = {h:g}: slope {s:.4g}", "割线，h = {h:g}：斜率 {s:.4g}",
                                        h=h, s=slope))[0]
        line.set_gid(f"secant:{h:g}")
        ax.plot([a + h], [float(f(np.asarray(a + h)))], "o", color="tab:red", alpha=alpha)
    ax.plot([a], [value], "o", color="black")
    values = f(grid)
    spread = float(np.max(values) - np.min(values))
    ax.set_xlim(*a_range)
    ax.set_ylim(float(np.min(values)) - 0.08 * spread, float(np.max(values)) + 0.08 * spread)
    ax.set_xlabel("a")
    ax.set_ylabel(name)
    last = hs[-1]
    ax.set_title(translated("As h shrinks the secant turns into the tangent: h = {h:g}, slope {s:.4g} against {t:.4g}",
                            "h 缩小时割线变成切线：h = {h:g}，斜率 {s:.4g}，切线斜率 {t:.4g}",
                            h=last, s=secant_slope(f, a, last), t=tangent), fontsize=12)
    ax.legend(loc="upper left")
    ax.grid(True)
    fig.tight_layout()
    return fig
