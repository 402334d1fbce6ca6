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
from utils.plotting.derivatives import plot_slope_errors, plot_slope_triangle, plot_tangent_lines  # noqa: E402


def _not_implemented(*args, **kwargs):
    raise NotImplementedError()


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
    assert capsys.readouterr().out.strip() == "✔ slope: all visible checks passed."


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


# --- 2.5: centered_slope -----------------------------------------------------------------------------------


def test_check_centered_slope_passes_a_correct_centred_nudge(capsys):
    checks25.check_centered_slope(lambda f, a, h=0.001: (f(a + h) - f(a - h)) / (2 * h))
    assert capsys.readouterr().out.strip() == "✔ centered_slope: all visible checks passed."


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
    assert ax.get_title() == "a = 2: height / width = 1.5 / 0.5 = 3"
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
    for p, line in zip(points, tangents):
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

    shown = []
    monkeypatch.setattr(widgets, "_show", shown.append)
    widget = widgets.slope_triangle_widget()
    sliders = {child.description: child for child in widget.children if hasattr(child, "description")}
    assert {"a", "nudge"} <= set(sliders)
    sliders["a"].value, sliders["nudge"].value = 3.0, 1.0
    title = shown[-1].axes[0].get_title()
    assert title == "a = 3: height / width = 3 / 1 = 3"


def test_tangent_widget_draws_the_tangent_at_the_slider(monkeypatch):
    from utils.widgets import derivatives as widgets

    shown = []
    monkeypatch.setattr(widgets, "_show", shown.append)
    widget = widgets.tangent_widget(np.log, lambda a: 1 / a, (0.5, 4.5), name="ln a")
    slider = next(child for child in widget.children if getattr(child, "description", "") == "a")
    slider.value = 2.0
    labels = shown[-1].axes[0].get_legend_handles_labels()[1]
    assert "tangent at a = 2: slope 0.5" in labels
    assert math.isclose(slider.min, 0.54) and math.isclose(slider.max, 4.46)


# --- 2.6: the analytic derivatives -------------------------------------------------------------------------

from utils.checks import more_derivative_examples as checks26  # noqa: E402


def _named(fn, name):
    fn.__name__ = name
    return fn


@pytest.mark.parametrize(
    "check, correct, name",
    [
        (checks26.check_d_square, lambda a: 2 * a, "d_square"),
        (checks26.check_d_cube, lambda a: 3 * a**2, "d_cube"),
        (checks26.check_d_log, lambda a: 1 / a, "d_log"),
    ],
)
def test_analytic_checks_pass_correct_functions(check, correct, name, capsys):
    check(_named(correct, name))
    assert capsys.readouterr().out.strip() == f"✔ {name}: all visible checks passed."


@pytest.mark.parametrize(
    "check, wrong, fragments",
    [
        (checks26.check_d_square, lambda a: ((a + 0.001) ** 2 - a**2) / 0.001, ["nudge estimate", "exact formula"]),
        (checks26.check_d_square, lambda a: a**2, ["a² itself"]),
        (checks26.check_d_square, lambda a: 2 * abs(a), ["sign is lost"]),
        (checks26.check_d_square, lambda a: 2.0 * float(a), ["not `math` functions"]),
        (checks26.check_d_square, lambda a: [2 * x for x in a] if isinstance(a, np.ndarray) else 2 * a,
         ["returned a list"]),
        (checks26.check_d_cube, lambda a: 3 * a ^ 2, ["bitwise XOR"]),
        (checks26.check_d_cube, lambda a: 3 * a * 2, ["6a"]),
        (checks26.check_d_cube, lambda a: 3 * a**3, ["3a³"]),
        (checks26.check_d_cube, lambda a: 3 * math.pow(a, 2), ["not `math` functions"]),
        (checks26.check_d_log, lambda a: 1 / (a * np.log(10)), ["log10"]),
        (checks26.check_d_log, lambda a: 1 // a, ["`//`"]),
        (checks26.check_d_log, lambda a: np.log(a), ["ln a itself"]),
        (checks26.check_d_log, lambda a: (np.log(a + 0.001) - np.log(a)) / 0.001, ["nudge estimate"]),
    ],
)
def test_analytic_checks_name_the_mistake(check, wrong, fragments):
    _fails_with(check, _named(wrong, check.__name__.removeprefix("check_")), *fragments)


def test_analytic_check_catches_an_in_place_change():
    def d_square(a):
        a *= 2
        return a

    _fails_with(checks26.check_d_square, d_square, "changed its input array in place")


# --- 2.6: derivative_table ---------------------------------------------------------------------------------


def _table(nudged=None, number=float, names=("a^2", "a^3", "ln(a)"), log=np.log):
    def derivative_table(a, h=0.001):
        functions = [(lambda t: t**2, lambda t: 2 * t), (lambda t: t**3, lambda t: 3 * t**2), (log, lambda t: 1 / t)]
        rows = []
        for name, (f, df) in zip(names, functions):
            estimate = nudged(f, a, h) if nudged else (f(a + h) - f(a)) / h
            rows.append((name, number(f(a)), number(df(a)), number(estimate)))
        return rows

    return derivative_table


def test_check_derivative_table_passes_a_correct_table(capsys):
    checks26.check_derivative_table(_table())
    assert capsys.readouterr().out.strip() == "✔ derivative_table: all visible checks passed."


@pytest.mark.parametrize(
    "wrong, fragments",
    [
        (_table(nudged=lambda f, a, h: f(a + h) - f(a)), ["1000 times too small", "divide it by its width h"]),
        (_table(number=np.float64), ["plain Python float"]),
        (_table(nudged=lambda f, a, h: (f(a + 0.001) - f(a)) / 0.001), ["ignores its argument h"]),
        (_table(log=np.log10), ["log10"]),
        (_table(names=("a2", "a3", "ln")), ["'a^2', 'a^3', 'ln(a)'"]),
        (_table(nudged=lambda f, a, h: (f(a + h) - f(a - h)) / (2 * h)), ["forward estimate"]),
        (lambda a, h=0.001: {"a^2": (4.0, 4.0, 4.001)}, ["list of three rows"]),
    ],
)
def test_check_derivative_table_names_the_mistake(wrong, fragments):
    _fails_with(checks26.check_derivative_table, _named(wrong, "derivative_table"), *fragments)


def test_check_derivative_table_detects_swapped_columns():
    correct = _table()

    def derivative_table(a, h=0.001):
        return [(name, fa, nudged, exact) for name, fa, exact, nudged in correct(a, h)]

    _fails_with(checks26.check_derivative_table, derivative_table, "columns are swapped")


# --- 2.6: slope_errors -------------------------------------------------------------------------------------


def _errors(forward_estimate=None, centred_estimate=None, post=np.abs, swap=False):
    def slope_errors(f, df, a, hs):
        forward = forward_estimate(f, a, hs) if forward_estimate else (f(a + hs) - f(a)) / hs
        centred = centred_estimate(f, a, hs) if centred_estimate else (f(a + hs) - f(a - hs)) / (2 * hs)
        result = post(forward - df(a)), post(centred - df(a))
        return result[::-1] if swap else result

    return slope_errors


def test_check_slope_errors_passes_a_correct_function(capsys):
    checks26.check_slope_errors(_errors())
    assert capsys.readouterr().out.strip() == "✔ slope_errors: all visible checks passed."


@pytest.mark.parametrize(
    "wrong, fragments",
    [
        (_errors(post=lambda x: x), ["negative", "np.abs"]),
        (_errors(swap=True), ["swapped"]),
        (_errors(centred_estimate=lambda f, a, hs: (f(a + hs) - f(a - hs)) / hs), ["denominator is 2h"]),
        (_errors(centred_estimate=lambda f, a, hs: (f(a + hs) - f(a - hs)) / 2 * hs), ["in parentheses"]),
        (_errors(centred_estimate=lambda f, a, hs: (f(a + hs) - f(a)) / hs), ["forward estimate's error"]),
        (_errors(post=lambda x: np.abs(x) / abs(np.cos(1.0))), ["absolute error"]),
        (lambda f, df, a, hs: ([0.0] * len(hs), [0.0] * len(hs)), ["should be a NumPy array"]),
        (lambda f, df, a, hs: np.zeros((2, len(hs))), ["should return a tuple"]),
    ],
)
def test_check_slope_errors_names_the_mistake(wrong, fragments):
    _fails_with(checks26.check_slope_errors, _named(wrong, "slope_errors"), *fragments)


def test_check_slope_errors_catches_a_changed_hs():
    def slope_errors(f, df, a, hs):
        forward = np.abs((f(a + hs) - f(a)) / hs - df(a))
        centred = np.abs((f(a + hs) - f(a - hs)) / (2 * hs) - df(a))
        hs *= 0
        return forward, centred

    _fails_with(checks26.check_slope_errors, slope_errors, "changed the array hs in place")
