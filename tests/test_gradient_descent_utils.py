"""Unit tests of lecture 2.4's helpers: visible checks, plotting functions and the learning-rate widget."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from utils.checks.core import CheckFailed, NotImplementedYet
from utils.checks.gradient_descent import check_gradient_descent, check_learning_rate_behaviour, check_update_parameters
from utils.plotting.gradient_descent import plot_cost_surface, plot_descent_1d, plot_descent_panels


# Reference implementations written for these tests only (tests/ does not ship to students).
def good_update(w, b, slopes, learning_rate):
    dw, db = slopes(w, b)
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
    if abs(slopes[-1]) == abs(slopes[0]) != 0:
        return "cycles"
    return "converges while oscillating" if np.any(slopes[1:] * slopes[:-1] < 0) else "converges monotonically"


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


def _update(step_w, step_b, order="together"):
    """An update_parameters that moves w and b with `step_w(w, dw, a)` and `step_b(b, db, a)`."""
    def update(w, b, slopes, learning_rate):
        if order == "w first":
            dw, _ = slopes(w, b)
            w = step_w(w, dw, learning_rate)
            return w, step_b(b, slopes(w, b)[1], learning_rate)
        dw, db = slopes(w, b)
        return step_w(w, dw, learning_rate), step_b(b, db, learning_rate)

    return update


def test_check_update_parameters_names_the_mistake():
    down = lambda v, d, a: v - a * d  # noqa: E731

    def in_place(w, b, slopes, learning_rate):
        dw, db = slopes(w, b)
        w -= learning_rate * dw
        return w, b - learning_rate * db

    def swapped(w, b, slopes, learning_rate):
        dw, db = slopes(w, b)
        return w - learning_rate * db, b - learning_rate * float(np.sum(dw))

    assert "in place" in failure(check_update_parameters, in_place)
    assert "uphill" in failure(check_update_parameters, _update(lambda v, d, a: v + a * d, down))
    assert "learning rate" in failure(check_update_parameters, _update(lambda v, d, a: v - d, lambda v, d, a: v - d))
    assert "learning_rate * db" in failure(check_update_parameters, swapped)
    assert "b did not change" in failure(check_update_parameters, _update(down, lambda v, d, a: v))
    assert "b moved uphill" in failure(check_update_parameters, _update(down, lambda v, d, a: v + a * d))
    assert "already moved" in failure(check_update_parameters, _update(down, down, order="w first"))
    assert "pair" in failure(check_update_parameters, lambda w, b, slopes, a: w - a * slopes(w, b)[0])
    assert "never called slopes" in failure(check_update_parameters, lambda w, b, slopes, a: (w * 0.8, b - 0.1))


def test_check_update_parameters_accepts_numpy_scalars_and_repeated_questions(capsys):
    def asks_twice(w, b, slopes, learning_rate):
        return w - learning_rate * slopes(w, b)[0], np.float64(b - learning_rate * slopes(w, b)[1])

    check_update_parameters(asks_twice)
    assert "✔ update_parameters" in capsys.readouterr().out


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
    assert "put w0 first" in failure(check_gradient_descent, _descent(downhill, keep_w0=False))
    assert "one step too few" in failure(check_gradient_descent, _descent(downhill, steps=lambda n: n - 1))
    assert "one step too many" in failure(check_gradient_descent, _descent(downhill, steps=lambda n: n + 1))
    assert "reused the slope" in failure(check_gradient_descent, _descent(lambda w, dJ, a, w0: w - a * dJ(w0)))

    def twice(dJ, w0, learning_rate, num_iterations):
        w, history = w0, [w0]
        for _ in range(num_iterations):
            dJ(w)
            w = w - learning_rate * dJ(w)
            history.append(w)
        return w, history

    def records_before_stepping(dJ, w0, learning_rate, num_iterations):
        w, history = w0, []
        for _ in range(num_iterations):
            history.append(w)
            w = w - learning_rate * dJ(w)
        return w, history

    assert "called 6 times" in failure(check_gradient_descent, twice)
    returns_w0 = lambda dJ, w0, a, n: (w0, good_descent(dJ, w0, a, n)[1])  # noqa: E731 - a wrong answer, inline
    assert "You returned w0" in failure(check_gradient_descent, returns_w0)
    assert "record w before each step" in failure(check_gradient_descent, records_before_stepping)
    assert "no step is taken" in failure(check_gradient_descent,
                                         lambda dJ, w0, a, n: good_descent(dJ, w0, a, max(n, 1)))


def test_check_gradient_descent_accepts_numpy_scalars_and_recursion(capsys):
    def recursive(dJ, w0, learning_rate, num_iterations):
        if num_iterations == 0:
            return w0, [w0]
        w, rest = recursive(dJ, w0 - learning_rate * dJ(w0), learning_rate, num_iterations - 1)
        return w, [w0] + rest

    def numpy_history(dJ, w0, learning_rate, num_iterations):
        w, history = good_descent(dJ, np.float64(w0), learning_rate, num_iterations)
        return np.float64(w), np.array(history)

    check_gradient_descent(recursive)
    check_gradient_descent(numpy_history)
    assert capsys.readouterr().out.count("✔") == 2


def _verdicts(**changes):
    """good_behaviour with some of its verdicts renamed or some of its tests changed."""
    def behaviour(dJ, w0, learning_rate, num_iterations):
        slopes = np.array([dJ(w) for w in good_descent(dJ, w0, learning_rate, num_iterations)[1]])
        first, last = abs(slopes[0]), abs(slopes[-1])
        flips = slopes[1:] * slopes[:-1]
        if changes.get("sign_first") and np.any(flips < 0):
            return "converges while oscillating"
        if last > first or (changes.get("cycle_diverges") and last == first != 0):
            return "diverges"
        if last == first != 0 and not changes.get("no_cycles"):
            return "cycles"
        if np.any(flips < 0) or (changes.get("zero_flips") and np.any(flips == 0)):
            return "converges while oscillating"
        return "converges monotonically"

    return behaviour


def test_check_learning_rate_behaviour_names_the_mistake():
    def thresholds(dJ, w0, learning_rate, num_iterations):
        if learning_rate > 1:
            return "diverges"
        if learning_rate == 1:
            return "cycles"
        return "converges while oscillating" if learning_rate > 0.5 else "converges monotonically"

    def distance_from_zero(dJ, w0, learning_rate, num_iterations):
        ws = good_descent(dJ, w0, learning_rate, num_iterations)[1]
        return "diverges" if abs(ws[-1]) > abs(ws[0]) else good_behaviour(dJ, w0, learning_rate, num_iterations)

    assert "before looking for changes of sign" in failure(check_learning_rate_behaviour, _verdicts(sign_first=True))
    assert "it cycles" in failure(check_learning_rate_behaviour, _verdicts(no_cycles=True))
    assert "it cycles" in failure(check_learning_rate_behaviour, _verdicts(cycle_diverges=True))
    assert "A slope of 0 is not a change of sign" in failure(check_learning_rate_behaviour, _verdicts(zero_flips=True))
    assert "not off the learning rate" in failure(check_learning_rate_behaviour, thresholds)
    assert "not the size of w" in failure(check_learning_rate_behaviour, distance_from_zero)
    message = failure(check_learning_rate_behaviour, lambda dJ, w0, a, n: "oscillates")
    assert "one of 'converges monotonically', 'converges while oscillating', 'cycles', 'diverges'" in message


def test_check_learning_rate_behaviour_accepts_isclose_for_cycles(capsys):
    def with_isclose(dJ, w0, learning_rate, num_iterations):
        slopes = np.array([dJ(w) for w in good_descent(dJ, w0, learning_rate, num_iterations)[1]])
        if slopes[0] != 0 and np.isclose(abs(slopes[-1]), abs(slopes[0])):
            return "cycles"
        return good_behaviour(dJ, w0, learning_rate, num_iterations)

    check_learning_rate_behaviour(with_isclose)
    assert "✔ learning_rate_behaviour" in capsys.readouterr().out


def test_check_learning_rate_behaviour_needs_the_slope_not_w():
    def distance_from_zero_after_start(dJ, w0, learning_rate, num_iterations):
        ws = good_descent(dJ, w0, learning_rate, num_iterations)[1]
        if w0 != 0 and abs(ws[-1]) > abs(ws[0]):
            return "diverges"
        return good_behaviour(dJ, w0, learning_rate, num_iterations)

    assert "not the size of w" in failure(check_learning_rate_behaviour, distance_from_zero_after_start)


@pytest.mark.parametrize(
    "learning_rate, verdict",
    [(0.3, "converges monotonically"), (0.5, "converges monotonically"), (0.85, "converges while oscillating"),
     (1.0, "cycles"), (1.05, "diverges")],
)
def test_the_lecture_bowl_shows_every_behaviour(learning_rate, verdict):
    """2.4 demonstrates the four behaviours on J(w) = (w - 2)^2 + 1 from w0 = 5, with these learning rates."""
    dJ_bowl = lambda w: 2.0 * (w - 2.0)  # noqa: E731
    assert good_behaviour(dJ_bowl, 5.0, learning_rate, 10) == verdict
    assert good_behaviour(dJ_bowl, 5.0, learning_rate, 20) == verdict
    if verdict == "cycles":
        assert good_descent(dJ_bowl, 5.0, learning_rate, 4)[1] == [5.0, -1.0, 5.0, -1.0, 5.0]


def test_the_tiny_data_set_has_one_lowest_point_that_both_starts_reach():
    """2.4 says the 1-D cost surface has exactly one lowest point: the classes overlap and the Hessian is positive
    definite there; descent from opposite corners ends at the same (w, b)."""
    from utils.datasets import make_1d_dataset

    X, Y = make_1d_dataset(m=10, seed=2)
    assert X[Y == 1].min() < X[Y == 0].max()  # no threshold separates the classes

    def gradient(w, b):
        a = 1 / (1 + np.exp(-(w * X + b)))
        return float(np.mean((a - Y) * X)), float(np.mean(a - Y))

    ends = []
    for w, b in ((-2.5, 3.5), (4.5, -3.5), (0.0, 0.0)):
        for _ in range(3000):
            dw, db = gradient(w, b)
            w, b = w - 1.5 * dw, b - 1.5 * db
        ends.append((w, b))
    assert np.allclose(ends, ends[0], atol=1e-6)
    a = 1 / (1 + np.exp(-(ends[0][0] * X + ends[0][1])))
    features = np.vstack([X, np.ones_like(X)])
    hessian = (features * (a * (1 - a))) @ features.T / X.shape[1]
    assert np.linalg.eigvalsh(hessian).min() > 0.01


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


def test_plot_descent_panels_draws_one_panel_per_run():
    w = np.linspace(-1.0, 5.0, 50)
    runs = [([4.0, 0.0], [4.0, 4.0], "cycles"), ([4.0, 3.0, 2.5], [4.0, 1.0, 0.25], "converges monotonically")]
    fig = plot_descent_panels(w, (w - 2) ** 2, runs)
    assert [ax.get_title() for ax in fig.axes] == ["cycles", "converges monotonically"]
    for ax, (history, J_history, _) in zip(fig.axes, runs, strict=True):
        curve, path, start = ax.lines
        assert np.allclose(path.get_xydata(), np.column_stack([history, J_history]))
        assert tuple(start.get_xydata()[0]) == (4.0, 4.0) and ax.get_xlim() == (-1.0, 5.0)


def test_plot_cost_surface_has_a_surface_contours_and_the_paths():
    w_grid, b_grid = np.linspace(-2, 2, 21), np.linspace(-1, 3, 11)
    W, B = np.meshgrid(w_grid, b_grid)
    J = W**2 + (B - 1) ** 2
    paths = [np.array([[-2.0, 3.0], [-1.0, 2.0], [0.0, 1.0]]), np.array([[2.0, -1.0], [0.0, 1.0]])]
    fig = plot_cost_surface(w_grid, b_grid, J, paths)
    ax3d, ax = fig.axes[:2]  # then the contours' colorbar
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
    sliders["learning rate"].value = sum([0.02] * 50)  # 1.0000000000000004, as adding up slider steps may give
    assert widget.result.axes[0].get_title() == "learning rate 1.00, 4 steps: cycles"
