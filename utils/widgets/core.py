"""What every widget of the course shares: how it displays its figure and how its controls look.

`figure_widget` is the one way the course builds a widget. It gives every control its full description (no
"learning r..."), a slider long enough to aim with, and, for widgets whose redraw is heavy (a 2-D decision boundary,
a training run), redraws only when the slider is released instead of on every drag step.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

CONTROL_WIDTH = "560px"  # long enough to aim a slider; never wider than the notebook (max_width below)


def style_control(control: Any, continuous_update: bool = True) -> Any:
    """Give `control` its whole description and a usable length; set when a slider redraws. Returns the control."""
    if hasattr(control, "style") and hasattr(control.style, "description_width"):
        control.style.description_width = "initial"
    control.layout.width = CONTROL_WIDTH
    control.layout.max_width = "100%"
    if hasattr(control, "continuous_update"):
        control.continuous_update = continuous_update
    return control


def figure_widget(draw: Callable[..., Any], *, continuous_update: bool = True, **controls: Any) -> Any:
    """`ipywidgets.interactive` over `draw`, showing the Figure that `draw` returns for the controls' values.

    Plain `interactive` discards the return value; here it is displayed and kept in the widget's `result`.
    continuous_update: False for heavy redraws (over about 100 ms): the figure follows the slider when it is
    released (or stepped with the keyboard), not on every step of a drag.
    """
    import ipywidgets as widgets

    widget = widgets.interactive(draw, {"auto_display": True}, **controls)
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
