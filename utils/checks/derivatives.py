"""Visible checks of lecture 2.5 (Derivatives): `slope` and `centered_slope`.

The expected numbers are stored, worked out by hand for the fixed cases below; next to each we keep the
numbers that the usual mistakes produce, so a failure can say which mistake it looks like (messages: "2.5.*" in
`utils.checks.messages`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .core import adding_hint, as_number, call, expect, expect_close, expect_shape, mistake, passed
from .messages import say


def three_a(a):
    return 3 * a


def square(a):
    return a**2


def cube(a):
    return a**3


def _mistake(value: Any, mistakes: dict[float, str]) -> str:
    """The hint (its id in `mistakes`) of the first stored mistake whose number equals `value`, or ""."""
    hint = mistake(value, mistakes.items())
    return say(hint) if hint else ""


def _expect_number(value: Any, name: str) -> None:
    """A number where `a` is a number: a Python or NumPy scalar, or a 0-d array."""
    __tracebackhide__ = True
    as_number(value, say("2.5.with_a_number", name=name))


def _expect_vectorised(fn: Callable, f: Callable, a: np.ndarray, expected: np.ndarray, label: str) -> None:
    __tracebackhide__ = True
    name = getattr(fn, "__name__", "your function")
    # The shared hint about `math` functions would be one guess among several: 2.5.not_vectorised names them all.
    with adding_hint(say("2.5.not_vectorised"), instead_of=say("hint.math_on_array")):
        result = call(fn, f, a.copy())
    expect(isinstance(result, np.ndarray), say("2.5.not_an_array", name=name, type=type(result).__name__,
                                               hint=say("2.5.not_vectorised")))
    expect_shape(result, a.shape, say("2.5.for_shape", name=name, shape=a.shape))
    expect_close(result, expected, say("2.5.on_array", name=name, a=a.tolist(), label=label))


def check_slope(slope: Callable) -> None:
    """`slope(f, a, h=0.001)`: the forward nudge (f(a + h) - f(a)) / h, for numbers and arrays."""
    __tracebackhide__ = True
    # The lecture's straight line f(a) = 3a: slope 3 wherever the triangle is drawn.
    for a in (2.0, 5.0):
        result = call(slope, three_a, a)
        _expect_number(result, f"slope(f, {a})")
        expect_close(result, 3.0, say("2.5.slope_line", a=a),
                     _mistake(result, {0.003: "2.5.height", -3.0: "2.5.sign", 1.5: "2.5.by_2h"}), rtol=1e-6)

    # A curve, with a large nudge so the usual mistakes give clearly different numbers.
    result = call(slope, square, 2.2, h=0.3)
    _expect_number(result, "slope(f, 2.2, h=0.3)")
    expect_close(result, 4.7, say("2.5.slope_curve"), _mistake(result, {
        4.4: "2.5.centred", 4.1: "2.5.backward", 1.41: "2.5.height_of_triangle", 2.35: "2.5.by_2h_width",
        -4.7: "2.5.sign_height", 4.0: "2.5.floor", 4.401: "2.5.ignores_h",
    }))

    # The default nudge is the lecture's 0.001: for a² at a = 2 the triangle gives 4.001, not exactly 4.
    result = call(slope, square, 2.0)
    expect_close(result, 4.000999999999699, say("2.5.slope_default"),
                 _mistake(result, {4.0: "2.5.centred_not_forward", 4.01: "2.5.default_h", 4.0001: "2.5.default_h"})
                 or say("2.5.give_default"))

    # Vectorised: one call gives the slope at every point of an array.
    label = say("2.5.square_default")
    _expect_vectorised(slope, square, np.array([1.0, 2.0, 3.0]), np.array([2.001, 4.001, 6.001]), label)
    _expect_vectorised(slope, square, np.array([[0.5, -1.0], [4.0, 10.0]]),
                       np.array([[1.001, -1.999], [8.001, 20.001]]), label)
    passed("slope", say("2.5.slope.passed"))


def check_centered_slope(centered_slope: Callable) -> None:
    """`centered_slope(f, a, h=0.001)`: (f(a + h) - f(a - h)) / (2h), for numbers and arrays."""
    __tracebackhide__ = True
    result = call(centered_slope, three_a, 2.0)
    _expect_number(result, "centered_slope(f, 2.0)")
    expect_close(result, 3.0, say("2.5.centred_line"), _mistake(result, {
        6.0: "2.5.by_h", -3.0: "2.5.sign_centred", 3e-6: "2.5.precedence", 0.003: "2.5.by_2_only",
        1.5: "2.5.half_centred",
    }))

    result = call(centered_slope, cube, 2.0, h=0.1)
    _expect_number(result, "centered_slope(f, 2.0, h=0.1)")
    expect_close(result, 12.010000000000009, say("2.5.centred_cube"), _mistake(result, {
        12.61: "2.5.forward_not_centred", 11.41: "2.5.backward_not_centred", 24.02: "2.5.by_h_apart",
        0.1201: "2.5.precedence", 1.201: "2.5.by_2_only", 6.305: "2.5.half_centred", -12.01: "2.5.sign_centred",
        12.000001: "2.5.ignores_h",
    }))

    result = call(centered_slope, cube, 2.0)
    expect_close(result, 12.000000999998317, say("2.5.centred_default"), say("2.5.give_default"))

    label = say("2.5.cube_default")
    _expect_vectorised(centered_slope, cube, np.array([1.0, 2.0, 3.0]), np.array([3.000001, 12.000001, 27.000001]),
                       label)
    _expect_vectorised(centered_slope, cube, np.array([[0.5, -1.0], [4.0, 10.0]]),
                       np.array([[0.750001, 3.000001], [48.000001, 300.000001]]), label)
    passed("centered_slope", say("2.5.centered_slope.passed"))
