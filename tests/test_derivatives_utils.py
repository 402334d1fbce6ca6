"""Unit tests of the helpers of lectures 2.5 and 2.6: visible checks, plotting functions, widgets."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Polygon  # noqa: E402

from utils.checks import derivatives as checks25  # noqa: E402
from utils.checks.core import CheckFailed, NotImplementedYet  # noqa: E402
from utils.plotting.derivatives import plot_slope_triangle  # noqa: E402
from utils.plotting.more_derivative_examples import plot_slope_errors, plot_tangent_lines  # noqa: E402


def _not_implemented(*args, **kwargs):
    raise NotImplementedError()


def _named(fn, name):
    fn.__name__ = name
    return fn


def _fails_with(check, fn, *fragments: str) -> str:
    with pytest.raises(CheckFailed) as info:
        check(fn)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, message
    return message


# --- 2.5: slope --------------------------------------------------------------------------------------------


def test_check_slope_passes_a_correct_forward_nudge(capsys):
    checks25.check_slope(lambda f, a, h=0.001: (f(a + h) - f(a)) / h)
    assert capsys.readouterr().out.strip() == (
        "✔ slope: all visible checks passed (f(a) = 3a and a², the default nudge and h = 0.3, numbers and arrays).")


@pytest.mark.parametrize(
    "wrong, fragments",
    [
        (lambda f, a, h=0.001: (f(a + h) - f(a - h)) / (2 * h), ["centred difference", "forward nudge"]),
        (lambda f, a, h=0.001: (f(a) - f(a - h)) / h, ["backward difference"]),
        (lambda f, a, h=0.001: f(a + h) - f(a), ["height", "divide it by its width"]),
        (lambda f, a, h=0.001: (f(a + h) - f(a)) / (2 * h), ["divided by 2h"]),
        (lambda f, a, h=0.001: (f(a) - f(a + h)) / h, ["Sign error"]),
        (lambda f, a, h=0.001: (f(a + 0.001) - f(a)) / 0.001, ["ignores its argument h"]),
        (lambda f, a, h=0.001: (f(a + h) - f(a)) // h, ["`//`"]),
        (lambda f, a, h=0.01: (f(a + h) - f(a)) / h, ["default of h should be 0.001"]),
        (lambda f, a, h=0.001: float((f(a + h) - f(a)) / h), ["not for a NumPy array"]),
        (lambda f, a, h=0.001: [(f(x + h) - f(x)) / h for x in a] if isinstance(a, np.ndarray)
         else (f(a + h) - f(a)) / h, ["returned a list", "not for a NumPy array"]),
    ],
)
def test_check_slope_names_the_mistake(wrong, fragments):
    wrong.__name__ = "slope"
    _fails_with(checks25.check_slope, wrong, *fragments)


def test_check_slope_reports_the_stub():
    with pytest.raises(NotImplementedYet, match="not implemented yet"):
        checks25.check_slope(_not_implemented)


@pytest.mark.parametrize("wrap", [np.float64, np.float32, np.asarray])
def test_check_slope_accepts_numpy_scalars_and_0d_arrays(wrap, capsys):
    def slope(f, a, h=0.001):
        result = (f(a + h) - f(a)) / h
        return wrap(result) if np.ndim(a) == 0 else result

    checks25.check_slope(slope)
    assert "all visible checks passed" in capsys.readouterr().out


def test_check_slope_rejects_a_list_where_a_number_is_asked():
    _fails_with(checks25.check_slope, _named(lambda f, a, h=0.001: [(f(a + h) - f(a)) / h], "slope"),
                "should be a single number")


def test_check_slope_names_float_not_math_for_a_float_call():
    message = _fails_with(checks25.check_slope, _named(lambda f, a, h=0.001: float((f(a + h) - f(a)) / h), "slope"),
                          "not for a NumPy array", "float(...)")
    assert "The `math` module works" not in message


def test_check_slope_checks_two_dimensional_arrays():
    def slope(f, a, h=0.001):  # flattens its input: right values, wrong shape for a 2-D array
        return (f(np.ravel(a) + h) - f(np.ravel(a))) / h if np.ndim(a) else (f(a + h) - f(a)) / h

    _fails_with(checks25.check_slope, _named(slope, "slope"), "shape (2, 2)")


# --- 2.5: centered_slope -----------------------------------------------------------------------------------


def test_check_centered_slope_passes_a_correct_centred_nudge(capsys):
    checks25.check_centered_slope(lambda f, a, h=0.001: (f(a + h) - f(a - h)) / (2 * h))
    assert capsys.readouterr().out.strip() == ("✔ centered_slope: all visible checks passed (f(a) = 3a and a³, the "
                                               "default nudge and h = 0.1, numbers and arrays).")


@pytest.mark.parametrize(
    "wrong, fragments",
    [
        (lambda f, a, h=0.001: (f(a + h) - f(a)) / h, ["forward difference"]),
        (lambda f, a, h=0.001: (f(a + h) - f(a - h)) / 2 * h, ["Operator precedence", "/ (2 * h)"]),
        (lambda f, a, h=0.001: (f(a + h) - f(a - h)) / h, ["You divided by h", "divide by 2h"]),
        (lambda f, a, h=0.001: (f(a + h) - f(a - h)) / 2, ["divided by 2 only"]),
        (lambda f, a, h=0.001: (f(a - h) - f(a + h)) / (2 * h), ["Sign error"]),
        (lambda f, a, h=0.001: (f(a + 0.001) - f(a - 0.001)) / 0.002, ["ignores its argument h"]),
        (lambda f, a, h=0.1: (f(a + h) - f(a - h)) / (2 * h), ["default value 0.001"]),
        (lambda f, a, h=0.001: float((f(a + h) - f(a - h)) / (2 * h)), ["not for a NumPy array"]),
    ],
)
def test_check_centered_slope_names_the_mistake(wrong, fragments):
    wrong.__name__ = "centered_slope"
    _fails_with(checks25.check_centered_slope, wrong, *fragments)


# --- plotting ----------------------------------------------------------------------------------------------


def test_plot_slope_triangle_draws_curve_triangle_and_reports_the_ratio():
    fig = plot_slope_triangle(lambda a: 3 * a, a=2.0, nudge=0.5, a_range=(0.0, 6.0), name="3a")
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    curve = ax.lines[0]
    assert np.allclose(curve.get_xdata()[[0, -1]], [0.0, 6.0])
    assert np.allclose(curve.get_ydata(), 3 * curve.get_xdata())
    triangles = [p for p in ax.patches if isinstance(p, Polygon)]
    assert len(triangles) == 1
    corners = triangles[0].get_xy()[:3]
    assert np.allclose(corners, [[2.0, 6.0], [2.5, 6.0], [2.5, 7.5]])
    assert ax.get_title() == "Slope at a = 2: height / width = 1.5 / 0.5 = 3"
    texts = [t.get_text() for t in ax.texts]
    assert "width = 0.5" in texts and "height = 1.5" in texts


def test_plot_slope_triangle_on_a_curve_and_rejects_a_bad_nudge():
    fig = plot_slope_triangle(lambda a: a**2, a=2.0, nudge=0.5)
    assert fig.axes[0].get_title().endswith("= 4.5")
    with pytest.raises(ValueError, match="positive"):
        plot_slope_triangle(lambda a: a**2, a=2.0, nudge=0.0)


def test_plot_tangent_lines_touch_the_curve_with_the_given_slopes():
    points = [1.0, 2.0, 3.0]
    fig = plot_tangent_lines(lambda a: a**2, lambda a: 2 * a, points, (0.0, 4.0), name="a²")
    ax = fig.axes[0]
    tangents = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert len(tangents) == 3
    for p, line in zip(points, tangents, strict=True):
        x, y = line.get_xdata(), line.get_ydata()
        assert np.isclose((y[1] - y[0]) / (x[1] - x[0]), 2 * p)  # slope df(p)
        assert np.isclose(np.interp(p, x, y), p**2)  # passes through (p, f(p))
    labels = ax.get_legend_handles_labels()[1]
    assert "tangent at a = 2: slope 4" in labels


def test_plot_slope_errors_is_log_log_and_skips_zero_errors():
    hs = np.logspace(-6, 0, 7)
    forward, centred = 2.0 * hs, hs**2
    centred[0] = 0.0
    fig = plot_slope_errors(hs, forward, centred)
    ax = fig.axes[0]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    forward_line, centred_line = ax.lines[:2]
    assert np.allclose(forward_line.get_ydata(), forward)
    assert np.isnan(centred_line.get_ydata()[0]) and np.allclose(centred_line.get_ydata()[1:], centred[1:])
    assert len(ax.lines) == 4  # plus the two guide lines of slope 1 and 2
    with pytest.raises(ValueError):
        plot_slope_errors(hs, forward[:3], centred)


# --- widgets -----------------------------------------------------------------------------------------------


def test_slope_triangle_widget_redraws_for_the_slider_values(monkeypatch):
    from utils.widgets import derivatives as widgets

    widget = widgets.slope_triangle_widget()
    sliders = {child.description: child for child in widget.children if hasattr(child, "description")}
    assert {"a", "nudge"} <= set(sliders)
    assert (sliders["a"].value, sliders["nudge"].value) == (2.0, 0.5)  # the text's and the static figure's values
    assert widget.result.axes[0].get_title() == "Slope at a = 2: height / width = 1.5 / 0.5 = 3"
    sliders["a"].value, sliders["nudge"].value = 3.0, 1.0
    assert widget.result.axes[0].get_title() == "Slope at a = 3: height / width = 3 / 1 = 3"


def test_tangent_widget_draws_the_tangent_at_the_slider(monkeypatch):
    from utils.widgets import more_derivative_examples as widgets

    widget = widgets.tangent_widget(np.log, lambda a: 1 / a, (0.5, 4.5), name="ln a")
    slider = next(child for child in widget.children if getattr(child, "description", "") == "a")
    slider.value = 2.3
    labels = widget.result.axes[0].get_legend_handles_labels()[1]
    assert "tangent at a = 2.3: slope 0.4348" in labels  # the number the slider shows, not 2.2999999
    assert math.isclose(slider.min, 0.6) and math.isclose(slider.max, 4.4)


# --- 2.6: derivative_table -------------------------------------------------------------------------------

from utils.checks import more_derivative_examples as checks26  # noqa: E402


def _table(square="2 * t", cube="3 * t ** 2", log="1 / t", log_f=np.log, nudged=None, number=float, row=tuple,
           names=("a^2", "a^3", "ln(a)")):
    """A derivative_table built from rules written as text (so a test can swap one rule for a wrong one)."""
    rules = [(lambda t: t**2, eval(f"lambda t: {square}", {"np": np})),
             (lambda t: t**3, eval(f"lambda t: {cube}", {"np": np})),
             (log_f, eval(f"lambda t: {log}", {"np": np}))]

    def derivative_table(a, h=0.001):
        rows = []
        for name, (f, exact) in zip(names, rules, strict=True):
            estimate = nudged(f, a, h) if nudged else (f(a + h) - f(a)) / h
            rows.append(row((name, number(f(a)), number(exact(a)), number(estimate))))
        return rows

    return derivative_table


BOTH = (checks26.check_derivative_table_slopes, checks26.check_derivative_table_nudged)


@pytest.mark.parametrize("number", [float, np.float64, np.asarray, lambda x: np.array(x, dtype=np.float64)])
@pytest.mark.parametrize("row", [tuple, list])
def test_derivative_table_checks_accept_any_number_type_and_row_type(number, row, capsys):
    for check in BOTH:
        check(_named(_table(number=number, row=row), "derivative_table"))
    out = capsys.readouterr().out
    assert "exact slopes): all visible checks passed" in out and "nudged slopes): all visible checks passed" in out


def test_derivative_table_slopes_check_accepts_float32_values(capsys):
    checks26.check_derivative_table_slopes(_named(_table(number=np.float32), "derivative_table"))
    assert "all visible checks passed" in capsys.readouterr().out


@pytest.mark.parametrize("check", BOTH)
def test_derivative_table_checks_report_the_stub_as_not_implemented(check):
    with pytest.raises(NotImplementedYet, match="not implemented yet") as info:
        check(_named(_not_implemented, "derivative_table"))
    assert "NumPy" not in str(info.value) and "XOR" not in str(info.value)


@pytest.mark.parametrize(
    "table, fragments",
    [
        (_table(square="t ** 2"), ["a² itself"]),
        (_table(square="t"), ["factor 2 is missing"]),
        (_table(square="2 ** t"), ["2 ** a"]),
        (_table(square="((t + 0.001) ** 2 - t ** 2) / 0.001"), ["nudge estimate (forward)"]),
        (_table(cube="3 * t ** 3"), ["3a³"]),
        (_table(cube="2 * t ** 2"), ["2a²"]),
        (_table(cube="3 * t * 2"), ["6a"]),
        (_table(cube="(3 * t) ** 2"), ["(3a)²"]),
        (_table(cube="3 * t ^ 2"), ["bitwise XOR"]),
        (_table(log="np.log(t)"), ["ln a itself"]),
        (_table(log="1 / (t * np.log(10))"), ["log10"]),
        (_table(log="1 / np.log(t)"), ["1 / ln(a)"]),
        (_table(log="-1 / t ** 2"), ["-1/a²"]),
        (_table(log="1 // t"), ["`//`"]),
        (_table(log_f=np.log10), ["log10(a)", "np.log"]),
        (_table(number=lambda x: round(float(x), 6)), ["close but not equal"]),
        (_table(names=("a2", "a3", "ln")), ["'a^2', 'a^3', 'ln(a)'"]),
        (_table(number=lambda x: [x]), ["single number"]),
        (lambda a, h=0.001: {"a^2": (4.0, 4.0, 4.001)}, ["list of three rows", "dict"]),
    ],
)
def test_derivative_table_slopes_check_names_the_mistake(table, fragments):
    _fails_with(checks26.check_derivative_table_slopes, _named(table, "derivative_table"), *fragments)


@pytest.mark.parametrize(
    "nudged, fragments",
    [
        (lambda f, a, h: f(a + h) - f(a), ["height", "divide it by its width h"]),
        (lambda f, a, h: (f(a + h) - f(a - h)) / (2 * h), ["centred estimate"]),
        (lambda f, a, h: (f(a) - f(a - h)) / h, ["backward estimate"]),
        (lambda f, a, h: (f(a + h) - f(a)) / (2 * h), ["divided by 2h"]),
        (lambda f, a, h: (f(a) - f(a + h)) / h, ["Sign error"]),
        (lambda f, a, h: (f(a + 0.001) - f(a)) / 0.001, ["ignores its argument h"]),
        (lambda f, a, h: (f(a + 0.01) - f(a)) / 0.01 if h == 0.001 else (f(a + h) - f(a)) / h, ["default of h"]),
    ],
)
def test_derivative_table_nudged_check_names_the_mistake(nudged, fragments):
    _fails_with(checks26.check_derivative_table_nudged, _named(_table(nudged=nudged), "derivative_table"), *fragments)


def test_derivative_table_checks_detect_swapped_columns():
    correct = _table()

    def derivative_table(a, h=0.001):
        return [(name, value, nudged, exact) for name, value, exact, nudged in correct(a, h)]

    _fails_with(checks26.check_derivative_table_slopes, derivative_table, "columns are swapped")
    _fails_with(checks26.check_derivative_table_nudged, derivative_table, "columns are swapped")


def test_derivative_table_nudged_check_tells_the_exact_slope_from_the_centred_estimate():
    """For a², the centred estimate equals the exact slope; the message must come from a row that tells them apart."""
    exact = {"a^2": lambda t: 2 * t, "a^3": lambda t: 3 * t**2, "ln(a)": lambda t: 1 / t}

    def derivative_table(a, h=0.001):
        return [(name, 0.0 + f(a), exact[name](a), exact[name](a))
                for name, f in (("a^2", lambda t: t**2), ("a^3", lambda t: t**3), ("ln(a)", np.log))]

    message = _fails_with(checks26.check_derivative_table_nudged, derivative_table, "That is the exact slope")
    assert "centred" not in message
