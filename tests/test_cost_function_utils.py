"""Unit tests of lecture 2.3's helpers: visible checks, plotting functions and the loss widget."""

from __future__ import annotations

import math

import numpy as np
import pytest
from matplotlib.figure import Figure

from utils.checks.core import CheckFailed, NotImplementedYet
from utils.checks.cost_function import check_cost, check_cost_from_logits, check_loss, check_squared_error_cost
from utils.plotting.cost_function import negative_curvature, plot_cost_curves, plot_loss_curves


# Reference implementations written for these tests only (tests/ does not ship to students).
def good_loss(y_hat, y):
    return -(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))


def good_cost(A, Y):
    return float(np.mean(good_loss(A, Y)))


def good_squared(A, Y):
    return float(np.mean((A - Y) ** 2) / 2)


def good_logits(Z, Y):
    Z = np.asarray(Z, dtype=float)
    return float(np.mean(np.maximum(Z, 0) - Y * Z + np.log1p(np.exp(-np.abs(Z)))))


def failure(check, fn) -> str:
    with pytest.raises(CheckFailed) as info:
        check(fn)
    return str(info.value)


def _stub(*args):
    raise NotImplementedError()


def test_correct_functions_pass(capsys):
    check_loss(good_loss)
    check_cost(good_cost)
    check_squared_error_cost(good_squared)
    check_cost_from_logits(good_logits)
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == ["✔ loss", "✔ cost", "✔ squared_error_cost", "✔ cost_from_logits"]


@pytest.mark.parametrize("check", [check_loss, check_cost, check_squared_error_cost, check_cost_from_logits])
def test_a_stub_is_reported_as_not_implemented(check):
    with pytest.raises(NotImplementedYet):
        check(_stub)


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda p, y: y * np.log(p) + (1 - y) * np.log(1 - p), "minus sign"),
        (lambda p, y: -(y * np.log(1 - p) + (1 - y) * np.log(p)), "swapped"),
        (lambda p, y: -(y * np.log10(p) + (1 - y) * np.log10(1 - p)), "base-10"),
        (lambda p, y: 0.5 * (p - y) ** 2, "squared error"),
        (lambda p, y: float(np.mean(good_loss(p, y))), "job of `cost`"),
        (lambda p, y: -(y * math.log(p) + (1 - y) * math.log(1 - p)), "np.log"),
    ],
)
def test_check_loss_names_the_mistake(wrong, hint):
    assert hint in failure(check_loss, wrong)


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda A, Y: float(np.sum(good_loss(A, Y))), "sum of the losses"),
        (lambda A, Y: float(np.sum(good_loss(A, Y)) / len(Y)), "Y.shape[1]"),
        (lambda A, Y: float(-np.sum(Y * np.log(A).T + (1 - Y) * np.log(1 - A).T) / Y.shape[1]), "m x m"),
        (lambda A, Y: np.mean(good_loss(A, Y)), "float(...)"),
        (lambda A, Y: good_loss(A, Y), "Average the losses"),
        (lambda A, Y: -good_cost(A, Y), "negative"),
        (lambda A, Y: float(np.sum(good_loss(A, Y)) / 3), "m = 4"),
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


def test_check_squared_error_cost_names_the_mistake():
    assert "(1/2)" in failure(check_squared_error_cost, lambda A, Y: float(np.mean((A - Y) ** 2)))
    assert "summed" in failure(check_squared_error_cost, lambda A, Y: float(np.sum((A - Y) ** 2) / 2))
    assert "Python float" in failure(check_squared_error_cost, lambda A, Y: np.mean((A - Y) ** 2) / 2)


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda Z, Y: good_cost(1 / (1 + np.exp(-Z)), Y), "warning"),
        (lambda Z, Y: float(np.mean(np.log(1 + np.exp(Z)) - Y * Z)), "overflow"),
        (lambda Z, Y: good_cost(np.clip(1 / (1 + np.exp(-np.clip(Z, -500, 500))), 1e-15, 1 - 1e-15), Y), "Clipping"),
        (lambda Z, Y: float(np.mean(np.maximum(Z, 0) - Y * Z + np.log(1 + np.exp(-np.abs(Z))))), "log1p"),
        (lambda Z, Y: np.mean(np.logaddexp(0, Z) - Y * Z), "Python float"),
    ],
)
def test_check_cost_from_logits_names_the_mistake(wrong, hint):
    assert hint in failure(check_cost_from_logits, wrong)


def test_check_cost_from_logits_reports_inf_without_warnings():
    def silent_naive(Z, Y):
        with np.errstate(all="ignore"):
            return good_cost(1 / (1 + np.exp(-Z)), Y)

    assert "log(0)" in failure(check_cost_from_logits, silent_naive)


def test_plot_loss_curves_draws_both_labels_and_marks_y_hat():
    grid = np.linspace(0.01, 0.99, 99)
    fig = plot_loss_curves(grid, good_loss(grid, 1), good_loss(grid, 0), y_hat=0.3)
    assert isinstance(fig, Figure) and len(fig.axes) == 1
    ax = fig.axes[0]
    assert [line.get_label() for line in ax.lines[:2]] == ["y = 1", "y = 0"]
    markers = [line for line in ax.lines if line.get_marker() == "o"]
    points = np.array([m.get_xydata()[0] for m in markers])
    assert np.allclose(points, [(0.3, -math.log(0.3)), (0.3, -math.log(0.7))], atol=1e-3)
    assert [t.get_text() for t in ax.texts] == ["L = 1.20", "L = 0.36"]
    assert not [line for line in plot_loss_curves(grid, grid, grid).axes[0].lines if line.get_marker() == "o"]


def test_negative_curvature_finds_where_a_curve_bends_down():
    w = np.linspace(-2.0, 2.0, 41)
    assert not negative_curvature(w, w**2).any()
    mask = negative_curvature(w, np.sin(w))  # concave where sin > 0
    assert not mask[0] and not mask[-1]
    assert mask[25:40].all() and not mask[1:20].any()


def test_plot_cost_curves_shades_the_non_convex_stretches():
    w = np.linspace(-3.0, 3.0, 61)
    fig = plot_cost_curves(w, w**2, np.cos(w))
    convex_ax, bumpy_ax = fig.axes
    assert convex_ax.get_title().endswith(": convex") and bumpy_ax.get_title().endswith("not convex")
    assert len(convex_ax.patches) == 0
    (span,) = bumpy_ax.patches  # cos bends down on one stretch around 0
    assert span.get_x() == pytest.approx(-1.5, abs=0.11) and span.get_width() == pytest.approx(3.0, abs=0.21)
    assert np.allclose(convex_ax.lines[0].get_ydata(), w**2)


def test_loss_widget_precomputes_the_curves_once():
    from utils.widgets.cost_function import loss_widget

    calls = []

    def counting_loss(y_hat, y):
        calls.append(np.shape(y_hat))
        return good_loss(y_hat, y)

    widget = loss_widget(counting_loss)
    slider = widget.children[0]
    assert slider.description == "y_hat" and (slider.min, slider.max) == (0.01, 0.99)
    slider.value = 0.2
    slider.value = 0.9
    assert len(calls) == 2  # y = 1 and y = 0, computed before any slider move
    assert widget.result.axes[0].get_title() == r"$\hat{y}$ = 0.90"
