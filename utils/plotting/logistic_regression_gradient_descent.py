"""Figures for lecture 2.9: the computation graph of one example, cost curves, learned weights, images and their
labels, the decision boundary during training.

Every function takes numbers that the notebook computed and returns a `matplotlib.figure.Figure`; none of them
trains anything.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from utils.plotting.binary_classification import channel_name
from utils.plotting.style import course_figure, translated

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure, SubFigure

Snapshot = tuple[int, np.ndarray, float, float]  # (iteration, w of shape (2, 1), b, cost)
CHINESE_CLASS_NAMES = {"face": "人脸", "non-face": "非人脸", "cat": "猫", "non-cat": "非猫"}


def class_name(name: str) -> str:
    """A data set's class name (`ImageSplit.classes`) in the edition's language; an unknown one as it is."""
    return translated(name, CHINESE_CLASS_NAMES.get(name, name))


def rate_label(learning_rate: float, every_iteration: bool = False) -> str:
    """How a run is named in a legend or a menu: "learning rate 0.1" (", every iteration" if asked)."""
    if every_iteration:
        return translated("learning rate {rate}, every iteration", "学习率 {rate}，每次迭代", rate=learning_rate)
    return translated("learning rate {rate}", "学习率 {rate}", rate=learning_rate)


@course_figure
def plot_computation_graph(forward: Mapping[str, float], backward: Mapping[str, float] | None = None) -> Figure:
    """One example with two features drawn as a computation graph.

    `forward` holds the numbers of the forward pass: `x1, x2, w1, w2, b, z, a, y, L` (any missing key is shown as
    its name only). `backward`, if given, holds `da, dz, dw1, dw2, db`, written under the node they belong to.
    """
    from matplotlib.figure import Figure

    def value(key: str, table: Mapping[str, float] | None) -> str:
        if table is None or key not in table:
            return key
        return f"{key} = {table[key]:.4g}"

    fig = Figure(figsize=(10, 4.4))
    ax = fig.subplots()
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 4.4)
    ax.axis("off")
    inputs = ["x1", "w1", "x2", "w2", "b"]
    for k, key in enumerate(inputs):
        ax.text(0.9, 3.9 - 0.8 * k, value(key, forward), ha="center", va="center", fontsize=11,
                bbox={"boxstyle": "round", "facecolor": "#eeeeee"})
        ax.annotate("", xy=(2.6, 2.3), xytext=(1.75, 3.9 - 0.8 * k), arrowprops={"arrowstyle": "->", "color": "grey"})
    nodes = [(3.7, "z = w1 x1 + w2 x2 + b", "z"), (6.3, "a = σ(z)", "a"), (8.8, "L(a, y)", "L")]
    for x_pos, label, key in nodes:
        text = label if key not in forward else f"{label}\n{key} = {forward[key]:.4g}"
        ax.text(x_pos, 2.3, text, ha="center", va="center", fontsize=11,
                bbox={"boxstyle": "round", "facecolor": "#dbe9f6"})
    ax.annotate("", xy=(5.55, 2.3), xytext=(5.0, 2.3), arrowprops={"arrowstyle": "->"})
    ax.annotate("", xy=(8.2, 2.3), xytext=(7.0, 2.3), arrowprops={"arrowstyle": "->"})
    if "y" in forward:
        ax.text(8.8, 3.6, value("y", forward), ha="center", va="center", fontsize=11,
                bbox={"boxstyle": "round", "facecolor": "#eeeeee"})
        ax.annotate("", xy=(8.8, 2.75), xytext=(8.8, 3.35), arrowprops={"arrowstyle": "->", "color": "grey"})
    if backward is not None:
        ax.text(6.3, 1.2, value("da", backward), ha="center", color="#b03030", fontsize=11)
        ax.text(3.7, 1.2, value("dz", backward), ha="center", color="#b03030", fontsize=11)
        grads = ", ".join(value(k, backward) for k in ("dw1", "dw2", "db"))
        ax.text(1.9, 0.2, grads, ha="left", color="#b03030", fontsize=11)
        ax.annotate("", xy=(3.0, 0.95), xytext=(5.6, 0.95), arrowprops={"arrowstyle": "->", "color": "#b03030"})
        ax.annotate("", xy=(5.7, 0.95), xytext=(8.2, 0.95), arrowprops={"arrowstyle": "->", "color": "#b03030"})
        ax.text(1.9, 0.55, translated("gradients of the parameters:", "参数的梯度："), ha="left", color="#b03030",
                fontsize=11)
        ax.text(7.0, 0.5, translated("backward pass (red): derivatives of L", "反向传播（红色）：L 的导数"),
                ha="center", color="#b03030", fontsize=11)
    ax.set_title(translated("Forward pass left to right; derivatives flow back right to left",
                            "前向传播从左到右；导数从右往左反向传回"))
    fig.tight_layout()
    return fig


@course_figure
def plot_cost_curves(curves: Mapping[str, Sequence[float]], every: int = 100, title: str | None = None) -> Figure:
    """One panel per curve, side by side on a shared cost axis; curve `k` holds the cost before iterations 0, every,
    2*every, ...

    Costs that are not finite (inf or nan, e.g. log(0) in a naive cost) are marked in red along the top of the panel.
    title: what to compare (by default, for several curves, how fast and how smoothly each falls).
    """
    from matplotlib.figure import Figure

    if not curves:
        raise ValueError("plot_cost_curves needs at least one curve")
    many = len(curves) > 1
    fig = Figure(figsize=(10, 3.9 if many else 4.4))
    axes = np.atleast_1d(fig.subplots(1, len(curves), squeeze=False, sharey=True)[0])
    every_finite = np.concatenate([np.asarray(c, dtype=float) for c in curves.values()])
    top_of_all = float(every_finite[np.isfinite(every_finite)].max()) if np.isfinite(every_finite).any() else 1.0
    for ax, (label, costs) in zip(axes, curves.items(), strict=True):
        values = np.asarray(costs, dtype=float)
        iterations = every * np.arange(len(values))
        finite = np.isfinite(values)
        ax.plot(iterations[finite], values[finite], marker="o", markersize=4)
        if not finite.all():
            ax.plot(iterations[~finite], np.full((~finite).sum(), top_of_all), "rx", ms=9, mew=2,
                    label=translated("not finite", "非有限值"))
            first = int(iterations[~finite][0])
            ax.set_title(translated("{label}\n(not finite from iteration {first})",
                                    "{label}\n（从第 {first} 次迭代起非有限）", label=label, first=first),
                         fontsize=11 if many else 12)
            ax.legend(loc="center right")
        else:
            ax.set_title(label, fontsize=11 if many else 12)
        ax.set_xlabel(translated("iteration", "迭代次数"))
        ax.grid(True)
    axes[0].set_ylabel(translated("cost J", "代价 J"))
    if title is None and many:
        title = translated("Training cost on one scale: compare how fast, and how smoothly, each one falls",
                           "同一刻度上的训练代价：比较每条曲线下降得多快、多平稳")
    if title:
        fig.suptitle(title)
    elif not many:
        axes[0].set_title(translated("{label}: the cost falls as training goes on", "{label}：代价随训练不断下降",
                                     label=next(iter(curves))))
    fig.tight_layout()
    return fig


@course_figure
def plot_weights_image(w: np.ndarray, image_shape: tuple[int, int, int], title: str | None = None, *,
                       iterations: int | None = None, learning_rate: float | None = None) -> Figure:
    """The weight vector `w` of shape `(h*w*c, 1)` folded back into the image grid `(h, w, c)`.

    Red pixels push the prediction towards class 1, blue ones towards class 0; one panel per channel.
    title: what the weights are; by default "w after `iterations` iterations", "w, rate `learning_rate`" or
    "learned weights", in the edition's language.
    """
    from matplotlib.figure import Figure

    if title is None and iterations is not None:
        title = translated("w after {n} iterations", "{n} 次迭代后的 w", n=iterations)
    elif title is None and learning_rate is not None:
        title = translated("w, rate {rate}", "w，学习率 {rate}", rate=learning_rate)
    elif title is None:
        title = translated("learned weights", "学到的权重")
    fig = Figure(figsize=(10, 4.6) if image_shape[2] == 1 else (10, 3.6))
    _draw_weights(fig, w, image_shape, _pushes(title))
    return fig


@course_figure
def plot_weights_images(weights: Mapping[str, np.ndarray], image_shape: tuple[int, int, int]) -> Figure:
    """Several weight vectors side by side (label -> w of shape `(h*w*c, 1)`), each folded into the image grid as
    in `plot_weights_image` and on its own colour scale: weights trained at different rates differ in size by
    orders of magnitude, and what is compared is their pattern."""
    from matplotlib.figure import Figure

    if not weights:
        raise ValueError("plot_weights_images needs at least one weight vector")
    colour = image_shape[2] != 1
    fig = Figure(figsize=(10, 3.2 * len(weights)) if colour else (10, 4.2))
    rows, columns = (len(weights), 1) if colour else (1, len(weights))
    for part, (label, w) in zip(fig.subfigures(rows, columns, squeeze=False).ravel(), weights.items(), strict=True):
        _draw_weights(part, w, image_shape, _pushes(label) if colour else label)
    if not colour:  # a colour image's rows carry the legend in their own titles
        fig.suptitle(translated("Red pushes towards 1, blue towards 0; each on its own colour scale",
                                "红色推向 1，蓝色推向 0；各用各的色标"))
    return fig


def _pushes(title: str) -> str:
    return translated("{title}: red pushes towards 1, blue towards 0", "{title}：红色推向 1，蓝色推向 0", title=title)


def _draw_weights(target: Figure | SubFigure, w: np.ndarray, image_shape: tuple[int, int, int], title: str) -> None:
    """Fold w into the image grid on `target` (a figure or one part of one): a panel per channel, a colour bar."""
    h, wd, c = image_shape
    w = np.asarray(w, dtype=float)
    if w.size != h * wd * c:
        raise ValueError(f"w has {w.size} entries but an image of shape {image_shape} has {h * wd * c} pixels")
    grid = w.reshape(h, wd, c)
    limit = float(np.abs(grid).max()) or 1.0
    names = tuple(translated("{name} channel", "{name}通道", name=channel_name(k)) if c == 3
                  else translated("channel {k}", "通道 {k}", k=k) for k in range(c))
    axes = target.subplots(1, c, squeeze=False)[0]
    for k, ax in enumerate(axes):
        image = ax.imshow(grid[..., k], cmap="RdBu_r", vmin=-limit, vmax=limit)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(title if c == 1 else names[k], fontsize=12)
    target.colorbar(image, ax=list(axes), shrink=0.85, label=translated("weight", "权重"))
    if c > 1:
        target.suptitle(title)


@course_figure
def plot_images(images: np.ndarray, titles: Sequence[str], columns: int = 8, title: str = "") -> Figure:
    """A grid of uint8 images `(k, h, w, c)` (c = 1 or 3), each with its title (e.g. its label and prediction)."""
    from matplotlib.figure import Figure

    images = np.asarray(images)
    if len(images) == 0:
        raise ValueError("plot_images needs at least one image")
    if len(titles) != len(images):
        raise ValueError(f"{len(images)} images but {len(titles)} titles")
    rows = -(-len(images) // columns)
    width = min(columns, len(images))
    fig = Figure(figsize=(10, 10 / width * 1.2 * rows + (0.5 if title else 0)))
    axes = fig.subplots(rows, width, squeeze=False)
    for k, ax in enumerate(axes.ravel()):
        ax.axis("off")
        if k < len(images):
            picture = images[k][..., 0] if images[k].shape[-1] == 1 else images[k]
            ax.imshow(picture, cmap="gray", vmin=0, vmax=255)
            ax.set_title(titles[k], fontsize=10)
    if title:
        fig.suptitle(title, fontsize=13)
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=0.78 if title else 0.85, wspace=0.1, hspace=0.5)
    return fig


def plot_training_images(images: np.ndarray, labels: np.ndarray, classes: Sequence[str]) -> Figure:
    """The images `(k, h, w, c)`, each titled with the name of its label (`labels` of shape (k,), 0 or 1)."""
    return plot_images(images, [class_name(classes[label]) for label in labels],
                       title=translated("the first {k} training images and their labels", "前 {k} 张训练图像及其标签",
                                        k=len(images)))


def plot_misclassified(images: np.ndarray, labels: np.ndarray, predictions: np.ndarray,
                       classes: Sequence[str]) -> Figure:
    """The misclassified test images `(k, h, w, c)`, each titled with its true class and the predicted one."""
    titles = [translated("is {truth}\nsaid {said}", "实为{truth}\n判为{said}", truth=class_name(classes[truth]),
                         said=class_name(classes[said])) for truth, said in zip(labels, predictions, strict=True)]
    return plot_images(images, titles, title=translated("the misclassified test images", "分错的测试图像"))


def plot_naive_and_stable_costs(naive_costs: Sequence[float], stable_costs: Sequence[float],
                                learning_rate: float) -> Figure:
    """The costs of the same steps computed with the naive formula and with `cost_from_logits`, one per step."""
    naive = translated("naive formula, rate {rate}", "朴素公式，学习率 {rate}", rate=learning_rate)
    stable = translated("cost_from_logits, rate {rate}", "cost_from_logits，学习率 {rate}", rate=learning_rate)
    return plot_cost_curves({naive: naive_costs, stable: stable_costs}, every=1)


@course_figure
def plot_cost_and_weight_norm(iterations: Sequence[int], costs: Sequence[float], norms: Sequence[float]) -> Figure:
    """Two panels over the same iterations: the training cost and the length ||w|| of the weights."""
    from matplotlib.figure import Figure

    if not len(iterations) == len(costs) == len(norms):
        raise ValueError("iterations, costs and norms must have the same length")
    fig = Figure(figsize=(10, 4.0))
    cost_ax, norm_ax = fig.subplots(1, 2, sharex=True)
    cost_ax.plot(iterations, costs, marker="o")
    cost_ax.set_title(translated("training cost J", "训练代价 J"), fontsize=12)
    cost_ax.set_ylabel(translated("cost J", "代价 J"))
    norm_ax.plot(iterations, norms, marker="o", color="#b03030")
    norm_ax.set_title(translated("length of the weights ||w||", "权重的长度 ||w||"), fontsize=12)
    norm_ax.set_ylabel("||w||")
    for ax in (cost_ax, norm_ax):
        ax.set_xlabel(translated("iteration", "迭代次数"))
        ax.grid(True)
    fig.suptitle(translated("The cost keeps falling while the weights keep growing: no lowest point is ever reached",
                            "代价一直下降，权重一直变大：永远到不了最低点"))
    fig.tight_layout()
    return fig


def _draw_boundary(ax: Axes, X: np.ndarray, Y: np.ndarray, w: np.ndarray, b: float, title: str) -> None:
    """Scatter the 2-D points, shade sigmoid(w^T x + b) and draw the line w1 x1 + w2 x2 + b = 0."""
    x_min, x_max = X[0].min() - 1, X[0].max() + 1
    y_min, y_max = X[1].min() - 1, X[1].max() + 1
    grid_x, grid_y = np.meshgrid(np.linspace(x_min, x_max, 120), np.linspace(y_min, y_max, 120))
    w1, w2 = float(w[0, 0]), float(w[1, 0])
    logits = np.clip(w1 * grid_x + w2 * grid_y + b, -30, 30)
    ax.contourf(grid_x, grid_y, 1 / (1 + np.exp(-logits)), levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.35)
    labels = np.asarray(Y).ravel()
    ax.scatter(X[0, labels == 1], X[1, labels == 1], c="#b2182b", s=18, label="y = 1")
    ax.scatter(X[0, labels == 0], X[1, labels == 0], c="#2166ac", s=18, marker="s", label="y = 0")
    if abs(w2) > 1e-12:
        xs = np.array([x_min, x_max])
        ax.plot(xs, -(w1 * xs + b) / w2, "k-", linewidth=2)
    elif abs(w1) > 1e-12:
        ax.axvline(-b / w1, color="k", linewidth=2)
    ax.set_xlim(x_min, x_max)
    ax.set_ylim(y_min, y_max)
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    ax.set_title(title, fontsize=12)


def _snapshot_title(iteration: int, cost: float) -> str:
    if math.isfinite(cost):
        return translated("iteration {k}, cost {cost:.3f}", "第 {k} 次迭代，代价 {cost:.3f}", k=iteration, cost=cost)
    return translated("iteration {k}", "第 {k} 次迭代", k=iteration)


@course_figure
def plot_boundary_snapshot(X: np.ndarray, Y: np.ndarray, w: np.ndarray, b: float, iteration: int | None = None,
                           cost: float = math.nan) -> Figure:
    """Two-feature data X `(2, m)`, labels Y `(1, m)`, and the boundary of the model (w `(2, 1)`, b) at one moment
    of training (its iteration and cost in the title): one frame of `plot_boundary_progress`, drawn large.

    Lecture 2.2's `plot_decision_boundary` is the hand-set counterpart (scalar w1, w2, b and the learner's sigmoid,
    with a colour bar).
    """
    from matplotlib.figure import Figure

    fig = Figure(figsize=(10, 5.6))
    ax = fig.subplots()
    title = _snapshot_title(iteration, cost) if iteration is not None else translated("decision boundary", "决策边界")
    _draw_boundary(ax, np.asarray(X, dtype=float), Y, np.asarray(w, dtype=float), float(b),
                   translated("{title}: the black line separates what the model calls 1 and 0",
                              "{title}：黑线分开模型判为 1 和判为 0 的区域", title=title))
    ax.legend(loc="lower right")
    fig.tight_layout()
    return fig


@course_figure
def plot_boundary_progress(X: np.ndarray, Y: np.ndarray, snapshots: Sequence[Snapshot]) -> Figure:
    """The decision boundary at several moments of training, side by side; each snapshot is (iteration, w, b, cost)."""
    from matplotlib.figure import Figure

    if not snapshots:
        raise ValueError("plot_boundary_progress needs at least one snapshot")
    fig = Figure(figsize=(10, 3.6 if len(snapshots) > 2 else 4.8))
    axes = fig.subplots(1, len(snapshots), squeeze=False, sharex=True, sharey=True)[0]
    for ax, (iteration, w, b, cost) in zip(axes, snapshots, strict=True):
        _draw_boundary(ax, np.asarray(X, dtype=float), Y, np.asarray(w, dtype=float), float(b),
                       _snapshot_title(iteration, cost).replace(", ", "\n").replace("，", "\n"))
        if ax is not axes[0]:
            ax.set_ylabel("")
    fig.suptitle(translated("The decision boundary during training: watch it turn and settle between the two classes",
                            "训练过程中的决策边界：看它如何转动，最后停在两类之间"))
    fig.tight_layout()
    return fig
