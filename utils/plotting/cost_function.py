"""Figures for lecture 2.3: the two branches of the cross-entropy loss, and the convexity of two costs J(w).

Losses and costs are passed in as arrays (computed with the learner's own functions); nothing here computes them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from utils.plotting.style import course_figure, translated

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@course_figure
def plot_loss_curves(
    y_hat_grid: np.ndarray, loss_if_1: np.ndarray, loss_if_0: np.ndarray, y_hat: float | None = None
) -> Figure:
    """The loss against y_hat for a label y = 1 and for y = 0 (arrays of shape (k,)), with y_hat marked if given.

    The two losses at y_hat are marked by dots on the curves and written in the legend and the title, never next
    to the dots (near y_hat = 0.5 the curves cross and labels there would overprint each other and the curves).
    """
    from matplotlib.figure import Figure

    grid = np.asarray(y_hat_grid, dtype=float)
    curves = {1: np.asarray(loss_if_1, dtype=float), 0: np.asarray(loss_if_0, dtype=float)}
    colours = {1: "tab:orange", 0: "tab:blue"}
    at = {label: float(np.interp(y_hat, grid, values)) for label, values in curves.items()} if y_hat is not None else {}
    fig = Figure(figsize=(10, 4.6))
    ax = fig.subplots()
    for label, values in curves.items():
        name = f"y = {label}" + (translated(": L = {loss:.2f}", "：L = {loss:.2f}", loss=at[label]) if at else "")
        ax.plot(grid, values, color=colours[label], lw=2.5, label=name)
    if y_hat is not None:
        ax.axvline(y_hat, color="grey", ls=":", lw=1.2)
        for label in curves:
            ax.plot([y_hat], [at[label]], "o", color=colours[label], ms=8, zorder=3)
        ax.set_title(translated(r"$\hat{{y}}$ = {y_hat:.2f}: the loss is small where $\hat{{y}}$ agrees with y, "
                                "huge where it is confidently wrong",
                                "ŷ = {y_hat:.2f}：ŷ 与 y 一致时损失很小，自信地判错时损失极大", y_hat=y_hat))
    else:
        ax.set_title(translated(r"The loss is small where $\hat{{y}}$ agrees with y, "
                                "huge where it is confidently wrong", "ŷ 与 y 一致时损失很小，自信地判错时损失极大"))
    ax.set_xlim(0.0, 1.0)
    ax.set_ylim(0.0, min(6.0, float(max(np.nanmax(v) for v in curves.values()))) + 0.2)
    ax.set_xlabel(translated(r"prediction $\hat{{y}}$", "预测值 ŷ"))
    ax.set_ylabel(translated(r"loss $L(\hat{{y}}, y)$", "损失 L(ŷ, y)"))
    ax.legend(loc="upper center")
    ax.grid(True)
    fig.tight_layout()
    return fig


def negative_curvature(w_grid: np.ndarray, values: np.ndarray, tol: float = 1e-12) -> np.ndarray:
    """Boolean mask of shape (k,): where the curve (w_grid, values) bends downwards (second difference < -tol).

    The two end points, which have no second difference, are False. The grid must be evenly spaced.
    """
    values = np.asarray(values, dtype=float)
    mask = np.zeros(values.shape, dtype=bool)
    mask[1:-1] = np.diff(values, 2) < -tol
    return mask


def _spans(w_grid: np.ndarray, mask: np.ndarray) -> list[tuple[float, float]]:
    """The intervals of w_grid where mask is True."""
    spans, start = [], None
    for k, flag in enumerate(mask):
        if flag and start is None:
            start = k
        if start is not None and (not flag or k == len(mask) - 1):
            end = k if flag else k - 1
            spans.append((float(w_grid[start]), float(w_grid[end])))
            start = None
    return spans


@course_figure
def plot_convexity_comparison(w_grid: np.ndarray, cross_entropy: np.ndarray, squared_error: np.ndarray) -> Figure:
    """The cross-entropy and the squared error cost J(w) side by side (arrays of shape (k,) over an evenly spaced
    w_grid), to compare their convexity: stretches where a curve bends downwards (negative curvature: not convex)
    are shaded red.
    """
    from matplotlib.figure import Figure

    w_grid = np.asarray(w_grid, dtype=float)
    fig = Figure(figsize=(10, 4.4))
    axes = fig.subplots(1, 2)
    names = (translated("cross-entropy cost", "交叉熵代价"), translated("squared error cost", "平方误差代价"))
    for ax, values, name in zip(axes, (cross_entropy, squared_error), names, strict=True):
        values = np.asarray(values, dtype=float)
        ax.plot(w_grid, values, color="black", lw=2)
        spans = _spans(w_grid, negative_curvature(w_grid, values))
        for k, (left, right) in enumerate(spans):
            ax.axvspan(left, right, color="tab:red", alpha=0.18,
                       label=translated("bends downwards", "向下弯曲") if k == 0 else None)
        best = int(np.argmin(values))
        ax.plot([w_grid[best]], [values[best]], "o", color="tab:green",
                label=translated("minimum at w = {w:.2f}", "最小值在 w = {w:.2f}", w=w_grid[best]))
        verdict = translated("convex", "凸") if not spans else translated("not convex", "非凸")
        ax.set_title(translated("{name}: {verdict}", "{name}：{verdict}", name=name, verdict=verdict))
        ax.set_xlabel("w")
        ax.set_ylabel("J(w)")
        ax.legend(loc="upper center")
    fig.suptitle(translated("Look for red stretches: where a cost bends downwards, descent can stall",
                            "留意红色区段：代价向下弯曲的地方，梯度下降可能停滞"))
    fig.tight_layout()
    return fig
