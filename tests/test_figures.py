"""Every figure the course's plotting functions draw, held to the course's figure rules.

- it is drawn in the course style (`utils.plotting.style`), whose settings never leak into matplotlib's global
  rcParams: neither importing `utils` nor drawing a figure changes them;
- every axis that shows a numeric scale has a label, and the figure has a title (or caption) saying what to look at;
- no two texts overlap (titles, axis labels, tick labels, annotations, legends), and no annotation is drawn across a
  curve of its own axes;
- the secant of `plot_secant` has the slope ((a + h)^2 - a^2) / h and turns into the tangent 2a as h shrinks;
- in the Chinese edition (`utils.language`), all of the above holds too (Chinese strings have other widths), every
  glyph is drawn (no "Glyph missing" warning, no mathtext dummy symbol), and no English word is left in a figure.

Every rule runs on every figure in both editions; the callers' own texts (a panel title a notebook passes) are
written with `translated`, as the notebooks write them. Each figure is drawn and rendered to PNG once per edition
(`render`, kept for the module) and every rule reads that rendering: the file took 62-74 s when each rule drew
its own.

The cases use the numbers of the lectures' own static figures where they matter (2.3's y_hat = 0.7 and the widget's
0.5, 2.5's triangle, 2.4's two starts), so a collision a student would see fails here first.
"""

from __future__ import annotations

import functools
import io
import itertools
import logging
import re
import subprocess
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.legend import Legend  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from utils import language  # noqa: E402
from utils.plotting import (  # noqa: E402
    binary_classification,
    cost_function,
    derivatives,
    gradient_descent,
    logistic_regression,
    more_derivative_examples,
)
from utils.plotting import computation_graph as cg  # noqa: E402
from utils.plotting import logistic_regression_gradient_descent as lrgd  # noqa: E402
from utils.plotting.style import COURSE_RC, translated  # noqa: E402

EDITIONS = ("en", "zh-CN")


def _sigmoid(z):
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


def _loss_curves(y_hat: float) -> Figure:
    grid = np.linspace(0.002, 0.998, 499)
    return cost_function.plot_loss_curves(grid, -np.log(grid), -np.log(1 - grid), y_hat)


def _convexity_comparison() -> Figure:
    w = np.linspace(-4, 4, 201)
    return cost_function.plot_convexity_comparison(w, np.log1p(np.exp(-w)) + np.log1p(np.exp(w / 3)),
                                                   1 / (1 + np.exp(w)) ** 2)


def _bowl() -> tuple[np.ndarray, np.ndarray]:
    w = np.linspace(-1.5, 5.5, 300)
    return w, (w - 2) ** 2 + 1


def _descent(w0: float, rate: float, steps: int) -> list[float]:
    path = [w0]
    for _ in range(steps):
        path.append(path[-1] - rate * 2 * (path[-1] - 2))
    return path


def _descent_pair() -> Figure:
    w, J = _bowl()
    runs = [(p, (np.asarray(p) - 2) ** 2 + 1, title) for p, title in
            ((_descent(5.0, 0.1, 10), translated("from w0 = 5: steps to the left", "从 w0 = 5 出发：向左走")),
             (_descent(-1.0, 0.1, 10), translated("from w0 = -1: steps to the right", "从 w0 = -1 出发：向右走")))]
    return gradient_descent.plot_descent_panels(
        w, J, runs, title=translated("Both starts slide down to the same minimum", "两个起点都滑向同一个最小值"))


def _descent_panels() -> Figure:
    w = np.linspace(-4.0, 8.0, 300)
    runs = [(_descent(5.0, a, 10), (np.asarray(_descent(5.0, a, 10)) - 2) ** 2 + 1,
             f"{a}: {gradient_descent.behaviour_name(verdict)}")
            for a, verdict in ((0.3, "converges monotonically"), (0.85, "converges while oscillating"), (1.0, "cycles"),
                               (1.05, "diverges"))]
    return gradient_descent.plot_descent_panels(w, (w - 2) ** 2 + 1, runs)


def _surface() -> Figure:
    w, b = np.linspace(-2, 4, 40), np.linspace(-3, 3, 30)
    W, B = np.meshgrid(w, b)
    path = np.array([[-1.5, 2.5], [0.0, 1.0], [1.0, 0.3], [1.5, 0.0]])
    return gradient_descent.plot_cost_surface(w, b, (W - 1) ** 2 + 0.5 * B ** 2 + 1, paths=[path, path[::-1]])


def _graph() -> Figure:
    a, b, c = cg.Node("a", 5), cg.Node("b", 3), cg.Node("c", 2)
    u = cg.Node("u", 6, (b, c), "*")
    v = cg.Node("v", 11, (a, u), "+")
    J = cg.Node("J", 33, (v,), "×3")
    return cg.draw_computation_graph(J, grads={"J": 1, "v": 3, "a": 3, "u": 3, "b": 6, "c": 9}, highlight="b",
                                     caption="db = du · du/db = 3 · c = 3 · 2 = 6")


_IMAGE = np.random.default_rng(0).integers(0, 256, size=(64, 64, 3), dtype=np.uint8)
_FACES = np.random.default_rng(1).integers(0, 256, size=(25 * 25, 20)).astype(float)
_X2 = np.random.default_rng(2).normal(size=(2, 60))
_Y2 = (_X2[0] + _X2[1] > 0).astype(int).reshape(1, -1)
_W = np.array([[1.0], [1.5]])

# name -> a function drawing the figure. Each lecture's figures, with the numbers of its static cells.
FIGURES: dict[str, Callable[[], Figure]] = {
    "2.1 show_channels": lambda: binary_classification.show_channels(_IMAGE),
    "2.1 show_pixel_in_vector": lambda: binary_classification.show_pixel_in_vector(_IMAGE, 10, 20, 1),
    "2.1 show_examples_as_columns": lambda: binary_classification.show_examples_as_columns(
        _FACES, np.arange(20).reshape(1, -1) % 2, (25, 25, 1)),
    "2.2 plot_sigmoid": lambda: logistic_regression.plot_sigmoid(_sigmoid),
    "2.2 plot_linear_vs_sigmoid": lambda: logistic_regression.plot_linear_vs_sigmoid(
        _X2[:1], _Y2, 2.0, 0.5, _sigmoid),
    "2.2 plot_decision_boundary": lambda: logistic_regression.plot_decision_boundary(_X2, _Y2, 1.5, 1.0, 0.0, _sigmoid),
    "2.3 plot_loss_curves y_hat=0.7": lambda: _loss_curves(0.7),
    "2.3 plot_loss_curves y_hat=0.5": lambda: _loss_curves(0.5),
    "2.3 plot_loss_curves y_hat=0.05": lambda: _loss_curves(0.05),
    "2.3 plot_loss_curves y_hat=0.95": lambda: _loss_curves(0.95),
    "2.3 plot_convexity_comparison": _convexity_comparison,
    "2.4 plot_descent_1d": lambda: gradient_descent.plot_descent_1d(
        *_bowl(), _descent(5.0, 0.3, 10), list((np.asarray(_descent(5.0, 0.3, 10)) - 2) ** 2 + 1),
        translated("learning rate 0.30, 10 steps", "学习率 0.30，10 步")),
    "2.4 descent from 5 and from -1": _descent_pair,
    "2.4 plot_descent_panels": _descent_panels,
    "2.4 plot_cost_surface": _surface,
    "2.5 plot_slope_triangle 3a": lambda: derivatives.plot_slope_triangle(
        lambda a: 3 * a, 2.0, 0.5, a_range=(0.0, 6.0), name="f(a) = 3a"),
    "2.5 plot_slope_triangle 3a, nudge 0.001": lambda: derivatives.plot_slope_triangle(
        lambda a: 3 * a, 2.0, 0.001, a_range=(0.0, 6.0), name="f(a) = 3a"),
    "2.5 plot_slope_triangle a^2": lambda: derivatives.plot_slope_triangle(
        lambda a: a ** 2, 2.0, 0.5, a_range=(0.0, 3.5), name="f(a) = a²"),
    "2.6 plot_slope_triangle a^2 at 5": lambda: derivatives.plot_slope_triangle(
        lambda a: a ** 2, 5.0, 0.5, a_range=(0.0, 6.0), name="f(a) = a²"),
    "2.6 plot_secant": lambda: more_derivative_examples.plot_secant(
        lambda a: a ** 2, lambda a: 2 * a, 2.0, [1.0, 0.5, 0.1], (0.0, 3.5), name="f(a) = a²"),
    "2.6 plot_secant h=0.001": lambda: more_derivative_examples.plot_secant(
        lambda a: a ** 2, lambda a: 2 * a, 2.0, [0.001], (0.0, 3.5), name="f(a) = a²"),
    "2.6 plot_tangent_lines a^2": lambda: more_derivative_examples.plot_tangent_lines(
        lambda a: a ** 2, lambda a: 2 * a, [2.0, 5.0], (0.0, 6.0), name="f(a) = a²"),
    "2.6 plot_tangent_lines ln": lambda: more_derivative_examples.plot_tangent_lines(
        np.log, lambda a: 1 / a, [0.5, 2.0, 4.0], (0.2, 6.0), name="f(a) = ln a"),
    "2.6 plot_slope_errors": lambda: more_derivative_examples.plot_slope_errors(
        np.logspace(-1, -12, 45), np.abs(6 * np.logspace(-1, -12, 45)) + 1e-16 / np.logspace(-1, -12, 45),
        np.logspace(-1, -12, 45) ** 2 + 1e-16 / np.logspace(-1, -12, 45)),
    "2.7 draw_computation_graph": _graph,
    "2.9 plot_computation_graph": lambda: lrgd.plot_computation_graph(
        {"x1": 1.0, "x2": 2.0, "w1": 0.5, "w2": -0.3, "b": 0.1, "z": 0.0, "a": 0.5, "y": 1, "L": 0.693},
        {"da": -2.0, "dz": -0.5, "dw1": -0.5, "dw2": -1.0, "db": -0.5}),
    "2.9 plot_cost_curves (rates)": lambda: lrgd.plot_cost_curves(
        {lrgd.rate_label(r): list(0.7 * np.exp(-r * np.arange(15))) for r in (0.001, 0.01, 0.1)}
        | {lrgd.rate_label(5.0): [0.69, 1.4, 1.2, 0.5, 3.4, 1.1, 0.5, 3.7, 0.0, 0.0]}),
    "2.9 plot_cost_curves (one)": lambda: lrgd.plot_cost_curves(
        {lrgd.rate_label(0.01): list(np.linspace(0.7, 0.4, 15))}),
    "2.9 plot_cost_curves (every iteration)": lambda: lrgd.plot_cost_curves(
        {lrgd.rate_label(r, every_iteration=True): list(0.7 * np.exp(-r * np.arange(60))) for r in (0.1, 5.0)},
        every=1),
    "2.9 plot_naive_and_stable_costs": lambda: lrgd.plot_naive_and_stable_costs(
        [0.7, 0.3, np.inf, np.nan], [0.7, 0.3, 0.1, 0.05], 5.0),
    "2.9 plot_weights_image": lambda: lrgd.plot_weights_image(np.linspace(-1, 1, 17 * 17).reshape(-1, 1),
                                                              (17, 17, 1), learning_rate=0.001),
    "2.9 plot_weights_image (colour)": lambda: lrgd.plot_weights_image(
        np.linspace(-1, 1, 17 * 17 * 3).reshape(-1, 1), (17, 17, 3), iterations=2000),
    "2.9 plot_weights_images": lambda: lrgd.plot_weights_images(
        {lrgd.rate_label(r): np.linspace(-r, r, 17 * 17).reshape(-1, 1) for r in (0.001, 5.0)}, (17, 17, 1)),
    "2.9 plot_weights_images (colour)": lambda: lrgd.plot_weights_images(
        {lrgd.rate_label(r): np.linspace(-r, r, 17 * 17 * 3).reshape(-1, 1) for r in (0.001, 5.0)}, (17, 17, 3)),
    "2.9 plot_training_images": lambda: lrgd.plot_training_images(
        np.zeros((8, 17, 17, 1), dtype=np.uint8), np.arange(8) % 2, ("non-face", "face")),
    "2.9 plot_misclassified": lambda: lrgd.plot_misclassified(
        np.zeros((5, 17, 17, 1), dtype=np.uint8), np.array([0, 1, 1, 0, 1]), np.array([1, 0, 0, 1, 0]),
        ("non-face", "face")),
    "2.9 plot_cost_and_weight_norm": lambda: lrgd.plot_cost_and_weight_norm([0, 100, 1000], [0.7, 0.3, 0.1],
                                                                            [0.0, 2.0, 5.0]),
    "2.9 plot_boundary_snapshot": lambda: lrgd.plot_boundary_snapshot(_X2, _Y2, _W, 0.2, iteration=30, cost=0.4),
    "2.9 plot_boundary_progress": lambda: lrgd.plot_boundary_progress(
        _X2, _Y2, [(k, _W * k / 10, 0.0, 0.6 - k / 100) for k in (0, 5, 30, 1000)]),
}


def _texts(fig: Figure) -> list[Text]:
    """The visible, non-empty texts of the figure as drawn: legends' own texts excluded (a legend counts as one
    box), tick labels only for the ticks matplotlib draws (those inside the view)."""
    in_legends = {id(t) for legend in fig.findobj(Legend) for t in legend.findobj(Text)}
    tick_labels, drawn = set(), set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis) + ((ax.zaxis,) if hasattr(ax, "zaxis") else ()):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                tick_labels |= {id(tick.label1), id(tick.label2)}
            if ax.get_visible() and ax.axison:
                for tick in axis._update_ticks():  # the ticks matplotlib draws
                    drawn |= {id(tick.label1), id(tick.label2)}
    return [t for t in fig.findobj(Text)
            if t.get_visible() and t.get_text().strip() and id(t) not in in_legends
            and (id(t) not in tick_labels or id(t) in drawn)]


def _boxes(fig: Figure, renderer) -> list[tuple[str, object]]:
    boxes = [(repr(t.get_text()), t.get_window_extent(renderer)) for t in _texts(fig)]
    boxes += [(f"legend of {legend.axes.get_title()!r}" if legend.axes else "figure legend",
               legend.get_window_extent(renderer)) for legend in fig.findobj(Legend) if legend.get_visible()]
    return [(name, box) for name, box in boxes if box.width > 0 and box.height > 0]


@dataclass
class Rendered:
    """One figure drawn in one edition and rendered once to PNG, as a notebook shows it, with what happened."""

    figure: Figure
    renderer: RendererAgg  # the renderer of that PNG: the texts' boxes as drawn
    changed_rc: list[str]  # rcParams the drawing changed (none may be)
    complaints: list[str]  # warnings and matplotlib's log records, from drawing to the PNG


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render(name: str, edition: str) -> Rendered:
    """`FIGURES[name]` drawn in `edition` and rendered to PNG (what `savefig(format="png")` does: Agg's `print_png`),
    every warning and every matplotlib log record of WARNING or above collected (the first drawing of a figure in the
    process: findfont's warning is logged only once per font list)."""
    previous = language.current()
    logger = logging.getLogger("matplotlib")
    records, level = _Records(), logger.level
    language.set_language(edition)
    logger.addHandler(records)
    logger.setLevel(logging.WARNING)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")  # matplotlib's "Glyph ... missing from font(s)", any other
            before = dict(matplotlib.rcParams)
            fig = FIGURES[name]()
            after = dict(matplotlib.rcParams)
            canvas = FigureCanvasAgg(fig)
            canvas.print_png(io.BytesIO())
    finally:
        logger.removeHandler(records)
        logger.setLevel(level)
        language.set_language(previous)
    changed = sorted(str(k) for k in before if before[k] != after[k] and k != "backend")
    complaints = [f"{w.category.__name__}: {w.message}" for w in caught] + records.messages
    return Rendered(fig, canvas.get_renderer(), changed, complaints)


@pytest.fixture(scope="module")
def rendered() -> Callable[[str, str], Rendered]:
    """Every figure rendered once per edition, the first time a test asks for it; every rule reads the same one."""
    return functools.cache(render)


@pytest.fixture(params=EDITIONS)
def edition(request) -> str:
    return request.param


@pytest.fixture(params=list(FIGURES), ids=list(FIGURES))
def drawn(request, edition, rendered) -> Rendered:
    """A figure of `FIGURES` in an edition (the parameters name the lecture, for `--lecture`)."""
    result = rendered(request.param, edition)
    assert isinstance(result.figure, Figure)
    assert not result.changed_rc, f"drawing changed rcParams: {result.changed_rc}"
    return result


def test_figure_is_drawn_in_the_course_style(drawn):
    figure = drawn.figure
    width, _ = figure.get_size_inches()
    assert figure.dpi == COURSE_RC["figure.dpi"], "drawn outside the course style (use @course_figure)"
    assert width >= 8.0, f"{width:.1f} in wide: a course figure fills the notebook's width"
    fontsizes = [t.get_fontsize() for t in figure.findobj(Text) if t.get_text().strip()]
    assert min(fontsizes) >= 9, f"a text of {min(fontsizes)} pt is too small to read"


def test_every_axis_with_a_scale_has_a_label_and_the_figure_a_title(drawn):
    figure = drawn.figure
    problems = []
    for ax in figure.axes:
        if not ax.get_visible() or not ax.axison:
            continue
        axes_ = [("x", ax.xaxis), ("y", ax.yaxis)] + ([("z", ax.zaxis)] if hasattr(ax, "zaxis") else [])
        for name, axis in axes_:
            shows_scale = any(t.get_visible() and t.get_text().strip() for t in axis.get_ticklabels())
            if shows_scale and not axis.get_label_text().strip():
                problems.append(f"the {name} axis of {ax.get_title()!r} has no label")
    titled = (figure._suptitle is not None and figure._suptitle.get_text().strip()) or figure.texts or (
        len([ax for ax in figure.axes if ax.get_label() != "<colorbar>"]) == 1 and figure.axes[0].get_title()) or (
        figure.subfigs and all(part._suptitle is not None and part._suptitle.get_text().strip()
                               for part in figure.subfigs))  # a figure of parts, each titled
    if not titled:
        problems.append("no title: a figure with several panels needs a suptitle saying what to compare")
    assert not problems, problems


def test_no_two_texts_overlap(drawn):
    boxes = _boxes(drawn.figure, drawn.renderer)
    clashes = [f"{a} and {b}" for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2)
               if box_a.shrunk(0.98, 0.9).overlaps(box_b.shrunk(0.98, 0.9))]
    assert not clashes, "texts overlap: " + "; ".join(clashes[:5])


def test_no_annotation_is_drawn_across_a_curve(drawn):
    renderer = drawn.renderer
    clashes = []
    for ax in drawn.figure.axes:
        if not ax.axison:
            continue
        for text in ax.texts:
            if not text.get_visible() or not text.get_text().strip():
                continue
            box = text.get_window_extent(renderer).padded(1)
            for line in ax.get_lines():
                if line.get_linestyle() in ("None", "", " ") or not line.get_visible():
                    continue
                xy = line.get_transform().transform(np.column_stack(line.get_data()).astype(float))
                xy = xy[np.isfinite(xy).all(axis=1)]
                # sample every segment at about one point per pixel
                points = [xy[:1]]
                for start, end in zip(xy[:-1], xy[1:], strict=True):
                    n = int(min(2000, np.hypot(*(end - start)))) + 1
                    points.append(start + np.linspace(0, 1, n)[:, None] * (end - start))
                points = np.concatenate(points)
                if box.contains_points(points).any() if hasattr(box, "contains_points") else any(
                        box.contains(x, y) for x, y in points):
                    clashes.append(f"{text.get_text()!r} crosses the line {line.get_label()!r}")
    assert not clashes, clashes


def test_importing_utils_and_drawing_leave_rcparams_alone():
    """A fresh interpreter: `import utils` and every plotting and widget module, draw a figure, compare rcParams."""
    code = (
        "import matplotlib; matplotlib.use('Agg'); before = dict(matplotlib.rcParams)\n"
        "import importlib, pkgutil, utils, utils.plotting, utils.widgets\n"
        "for package in (utils.plotting, utils.widgets):\n"
        "    for module in pkgutil.iter_modules(package.__path__):\n"
        "        importlib.import_module(f'{package.__name__}.{module.name}')\n"
        "assert dict(matplotlib.rcParams) == before, 'import changed rcParams'\n"
        "from utils.plotting.more_derivative_examples import plot_secant\n"
        "fig = plot_secant(lambda a: a ** 2, lambda a: 2 * a, 2.0, [0.5], (0.0, 3.5))\n"
        "fig.savefig(__import__('io').BytesIO(), format='png')\n"
        "changed = [k for k in before if before[k] != matplotlib.rcParams[k]]\n"
        "assert not changed, changed\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- 2.6: the secant turns into the tangent -----------------------------------------------------------------------

def _slope_of(fig: Figure, gid: str) -> float:
    line = next(line for line in fig.axes[0].get_lines() if line.get_gid() == gid)
    x, y = (np.asarray(v, dtype=float) for v in line.get_data())
    return float((y[-1] - y[0]) / (x[-1] - x[0]))


@pytest.mark.lecture("2.6-more-derivative-examples")
@pytest.mark.parametrize("a", [2.0, 0.5, -1.5])
@pytest.mark.parametrize("h", [1.0, 0.5, 0.1, 0.001])
def test_plot_secant_draws_the_secant_through_a_and_a_plus_h(a, h):
    fig = more_derivative_examples.plot_secant(lambda t: t ** 2, lambda t: 2 * t, a, [h], (a - 2, a + 2),
                                               name="f(a) = a²")
    assert _slope_of(fig, f"secant:{h:g}") == pytest.approx(((a + h) ** 2 - a ** 2) / h, rel=1e-9, abs=1e-9)
    assert _slope_of(fig, "tangent") == pytest.approx(2 * a)
    assert more_derivative_examples.secant_slope(lambda t: t ** 2, a, h) == pytest.approx(2 * a + h)


@pytest.mark.lecture("2.6-more-derivative-examples")
def test_the_secant_approaches_the_tangent_as_h_shrinks():
    hs = [1.0, 0.5, 0.2, 0.1, 0.01, 0.001]
    fig = more_derivative_examples.plot_secant(lambda t: t ** 2, lambda t: 2 * t, 2.0, hs, (0.0, 3.5))
    gaps = [abs(_slope_of(fig, f"secant:{h:g}") - 4.0) for h in hs]
    assert gaps == sorted(gaps, reverse=True) and gaps[-1] < 2e-3, gaps
    assert "against 4" in fig.axes[0].get_title()


# --- the Chinese edition: every glyph drawn, no English word left --------------------------------------------------

CHINESE = re.compile(r"[\u4e00-\u9fff]")
CODE_WORDS = {"sigmoid", "NumPy"}  # names the Chinese text keeps, as the Chinese notebooks do


def _english_words(text: str) -> list[str]:
    """Words of three letters or more outside formulas ($...$) and code names (with `_` or digits)."""
    words = re.findall(r"[A-Za-z_][A-Za-z_0-9]*", re.sub(r"\$[^$]*\$", " ", text))
    return [w for w in words if len(w) >= 3 and not re.search(r"[_0-9]", w) and w not in CODE_WORDS]


@pytest.mark.parametrize("name", list(FIGURES))
def test_a_chinese_figure_draws_every_glyph_and_holds_no_english_word(name, rendered):
    chinese = rendered(name, "zh-CN")
    # matplotlib's "Glyph ... missing from font(s)" warning, mathtext's "substituting with a dummy" log record
    assert not chinese.complaints, chinese.complaints
    texts = [t.get_text() for t in chinese.figure.findobj(Text) if t.get_visible()]
    english = sorted({w for text in texts for w in _english_words(text)})
    assert not english, f"English left in the Chinese figure: {english}"
    in_english = [t.get_text() for t in rendered(name, "en").figure.findobj(Text)]
    if any(_english_words(text) for text in in_english):  # words to translate (2.7's graph holds only symbols)
        assert any(CHINESE.search(text) for text in texts), "no Chinese text in the figure"


@pytest.mark.parametrize("name", list(FIGURES))
def test_an_english_figure_renders_without_a_warning(name, rendered):
    """Nothing on the notebook's stderr (nbval fails on it): e.g. matplotlib's "findfont: Font family ... not found"
    for every absent font of a named font list."""
    complaints = rendered(name, "en").complaints
    assert not complaints, complaints


@pytest.mark.parametrize("name", list(FIGURES))
def test_an_english_figure_draws_no_chinese(name, rendered):
    texts = [t.get_text() for t in rendered(name, "en").figure.findobj(Text)]
    assert not [text for text in texts if CHINESE.search(text)]


# --- speed: a course figure is drawn once per PNG -------------------------------------------------------------------

def test_saving_a_course_figure_draws_it_once(monkeypatch):
    """`tight_layout` leaves a placeholder layout engine that makes `savefig` draw everything twice."""
    fig = FIGURES["2.9 plot_boundary_snapshot"]()
    draws = []
    original = Figure.draw
    monkeypatch.setattr(Figure, "draw", lambda self, renderer: draws.append(1) or original(self, renderer))
    fig.savefig(io.BytesIO(), format="png", dpi=100)
    assert len(draws) == 1


def test_ipython_shows_a_course_figure_as_drawn_and_other_figures_as_before():
    """In an IPython shell with the inline backend, after `utils.setup_notebook()`: a course figure's PNG is the
    whole canvas at the figure's resolution (no tight-bounding-box pass), a learner's own figure is cropped tight as
    the inline backend does it."""
    code = (
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "shell = InteractiveShell.instance()\n"
        "import matplotlib; matplotlib.use('Agg')\n"
        "from IPython.core.pylabtools import select_figure_formats\n"
        "select_figure_formats(shell, {'png'})  # what `%matplotlib inline` registers\n"
        "import utils; utils.setup_notebook()\n"
        "from matplotlib.figure import Figure\n"
        "from utils.plotting.logistic_regression import plot_sigmoid\n"
        "import base64, numpy as np\n"
        "def width(fig):\n"
        "    png = shell.display_formatter.format(fig)[0]['image/png']\n"
        "    png = base64.b64decode(png) if isinstance(png, str) else png\n"
        "    return int.from_bytes(png[16:20], 'big')\n"
        "course = plot_sigmoid(lambda z: 1 / (1 + np.exp(-z)))\n"
        "assert width(course) == round(course.get_size_inches()[0] * course.dpi), width(course)\n"
        "own = Figure(figsize=(4, 3), dpi=100); own.subplots().plot([1, 2])\n"
        "assert width(own) < 400, width(own)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_png_bytes_draws_at_the_asked_resolution_and_keeps_transparency_only_where_there_is_some():
    from PIL import Image

    from utils.plotting.style import png_bytes

    fig = FIGURES["2.9 plot_boundary_snapshot"]()
    opaque = Image.open(io.BytesIO(png_bytes(fig, dpi=50)))
    assert opaque.mode == "RGB" and opaque.width == round(fig.get_size_inches()[0] * 50)
    assert fig.dpi == COURSE_RC["figure.dpi"], "the figure's own resolution is restored"
    assert Image.open(io.BytesIO(png_bytes(fig))).width == round(fig.get_size_inches()[0] * fig.dpi)
    see_through = Figure(figsize=(2, 1), dpi=50, facecolor="none")
    see_through.subplots().plot([0, 1])
    image = Image.open(io.BytesIO(png_bytes(see_through)))
    assert image.mode == "RGBA" and image.getpixel((0, 0))[3] == 0
