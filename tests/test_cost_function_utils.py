"""Unit tests of lecture 2.3's helpers: visible checks, plotting functions and the loss widget."""

from __future__ import annotations

import math

import numpy as np
import pytest
from matplotlib.figure import Figure

from utils.checks.core import CheckFailed, NotImplementedYet
from utils.checks.cost_function import check_cost, check_cost_from_logits, check_cost_from_logits_challenge
from utils.plotting.cost_function import negative_curvature, plot_convexity_comparison, plot_loss_curves


# Reference implementations written for these tests only (tests/ does not ship to students).
def good_loss(y_hat, y):
    return -(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))


def good_cost(A, Y):
    return float(np.mean(good_loss(A, Y)))


def good_logits(Z, Y):
    Z = np.asarray(Z, dtype=float)
    return float(np.mean(np.maximum(Z, 0) - Y * Z + np.log1p(np.exp(-np.abs(Z)))))


def failure(check, fn) -> str:
    with pytest.raises(CheckFailed) as info:
        check(fn)
    return str(info.value)


def _stub(*args):
    raise NotImplementedError()


CHECKS = [check_cost, check_cost_from_logits, check_cost_from_logits_challenge]


def test_correct_functions_pass(capsys):
    check_cost(good_cost)
    check_cost_from_logits(good_logits)
    check_cost_from_logits_challenge(good_logits)
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == ["✔ cost", "✔ cost_from_logits", "✔ cost_from_logits (challenge)"]


@pytest.mark.parametrize(
    "cost, logits",
    [
        (lambda A, Y: np.mean(good_loss(A, Y)), lambda Z, Y: np.mean(np.logaddexp(0, Z) - Y * Z)),  # NumPy scalars
        (lambda A, Y: np.squeeze(-(Y @ np.log(A).T + (1 - Y) @ np.log(1 - A).T) / A.shape[1]),  # 0-d arrays
         lambda Z, Y: np.asarray(np.mean(np.logaddexp(0, Z) - Y * Z))),
        (lambda A, Y: np.mean(good_loss(A.astype(np.float32), Y), dtype=np.float32),  # float32 arithmetic
         lambda Z, Y: np.mean(np.logaddexp(np.float32(0), Z.astype(np.float32)) - Y * Z.astype(np.float32),
                              dtype=np.float32)),
    ],
)
def test_every_form_of_a_number_passes(cost, logits, capsys):
    check_cost(cost)
    check_cost_from_logits(logits)
    check_cost_from_logits_challenge(logits)
    assert capsys.readouterr().out.count("✔") == 3


@pytest.mark.parametrize("check", CHECKS)
def test_a_stub_is_reported_as_not_implemented(check):
    with pytest.raises(NotImplementedYet):
        check(_stub)


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda A, Y: float(np.sum(good_loss(A, Y))), "sum of the losses"),
        (lambda A, Y: float(np.sum(good_loss(A, Y)) / len(Y)), "Y.shape[1]"),
        (lambda A, Y: float(-np.sum(Y * np.log(A).T + (1 - Y) * np.log(1 - A).T) / Y.shape[1]), "m x m"),
        (lambda A, Y: -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / Y.shape[1], ".item()"),
        (lambda A, Y: good_loss(A, Y), "average the losses"),
        (lambda A, Y: -good_cost(A, Y), "minus sign"),
        (lambda A, Y: good_cost(1 - A, Y), "swapped"),
        (lambda A, Y: good_cost(A, Y) / np.log(10.0), "base-10"),
        (lambda A, Y: float(np.mean(0.5 * (A - Y) ** 2)), "squared error"),
        (lambda A, Y: float(np.mean(-Y * np.log(A))), "Only the y = 1 term"),
        (lambda A, Y: float(np.mean(-(1 - Y) * np.log(1 - A))), "Only the y = 0 term"),
        (lambda A, Y: float(np.sum(good_loss(A, Y)) / 3), "m = 4"),
        (lambda A, Y: float(np.mean(-(Y * math.log(A) + (1 - Y) * math.log(1 - A)))), "np.log"),
        (lambda A, Y: str(good_cost(A, Y)), "single number"),
    ],
)
def test_check_cost_names_the_mistake(wrong, hint):
    assert hint in failure(check_cost, wrong)


def test_check_cost_catches_a_mutated_input():
    def clips_in_place(A, Y):
        value = good_cost(A, Y)
        A[...] = 0.5
        return value

    assert "in place" in failure(check_cost, clips_in_place)


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda Z, Y: good_cost(1 / (1 + np.exp(-Z)), Y), "warning"),
        (lambda Z, Y: float(np.mean(np.log(1 + np.exp(Z)) - Y * Z)), "overflow"),
        (lambda Z, Y: good_cost(np.clip(1 / (1 + np.exp(-np.clip(Z, -500, 500))), 1e-15, 1 - 1e-15), Y), "Clipping"),
        (lambda Z, Y: float(np.sum(np.logaddexp(0, Z) - Y * Z)), "summed"),
        (lambda Z, Y: np.logaddexp(0, Z) - Y * Z, "average the losses"),
    ],
)
def test_check_cost_from_logits_names_the_mistake(wrong, hint):
    assert hint in failure(check_cost_from_logits, wrong)


def test_check_cost_from_logits_reports_inf_without_warnings():
    def silent_naive(Z, Y):
        with np.errstate(all="ignore"):
            return good_cost(1 / (1 + np.exp(-Z)), Y)

    assert "log(0)" in failure(check_cost_from_logits, silent_naive)


def test_the_challenge_is_only_about_tiny_losses_and_exact_zeros():
    without_log1p = lambda Z, Y: float(np.mean(np.maximum(Z, 0) - Y * Z + np.log(1 + np.exp(-np.abs(Z)))))  # noqa: E731
    check_cost_from_logits(without_log1p)  # the core test accepts it: no overflow, finite, right
    assert "log1p" in failure(check_cost_from_logits_challenge, without_log1p)
    leftover = lambda Z, Y: float(np.mean(np.logaddexp(0, Z) - Y * Z)) + 1e-20  # noqa: E731
    assert "rounds to 0" in failure(check_cost_from_logits_challenge,
                                    lambda Z, Y: leftover(Z, Y) if Z.shape[1] == 2 else good_logits(Z, Y))


def test_the_lecture_data_shows_what_the_text_says():
    """2.3 and 2.4 describe make_1d_dataset(m=10, seed=2): overlapping classes, a convex cross-entropy curve with one
    lowest point near w = 1.1, a squared-error curve that bends downwards at most points and is flat near w = -6."""
    from utils.datasets import make_1d_dataset

    X, Y = make_1d_dataset(m=10, seed=2)
    positives, negatives = X[Y == 1], X[Y == 0]
    assert positives.min() < negatives.max()  # not separable by any threshold: a lowest point exists
    assert positives.min() == pytest.approx(-1.43, abs=0.005) and negatives.max() == pytest.approx(0.66, abs=0.005)
    w = np.linspace(-6.0, 6.0, 241)
    a = [1 / (1 + np.exp(-v * X)) for v in w]
    cross_entropy = np.array([good_cost(p, Y) for p in a])
    squared = np.array([float(np.mean((p - Y) ** 2) / 2) for p in a])
    assert not negative_curvature(w, cross_entropy).any() and negative_curvature(w, squared).sum() == 196
    assert w[np.argmin(cross_entropy)] == pytest.approx(1.1) and w[np.argmin(squared)] == pytest.approx(1.0)
    dips = [k for k in range(1, 240) if squared[k] < squared[k - 1] and squared[k] < squared[k + 1]]
    assert len(dips) == 1  # one dip only: the trouble shown is the plateau
    slope_ce, slope_se = (np.diff(cross_entropy[:2]) / 0.05)[0], (np.diff(squared[:2]) / 0.05)[0]
    assert slope_ce == pytest.approx(-1.33, abs=0.005) and -0.0015 < slope_se < -0.001
    assert slope_ce / slope_se > 1000


def test_plot_loss_curves_draws_both_labels_and_marks_y_hat():
    grid = np.linspace(0.01, 0.99, 99)
    fig = plot_loss_curves(grid, good_loss(grid, 1), good_loss(grid, 0), y_hat=0.3)
    assert isinstance(fig, Figure) and len(fig.axes) == 1
    ax = fig.axes[0]
    assert [line.get_label() for line in ax.lines[:2]] == ["y = 1: L = 1.20", "y = 0: L = 0.36"]
    markers = [line for line in ax.lines if line.get_marker() == "o"]
    points = np.array([m.get_xydata()[0] for m in markers])
    assert np.allclose(points, [(0.3, -math.log(0.3)), (0.3, -math.log(0.7))], atol=1e-3)
    assert not ax.texts  # the values are in the legend: labels by the dots overprinted each other near 0.5
    assert not [line for line in plot_loss_curves(grid, grid, grid).axes[0].lines if line.get_marker() == "o"]


def test_negative_curvature_finds_where_a_curve_bends_down():
    w = np.linspace(-2.0, 2.0, 41)
    assert not negative_curvature(w, w**2).any()
    mask = negative_curvature(w, np.sin(w))  # concave where sin > 0
    assert not mask[0] and not mask[-1]
    assert mask[25:40].all() and not mask[1:20].any()


def test_plot_convexity_comparison_shades_the_non_convex_stretches():
    w = np.linspace(-3.0, 3.0, 61)
    fig = plot_convexity_comparison(w, w**2, np.cos(w))
    convex_ax, bumpy_ax = fig.axes
    assert convex_ax.get_title().endswith(": convex") and bumpy_ax.get_title().endswith("not convex")
    assert len(convex_ax.patches) == 0
    (span,) = bumpy_ax.patches  # cos bends down on one stretch around 0
    assert span.get_x() == pytest.approx(-1.5, abs=0.11) and span.get_width() == pytest.approx(3.0, abs=0.21)
    assert np.allclose(convex_ax.lines[0].get_ydata(), w**2)


def test_loss_widget_precomputes_the_curves_once():
    from utils.widgets.cost_function import loss_widget

    calls = []

    def counting_cost(A, Y):
        calls.append(A.shape)
        return good_cost(A, Y)

    widget = loss_widget(counting_cost)
    slider = widget.children[0]
    assert slider.description == "y_hat" and (slider.min, slider.max) == (0.01, 0.99)
    slider.value = 0.2
    slider.value = 0.9
    assert len(calls) == 2 * 499 and set(calls) == {(1, 1)}  # one-example costs, before any slider move
    assert widget.result.axes[0].get_title().startswith(r"$\hat{y}$ = 0.90")
