"""The course's one figure style, applied by every plotting function through `course_figure`.

Figures fill the notebook's width (about 1000 px in JupyterLab), text is read at a glance (12 pt, legends 11 pt)
and the PNG is drawn at 1.5 times the screen's resolution, so it stays sharp on high-density screens (the notebook
scales it down to fit). The style is a `matplotlib.rc_context` around the drawing: nothing is set globally, so
`import utils` and drawing a course figure leave the learner's own matplotlib settings untouched.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, TypeVar

WIDTH = 10.0  # inches: the notebook's width at the style's font sizes
COURSE_RC: dict[str, Any] = {
    "figure.figsize": (WIDTH, 4.6),
    "figure.dpi": 150,
    "savefig.dpi": 150,
    "font.size": 12,
    "axes.titlesize": 13,
    "axes.titleweight": "normal",
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "legend.framealpha": 0.92,
    "figure.titlesize": 14,
    "lines.linewidth": 2.0,
    "grid.alpha": 0.3,
}

Draw = TypeVar("Draw", bound=Callable[..., Any])


def course_figure(draw: Draw) -> Draw:
    """Decorator: run the plotting function `draw` inside the course style (figure size, fonts, resolution)."""

    @functools.wraps(draw)
    def styled(*args: Any, **kwargs: Any) -> Any:
        import matplotlib

        with matplotlib.rc_context(COURSE_RC):
            return draw(*args, **kwargs)

    return styled  # type: ignore[return-value]
