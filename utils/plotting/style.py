"""The course's one figure style, applied by every plotting function through `course_figure`.

Figures fill the notebook's width (about 1000 px in JupyterLab), text is read at a glance (12 pt, legends 11 pt)
and the PNG is drawn at 1.5 times the screen's resolution, so it stays sharp on high-density screens (the notebook
scales it down to fit). The style is a `matplotlib.rc_context` around the drawing: nothing is set globally, so
`import utils` and drawing a course figure leave the learner's own matplotlib settings untouched.

Every word a figure shows comes from `translated(english, chinese, **fields)`, in the edition's language
(`utils.language.current()`). In the Chinese edition the style adds a font that covers Chinese (installed by
`scripts/install-cjk-font.sh`) behind DejaVu Sans: Latin letters, digits and formulas look as in English, and only
the Chinese characters come from the fallback font. Monospaced text names `rcParams["font.monospace"]` while it is
drawn, for the same reason.
"""

from __future__ import annotations

import functools
import subprocess
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from utils.language import current, pick

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

WIDTH = 10.0  # inches: the notebook's width at the style's font sizes
COURSE_RC: dict[RcKeyType, Any] = {
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
    "font.monospace": ["DejaVu Sans Mono"],  # ships with matplotlib; a named list warns once for each absent font
}
CHINESE_FAMILIES = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Droid Sans Fallback")

Draw = TypeVar("Draw", bound=Callable[..., Any])


def translated(english: str, chinese: str, **fields: Any) -> str:
    """The text in the edition's language, its `{fields}` filled in: `translated("step {k}", "第 {k} 步", k=3)`."""
    return pick({"en": english, "zh-CN": chinese}).format(**fields)


@functools.cache
def chinese_font() -> str | None:
    """The family name of an installed font that covers Chinese, made known to matplotlib; None if there is none.

    matplotlib's font list is cached on disk when matplotlib is first imported, so a font installed later (as
    `make test` does) is missing from it: such a font is found with fontconfig (`fc-list :lang=zh`) and added.
    """
    from matplotlib import font_manager

    known = {font.name for font in font_manager.fontManager.ttflist}
    for family in CHINESE_FAMILIES:
        if family in known:
            return family
    try:
        listing = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    for path in sorted(line.split(":")[0].strip() for line in listing.splitlines() if line.strip()):
        font_manager.fontManager.addfont(path)
        family = font_manager.FontProperties(fname=path).get_name()
        if "Mono" not in family:
            return family
    return None


def edition_rc() -> dict[RcKeyType, Any]:
    """`COURSE_RC` plus, in the Chinese edition, a font for the Chinese characters behind the usual ones."""
    if current() != "zh-CN":
        return COURSE_RC
    family = chinese_font()
    if family is None:  # matplotlib then warns about every missing glyph: the learner sees why the boxes are empty
        return COURSE_RC
    # Named fonts, not the generic "sans-serif": a text keeps the families of its creation, while a generic name is
    # looked up when the figure is rendered, after the style's context has closed.
    return {**COURSE_RC, "font.family": ["DejaVu Sans", family], "font.monospace": ["DejaVu Sans Mono", family]}


def course_figure(draw: Draw) -> Draw:
    """Decorator: run the plotting function `draw` inside the course style (figure size, fonts, resolution), and
    mark the Figure it returns as laid out by the course (see `show_course_figures_as_drawn`).

    `Figure.tight_layout()` leaves a placeholder layout engine behind, which makes every later `savefig` draw the
    whole figure once more before drawing it (about a fifth of a widget frame): the layout is done, so it goes.
    """

    @functools.wraps(draw)
    def styled(*args: Any, **kwargs: Any) -> Any:
        import matplotlib
        from matplotlib.layout_engine import PlaceHolderLayoutEngine

        with matplotlib.rc_context(edition_rc()):
            figure = draw(*args, **kwargs)
        if isinstance(figure.get_layout_engine(), PlaceHolderLayoutEngine):
            figure.set_layout_engine(None)
        figure.laid_out_by_course = True
        return figure

    return styled  # type: ignore[return-value]


def png_bytes(figure: Any, dpi: float | None = None) -> bytes:
    """The PNG of `figure` drawn once by Agg at `dpi` (default: the figure's own), without the alpha channel when
    every pixel is opaque (course figures are) and with light compression: about half the encoding time of
    `savefig`'s default for a file of the same size (bench/figures.py)."""
    import io

    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    canvas = FigureCanvasAgg(figure)
    own_dpi = figure.dpi
    figure.set_dpi(dpi or own_dpi)
    try:
        canvas.draw()
        pixels = np.asarray(canvas.buffer_rgba())
        image = Image.fromarray(pixels[..., :3] if pixels[..., 3].min() == 255 else pixels)
        buffer = io.BytesIO()
        image.save(buffer, format="png", compress_level=3)
    finally:
        figure.set_dpi(own_dpi)
    return buffer.getvalue()


def show_course_figures_as_drawn() -> None:
    """In an IPython kernel, display a course figure as `png_bytes` of the figure as drawn, skipping the inline
    backend's tight bounding box (an extra layout pass over every text: about a third of the display time);
    every course figure is already laid out to fill its canvas. Other figures are displayed as before.

    Call it after `%matplotlib inline` (`utils.setup_notebook` does); outside IPython it does nothing.
    """
    import sys

    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython else None
    if shell is None:
        return
    import base64

    from matplotlib.figure import Figure

    formatter = shell.display_formatter.formatters["image/png"]
    try:
        inline = formatter.lookup_by_type(Figure)
    except KeyError:  # no inline backend: figures are not shown as PNG
        return

    def png(figure: Any) -> Any:
        if getattr(figure, "laid_out_by_course", False):
            return base64.b64encode(png_bytes(figure)).decode("ascii")
        return inline(figure)

    formatter.for_type(Figure, png)
