"""Visible checks for lecture 2.4, Gradient descent."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from .core import as_number, call, expect, expect_array, expect_close, expect_shape, expect_unchanged, passed

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
    expect(
        isinstance(result, tuple) and len(result) == 2,
        f"update_parameters should return the pair (w, b), but it returned {type(result).__name__}.",
    )
    new_w, new_b = result
    expect_unchanged(w, np.array([[1.0], [-2.0]]), "w")
    expect(bool(slopes.points), "update_parameters never called slopes(w, b): the step needs the slopes dw and db.")
    for point_w, point_b in slopes.points:
        expect(
            np.array_equal(point_w, w) and point_b == 1.0,
            f"slopes was asked at w = {point_w.ravel().tolist()}, b = {point_b}, after a parameter had already moved "
            "(the step starts at w = [1.0, -2.0], b = 1.0). Both steps use the slopes of the same point: ask slopes "
            "for dw and db at the starting point first, then move w and b.",
        )
    new_w = expect_array(new_w, "The new w")
    expect_shape(new_w, (2, 1), "The new w")
    new_b = as_number(new_b, "The new b")
    expect(
        not np.allclose(new_w, [[1.2], [-2.4]]),
        "w moved uphill: you added learning_rate * dw. Gradient descent subtracts it: w - learning_rate * dw.",
    )
    expect(
        not np.allclose(new_w, [[-1.0], [2.0]]),
        "w moved by the whole derivative: multiply dw by the learning rate before subtracting it.",
    )
    expect(not np.allclose(new_w, [[0.9], [-2.1]]), "w moved by learning_rate * db: w's step uses dw, b's uses db.")
    expect_close(new_w, [[0.8], [-1.6]], "The new w", "new w = w - learning_rate * dw, with (dw, db) = slopes(w, b).")
    expect(not np.isclose(new_b, 1.0), "b did not change: update b too, b - learning_rate * db.")
    expect(not np.isclose(new_b, 1.1), "b moved uphill: subtract learning_rate * db, don't add it.")
    expect_close(new_b, 0.9, "The new b", "new b = b - learning_rate * db, with (dw, db) = slopes(w, b).")

    result = call(update_parameters, 3.0, -1.0, _CoupledSlopes(), 0.25)
    expect_close([as_number(result[0], "The new w"), as_number(result[1], "The new b")], [2.0, -1.25],
                 "update_parameters(3.0, -1.0, slopes, 0.25)", "With numbers instead of arrays the rule is the same.")
    passed("update_parameters", "one step downhill from one point, inputs unchanged")


def _history_hint(history: np.ndarray, w: Any) -> str:
    """What a history of the wrong length (for 3 steps from w0 = 0) says about the loop."""
    n = len(history)
    if n == 3 and np.allclose(history, _HISTORY[1:]):
        return ("It holds w after each step but not the starting point: put w0 first, history = [w0], before the "
                "loop.")
    if n == 3 and np.allclose(history, _HISTORY[:-1]) and np.isclose(w, _HISTORY[-1]):
        return ("The final w is missing from it: you record w before each step. Append w after each step instead, "
                "so that history[-1] is the w you return.")
    if n == 3 and np.allclose(history, _HISTORY[:-1]):
        return ("Your loop took one step too few (2 instead of 3): run it num_iterations times, e.g. "
                "`for _ in range(num_iterations):`, not range(num_iterations - 1).")
    if n == 5 and np.allclose(history[:4], _HISTORY):
        return "Your loop took one step too many: run it num_iterations times, e.g. `for _ in range(num_iterations):`."
    return "Take exactly num_iterations steps and record w0 first, then w after each step."


def check_gradient_descent(gradient_descent: Callable[..., tuple[Any, Any]]) -> None:
    """Three steps on J(w) = (w - 3)^2 from w0 = 0 with learning rate 0.1; history holds every w, w0 first."""
    __tracebackhide__ = True
    calls: list[float] = []

    def dJ(w: float) -> float:
        calls.append(w)
        return _bowl_slope(w)

    dJ.__name__ = "dJ"
    result = call(gradient_descent, dJ, 0.0, 0.1, 3)
    expect(
        isinstance(result, tuple) and len(result) == 2,
        f"gradient_descent should return the pair (w, history), but it returned {type(result).__name__}.",
    )
    w, history = result
    expect(
        hasattr(history, "__len__"),
        f"history should be a list of the values of w, but it is a {type(history).__name__}.",
    )
    w = as_number(w, "The returned w")
    history = np.asarray(history, dtype=float).ravel()
    expect(
        len(history) == 4,
        f"After 3 iterations history should hold 4 values (w0, then w after each step), but it holds "
        f"{len(history)}. " + _history_hint(history, w),
    )
    expect(history[0] == 0.0, f"history[0] should be the starting point w0 = 0.0, but it is {history[0]!r}.")
    expect(
        not np.allclose(history, _HISTORY_UPHILL),
        "Your steps go uphill (away from the minimum at w = 3): subtract learning_rate * dJ(w), don't add it.",
    )
    expect(
        not np.allclose(history, _HISTORY_FROZEN_SLOPE),
        "Every step has the same size: you reused the slope at w0. Evaluate dJ at the current w in every iteration.",
    )
    expect_close(history, _HISTORY, "history", "Each step is w = w - learning_rate * dJ(w).")
    expect(
        np.isclose(w, _HISTORY[-1]),
        f"The returned w is {w!r}, but the last value in history is {_HISTORY[-1]}: return the w after the final "
        "step." + (" You returned w0." if w == 0.0 else ""),
    )
    expect(
        len(calls) == 3,
        f"dJ was called {len(calls)} times for 3 iterations: one slope per step is enough.",
    )
    w, history = call(gradient_descent, _bowl_slope, 5.0, 0.25, 0)
    expect(
        len(history) == 1 and np.isclose(as_number(w, "w"), 5.0) and np.isclose(history[0], 5.0),
        f"With num_iterations = 0 no step is taken: w stays at w0 = 5.0 and history is [5.0], but you returned "
        f"w = {w!r} and a history of {len(history)} values.",
    )
    passed("gradient_descent", "w and its history after each step")


VERDICTS = ("converges monotonically", "converges while oscillating", "cycles", "diverges")

_CASES = (  # learning rate, expected verdict, hint if wrong; the bowl J(w) = (w - 3)^2 from w0 = 6, 10 iterations
    (0.1, "converges monotonically",
     "With learning rate 0.1 every step lands closer to the minimum, on the same side: the slope shrinks and never "
     "changes sign."),
    (0.5, "converges monotonically",
     "With learning rate 0.5 the first step lands exactly on the minimum (the slope becomes 0) and stays there. "
     "A slope of 0 is not a change of sign: + to 0 is not + to -."),
    (0.7, "converges while oscillating",
     "With learning rate 0.7, w jumps over the minimum at every step (the slope changes sign) while getting closer "
     "(the slope shrinks)."),
    (1.0, "cycles",
     "With learning rate 1.0, w bounces between 6 and 0 for ever: the slope flips its sign but keeps its size, so "
     "at the end it is exactly as large as at the start. That neither converges nor diverges: it cycles. Compare the "
     "sizes of the first and the last slope (divergence, then cycling) before looking for changes of sign."),
    (1.2, "diverges",
     "With learning rate 1.2, w jumps over the minimum and lands further away each time: the slope at the end is "
     "larger than at the start. Compare the sizes of the first and the last slope (divergence, then cycling) before "
     "looking for changes of sign."),
)


def check_learning_rate_behaviour(learning_rate_behaviour: Callable[..., str]) -> None:
    """Five learning rates on J(w) = (w - 3)^2 from w0 = 6; another start, the minimum itself, a steeper bowl."""
    __tracebackhide__ = True
    for learning_rate, expected, hint in _CASES:
        verdict = call(learning_rate_behaviour, _bowl_slope, 6.0, learning_rate, 10)
        expect(
            verdict in VERDICTS,
            f"learning_rate_behaviour should return one of {', '.join(repr(v) for v in VERDICTS)}; got {verdict!r}.",
        )
        expect(verdict == expected,
               f"learning_rate_behaviour(dJ, 6.0, {learning_rate}, 10) returned {verdict!r}, not {expected!r}. {hint}")
    verdict = call(learning_rate_behaviour, _bowl_slope, 1.0, 0.1, 10)
    expect(
        verdict == "converges monotonically",
        f"From w0 = 1 with learning rate 0.1, w creeps up towards the minimum at w = 3, so the answer is "
        f"'converges monotonically', but you returned {verdict!r}. Compare the size of the slope, |dJ(w)|, at the end "
        "and at the start, not the size of w: the minimum is not always at w = 0.",
    )
    verdict = call(learning_rate_behaviour, _bowl_slope, 3.0, 0.3, 5)
    expect(
        verdict == "converges monotonically",
        f"Starting at the minimum (w0 = 3, where the slope is 0) nothing moves, so the answer is 'converges "
        f"monotonically', but you returned {verdict!r}. A slope that stays 0 neither grows, nor keeps a size "
        "above 0, nor changes sign.",
    )
    for learning_rate, expected in ((0.25, "cycles"), (0.2, "converges while oscillating"), (0.125,
                                                                                           "converges monotonically")):
        verdict = call(learning_rate_behaviour, _steep_slope, 1.0, learning_rate, 7)
        expect(
            verdict == expected,
            f"On the steeper bowl J(w) = 4(w + 1)^2 (slope 8(w + 1)) from w0 = 1, learning rate {learning_rate} "
            f"{expected}, but you returned {verdict!r}. Each bowl has its own critical rates (here 0.125 lands on "
            "the minimum in one step and 0.25 cycles): read the behaviour off the slopes, not off the learning rate.",
        )
    for learning_rate, expected in ((1.2, "diverges"), (0.7, "converges while oscillating")):
        verdict = call(learning_rate_behaviour, _bowl_slope, 6.0, learning_rate, 1)
        expect(
            verdict == expected,
            f"After a single step (num_iterations = 1) with learning rate {learning_rate}, the answer is {expected!r}, "
            f"but you returned {verdict!r}. Compare the last slope with the first one, s_0 = dJ(w0), the slope "
            "before any step: with one step, s_1 is both the second and the last.",
        )
    passed("learning_rate_behaviour", "the four behaviours told apart")
