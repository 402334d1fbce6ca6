"""Visible checks for lecture 2.4, Gradient descent."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from .core import call, expect, expect_array, expect_close, expect_shape, expect_unchanged, passed

# Stored steps of gradient descent on J(w) = (w - 3)^2, dJ/dw = 2 (w - 3), from w0 = 0 with learning rate 0.1.
_HISTORY = [0.0, 0.6, 1.08, 1.464]
_HISTORY_UPHILL = [0.0, -0.6, -1.32, -2.184]
_HISTORY_FROZEN_SLOPE = [0.0, 0.6, 1.2, 1.8]  # the slope at w0 reused for every step


def _bowl_slope(w: float) -> float:
    """dJ/dw of the bowl J(w) = (w - 3)^2."""
    return 2.0 * (w - 3.0)


def check_update_parameters(update_parameters: Callable[..., tuple[Any, Any]]) -> None:
    """One step w - alpha dw, b - alpha db on arrays and on numbers, without touching the inputs."""
    __tracebackhide__ = True
    w, dw = np.array([[1.0], [-2.0]]), np.array([[0.2], [-0.4]])
    result = call(update_parameters, w, 0.5, dw, 0.1, 0.5)
    expect(
        isinstance(result, tuple) and len(result) == 2,
        f"update_parameters should return the pair (w, b), but it returned {type(result).__name__}.",
    )
    new_w, new_b = result
    expect_unchanged(w, np.array([[1.0], [-2.0]]), "w")
    expect_unchanged(dw, np.array([[0.2], [-0.4]]), "dw")
    new_w = expect_array(new_w, "The new w")
    expect_shape(new_w, (2, 1), "The new w")
    expect(
        not np.allclose(new_w, [[1.1], [-2.2]]),
        "w moved uphill: you added learning_rate * dw. Gradient descent subtracts it: w - learning_rate * dw.",
    )
    expect(
        not np.allclose(new_w, [[0.8], [-1.6]]),
        "w moved by the whole derivative: multiply dw by the learning rate before subtracting it.",
    )
    expect(not np.allclose(new_w, [[0.95], [-2.05]]), "w moved by learning_rate * db: w's step uses dw, b's uses db.")
    expect_close(new_w, [[0.9], [-1.8]], "The new w", "new w = w - learning_rate * dw.")
    expect(not np.isclose(new_b, 0.5), "b did not change: update b too, b - learning_rate * db.")
    expect(not np.isclose(new_b, 0.55), "b moved uphill: subtract learning_rate * db, don't add it.")
    expect_close(new_b, 0.45, "The new b", "new b = b - learning_rate * db.")

    w, b = call(update_parameters, 3.0, 1.0, 2.0, -1.0, 0.1)
    expect_close([w, b], [2.8, 1.1], "update_parameters(3.0, 1.0, 2.0, -1.0, 0.1)",
                 "With numbers instead of arrays the rule is the same.")
    passed("update_parameters", "one step downhill, inputs unchanged")


def check_gradient_descent(gradient_descent: Callable[..., tuple[float, Any]]) -> None:
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
    expect(
        len(history) == 4,
        f"After 3 iterations history should hold 4 values (w0 and then w after each step), but it holds "
        f"{len(history)}. " + ("Did you forget to put w0 first? " if len(history) == 3 else "")
        + "Run exactly num_iterations steps.",
    )
    history = np.asarray(history, dtype=float)
    expect(history[0] == 0.0, f"history[0] should be the starting point w0 = 0.0, got {history[0]!r}.")
    expect(
        not np.allclose(history, _HISTORY_UPHILL),
        "Your steps go uphill (away from the minimum at w = 3): subtract learning_rate * dJ(w), don't add it.",
    )
    expect(
        not np.allclose(history, _HISTORY_FROZEN_SLOPE),
        "Every step has the same size: you reused the slope at w0. Evaluate dJ at the current w in every iteration.",
    )
    expect_close(history, _HISTORY, "history", "Each step is w = w - learning_rate * dJ(w).")
    expect_close(w, _HISTORY[-1], "The returned w", "Return the last value of w, the one after the final step.")
    expect(
        len(calls) == 3,
        f"dJ was called {len(calls)} times for 3 iterations: one slope per step is enough.",
    )
    w, history = call(gradient_descent, _bowl_slope, 5.0, 0.25, 0)
    expect(
        len(history) == 1 and np.isclose(w, 5.0) and np.isclose(history[0], 5.0),
        "With num_iterations = 0, w stays at w0 and history is [w0].",
    )
    passed("gradient_descent", "w and its history after each step")


_CASES = (  # learning rate, expected verdict, hint if wrong; the bowl J(w) = (w - 3)^2 from w0 = 6, 10 iterations
    (0.1, "converges", "With learning rate 0.1 every step lands closer to the minimum, on the same side: 'converges'."),
    (0.5, "converges", "With learning rate 0.5 the first step lands exactly on the minimum (the slope becomes 0) "
                       "and stays there: 'converges'. A slope of 0 is not a change of sign."),
    (0.7, "oscillates", "With learning rate 0.7, w jumps over the minimum at every step (the slope changes sign) "
                        "while getting closer: 'oscillates'."),
    (1.0, "oscillates", "With learning rate 1.0, w bounces between 0 and 6 for ever: the slope keeps its size and "
                        "flips its sign: 'oscillates', not 'diverges' (the slope did not grow)."),
    (1.2, "diverges", "With learning rate 1.2, w jumps over the minimum and lands further away each time: the slope "
                      "grows, so 'diverges'. Test for divergence before testing for a change of sign."),
    (-0.1, "diverges", "A negative learning rate walks uphill, away from the minimum: the slope grows: 'diverges'."),
)


def check_learning_rate_behaviour(learning_rate_behaviour: Callable[..., str]) -> None:
    """The verdict for six learning rates on J(w) = (w - 3)^2 from w0 = 6, then from w0 = 1 and from the minimum."""
    __tracebackhide__ = True
    for learning_rate, expected, hint in _CASES:
        verdict = call(learning_rate_behaviour, _bowl_slope, 6.0, learning_rate, 10)
        expect(
            verdict in ("converges", "oscillates", "diverges"),
            f"learning_rate_behaviour should return one of 'converges', 'oscillates', 'diverges', got {verdict!r}.",
        )
        expect(verdict == expected, f"learning_rate_behaviour(dJ, 6.0, {learning_rate}, 10) returned {verdict!r}. {hint}")
    verdict = call(learning_rate_behaviour, _bowl_slope, 1.0, 0.1, 10)
    expect(
        verdict == "converges",
        f"From w0 = 1 with learning rate 0.1, w creeps up towards the minimum at w = 3: 'converges', got {verdict!r}. "
        "Compare the size of the slope, |dJ(w)|, at the end and at the start, not the size of w: "
        "the minimum is not always at w = 0.",
    )
    verdict = call(learning_rate_behaviour, _bowl_slope, 3.0, 0.3, 5)
    expect(
        verdict == "converges",
        f"Starting at the minimum (w0 = 3, where the slope is 0), nothing moves: 'converges', got {verdict!r}. "
        "A slope that stays 0 neither grows nor changes sign.",
    )
    passed("learning_rate_behaviour", "converges, oscillates and diverges told apart")
