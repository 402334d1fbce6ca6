"""Visible checks of lecture 2.5 (Derivatives): `slope` and `centered_slope`.

The expected numbers are stored, worked out by hand for the fixed cases below; next to each we keep the
numbers that the usual mistakes produce, so a failure can say which mistake it looks like.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from utils.checks.core import CheckFailed, NotImplementedYet, as_number, call, expect, expect_close, expect_shape, passed

_NOT_VECTORISED = (
    "It works for a single number but not for a NumPy array of points: use plain arithmetic on `a` "
    "(no `float(...)`, no `math` functions, no loop building a list) so it works element by element."
)


def three_a(a):
    return 3 * a


def square(a):
    return a**2


def cube(a):
    return a**3


def _match_mistake(value: Any, mistakes: dict[float, str]) -> str:
    """The hint of the first stored mistake whose number equals `value`, or ""."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return ""
    for wrong, hint in mistakes.items():
        if np.isclose(number, wrong, rtol=1e-6, atol=1e-9):
            return hint
    return ""


def _expect_number(value: Any, name: str) -> None:
    """A number where `a` is a number: a Python or NumPy scalar, or a 0-d array."""
    __tracebackhide__ = True
    as_number(value, f"{name} (with `a` a number)")


def _expect_vectorised(fn: Callable, f: Callable, a: np.ndarray, expected: np.ndarray, label: str) -> None:
    __tracebackhide__ = True
    name = getattr(fn, "__name__", "your function")
    try:
        result = call(fn, f, a.copy())
    except NotImplementedYet:
        raise
    except CheckFailed as failure:
        # The shared hint about `math` functions would be one guess among several: _NOT_VECTORISED names them all.
        message = str(failure).split(" The `math` module")[0].rstrip(".")
        raise CheckFailed(f"{message}. {_NOT_VECTORISED}", failure.places) from None
    expect(isinstance(result, np.ndarray), f"`{name}(f, a)` with `a` an array returned a "
           f"{type(result).__name__}, not a NumPy array. {_NOT_VECTORISED}")
    expect_shape(result, a.shape, f"`{name}(f, a)` for `a` of shape {a.shape}")
    expect_close(result, expected, f"`{name}` on the array a = {a.tolist()} with {label}")


def check_slope(slope: Callable) -> None:
    """`slope(f, a, h=0.001)`: the forward nudge (f(a + h) - f(a)) / h, for numbers and arrays."""
    __tracebackhide__ = True
    # The lecture's straight line f(a) = 3a: slope 3 wherever the triangle is drawn.
    for a in (2.0, 5.0):
        result = call(slope, three_a, a)
        _expect_number(result, f"slope(f, {a})")
        expect_close(result, 3.0, f"slope of f(a) = 3a at a = {a} (nudge 0.001)",
                     _match_mistake(result, {0.003: "That is the height of the triangle: divide it by its width h.",
                                             -3.0: "Sign error: subtract f(a) from f(a + h), not the other way.",
                                             1.5: "You divided by 2h; the forward nudge divides by h."}),
                     rtol=1e-6)

    # A curve, with a large nudge so the usual mistakes give clearly different numbers.
    result = call(slope, square, 2.2, h=0.3)
    _expect_number(result, "slope(f, 2.2, h=0.3)")
    expect_close(result, 4.7, "slope of f(a) = a² at a = 2.2 with h = 0.3", _match_mistake(result, {
        4.4: "That is the centred difference (f(a + h) - f(a - h)) / 2h; `slope` is the forward nudge "
             "(f(a + h) - f(a)) / h, the lecture's triangle to the right of a.",
        4.1: "That is the backward difference (f(a) - f(a - h)) / h: nudge a to the right, to a + h.",
        1.41: "That is the height f(a + h) - f(a) of the triangle: divide it by its width h.",
        2.35: "You divided by 2h; the forward nudge divides by the width of the triangle, h.",
        -4.7: "Sign error: the height is f(a + h) - f(a), not f(a) - f(a + h).",
        4.0: "Integer (floor) division `//` rounds down: divide with `/`.",
        4.401: "Your function ignores its argument h: use h, not the number 0.001.",
    }))

    # The default nudge is the lecture's 0.001: for a² at a = 2 the triangle gives 4.001, not exactly 4.
    result = call(slope, square, 2.0)
    expect_close(result, 4.000999999999699, "slope(f, 2.0) for f(a) = a² with the default nudge",
                 _match_mistake(result, {4.0: "That is the centred difference: `slope` is the forward nudge.",
                                         4.01: "The default of h should be 0.001.",
                                         4.0001: "The default of h should be 0.001."}) or
                 "Give h the default value 0.001, as in the signature.")

    # Vectorised: one call gives the slope at every point of an array.
    _expect_vectorised(slope, square, np.array([1.0, 2.0, 3.0]), np.array([2.001, 4.001, 6.001]),
                       "f(a) = a² and the default nudge")
    _expect_vectorised(slope, square, np.array([[0.5, -1.0], [4.0, 10.0]]), np.array([[1.001, -1.999], [8.001, 20.001]]),
                       "f(a) = a² and the default nudge")
    passed("slope", "f(a) = 3a and a², the default nudge and h = 0.3, numbers and arrays")


def check_centered_slope(centered_slope: Callable) -> None:
    """`centered_slope(f, a, h=0.001)`: (f(a + h) - f(a - h)) / (2h), for numbers and arrays."""
    __tracebackhide__ = True
    result = call(centered_slope, three_a, 2.0)
    _expect_number(result, "centered_slope(f, 2.0)")
    expect_close(result, 3.0, "centred slope of f(a) = 3a at a = 2",
                 _match_mistake(result, {
                     6.0: "You divided by h; the two points are 2h apart, so divide by 2h.",
                     -3.0: "Sign error: compute f(a + h) - f(a - h), not f(a - h) - f(a + h).",
                     3e-6: "Operator precedence: `/ 2 * h` divides by 2 and then multiplies by h. Write `/ (2 * h)`.",
                     0.003: "You divided by 2 only: divide by 2h, the distance between a - h and a + h.",
                     1.5: "You used f(a + h) - f(a) over 2h: the centred difference is f(a + h) - f(a - h) over 2h.",
                 }))

    result = call(centered_slope, cube, 2.0, h=0.1)
    _expect_number(result, "centered_slope(f, 2.0, h=0.1)")
    expect_close(result, 12.010000000000009, "centred slope of f(a) = a³ at a = 2 with h = 0.1", _match_mistake(result, {
        12.61: "That is the forward difference (f(a + h) - f(a)) / h: the centred one uses f(a + h) - f(a - h).",
        11.41: "That is the backward difference: the centred one uses f(a + h) - f(a - h).",
        24.02: "You divided by h: a + h and a - h are 2h apart, so divide by 2h.",
        0.1201: "Operator precedence: `/ 2 * h` divides by 2 and then multiplies by h. Write `/ (2 * h)`.",
        1.201: "You divided by 2 only: divide by 2h, the distance between a - h and a + h.",
        6.305: "You used f(a + h) - f(a) over 2h: the centred difference is f(a + h) - f(a - h) over 2h.",
        -12.01: "Sign error: compute f(a + h) - f(a - h), not f(a - h) - f(a + h).",
        12.000001: "Your function ignores its argument h: use h, not the number 0.001.",
    }))

    result = call(centered_slope, cube, 2.0)
    expect_close(result, 12.000000999998317, "centered_slope(f, 2.0) for f(a) = a³ with the default nudge",
                 "Give h the default value 0.001, as in the signature.")

    _expect_vectorised(centered_slope, cube, np.array([1.0, 2.0, 3.0]), np.array([3.000001, 12.000001, 27.000001]),
                       "f(a) = a³ and the default nudge")
    _expect_vectorised(centered_slope, cube, np.array([[0.5, -1.0], [4.0, 10.0]]),
                       np.array([[0.750001, 3.000001], [48.000001, 300.000001]]), "f(a) = a³ and the default nudge")
    passed("centered_slope", "f(a) = 3a and a³, the default nudge and h = 0.1, numbers and arrays")
