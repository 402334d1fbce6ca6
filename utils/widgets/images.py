"""Widgets for lecture 2.1."""

from __future__ import annotations

import numpy as np


def pixel_explorer(image: np.ndarray):
    """Sliders for a pixel's row and column and a channel menu, showing where that value lands in x."""
    import ipywidgets as widgets
    from IPython.display import display

    from utils.plotting.images import CHANNELS, show_pixel_in_vector

    h, w, _ = image.shape

    def draw(row: int, col: int, channel: int) -> None:
        display(show_pixel_in_vector(image, row, col, channel))

    return widgets.interactive(
        draw,
        row=widgets.IntSlider(value=h // 2, min=0, max=h - 1, description="row"),
        col=widgets.IntSlider(value=w // 2, min=0, max=w - 1, description="column"),
        channel=widgets.Dropdown(options=[(name, k) for k, name in enumerate(CHANNELS)], value=0, description="channel"),
    )
