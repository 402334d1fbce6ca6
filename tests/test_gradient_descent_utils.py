"""Unit tests of lecture 2.4's helpers: visible checks, plotting functions and the learning-rate widget."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from utils.checks.core import CheckFailed, NotImplementedYet
from utils.checks.gradient_descent import check_gradient_descent, check_learning_rate_behaviour, check_update_parameters
from utils.plotting.gradient_descent import plot_cost_surface, plot_descent_1d


# Reference implementations written for these tests only (tests/ does not ship to students).
def good_update(w, b, dw, db, learning_rate):
    return w - dw * learning_rate, b - db * learning_rate


def good_descent(dJ, w0, learning_rate, num_iterations):
    ws = [w0]
    while len(ws) <= num_iterations:
        ws.append(ws[-1] - learning_rate * dJ(ws[-1]))
    return ws[-1], ws


def good_behaviour(dJ, w0, learning_rate, num_iterations):
    slopes = np.array([dJ(w) for w in good_descent(dJ, w0, learning_rate, num_iterations)[1]])
    if abs(slopes[-1]) > abs(slopes[0]):
        return "diverges"
    return "oscillates" if np.any(slopes[1:] * slopes[:-1] < 0) else "converges"


def failure(check, fn) -> str:
    with pytest.raises(CheckFailed) as info:
        check(fn)
    return str(info.value)


def _stub(*args):
    raise NotImplementedError()


def test_correct_functions_pass(capsys):
    check_update_parameters(good_update)
    check_gradient_descent(good_descent)
    check_learning_rate_behaviour(good_behaviour)
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "✔ update_parameters", "✔ gradient_descent", "✔ learning_rate_behaviour"]


@pytest.mark.parametrize("check", [check_update_parameters, check_gradient_descent, check_learning_rate_behaviour])
def test_a_stub_is_reported_as_not_implemented(check):
    with pytest.raises(NotImplementedYet):
        check(_stub)


def test_check_update_parameters_names_the_mistake():
    def in_place(w, b, dw, db, learning_rate):
        w -= learning_rate * dw
        return w, b - learning_rate * db

    assert "in place" in failure(check_update_parameters, in_place)
    assert "uphill" in failure(check_update_parameters, lambda w, b, dw, db, a: (w + a * dw, b + a * db))
    assert "learning rate" in failure(check_update_parameters, lambda w, b, dw, db, a: (w - dw, b - db))
    assert "db" in failure(check_update_parameters, lambda w, b, dw, db, a: (w - a * db, b - a * dw))
    assert "b did not change" in failure(check_update_parameters, lambda w, b, dw, db, a: (w - a * dw, b))
    assert "pair" in failure(check_update_parameters, lambda w, b, dw, db, a: w - a * dw)


def _descent(step, keep_w0=True, steps=lambda n: n):
    def descent(dJ, w0, learning_rate, num_iterations):
        w, history = w0, [w0] if keep_w0 else []
        for _ in range(steps(num_iterations)):
            w = step(w, dJ, learning_rate, w0)
            history.append(w)
        return w, history

    return descent


def test_check_gradient_descent_names_the_mistake():
    downhill = lambda w, dJ, a, w0: w - a * dJ(w)  # noqa: E731
    assert "uphill" in failure(check_gradient_descent, _descent(lambda w, dJ, a, w0: w + a * dJ(w)))
    assert "w0 first" in failure(check_gradient_descent, _descent(downhill, keep_w0=False))
    assert "exactly num_iterations" in failure(check_gradient_descent, _descent(downhill, steps=lambda n: n + 1))
    assert "reused the slope" in failure(check_gradient_descent, _descent(lambda w, dJ, a, w0: w - a * dJ(w0)))

    def twice(dJ, w0, learning_rate, num_iterations):
        w, history = w0, [w0]
        for _ in range(num_iterations):
            dJ(w)
            w = w - learning_rate * dJ(w)
            history.append(w)
        return w, history

    assert "called 6 times" in failure(check_gradient_descent, twice)
    assert "last value" in failure(check_gradient_descent, lambda dJ, w0, a, n: (w0, good_descent(dJ, w0, a, n)[1]))


def test_check_learning_rate_behaviour_names_the_mistake():
    def thresholds(dJ, w0, learning_rate, num_iterations):
        if learning_rate < 0 or learning_rate > 1:
            return "diverges"
        return "converges" if learning_rate < 0.4 else "oscillates"

    def sign_first(dJ, w0, learning_rate, num_iterations):
        slopes = np.array([dJ(w) for w in good_descent(dJ, w0, learning_rate, num_iterations)[1]])
        if np.any(slopes[1:] * slopes[:-1] < 0):
            return "oscillates"
        return "diverges" if abs(slopes[-1]) > abs(slopes[0]) else "converges"

    def distance_from_zero(dJ, w0, learning_rate, num_iterations):
        ws = good_descent(dJ, w0, learning_rate, num_iterations)[1]
        return "diverges" if abs(ws[-1]) > abs(ws[0]) else good_behaviour(dJ, w0, learning_rate, num_iterations)

    assert "Test for divergence before" in failure(check_learning_rate_behaviour, sign_first)
    assert "learning rate 0.5" in failure(check_learning_rate_behaviour, thresholds)
    assert "not the size of w" in failure(check_learning_rate_behaviour, distance_from_zero)
    assert "one of" in failure(check_learning_rate_behaviour, lambda dJ, w0, a, n: "converged")


def test_check_learning_rate_behaviour_needs_the_slope_not_w():
    def distance_from_zero_after_start(dJ, w0, learning_rate, num_iterations):
        ws = good_descent(dJ, w0, learning_rate, num_iterations)[1]
        if w0 != 0 and abs(ws[-1]) > abs(ws[0]):
            return "diverges"
        return good_behaviour(dJ, w0, learning_rate, num_iterations)

    assert "not the size of w" in failure(check_learning_rate_behaviour, distance_from_zero_after_start)


def test_plot_descent_1d_draws_curve_and_path():
    w = np.linspace(-1.0, 5.0, 50)
    history = [4.0, 3.0, 2.5]
    fig = plot_descent_1d(w, (w - 2) ** 2, history, [(h - 2) ** 2 for h in history])
    assert isinstance(fig, Figure) and len(fig.axes) == 1
    ax = fig.axes[0]
    curve, path, start = ax.lines
    assert np.allclose(path.get_xdata(), history) and np.allclose(path.get_ydata(), [4.0, 1.0, 0.25])
    assert tuple(start.get_xydata()[0]) == (4.0, 4.0)
    assert ax.get_xlim() == (-1.0, 5.0)
    assert ax.get_title() == "2 steps of gradient descent"
    assert plot_descent_1d(w, w, [0.0], [0.0], "custom").axes[0].get_title() == "custom"


def test_plot_cost_surface_has_a_surface_contours_and_the_paths():
    w_grid, b_grid = np.linspace(-2, 2, 21), np.linspace(-1, 3, 11)
    W, B = np.meshgrid(w_grid, b_grid)
    J = W**2 + (B - 1) ** 2
    paths = [np.array([[-2.0, 3.0], [-1.0, 2.0], [0.0, 1.0]]), np.array([[2.0, -1.0], [0.0, 1.0]])]
    fig = plot_cost_surface(w_grid, b_grid, J, paths)
    ax3d, ax = fig.axes
    assert ax3d.name == "3d" and ax.name == "rectilinear"
    path_lines = [line for line in ax.lines if line.get_label().startswith("path")]
    assert [line.get_label() for line in path_lines] == ["path 1 (2 steps)", "path 2 (1 steps)"]
    assert np.allclose(path_lines[0].get_xydata(), paths[0])
    star = [line for line in ax.lines if line.get_label() == "lowest grid point"][0]
    assert tuple(star.get_xydata()[0]) == (0.0, 1.0)
    assert len(plot_cost_surface(w_grid, b_grid, J).axes[1].lines) == 1  # only the star without paths


def test_learning_rate_widget_redraws_with_the_given_functions():
    from utils.widgets.gradient_descent import learning_rate_widget

    calls = []

    def J(w):
        calls.append(w)
        return (w - 2.0) ** 2

    def dJ(w):
        return 2.0 * (w - 2.0)

    widget = learning_rate_widget(J, dJ, good_descent, 5.0, -1.0, 5.0, behaviour=good_behaviour)
    sliders = {c.description: c for c in widget.children if getattr(c, "description", "")}
    assert set(sliders) == {"learning rate", "iterations"}
    sliders["learning rate"].value = 1.2
    sliders["iterations"].value = 4
    assert widget.result.axes[0].get_title() == "learning rate 1.20, 4 steps: diverges"
    path = widget.result.axes[0].lines[1]
    assert len(path.get_xdata()) == 5
    assert len(calls) == 300 + 11 + 11 + 5  # the curve once, then only the points of each path
