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
