"""Visible checks for lecture 2.4, Gradient descent (messages: "2.4.*" in `utils.checks.messages`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .core import (
    as_number,
    call,
    expect,
    expect_array,
    expect_close,
    expect_shape,
    expect_tuple,
    expect_unchanged,
    passed,
)
from .messages import say

# Stored steps of gradient descent on J(w) = (w - 3)^2, dJ/dw = 2 (w - 3), from w0 = 0 with learning rate 0.1.
_HISTORY = [0.0, 0.6, 1.08, 1.464]
_HISTORY_UPHILL = [0.0, -0.6, -1.32, -2.184]
_HISTORY_FROZEN_SLOPE = [0.0, 0.6, 1.2, 1.8]  # the slope at w0 reused for every step


def _bowl_slope(w: float) -> float:
    """dJ/dw of the bowl J(w) = (w - 3)^2."""
    return 2.0 * (w - 3.0)


def _steep_slope(w: float) -> float:
    """dJ/dw of the steeper bowl J(w) = 4 (w + 1)^2."""
    return 8.0 * (w + 1.0)


class _CoupledSlopes:
    """(dw, db) of J(w, b) = sum((w - 0.5)^2) + b sum(w) + b^2, whose db depends on w; records where it was asked."""

    __name__ = "slopes"

    def __init__(self) -> None:
        self.points: list[tuple[Any, Any]] = []

    def __call__(self, w: Any, b: Any) -> tuple[Any, float]:
        self.points.append((np.array(w, copy=True), float(b)))
        return 2.0 * (np.asarray(w, dtype=float) - 0.5) + b, float(np.sum(w)) + 2.0 * b


def check_update_parameters(update_parameters: Callable[..., tuple[Any, Any]]) -> None:
    """One step on both parameters with the slopes of the current point, on arrays and numbers, inputs unchanged."""
    __tracebackhide__ = True
    slopes = _CoupledSlopes()
    w = np.array([[1.0], [-2.0]])
    result = call(update_parameters, w, 1.0, slopes, 0.1)
    new_w, new_b = expect_tuple(result, 2, say("2.4.not_a_pair", type=type(result).__name__))
    expect_unchanged(w, np.array([[1.0], [-2.0]]), "w")
    expect(bool(slopes.points), say("2.4.slopes_not_called"))
    for point_w, point_b in slopes.points:
        expect(np.array_equal(point_w, w) and point_b == 1.0,
               say("2.4.slopes_moved", w=point_w.ravel().tolist(), b=point_b))
    new_w = expect_array(new_w, say("2.4.new_w"))
    expect_shape(new_w, (2, 1), say("2.4.new_w"))
    new_b = as_number(new_b, say("2.4.new_b"))
    expect(not np.allclose(new_w, [[1.2], [-2.4]]), say("2.4.w_uphill"))
    expect(not np.allclose(new_w, [[-1.0], [2.0]]), say("2.4.whole_derivative"))
    expect(not np.allclose(new_w, [[0.9], [-2.1]]), say("2.4.w_by_db"))
    expect_close(new_w, [[0.8], [-1.6]], say("2.4.new_w"), say("2.4.w_rule"))
    expect(not np.isclose(new_b, 1.0), say("2.4.b_unchanged"))
    expect(not np.isclose(new_b, 1.1), say("2.4.b_uphill"))
    expect_close(new_b, 0.9, say("2.4.new_b"), say("2.4.b_rule"))

    result = call(update_parameters, 3.0, -1.0, _CoupledSlopes(), 0.25)
    expect_close([as_number(result[0], say("2.4.new_w")), as_number(result[1], say("2.4.new_b"))], [2.0, -1.25],
                 "update_parameters(3.0, -1.0, slopes, 0.25)", say("2.4.numbers"))
    passed("update_parameters", say("2.4.update_parameters.passed"))


def _history_hint(history: np.ndarray, w: Any) -> str:
    """What a history of the wrong length (for 3 steps from w0 = 0) says about the loop."""
    n = len(history)
    if n == 3 and np.allclose(history, _HISTORY[1:]):
        return say("2.4.history_no_start")
    if n == 3 and np.allclose(history, _HISTORY[:-1]) and np.isclose(w, _HISTORY[-1]):
        return say("2.4.history_no_end")
    if n == 3 and np.allclose(history, _HISTORY[:-1]):
        return say("2.4.step_too_few")
    if n == 5 and np.allclose(history[:4], _HISTORY):
        return say("2.4.step_too_many")
    return say("2.4.history_rule")


def check_gradient_descent(gradient_descent: Callable[..., tuple[Any, Any]]) -> None:
    """Three steps on J(w) = (w - 3)^2 from w0 = 0 with learning rate 0.1; history holds every w, w0 first."""
    __tracebackhide__ = True
    calls: list[float] = []

    def dJ(w: float) -> float:
        calls.append(w)
        return _bowl_slope(w)

    dJ.__name__ = "dJ"
    result = call(gradient_descent, dJ, 0.0, 0.1, 3)
    w, history = expect_tuple(result, 2, say("2.4.not_w_history", type=type(result).__name__))
    expect(hasattr(history, "__len__"), say("2.4.history_type", type=type(history).__name__))
    w = as_number(w, say("2.4.returned_w"))
    history = np.asarray(history, dtype=float).ravel()
    expect(len(history) == 4, say("2.4.history_length", length=len(history), hint=_history_hint(history, w)))
    expect(history[0] == 0.0, say("2.4.history_start", start=history[0]))
    expect(not np.allclose(history, _HISTORY_UPHILL), say("2.4.steps_uphill"))
    expect(not np.allclose(history, _HISTORY_FROZEN_SLOPE), say("2.4.frozen_slope"))
    expect_close(history, _HISTORY, "history", say("2.4.step_rule"))
    expect(bool(np.isclose(w, _HISTORY[-1])), say("2.4.returned_not_last", w=w, last=_HISTORY[-1],
                                                  hint=say("2.4.returned_w0") if w == 0.0 else ""))
    expect(len(calls) == 3, say("2.4.calls", calls=len(calls)))
    w, history = call(gradient_descent, _bowl_slope, 5.0, 0.25, 0)
    expect(bool(len(history) == 1 and np.isclose(as_number(w, "w"), 5.0) and np.isclose(history[0], 5.0)),
           say("2.4.zero_iterations", w=w, length=len(history)))
    passed("gradient_descent", say("2.4.gradient_descent.passed"))


VERDICTS = ("converges monotonically", "converges while oscillating", "cycles", "diverges")

_CASES = (  # learning rate, expected verdict, id of the hint if wrong; J(w) = (w - 3)^2 from w0 = 6, 10 iterations
    (0.1, "converges monotonically", "2.4.rate_01"),
    (0.5, "converges monotonically", "2.4.rate_05"),
    (0.7, "converges while oscillating", "2.4.rate_07"),
    (1.0, "cycles", "2.4.rate_10"),
    (1.2, "diverges", "2.4.rate_12"),
)


def check_learning_rate_behaviour(learning_rate_behaviour: Callable[..., str]) -> None:
    """Five learning rates on J(w) = (w - 3)^2 from w0 = 6; another start, the minimum itself, a steeper bowl."""
    __tracebackhide__ = True
    for learning_rate, expected, hint in _CASES:
        verdict = call(learning_rate_behaviour, _bowl_slope, 6.0, learning_rate, 10)
        expect(verdict in VERDICTS, say("2.4.verdicts", verdicts=", ".join(repr(v) for v in VERDICTS),
                                        verdict=verdict))
        expect(verdict == expected, say("2.4.verdict", learning_rate=learning_rate, verdict=verdict,
                                        expected=expected, hint=say(hint)))
    verdict = call(learning_rate_behaviour, _bowl_slope, 1.0, 0.1, 10)
    expect(verdict == "converges monotonically", say("2.4.from_below", verdict=verdict))
    verdict = call(learning_rate_behaviour, _bowl_slope, 3.0, 0.3, 5)
    expect(verdict == "converges monotonically", say("2.4.at_minimum", verdict=verdict))
    for learning_rate, expected in ((0.25, "cycles"), (0.2, "converges while oscillating"),
                                    (0.125, "converges monotonically")):
        verdict = call(learning_rate_behaviour, _steep_slope, 1.0, learning_rate, 7)
        expect(verdict == expected, say("2.4.steeper", learning_rate=learning_rate, expected=expected,
                                        verdict=verdict))
    for learning_rate, expected in ((1.2, "diverges"), (0.7, "converges while oscillating")):
        verdict = call(learning_rate_behaviour, _bowl_slope, 6.0, learning_rate, 1)
        expect(verdict == expected, say("2.4.one_step", learning_rate=learning_rate, expected=expected,
                                        verdict=verdict))
    passed("learning_rate_behaviour", say("2.4.learning_rate_behaviour.passed"))
