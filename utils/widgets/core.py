"""What every widget of the course shares."""

from __future__ import annotations

from typing import Any, Callable


def figure_widget(draw: Callable[..., Any], **controls: Any) -> Any:
    """`ipywidgets.interactive` over `draw`, showing the Figure that `draw` returns for the controls' values.

    Plain `interactive` discards the return value; here it is displayed and kept in the widget's `result`.
    """
    import ipywidgets as widgets

    return widgets.interactive(draw, {"auto_display": True}, **controls)
