"""Figures for lecture 2.4: a 1-D cost curve with descent steps, and a cost surface with descent paths.

Costs and paths are passed in as arrays (computed with the learner's own functions); nothing here descends.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from utils.plotting.style import course_figure, translated

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from numpy.typing import ArrayLike

PATH_COLOURS = ("tab:red", "tab:purple", "tab:orange", "tab:cyan")
# What lecture 2.4's `learning_rate_behaviour` answers (its exercise asks for these English words), in Chinese.
CHINESE_BEHAVIOURS = {"diverges": "发散", "cycles": "来回循环", "converges while oscillating": "振荡着收敛",
                      "converges monotonically": "单调收敛"}


def behaviour_name(verdict: str) -> str:
    """A verdict of `learning_rate_behaviour` ("diverges", ...) as the edition says it; any other text as it is."""
    return translated(verdict, CHINESE_BEHAVIOURS.get(verdict, verdict))


@course_figure
def plot_descent_1d(
    w_grid: np.ndarray, J_grid: np.ndarray, history: Sequence[float], J_history: Sequence[float],
    title: str | None = None,
) -> Figure:
    """The curve J(w) (arrays of shape (k,)) and the points w_0, w_1, ... of `history` on it, joined in order.

    The view stays on the curve: a path that runs away (divergence) leaves the picture.
    """
    from matplotlib.figure import Figure

    w_grid, J_grid = np.asarray(w_grid, dtype=float), np.asarray(J_grid, dtype=float)
    path_w, path_J = np.asarray(history, dtype=float), np.asarray(J_history, dtype=float)
    fig = Figure(figsize=(10, 4.6))
    ax = fig.subplots()
    ax.plot(w_grid, J_grid, color="black", lw=2, label="J(w)")
    ax.plot(path_w, path_J, "-o", color="tab:red", lw=1.2, ms=5, alpha=0.8, label=translated("steps", "每一步"))
    ax.plot(path_w[:1], path_J[:1], "s", color="tab:blue", ms=8, label=translated("start $w_0$", "起点 w₀"))
    spread = J_grid.max() - J_grid.min()
    ax.set_xlim(w_grid[0], w_grid[-1])
    ax.set_ylim(J_grid.min() - 0.05 * spread, J_grid.max() + 0.05 * spread)
    ax.set_xlabel("w")
    ax.set_ylabel("J(w)")
    ax.set_title(title if title is not None else translated("{k} steps of gradient descent", "梯度下降 {k} 步",
                                                            k=len(path_w) - 1))
    ax.legend(loc="upper center")
    ax.grid(True)
    fig.tight_layout()
    return fig


@course_figure
def plot_descent_panels(
    w_grid: np.ndarray,
    J_grid: np.ndarray,
    runs: Sequence[tuple[ArrayLike, ArrayLike, str]],
    title: str | None = None,
) -> Figure:
    """One panel per run, side by side on shared axes: the curve J(w) (arrays of shape (k,)) and that run's steps.

    runs: (history, J_history, panel title) for each panel, as for `plot_descent_1d`; with more than two panels, a
      panel title breaks after its first ": ".
    title: what to compare, written above the panels (by default: compare the paths).
    """
    from matplotlib.figure import Figure

    w_grid, J_grid = np.asarray(w_grid, dtype=float), np.asarray(J_grid, dtype=float)
    spread = J_grid.max() - J_grid.min()
    fig = Figure(figsize=(10, 4.4 if len(runs) <= 2 else 3.8))
    axes = np.atleast_1d(fig.subplots(1, len(runs), sharex=True, sharey=True))
    for ax, (history, J_history, panel_title) in zip(axes, runs, strict=True):
        path_w, path_J = np.asarray(history, dtype=float), np.asarray(J_history, dtype=float)
        ax.plot(w_grid, J_grid, color="black", lw=2)
        ax.plot(path_w, path_J, "-o", color="tab:red", lw=1.2, ms=4, alpha=0.8)
        ax.plot(path_w[:1], path_J[:1], "s", color="tab:blue", ms=8)
        ax.set_xlim(w_grid[0], w_grid[-1])
        ax.set_ylim(J_grid.min() - 0.05 * spread, J_grid.max() + 0.05 * spread)
        ax.set_xlabel("w")
        narrow = len(runs) > 2  # a quarter of the width: "0.85: converges while oscillating" goes on two lines
        ax.set_title(panel_title.replace(": ", ":\n", 1) if narrow else panel_title, fontsize=11 if narrow else 12)
        ax.grid(True)
    axes[0].set_ylabel("J(w)")
    fig.suptitle(title if title is not None else translated("Gradient descent on the same curve: compare the paths",
                                                            "同一条曲线上的梯度下降：比较各条路径"))
    fig.tight_layout()
    return fig


@course_figure
def plot_cost_surface(
    w_grid: np.ndarray, b_grid: np.ndarray, J: np.ndarray, paths: Sequence[np.ndarray] = ()
) -> Figure:
    """J(w, b) as a 3-D surface (left) and as contours (right), with descent paths drawn on both.

    w_grid: (k,), b_grid: (l,), J: (l, k) with J[i, j] the cost at (w_grid[j], b_grid[i]);
    each path: (s, 2) array of the points (w, b) visited, in order.
    """
    from matplotlib.figure import Figure

    w_grid, b_grid, J = np.asarray(w_grid, dtype=float), np.asarray(b_grid, dtype=float), np.asarray(J, dtype=float)
    W, B = np.meshgrid(w_grid, b_grid)
    fig = Figure(figsize=(10, 4.6))
    ax3d = fig.add_subplot(1, 2, 1, projection="3d")
    ax3d.plot_surface(W, B, J, cmap="viridis", alpha=0.75, linewidth=0)
    ax3d.set_xlabel("w")
    ax3d.set_ylabel("b")
    ax3d.set_zlabel("J(w, b)")
    ax3d.set_title(translated("the cost surface", "代价曲面"))
    ax = fig.add_subplot(1, 2, 2)
    # denser near the bottom of the bowl; not the very lowest and highest values, each only a point of the grid
    levels = np.unique(np.quantile(J, (np.linspace(0.0, 1.0, 16) ** 2)[1:-1]))
    contours = ax.contour(W, B, J, levels=levels, cmap="viridis")
    bar = fig.colorbar(contours, ax=ax, label="J(w, b)", format="%.2f")
    bar.set_ticks(list(levels[::-2]))  # every other level, the highest one included
    best = np.unravel_index(int(np.argmin(J)), J.shape)
    ax.plot([w_grid[best[1]]], [b_grid[best[0]]], "*", color="black", ms=12,
            label=translated("lowest grid point", "网格上的最低点"))
    for k, path in enumerate(paths):
        path = np.asarray(path, dtype=float)
        colour = PATH_COLOURS[k % len(PATH_COLOURS)]
        path_J = _interpolate(w_grid, b_grid, J, path)
        ax3d.plot(path[:, 0], path[:, 1], path_J, "-o", color=colour, ms=2, lw=1.5)
        ax.plot(path[:, 0], path[:, 1], "-o", color=colour, ms=2, lw=1.5,
                label=translated("path {k} ({n} steps)", "路径 {k}（{n} 步）", k=k + 1, n=len(path) - 1))
        ax.plot(path[:1, 0], path[:1, 1], "s", color=colour, ms=7)
    ax.set_xlabel("w")
    ax.set_ylabel("b")
    ax.set_title(translated("contours (lines of equal cost)", "等高线（代价相等的线）"))
    ax.legend(loc="upper right", fontsize=10)
    fig.suptitle(translated("One cost surface seen two ways: descent heads for the bottom of the bowl",
                            "同一个代价曲面的两种视角：梯度下降奔向碗底"))
    fig.tight_layout()
    return fig


def _interpolate(w_grid: np.ndarray, b_grid: np.ndarray, J: np.ndarray, path: np.ndarray) -> np.ndarray:
    """J at the points of `path`, read off the grid (nearest grid column, linear along b)."""
    columns = np.clip(np.searchsorted(w_grid, path[:, 0]), 0, len(w_grid) - 1)
    return np.array([np.interp(b, b_grid, J[:, j]) for b, j in zip(path[:, 1], columns, strict=True)])
