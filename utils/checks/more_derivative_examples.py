"""Visible checks of lecture 2.6 (More derivative examples): `derivative_table`.

The table has one row per function of the lecture, (name, f(a), exact slope, nudged slope). One check looks at
the exact slopes (the derivative rules of the lecture), the other at the nudged ones (the forward estimate).
Each compares with the expected numbers of its fixed cases and with the numbers the usual mistakes give there,
so a failure can say which mistake it looks like.
"""

from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np

from utils.checks.core import CheckFailed, NotImplementedYet, as_number, call, expect, expect_close, passed

NAMES = ("a^2", "a^3", "ln(a)")
_FUNCTIONS = {"a^2": lambda t: t**2, "a^3": lambda t: t**3, "ln(a)": math.log}
_EXACT = {"a^2": lambda t: 2 * t, "a^3": lambda t: 3 * t**2, "ln(a)": lambda t: 1 / t}
_FORMULA = {"a^2": "2a", "a^3": "3a²", "ln(a)": "1/a"}

# Wrong derivative rules, as (rule, what the message says), for each function.
_EXACT_MISTAKES = {
    "a^2": [
        (lambda t: t**2, "That is a² itself, not its slope: the derivative of a² is 2a."),
        (lambda t: t, "The factor 2 is missing: the derivative of a² is 2a."),
        (lambda t: 2**t, "That is 2 ** a: the derivative of a² is 2 * a."),
    ],
    "a^3": [
        (lambda t: t**3, "That is a³ itself, not its slope: the derivative of a³ is 3a²."),
        (lambda t: 3 * t**3, "That is 3a³: the power goes down by one, so the derivative of a³ is 3a²."),
        (lambda t: 2 * t**2, "That is 2a²: the factor in front is the old power, 3, so 3a²."),
        (lambda t: 6 * t, "That is 3 · a · 2 = 6a: a² is a power, `a ** 2`, so 3a² is `3 * a ** 2`."),
        (lambda t: (3 * t) ** 2, "That is (3a)²: only a is squared, `3 * a ** 2`."),
    ],
    "ln(a)": [
        (math.log, "That is ln a itself, not its slope: the derivative of ln a is 1/a."),
        (lambda t: 1 / (t * math.log(10)), "That is the slope of log10(a): the lecture's log is the natural log, "
                                           "ln a, whose derivative is 1/a."),
        (lambda t: 1 / math.log(t), "That is 1 / ln(a): the derivative of ln a is simply 1/a."),
        (lambda t: -1 / t**2, "That is -1/a², the derivative of 1/a: the derivative of ln a is 1/a."),
        (lambda t: 1 // t, "Integer (floor) division `//` rounds down: divide with `/`."),
    ],
}

# Wrong nudge estimates, as (estimate of f at a with nudge h, what the message says).
_NUDGE_MISTAKES = [
    (lambda f, a, h: (f(a + h) - f(a - h)) / (2 * h),
     "That is the centred estimate (f(a + h) - f(a - h)) / 2h: this column is the forward one, the triangle from a "
     "to a + h."),
    (lambda f, a, h: (f(a) - f(a - h)) / h, "That is the backward estimate, from a - h to a: nudge a to the right, "
                                            "from a to a + h."),
    (lambda f, a, h: f(a + h) - f(a), "That is the height f(a + h) - f(a) of the triangle: divide it by its width h."),
    (lambda f, a, h: (f(a + h) - f(a)) / (2 * h), "You divided by 2h: the triangle from a to a + h is h wide."),
    (lambda f, a, h: (f(a) - f(a + h)) / h, "Sign error: the height is f(a + h) - f(a), not f(a) - f(a + h)."),
    (lambda f, a, h: (f(a + 0.001) - f(a)) / 0.001, "Your function ignores its argument h: nudge by h, not by 0.001."),
]

_SHAPE = ("a list of three rows, one per function in the order 'a^2', 'a^3', 'ln(a)', each row "
          "(name, f(a), exact slope, nudged slope)")


def _rows(derivative_table: Callable, a: float, h: float | None = None) -> tuple[str, list[tuple[Any, ...]]]:
    """Call the table at `a` (and `h`, if given); check its layout; return the call's text and the rows' numbers."""
    __tracebackhide__ = True
    text = f"derivative_table({a!r}{'' if h is None else f', h={h!r}'})"
    try:
        table = call(derivative_table, a) if h is None else call(derivative_table, a, h=h)
    except NotImplementedYet:
        raise
    except CheckFailed as failure:
        if "for ^" not in str(failure):
            raise
        raise CheckFailed(f"{failure} In Python `^` is bitwise XOR, not a power: write `a ** 2`.",
                          failure.places) from None
    expect(isinstance(table, (list, tuple)) and len(table) == 3,
           f"`{text}` should return {_SHAPE}; it returned a {type(table).__name__}"
           f"{' of length ' + str(len(table)) if hasattr(table, '__len__') else ''}.")
    rows = []
    for row, name in zip(table, NAMES):
        expect(isinstance(row, (list, tuple)) and len(row) == 4,
               f"Each row of the table should be (name, f(a), exact slope, nudged slope); `{text}` has the row {row!r}.")
        expect(row[0] == name, f"The rows should be named 'a^2', 'a^3', 'ln(a)', in that order; `{text}` has "
               f"{row[0]!r} where {name!r} belongs.")
        for value, column in zip(row[1:], ("f(a)", "exact slope", "nudged slope")):
            as_number(value, f"In `{text}`, the {column} of row {name!r}")
        rows.append(tuple(row[1:]))
    return text, rows


def _exact_hint(name: str, a: float, value: float, nudged: float) -> str:
    """What a wrong exact slope of the function `name` at `a` looks like."""
    h = 0.001
    f = _FUNCTIONS[name]
    estimates = {(f(a + h) - f(a)) / h: "forward", (f(a + h) - f(a - h)) / (2 * h): "centred"}
    if math.isclose(value, _forward(f, a, h), rel_tol=1e-9) and math.isclose(nudged, _EXACT[name](a)):
        return "The exact and nudged columns are swapped: each row is (name, f(a), exact slope, nudged slope)."
    for estimate, kind in estimates.items():
        if math.isclose(value, estimate, rel_tol=1e-9) or (value == nudged and kind == "forward"):
            return (f"That is a nudge estimate ({kind}), close to the slope but not exact: this column holds the exact "
                    f"derivative, {_FORMULA[name]}, from the rule in the text.")
    hints = [hint for rule, hint in _EXACT_MISTAKES[name] if math.isclose(value, rule(a), rel_tol=1e-9, abs_tol=1e-12)]
    if len(hints) == 1:  # at some points two wrong rules agree (2a² = a³ at a = 2): then name neither
        return hints[0]
    return _rounded(value, _EXACT[name](a)) or f"The exact slope of {name} at a is {_FORMULA[name]}."


def _rounded(value: Any, expected: float) -> str:
    """A hint when `value` is `expected` rounded to a few digits."""
    close = math.isclose(value, expected, rel_tol=1e-5) and not math.isclose(value, expected, rel_tol=1e-9)
    return "Your number is close but not equal: compute it at full precision (no rounding)." if close else ""


def check_derivative_table_slopes(derivative_table: Callable) -> None:
    """The values f(a) and the exact slopes 2a, 3a², 1/a at a = 0.5, 2 (the lecture's point), 5 and 4 (an int)."""
    __tracebackhide__ = True
    # a = 0.5 first: there every wrong rule below gives its own number (at a = 2, a² = 2a = 2 ** a and a³ = 2a²).
    for a in (0.5, 2.0, 5.0, 4):
        text, rows = _rows(derivative_table, a)
        for name, (value, exact, nudged) in zip(NAMES, rows):
            hint = ("That is log10(a): the lecture's log is the natural log, `np.log`." if name == "ln(a)"
                    and math.isclose(value, math.log10(a)) else _rounded(value, _FUNCTIONS[name](a)))
            expect_close(_plain(value), _FUNCTIONS[name](a), f"In `{text}`, f(a) of row {name!r}", hint, rtol=1e-9)
            expect_close(_plain(exact), _EXACT[name](a), f"In `{text}`, the exact slope of row {name!r}",
                         _exact_hint(name, a, exact, nudged), rtol=1e-9)
    passed("derivative_table (f(a) and exact slopes)")


def check_derivative_table_nudged(derivative_table: Callable) -> None:
    """The forward estimates (f(a + h) - f(a)) / h at a = 2 and 5 with the default h = 0.001, and with h = 0.1 and 0.5."""
    __tracebackhide__ = True
    for a, h in ((2.0, None), (5.0, None), (2.0, 0.1), (3.0, 0.5)):
        text, rows = _rows(derivative_table, a, h)
        step = 0.001 if h is None else h
        # a³ first: for a² the centred estimate equals the exact slope, so a³ tells the two mistakes apart.
        for name in ("a^3", "ln(a)", "a^2"):
            _, exact, nudged = rows[NAMES.index(name)]
            expect_close(_plain(nudged), _forward(_FUNCTIONS[name], a, step),
                         f"In `{text}`, the nudged slope of row {name!r}", _nudged_hint(name, a, h, exact, nudged),
                         rtol=1e-9)
    passed("derivative_table (nudged slopes)")


def _forward(f: Callable, a: float, step: float) -> float:
    """The forward estimate of lecture 2.5 for one of the fixed cases."""
    rise = f(a + step) - f(a)
    return rise / step


def _nudged_hint(name: str, a: float, h: float | None, exact: Any, nudged: Any) -> str:
    """What a wrong nudged slope of the function `name` at `a` (with `h`, None for the default) looks like."""
    f, step = _FUNCTIONS[name], 0.001 if h is None else h
    if math.isclose(nudged, _EXACT[name](a), rel_tol=1e-12):
        return ("That is the exact slope"
                + (" (the exact and nudged columns are swapped)" if math.isclose(exact, _forward(f, a, step)) else "")
                + ": this column is the forward estimate (f(a + h) - f(a)) / h.")
    for estimate, hint in _NUDGE_MISTAKES:
        if math.isclose(nudged, estimate(f, a, step), rel_tol=1e-9):
            return hint
    if name == "ln(a)" and math.isclose(nudged, _forward(math.log10, a, step), rel_tol=1e-9):
        return "That is the nudged slope of log10(a): the lecture's log is the natural log, `np.log`."
    if h is None and any(math.isclose(nudged, _forward(f, a, other), rel_tol=1e-9) for other in (0.1, 0.01, 1e-4, 1e-5)):
        return "Check the default of h: the lecture's nudge is 0.001."
    return _rounded(nudged, _forward(f, a, step)) or "The nudged slope is the forward estimate (f(a + h) - f(a)) / h."


def _plain(value: Any) -> Any:
    """`value` as a Python float, unless it is a narrower float (float32, float16) whose tolerance is wider."""
    narrow = np.asarray(value).dtype.kind == "f" and np.asarray(value).dtype.itemsize < 8
    return value if narrow else float(value)
