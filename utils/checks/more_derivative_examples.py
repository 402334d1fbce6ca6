"""Visible checks of lecture 2.6 (More derivative examples).

The expected numbers are stored (worked out once, by hand or on a calculator), together with the numbers the usual
mistakes give, so that a failure can say which mistake it looks like.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from utils.checks.core import CheckFailed, call, expect, expect_close, expect_float_dtype, expect_shape, passed

_VECTORISE = (
    "Use NumPy arithmetic on the whole array `a` (`*`, `/`, `**`, `np.` functions), not `math` functions, "
    "`float(...)` or a loop building a list, so one call handles numbers and arrays of any shape."
)
_NUDGED = (
    "Your numbers are close to the derivative but a little off: that is a nudge estimate "
    "(f(a + 0.001) - f(a)) / 0.001. Write the exact formula from the table of derivatives instead."
)


def _matches(actual: Any, candidate: list[float]) -> bool:
    try:
        values = np.asarray(actual, dtype=float)
    except (TypeError, ValueError):
        return False
    return values.shape == (len(candidate),) and np.allclose(values, candidate, rtol=1e-6, atol=1e-9)


def _diagnose(actual: Any, mistakes: list[tuple[list[float], str]]) -> str:
    return next((hint for candidate, hint in mistakes if _matches(actual, candidate)), "")


def _call_vectorised(fn: Callable, a: np.ndarray) -> Any:
    __tracebackhide__ = True
    try:
        return call(fn, a)
    except CheckFailed as failure:
        hint = (" In Python `^` is bitwise XOR, not a power: write `a ** 2`." if "xor" in str(failure).lower() or "^" in str(failure) else
                f" {_VECTORISE}")
        raise CheckFailed(f"{str(failure).rstrip('.')}.{hint}", failure.student_trace) from None


def _check_analytic(fn: Callable, name: str, a: list[float], expected: list[float],
                    mistakes: list[tuple[list[float], str]], lecture: list[tuple[float, float]]) -> None:
    """Shared steps: the lecture's numbers, an array of points, any shape, no change to the input."""
    __tracebackhide__ = True
    points = np.array(a)
    result = _call_vectorised(fn, points)
    expect(isinstance(result, np.ndarray),
           f"`{name}(a)` with `a` an array returned a {type(result).__name__}, not a NumPy array. {_VECTORISE}")
    expect_shape(result, points.shape, f"`{name}(a)` for `a` of shape {points.shape}")
    expect_close(result, expected, f"`{name}(a)` for a = {a}", _diagnose(result, mistakes))
    expect(np.array_equal(points, a), f"`{name}` changed its input array in place: compute a new array instead.")
    for point, value in lecture:
        result = call(fn, point)
        expect(np.ndim(result) == 0, f"`{name}({point})` should return a single number, got {type(result).__name__}.")
        expect_close(result, value, f"`{name}({point})`")
    grid = np.array(a[:2] * 3).reshape(2, 3)
    result = _call_vectorised(fn, grid)
    expect_shape(result, (2, 3), f"`{name}(a)` for `a` of shape (2, 3)")


def check_d_square(d_square: Callable) -> None:
    """`d_square(a)`: the derivative 2a of a², element-wise."""
    __tracebackhide__ = True
    _check_analytic(
        d_square, "d_square", [-1.5, 0.5, 2.0, 5.0], [-3.0, 1.0, 4.0, 10.0],
        [
            ([-2.99899999999953, 1.0009999999999741, 4.000999999999699, 10.001000000002591], _NUDGED),
            ([2.25, 0.25, 4.0, 25.0], "That is a² itself: the derivative of a² is 2a."),
            ([3.0, 1.0, 4.0, 10.0], "The sign is lost for negative a: the slope of a² at a = -1.5 is -3 (no abs)."),
            ([-1.5, 0.5, 2.0, 5.0], "You forgot the factor 2: the derivative of a² is 2a."),
            ([0.3535533905932738, 1.4142135623730951, 4.0, 32.0], "That is 2 ** a: the derivative of a² is 2 * a."),
        ],
        lecture=[(2.0, 4.0), (5.0, 10.0)],
    )
    passed("d_square")


def check_d_cube(d_cube: Callable) -> None:
    """`d_cube(a)`: the derivative 3a² of a³, element-wise."""
    __tracebackhide__ = True
    _check_analytic(
        d_cube, "d_cube", [-1.0, 0.5, 2.0, 3.0], [3.0, 0.75, 12.0, 27.0],
        [
            ([2.997000999999999, 0.7515009999999878, 12.006000999997823, 27.009000999996147], _NUDGED),
            ([-1.0, 0.125, 8.0, 27.0], "That is a³ itself: the derivative of a³ is 3a²."),
            ([-3.0, 0.375, 24.0, 81.0], "That is 3a³: the power goes down by one, the derivative of a³ is 3a²."),
            ([2.0, 0.5, 8.0, 18.0], "That is 2a²: the factor in front is the old power, 3, so 3a²."),
            ([-6.0, 3.0, 12.0, 18.0], "That is 3 · a · 2 = 6a: the square is a power, `a ** 2`, so 3a² is `3 * a ** 2`."),
            ([9.0, 2.25, 36.0, 81.0], "That is (3a)²: only a is squared, write `3 * a ** 2`."),
        ],
        lecture=[(2.0, 12.0)],
    )
    passed("d_cube")


def check_d_log(d_log: Callable) -> None:
    """`d_log(a)`: the derivative 1/a of ln a, element-wise, for a > 0."""
    __tracebackhide__ = True
    _check_analytic(
        d_log, "d_log", [0.5, 2.0, 4.0, 10.0], [2.0, 0.5, 0.25, 0.1],
        [
            ([1.9980026626730263, 0.49987504165105445, 0.24996875520755246, 0.09999500033286424], _NUDGED),
            ([-0.6931471805599453, 0.6931471805599453, 1.3862943611198906, 2.302585092994046],
             "That is ln a itself: the derivative of ln a is 1/a."),
            ([0.8685889638065035, 0.21714724095162588, 0.10857362047581294, 0.043429448190325175],
             "That is the derivative of log10(a): the lecture's log is the natural log, ln, whose derivative is 1/a."),
            ([-1.4426950408889634, 1.4426950408889634, 0.7213475204444817, 0.43429448190325176],
             "That is 1 / ln(a): the derivative of ln a is simply 1/a."),
            ([-4.0, -0.25, -0.0625, -0.01], "That is -1/a², the derivative of 1/a: the derivative of ln a is 1/a."),
            ([2.0, 0.0, 0.0, 0.0], "Integer (floor) division `//` rounds down to 0: use `/`."),
        ],
        lecture=[(2.0, 0.5)],
    )
    result = _call_vectorised(d_log, np.array([1, 2, 4]))
    expect_float_dtype(np.asarray(result), "`d_log` of the integer array [1, 2, 4]")
    expect_close(result, [1.0, 0.5, 0.25], "`d_log` of the integer array [1, 2, 4]",
                 "Integer (floor) division `//` rounds down: use `/`." if np.any(np.asarray(result) == 0) else "")
    passed("d_log")


_TABLE_A2 = [
    ("a^2", 4.0, 4.0, 4.000999999999699),
    ("a^3", 8.0, 12.0, 12.006000999997823),
    ("ln(a)", 0.6931471805599453, 0.5, 0.49987504165105445),
]
_TABLE_A2_H01_NUDGED = [4.100000000000001, 12.61000000000001, 0.4879016416943205]
_TABLE_A5 = [
    ("a^2", 25.0, 10.0, 10.001000000002591),
    ("a^3", 125.0, 75.0, 75.01500100002545),
    ("ln(a)", 1.6094379124341003, 0.2, 0.19998000266641114),
]
_HEIGHTS_A2 = [0.004000999999999699, 0.012006000999997823, 0.0004998750416510545]
_COLUMNS = ("f(a)", "analytic slope", "nudged slope")


def _expect_table(table: Any, expected: list[tuple[str, float, float, float]], call_text: str,
                  nudged: list[float] | None = None) -> None:
    __tracebackhide__ = True
    expect(isinstance(table, (list, tuple)) and len(table) == 3,
           f"`{call_text}` should return a list of three rows (a², a³, ln a), got {type(table).__name__}"
           f"{' of length ' + str(len(table)) if hasattr(table, '__len__') else ''}.")
    for row, want in zip(table, expected):
        expect(isinstance(row, tuple) and len(row) == 4,
               f"Each row should be a tuple (name, f(a), analytic slope, nudged slope); got {row!r}.")
        expect(row[0] == want[0], f"Row names should be 'a^2', 'a^3', 'ln(a)' in that order; got {row[0]!r} "
               f"where {want[0]!r} was expected.")
        for column, value in zip(_COLUMNS, row[1:]):
            expect(type(value) is float,
                   f"In row {want[0]!r}, {column} is a {type(value).__name__}: make every number a plain Python "
                   "float with `float(...)` (NumPy results such as np.float64 or 0-d arrays are not).")
        for column, value, target in zip(_COLUMNS, row[1:], want[1:]):
            hint = ""
            if column == "nudged slope" and nudged is not None and np.isclose(value, nudged[expected.index(want)]):
                hint = "Your function ignores its argument h: use it for the nudge."
            elif column == "nudged slope" and np.isclose(value, want[2]):
                hint = ("The nudged slope (almost) equals the exact one, as a centred nudge would: this column is the "
                        "forward estimate (f(a + h) - f(a)) / h.")
            elif column == "analytic slope" and np.isclose(value, want[3]):
                hint = "The analytic column holds a nudge estimate: use your exact d_square / d_cube / d_log."
            elif want[0] == "ln(a)" and column == "f(a)" and np.isclose(value, np.log10(2.0)):
                hint = "That is log10: the lecture's log is the natural log, `np.log`."
            expect_close(value, target, f"In `{call_text}`, the {column} of row {want[0]!r}", hint)


def check_derivative_table(derivative_table: Callable) -> None:
    """`derivative_table(a, h=0.001)`: rows (name, f(a), analytic slope, nudged slope) for a², a³ and ln a."""
    __tracebackhide__ = True
    table = call(derivative_table, 2.0)
    if isinstance(table, (list, tuple)) and len(table) == 3 and all(
        isinstance(row, tuple) and len(row) == 4 for row in table
    ):
        heights = [float(row[3]) for row in table]
        expect(not np.allclose(heights, _HEIGHTS_A2),
               "The nudged slopes are 1000 times too small: that is the height f(a + h) - f(a) of the triangle; "
               "divide it by its width h.")
        swapped = [(row[0], row[1], row[3], row[2]) for row in table]
        expect(not all(np.allclose(s[1:], w[1:]) for s, w in zip(swapped, _TABLE_A2)),
               "The analytic and nudged columns are swapped: the order is (name, f(a), analytic, nudged).")
    _expect_table(table, _TABLE_A2, "derivative_table(2.0)")
    _expect_table(call(derivative_table, 5.0), _TABLE_A5, "derivative_table(5.0)")
    with_h = [(name, fa, slope, nudged) for (name, fa, slope, _), nudged in zip(_TABLE_A2, _TABLE_A2_H01_NUDGED)]
    _expect_table(call(derivative_table, 2.0, h=0.1), with_h, "derivative_table(2.0, h=0.1)",
                  nudged=[row[3] for row in _TABLE_A2])
    passed("derivative_table")


def _quartic(a):
    return a**4


def _quartic_slope(a):
    return 4 * a**3


def check_slope_errors(slope_errors: Callable) -> None:
    """`slope_errors(f, df, a, hs)`: (forward errors, centred errors), absolute, one per nudge in hs."""
    __tracebackhide__ = True
    hs = np.array([0.1, 0.01, 0.001])
    kept = hs.copy()
    result = call(slope_errors, np.sin, np.cos, 1.0, hs)
    expect(isinstance(result, tuple) and len(result) == 2,
           f"`slope_errors` should return a tuple (forward_errors, centred_errors), got {type(result).__name__}.")
    forward, centred = result
    for name, value in (("forward_errors", forward), ("centred_errors", centred)):
        expect(isinstance(value, np.ndarray),
               f"{name} should be a NumPy array, got {type(value).__name__}: compute it with array arithmetic on hs.")
        expect_shape(value, hs.shape, f"{name} for 3 nudges")
        expect_float_dtype(value, name)
    expect(np.array_equal(hs, kept), "`slope_errors` changed the array hs in place: compute new arrays instead.")

    want_forward = np.array([0.04293855333275065, 0.00421632485627077, 0.0004208255078128609])
    want_centred = np.array([0.0009000536983797547, 9.004993406280803e-06, 9.005045020771263e-08])
    expect(not (np.any(forward < 0) or np.any(centred < 0)),
           "Some errors are negative: the error is the absolute difference |estimate - df(a)|; use np.abs.")
    expect(not (np.allclose(forward, want_centred, rtol=1e-5) and np.allclose(centred, want_forward, rtol=1e-5)),
           "The two arrays are swapped: return (forward_errors, centred_errors) in that order.")
    true_slope = abs(np.cos(1.0))
    relative = "You divided by the true derivative: the task asks for the absolute error |estimate - df(a)|."
    forward_hint = relative if np.allclose(forward, want_forward / true_slope, rtol=1e-5) else (
        "Check the forward estimate (f(a + h) - f(a)) / h, one value per h in hs.")
    centred_hint = relative if np.allclose(centred, want_centred / true_slope, rtol=1e-5) else (
        "That is the forward estimate's error: the centred one uses f(a + h) - f(a - h)."
        if np.allclose(centred, want_forward, rtol=1e-5) else
        "Check the centred estimate (f(a + h) - f(a - h)) / (2 * h): the denominator is 2h, in parentheses.")
    expect_close(forward, want_forward, "forward_errors for f = sin at a = 1", forward_hint, rtol=1e-6, atol=1e-11)
    expect_close(centred, want_centred, "centred_errors for f = sin at a = 1", centred_hint, rtol=1e-5, atol=1e-11)

    # A polynomial, where the errors are exact numbers: forward 4.125 and 1.765625, centred 4h² = 1 and 0.25.
    forward, centred = call(slope_errors, _quartic, _quartic_slope, 1.0, np.array([0.5, 0.25]))
    expect_close(forward, [4.125, 1.765625], "forward_errors for f(a) = a⁴ at a = 1, hs = [0.5, 0.25]", forward_hint)
    expect_close(centred, [1.0, 0.25], "centred_errors for f(a) = a⁴ at a = 1, hs = [0.5, 0.25]", centred_hint)
    passed("slope_errors")
