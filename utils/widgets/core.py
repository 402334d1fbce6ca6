"""What every widget of the course shares: how it displays its figure and how its controls look.

`figure_widget` is the one way the course builds a widget. It gives every control its full description (no
"learning r..."), a slider long enough to aim with, and redraws when a slider is released instead of on every drag
step, unless the redraw is light (under about 100 ms, see bench/widgets.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

CONTROL_WIDTH = "560px"  # long enough to aim a slider; never wider than the notebook (max_width below)
WIDGET_DPI = 100  # a redraw's PNG at screen resolution: about 1000 px wide, the notebook's width, in half the time


def show_figure(fig: Any) -> None:
    """Display `fig` as one PNG rendered once at `WIDGET_DPI` (`utils.plotting.style.png_bytes`).

    The inline backend would render it twice (a tight bounding box, then the image) at the figure's 150 dpi; the
    course's figures are already laid out tightly, so one render at screen resolution shows the same picture and
    halves a slider step's redraw time.
    """
    from IPython.display import Image, display

    from utils.plotting.style import png_bytes

    display(Image(data=png_bytes(fig, WIDGET_DPI), format="png"))


def style_control(control: Any, continuous_update: bool = True) -> Any:
    """Give `control` its whole description and a usable length; set when a slider redraws. Returns the control."""
    if hasattr(control, "style") and hasattr(control.style, "description_width"):
        control.style.description_width = "initial"
    control.layout.width = CONTROL_WIDTH
    control.layout.max_width = "100%"
    if hasattr(control, "continuous_update"):
        control.continuous_update = continuous_update
    return control


def figure_widget(draw: Callable[..., Any], *, continuous_update: bool = False, **controls: Any) -> Any:
    """`ipywidgets.interactive` over `draw`, showing the Figure that `draw` returns for the controls' values.

    Plain `interactive` discards the return value; here it is displayed (a Figure by `show_figure`) and kept in the
    widget's `result`.
    continuous_update: whether a drag redraws at every step. The default, False, redraws when the slider is released
    (or stepped with the keyboard): a redraw over about 100 ms cannot keep up with a drag, whose steps then queue
    up in the kernel and the figure lags seconds behind (bench/widgets.py measures them: most course figures take
    100-300 ms). Pass True only for a light redraw.
    """
    import ipywidgets as widgets
    from IPython.display import display
    from matplotlib.figure import Figure

    @functools.wraps(draw)  # `interactive` matches the controls to draw's parameters
    def shown(*args: Any, **values: Any) -> Any:
        result = draw(*args, **values)
        if isinstance(result, Figure):
            show_figure(result)
        elif result is not None:
            display(result)
        return result

    widget = widgets.interactive(shown, **controls)
    for control in widget.children[:-1]:
        style_control(control, continuous_update)
    return widget


def choice_slider(values: Sequence[float], value: float, description: str, fmt: str = "g") -> Any:
    """A slider over exactly `values` (in that order), starting at `value`, which must be one of them.

    Unlike a FloatSlider or FloatLogSlider, which snap to their own grid (0.5 on a log grid becomes 0.562), every
    position is a number the text can name, e.g. the nudges 1, 0.5, 0.2, ..., 0.001.
    """
    import ipywidgets as widgets

    values = [float(v) for v in values]
    if float(value) not in values:
        raise ValueError(f"the start value {value} is not one of the slider's values {values}")
    return widgets.SelectionSlider(options=[(format(v, fmt), v) for v in values], value=float(value),
                                   description=description)
