"""Unit tests of lecture 2.2's helpers: visible checks, plotting functions and widgets."""

from __future__ import annotations

import math

import numpy as np
import pytest
from matplotlib.figure import Figure

from utils.checks.core import CheckFailed, NotImplementedYet
from utils.checks.logistic_regression import check_predict, check_predict_proba, check_sigmoid, check_sigmoid_challenge
from utils.datasets import make_1d_dataset, make_2d_dataset
from utils.plotting.logistic_regression import plot_decision_boundary, plot_linear_vs_sigmoid, plot_sigmoid


# Reference implementations written for these tests only (tests/ does not ship to students).
def good_sigmoid(z):
    arr = np.asarray(z, dtype=float)
    out = np.exp(-np.logaddexp(0.0, -arr))
    return float(out) if out.ndim == 0 else out


def good_proba(w, b, X):
    return good_sigmoid(w.T @ X + b)


def good_predict(w, b, X, threshold=0.5):
    return (good_proba(w, b, X) >= threshold).astype(np.int64)


def failure(check, fn) -> str:
    with pytest.raises(CheckFailed) as info:
        check(fn)
    return str(info.value)


def test_check_sigmoid_passes_a_correct_sigmoid(capsys):
    check_sigmoid(good_sigmoid)
    check_sigmoid_challenge(good_sigmoid)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("✔ sigmoid") and lines[1].startswith("✔ sigmoid challenge")


def test_check_sigmoid_accepts_every_kind_of_number():
    """A NumPy scalar or a 0-d array for a number, and float32 arithmetic, keep the core check green."""
    check_sigmoid(lambda z: np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=float))))  # np.float64 for a number
    check_sigmoid(lambda z: np.asarray(good_sigmoid(z)))  # 0-d array for a number

    def float32(z):
        z = np.asarray(z, dtype=np.float32)
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1 / (1 + e), e / (1 + e))

    check_sigmoid(float32)
    assert "relative error" in failure(check_sigmoid_challenge, float32)


def _stub(*args, **kwargs):
    raise NotImplementedError()


def test_checks_report_a_stub_as_not_implemented():
    for check in (check_sigmoid, check_sigmoid_challenge, check_predict_proba, check_predict):
        with pytest.raises(NotImplementedYet):
            check(_stub)


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda z: 1 / (1 + np.exp(-z)), "overflow"),
        (lambda z: np.where(np.asarray(z) >= 0, 1 / (1 + np.exp(-np.asarray(z))), np.exp(z) / (1 + np.exp(z))),
         "np.where"),
        (lambda z: good_sigmoid(-np.asarray(z, dtype=float)), "sign error"),
        (lambda z: 1 / (1 + math.exp(-z)), "np.exp"),
        (lambda z: np.atleast_1d(good_sigmoid(z)), "single number"),
    ],
)
def test_check_sigmoid_names_the_mistake(wrong, hint):
    assert hint in failure(check_sigmoid, wrong)


def test_the_challenge_alone_catches_clipping_and_lost_tails():
    def clipped(z):
        return 1 / (1 + np.exp(-np.clip(z, -500, 500)))

    def one_minus(z):
        z = np.asarray(z, dtype=float)
        out = np.where(z >= 0, good_sigmoid(np.abs(z)), 1 - good_sigmoid(np.abs(z)))
        return float(out) if out.ndim == 0 else out

    for fn, hint in ((clipped, "Clipping"), (one_minus, "1 - sigma(-z)")):
        check_sigmoid(fn)  # the core idea is there: no overflow, values in [0, 1]
        assert hint in failure(check_sigmoid_challenge, fn)


def test_check_sigmoid_catches_integer_outputs():
    def zeros_like(z):
        z = np.asarray(z)
        out = np.zeros_like(z)
        out[...] = good_sigmoid(z)
        return float(out) if out.ndim == 0 else out

    assert "dtype=float" in failure(check_sigmoid, zeros_like)


def test_check_sigmoid_catches_a_mutated_input():
    def overwrites_input(z):
        result = good_sigmoid(z)
        if isinstance(z, np.ndarray):
            z[...] = 0
        return result

    assert "changed the caller's array z" in failure(check_sigmoid, overwrites_input)


def test_check_predict_proba():
    check_predict_proba(good_proba)
    check_predict_proba(lambda w, b, X: good_sigmoid(np.einsum("ij,ik->jk", w, X) + b))
    assert "sigmoid" in failure(check_predict_proba, lambda w, b, X: w.T @ X + b)
    assert "transposed" in failure(check_predict_proba, lambda w, b, X: good_sigmoid(X.T @ w + b))
    assert "subtract" in failure(check_predict_proba, lambda w, b, X: good_sigmoid(w.T @ X - b))
    assert "before the sigmoid" in failure(check_predict_proba, lambda w, b, X: good_sigmoid(w.T @ X) + b)
    assert "single example" in failure(check_predict_proba, lambda w, b, X: good_sigmoid(w.T @ X + b) * np.ones((1, 4)))


@pytest.mark.parametrize("loop", [
    lambda w, b, X: np.array([[good_sigmoid(float(w[:, 0] @ X[:, i]) + b) for i in range(X.shape[1])]]),
    lambda w, b, X: np.array([[good_sigmoid(float(w[:, 0] @ x) + b) for x in X.T]]),
])
def test_check_predict_proba_names_a_loop_over_the_examples(loop):
    assert "one at a time" in failure(check_predict_proba, loop) or "looped" in failure(check_predict_proba, loop)


def test_check_predict_proba_lets_sigmoid_loop_over_entries():
    """Only predict_proba's own loop over X is refused: a sigmoid that loops over the scores is fine."""
    def looping_sigmoid(z):
        z = np.asarray(z, dtype=float)
        return np.array([good_sigmoid(v) for v in z.ravel()]).reshape(z.shape)

    check_predict_proba(lambda w, b, X: looping_sigmoid(w.T @ X + b))


def test_check_predict():
    check_predict(good_predict)
    check_predict(lambda w, b, X, threshold=0.5: (good_proba(w, b, X) >= threshold).astype(np.uint8))
    assert "astype" in failure(check_predict, lambda w, b, X, threshold=0.5: good_proba(w, b, X) >= threshold)
    assert "astype" in failure(check_predict,
                               lambda w, b, X, threshold=0.5: np.where(good_proba(w, b, X) >= threshold, 1.0, 0.0))
    assert ">=" in failure(check_predict, lambda w, b, X, threshold=0.5: (good_proba(w, b, X) > threshold).astype(int))
    inverted = lambda w, b, X, threshold=0.5: (good_proba(w, b, X) < threshold).astype(int)  # noqa: E731
    fixed = lambda w, b, X, threshold=0.5: (good_proba(w, b, X) >= 0.5).astype(int)  # noqa: E731 - wrong answers
    assert "inverted" in failure(check_predict, inverted)
    assert "fixed 0.5" in failure(check_predict, fixed)
    assert "not z." in failure(check_predict, lambda w, b, X, threshold=0.5: (w.T @ X + b >= threshold).astype(int))
    assert "default threshold is 0.5" in failure(
        check_predict, lambda w, b, X, threshold=0.6: (good_proba(w, b, X) >= threshold).astype(int))


def test_plot_sigmoid_draws_the_given_function():
    fig = plot_sigmoid(good_sigmoid, -6.0, 6.0)
    assert isinstance(fig, Figure) and len(fig.axes) == 1
    curve = fig.axes[0].lines[0]
    x, y = curve.get_data()
    assert x[0] == -6.0 and x[-1] == 6.0
    assert np.allclose(y, good_sigmoid(x))


def test_plot_linear_vs_sigmoid_shows_both_outputs_and_both_classes():
    X, Y = make_1d_dataset(m=12, seed=3)
    fig = plot_linear_vs_sigmoid(X, Y, 2.0, -1.0, good_sigmoid)
    ax = fig.axes[0]
    assert len(ax.collections) == 2  # one scatter per class
    assert sum(len(c.get_offsets()) for c in ax.collections) == 12
    linear, logistic = ax.lines
    grid, values = linear.get_data()
    assert np.allclose(values, 2.0 * grid - 1.0)
    assert np.allclose(logistic.get_ydata(), good_sigmoid(2.0 * grid - 1.0))
    assert ax.get_title().startswith("w = 2.00, b = -1.00")


def test_plot_decision_boundary_has_a_probability_map_and_a_boundary_line():
    X, Y = make_2d_dataset(m=20, seed=1)
    fig = plot_decision_boundary(X, Y, 1.0, -0.5, 0.2, good_sigmoid)
    ax = fig.axes[0]
    assert len(fig.axes) == 2  # plot and colour bar
    from matplotlib.collections import PathCollection
    from matplotlib.contour import ContourSet

    scatters = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert [len(c.get_offsets()) for c in scatters] == [int(np.sum(Y == 0)), int(np.sum(Y == 1))]
    contours = [c for c in ax.collections if isinstance(c, ContourSet)]
    assert [c.filled for c in contours] == [True, False]  # the probability map, then the boundary
    assert list(contours[1].levels) == [0.0]
    without_w = plot_decision_boundary(X, Y, 0.0, 0.0, 0.2, good_sigmoid)
    assert [c.filled for c in without_w.axes[0].collections if isinstance(c, ContourSet)] == [True]


def test_widgets_wrap_the_plotting_functions():
    from utils.widgets.logistic_regression import decision_boundary_widget, linear_vs_sigmoid_widget

    X1, Y1 = make_1d_dataset(m=10, seed=0)
    widget = linear_vs_sigmoid_widget(X1, Y1, good_sigmoid)
    sliders = {c.description: c for c in widget.children if hasattr(c, "description") and c.description}
    assert set(sliders) == {"w", "b"}
    sliders["w"].value = -1.5
    assert isinstance(widget.result, Figure) and widget.result.axes[0].get_title().startswith("w = -1.50")

    X2, Y2 = make_2d_dataset(m=10, seed=0)
    widget = decision_boundary_widget(X2, Y2, good_sigmoid)
    sliders = {c.description: c for c in widget.children if hasattr(c, "description") and c.description}
    assert set(sliders) == {"w1", "w2", "b"}
    sliders["b"].value = 1.0
    assert widget.result.axes[0].get_title().startswith("w1 = 1.50, w2 = 1.00, b = 1.00")


def test_the_overflow_message_is_true_for_either_sign_of_z():
    """The naive formula overflows for very negative z, the sign error 1 / (1 + e^z) for very positive z: the message
    must not blame only one of them."""
    from utils.checks.logistic_regression import _without_warnings

    for wrong in (lambda z: 1 / (1 + np.exp(-z)), lambda z: 1 / (1 + np.exp(z))):
        with pytest.raises(AssertionError) as failed:
            _without_warnings(wrong, np.array([-1e4, 1e4]), what="sigmoid([-1e4, 1e4])")
        message = str(failed.value)
        assert "e^(-z) when z is very negative" in message and "e^(z) when z is very positive" in message
