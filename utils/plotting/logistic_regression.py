"""Figures for lecture 2.2: the sigmoid, linear versus sigmoid output, and a 2-D decision boundary.

The sigmoid is passed in (the learner's own `sigmoid`), so nothing here computes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from utils.plotting.style import course_figure, translated

if TYPE_CHECKING:
    from matplotlib.figure import Figure

Sigmoid = Callable[[np.ndarray], np.ndarray]
CLASS_COLOURS = ("tab:blue", "tab:orange")  # label 0, label 1


@course_figure
def plot_sigmoid(sigmoid: Sigmoid, z_min: float = -10.0, z_max: float = 10.0) -> Figure:
    """sigma(z) over [z_min, z_max], with its limits 0 and 1 and the point (0, 0.5) marked."""
    from matplotlib.figure import Figure

    z = np.linspace(z_min, z_max, 401)
    fig = Figure(figsize=(10, 4.2))
    ax = fig.subplots()
    ax.plot(z, np.asarray(sigmoid(z), dtype=float), color="tab:green", lw=2, label=r"$\sigma(z)$")
    for level in (0.0, 1.0):
        ax.axhline(level, color="grey", ls="--", lw=1)
    ax.plot([0.0], [0.5], "o", color="black", label=r"$\sigma(0) = 0.5$")
    ax.set_xlabel("z")
    ax.set_ylabel(r"$\sigma(z)$")
    ax.set_ylim(-0.08, 1.08)
    ax.set_title(translated("The sigmoid squashes any real z into (0, 1)",
                            "sigmoid 函数把任意实数 z 压缩到 (0, 1) 之间"))
    ax.legend(loc="upper left")
    ax.grid(True)
    fig.tight_layout()
    return fig


@course_figure
def plot_linear_vs_sigmoid(X: np.ndarray, Y: np.ndarray, w: float, b: float, sigmoid: Sigmoid) -> Figure:
    """A 1-D data set (X, Y of shape (1, m)) with the linear output w x + b and its sigmoid, over x.

    The band 0 <= y <= 1 is shaded: the linear output leaves it, the sigmoid output never does.
    """
    from matplotlib.figure import Figure

    x = np.asarray(X, dtype=float).ravel()
    y = np.asarray(Y).ravel()
    pad = 0.5
    grid = np.linspace(x.min() - pad, x.max() + pad, 300)
    linear = w * grid + b
    fig = Figure(figsize=(10, 4.8))
    ax = fig.subplots()
    ax.axhspan(0.0, 1.0, color="0.93", zorder=0, label=translated("a probability lives here", "概率只能在这个范围内"))
    for label in (0, 1):
        ax.scatter(x[y == label], y[y == label], color=CLASS_COLOURS[label], s=22, zorder=3, label=f"y = {label}")
    ax.plot(grid, linear, color="tab:red", ls="--", lw=1.6, label=translated("linear w x + b", "线性 w x + b"))
    ax.plot(grid, np.asarray(sigmoid(linear), dtype=float), color="tab:green", lw=2.2,
            label=translated("logistic σ(w x + b)", "逻辑回归 σ(w x + b)"))
    ax.set_ylim(-1.5, 2.5)
    ax.set_xlim(grid[0], grid[-1])
    ax.set_xlabel("x")
    ax.set_ylabel(r"$\hat{y}$")
    ax.set_title(translated("w = {w:.2f}, b = {b:.2f}: the sigmoid stays inside [0, 1], the straight line leaves it",
                            "w = {w:.2f}，b = {b:.2f}：sigmoid 始终在 [0, 1] 之内，直线会跑出去", w=w, b=b))
    ax.legend(loc="upper left", ncols=2)
    fig.tight_layout()
    return fig


@course_figure
def plot_decision_boundary(X: np.ndarray, Y: np.ndarray, w1: float, w2: float, b: float, sigmoid: Sigmoid) -> Figure:
    """A 2-D data set (X of shape (2, m), Y of shape (1, m)) over the model's probability map.

    The background colour is sigma(w1 x1 + w2 x2 + b); the black line is the decision boundary, where that
    probability is 0.5 (drawn unless w1 = w2 = 0). Lecture 2.9's `plot_boundary_snapshot` draws a trained model's
    boundary at one moment of training.
    """
    from matplotlib.figure import Figure

    X = np.asarray(X, dtype=float)
    y = np.asarray(Y).ravel()
    lo, hi = X.min(axis=1) - 0.8, X.max(axis=1) + 0.8
    g1, g2 = np.meshgrid(np.linspace(lo[0], hi[0], 80), np.linspace(lo[1], hi[1], 80))
    proba = np.asarray(sigmoid(w1 * g1 + w2 * g2 + b), dtype=float)
    fig = Figure(figsize=(10, 6.0))
    ax = fig.subplots()
    filled = ax.contourf(g1, g2, proba, levels=np.linspace(0.0, 1.0, 11), cmap="RdBu_r", alpha=0.45)
    fig.colorbar(filled, ax=ax, label=r"$\hat{y} = P(y = 1 \mid x)$")
    if w1 != 0 or w2 != 0:
        ax.contour(g1, g2, w1 * g1 + w2 * g2 + b, levels=[0.0], colors="black", linewidths=2)
    for label in (0, 1):
        ax.scatter(X[0, y == label], X[1, y == label], color=CLASS_COLOURS[label], edgecolor="white", s=28,
                   label=f"y = {label}")
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    ax.set_xlabel("x₁")  # plain text, not mathtext: a widget redraws this figure, and mathtext is parsed anew each time
    ax.set_ylabel("x₂")
    ax.set_title(translated("w1 = {w1:.2f}, w2 = {w2:.2f}, b = {b:.2f}: the black line is where the model says 0.5",
                            "w1 = {w1:.2f}，w2 = {w2:.2f}，b = {b:.2f}：黑线是模型输出 0.5 的地方（决策边界）",
                            w1=w1, w2=w2, b=b))
    ax.legend(loc="upper left")
    fig.tight_layout()
    return fig
