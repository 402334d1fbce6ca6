"""Widgets for lecture 2.1."""

from __future__ import annotations

from typing import Any

import numpy as np

from utils.plotting.style import translated
from utils.widgets.core import figure_widget


def pixel_explorer(image: np.ndarray, row: int | None = None, col: int | None = None, channel: int = 0) -> Any:
    """Sliders for a pixel's row and column and a channel menu, showing where that value lands in x.

    The controls start at (row, col, channel); row and col default to the middle of the image.
    """
    import ipywidgets as widgets

    from utils.plotting.binary_classification import CHANNELS, channel_name, show_pixel_in_vector

    h, w, _ = image.shape

    def draw(row: int, col: int, channel: int):
        return show_pixel_in_vector(image, row, col, channel)

    return figure_widget(
        draw,
        continuous_update=True,  # a light redraw (under 100 ms in bench/widgets.py): follow the drag
        row=widgets.IntSlider(value=h // 2 if row is None else row, min=0, max=h - 1,
                              description=translated("row", "行")),
        col=widgets.IntSlider(value=w // 2 if col is None else col, min=0, max=w - 1,
                              description=translated("column", "列")),
        channel=widgets.Dropdown(options=[(channel_name(k), k) for k in range(len(CHANNELS))], value=channel,
                                 description=translated("channel", "通道")),
    )
