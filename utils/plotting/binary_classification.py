"""Figures for lecture 2.1: an image, its colour channels, and where a pixel lands in the feature vector."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from utils.plotting.style import course_figure, translated

if TYPE_CHECKING:
    from matplotlib.figure import Figure

CHANNELS = ("red", "green", "blue")  # also the colour maps' names ("Reds", ...); `channel_name` is what a reader sees


def channel_name(channel: int) -> str:
    """The name of colour channel 0, 1 or 2 in the edition's language."""
    return translated(CHANNELS[channel], ("红", "绿", "蓝")[channel])


def feature_index(row: int, col: int, channel: int, shape: tuple[int, int, int], order: str = "numpy") -> int:
    """Row of the feature vector that holds pixel (row, col) of `channel` in an image of `shape` (h, w, c).

    `order="numpy"` is NumPy's row-major order (pixel by pixel, colours side by side);
    `order="channels"` lists a whole channel after another, as the lecture draws it.
    """
    h, w, c = shape
    if not (0 <= row < h and 0 <= col < w and 0 <= channel < c):
        raise ValueError(f"pixel ({row}, {col}, channel {channel}) is outside an image of shape {shape}")
    if order == "numpy":
        return (row * w + col) * c + channel
    if order == "channels":
        return channel * h * w + row * w + col
    raise ValueError(f"order must be 'numpy' or 'channels', not {order!r}")


@course_figure
def show_channels(image: np.ndarray) -> Figure:
    """The `(h, w, 3)` image beside its red, green and blue intensity matrices."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(10, 3.3))
    axes = fig.subplots(1, 4)
    axes[0].imshow(image)
    axes[0].set_title(translated("image {h}×{w}×{c}", "图像 {h}×{w}×{c}", h=image.shape[0], w=image.shape[1],
                                 c=image.shape[2]), fontsize=12)
    for k, (ax, name) in enumerate(zip(axes[1:], CHANNELS, strict=True)):
        ax.imshow(image[..., k], cmap=f"{name.capitalize()}s", vmin=0, vmax=255)
        ax.set_title(translated("{name} ({h}×{w})", "{name}通道（{h}×{w}）", name=channel_name(k), h=image.shape[0],
                                w=image.shape[1]), fontsize=12)
    for ax in axes:
        ax.set_xticks([])
        ax.set_yticks([])
    fig.suptitle(translated("A colour image is three matrices of intensities, one per channel "
                            "(darker: more of that colour)",
                            "彩色图像是三个强度矩阵，每个通道一个（越深：该颜色越多）"))
    fig.tight_layout()
    return fig


@course_figure
def show_pixel_in_vector(image: np.ndarray, row: int, col: int, channel: int) -> Figure:
    """Mark pixel (row, col) on the image and say which row of x holds its `channel` value, in both orders."""
    import matplotlib
    from matplotlib.figure import Figure

    numpy_row = feature_index(row, col, channel, image.shape, "numpy")
    lecture_row = feature_index(row, col, channel, image.shape, "channels")
    fig = Figure(figsize=(10, 4.2))
    ax_image, ax_text = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.5]})
    ax_image.imshow(image)
    ax_image.add_patch(_square(col, row))
    ax_image.set_title(translated("pixel (row {row}, column {col})", "像素（第 {row} 行，第 {col} 列）",
                                  row=row, col=col))
    ax_image.set_xticks([])
    ax_image.set_yticks([])
    ax_text.axis("off")
    value = int(image[row, col, channel])
    ax_text.text(
        0.0, 0.5,
        translated("{name} value: {value}\n\nNumPy order (row-major):\n  x[{numpy_row}] = {value}\n\n"
                   "channel-by-channel order:\n  x[{lecture_row}] = {value}\n\n",
                   "{name}通道的值：{value}\n\nNumPy 顺序（行优先顺序）：\n  x[{numpy_row}] = {value}\n\n"
                   "逐通道顺序：\n  x[{lecture_row}] = {value}\n\n",
                   name=channel_name(channel), value=value, numpy_row=numpy_row, lecture_row=lecture_row)
        + f"n_x = {image.shape[0]} x {image.shape[1]} x {image.shape[2]} = {image.size:,}",
        family=matplotlib.rcParams["font.monospace"], va="center",  # named fonts: see utils.plotting.style
    )
    fig.suptitle(translated("One pixel's value lands in a different row of x in each order; n_x counts them all",
                            "同一个像素值在两种顺序下落在 x 的不同行；n_x 把它们全部计数"))
    fig.tight_layout()
    return fig


def _square(col: int, row: int):
    from matplotlib.patches import Rectangle

    return Rectangle((col - 0.5, row - 0.5), 1, 1, fill=False, edgecolor="yellow", linewidth=2)


@course_figure
def show_examples_as_columns(X: np.ndarray, Y: np.ndarray, image_shape: tuple[int, int, int], count: int = 6) -> Figure:
    """The data matrix X `(n_x, m)` drawn as a picture with the labels Y `(1, m)` under it, and its first `count`
    columns folded back into images of `image_shape` `(h, w, c)`, each with its label.

    The point of the picture: every column of X is one whole example, and the label under it is that example's.
    """
    from matplotlib.figure import Figure

    X, Y = np.asarray(X), np.asarray(Y)
    n_x, m = X.shape
    count = min(count, m)
    low, high = float(X.min()), float(X.max())
    fig = Figure(figsize=(10, 7.0))
    grid = fig.add_gridspec(3, count, height_ratios=[1.0, 2.4, 0.22], hspace=0.35)
    for j in range(count):
        ax = fig.add_subplot(grid[0, j])
        image = X[:, j].reshape(image_shape)
        ax.imshow(image[..., 0] if image_shape[2] == 1 else image, cmap="gray", vmin=low, vmax=high)
        ax.set_title(translated("column {j}\ny = {y}", "第 {j} 列\ny = {y}", j=j, y=Y[0, j]), fontsize=11)
        ax.set_xticks([])
        ax.set_yticks([])
    ax_X = fig.add_subplot(grid[1, :])
    ax_X.imshow(X, aspect="auto", cmap="gray", vmin=low, vmax=high, interpolation="nearest")
    from matplotlib.patches import Rectangle

    ax_X.add_patch(Rectangle((-0.5, -0.5), count, n_x, fill=False, edgecolor="tab:orange", linewidth=1.5))
    ax_X.set_title(translated("X, shape ({n_x}, {m}): the orange frame holds the {count} images above",
                              "X，形状 ({n_x}, {m})：橙色框里是上面的 {count} 张图像", n_x=n_x, m=m, count=count),
                   fontsize=12)
    ax_X.set_ylabel(translated("feature (row of x)", "特征（x 的行）"))
    ax_X.set_xticks([])
    ax_Y = fig.add_subplot(grid[2, :], sharex=ax_X)
    ax_Y.imshow(Y, aspect="auto", cmap="coolwarm", vmin=0, vmax=1, interpolation="nearest")
    ax_Y.set_yticks([])
    ax_Y.set_ylabel(f"Y (1, {m})", rotation=0, ha="right", va="center")
    ax_Y.set_xlabel(translated("example (column)", "样本（列）"))
    fig.suptitle(translated("Every column of X is one whole example, and the label under it in Y is that example's",
                            "X 的每一列是一个完整的样本，Y 中它下方的标签就是这个样本的标签"))
    return fig
