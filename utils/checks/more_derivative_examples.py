"""Visible checks of lecture 2.6 (More derivative examples): `derivative_table`.

The table has one row per function of the lecture, (name, f(a), exact slope, nudged slope). One check looks at
the exact slopes (the derivative rules of the lecture), the other at the nudged ones (the forward estimate).
Each compares with the expected numbers of its fixed cases and with the numbers the usual mistakes give there,
so a failure can say which mistake it looks like (messages: "2.6.*" in `utils.checks.messages`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from .core import CheckFailed, NotImplementedYet, as_number, call, expect, expect_close, expect_tuple, passed
from .messages import say

NAMES = ("a^2", "a^3", "ln(a)")
_FUNCTIONS = {"a^2": lambda t: t**2, "a^3": lambda t: t**3, "ln(a)": math.log}
_EXACT = {"a^2": lambda t: 2 * t, "a^3": lambda t: 3 * t**2, "ln(a)": lambda t: 1 / t}
_FORMULA = {"a^2": "2a", "a^3": "3a²", "ln(a)": "1/a"}

# Wrong derivative rules, as (rule, id of what the message says), for each function.
_EXACT_MISTAKES = {
    "a^2": [
        (lambda t: t**2, "2.6.square_itself"),
        (lambda t: t, "2.6.square_no_2"),
        (lambda t: 2**t, "2.6.two_to_the_a"),
    ],
    "a^3": [
        (lambda t: t**3, "2.6.cube_itself"),
        (lambda t: 3 * t**3, "2.6.three_a_cubed"),
        (lambda t: 2 * t**2, "2.6.two_a_squared"),
        (lambda t: 6 * t, "2.6.six_a"),
        (lambda t: (3 * t) ** 2, "2.6.three_a_all_squared"),
    ],
    "ln(a)": [
        (math.log, "2.6.log_itself"),
        (lambda t: 1 / (t * math.log(10)), "2.6.log10_slope"),
        (lambda t: 1 / math.log(t), "2.6.one_over_log"),
        (lambda t: -1 / t**2, "2.6.minus_one_over_square"),
        (lambda t: 1 // t, "2.6.floor"),
    ],
}

# Wrong nudge estimates, as (estimate of f at a with nudge h, id of what the message says).
_NUDGE_MISTAKES = [
    (lambda f, a, h: (f(a + h) - f(a - h)) / (2 * h), "2.6.centred"),
    (lambda f, a, h: (f(a) - f(a - h)) / h, "2.6.backward"),
    (lambda f, a, h: f(a + h) - f(a), "2.6.height"),
    (lambda f, a, h: (f(a + h) - f(a)) / (2 * h), "2.6.by_2h"),
    (lambda f, a, h: (f(a) - f(a + h)) / h, "2.6.sign"),
    (lambda f, a, h: (f(a + 0.001) - f(a)) / 0.001, "2.6.ignores_h"),
]


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
        raise CheckFailed(f"{failure}{say('2.6.xor')}", failure.places) from None
    length = say("2.6.of_length", length=len(table)) if hasattr(table, "__len__") else ""
    table = expect_tuple(table, 3, say("2.6.not_a_table", text=text, type=type(table).__name__, length=length),
                         lists=True)
    rows = []
    for row, name in zip(table, NAMES, strict=True):
        row = expect_tuple(row, 4, say("2.6.not_a_row", text=text, row=row), lists=True)
        expect(row[0] == name, say("2.6.row_names", text=text, found=row[0], name=name))
        for value, column in zip(row[1:], ("2.6.f", "2.6.exact", "2.6.nudged"), strict=True):
            as_number(value, say("2.6.cell", text=text, column=say(column), name=name))
        rows.append(tuple(row[1:]))
    return text, rows


def _exact_hint(name: str, a: float, value: float, nudged: float) -> str:
    """What a wrong exact slope of the function `name` at `a` looks like."""
    h = 0.001
    f = _FUNCTIONS[name]
    estimates = {(f(a + h) - f(a)) / h: "2.6.forward_kind", (f(a + h) - f(a - h)) / (2 * h): "2.6.centred_kind"}
    if math.isclose(value, _forward(f, a, h), rel_tol=1e-9) and math.isclose(nudged, _EXACT[name](a)):
        return say("2.6.columns_swapped")
    for estimate, kind in estimates.items():
        if math.isclose(value, estimate, rel_tol=1e-9) or (value == nudged and kind == "2.6.forward_kind"):
            return say("2.6.estimate_not_exact", kind=say(kind), formula=_FORMULA[name])
    hints = [hint for rule, hint in _EXACT_MISTAKES[name] if math.isclose(value, rule(a), rel_tol=1e-9, abs_tol=1e-12)]
    if len(hints) == 1:  # at some points two wrong rules agree (2a² = a³ at a = 2): then name neither
        return say(hints[0])
    return _rounded(value, _EXACT[name](a)) or say("2.6.exact_rule", name=name, formula=_FORMULA[name])


def _rounded(value: Any, expected: float) -> str:
    """A hint when `value` is `expected` rounded to a few digits."""
    close = math.isclose(value, expected, rel_tol=1e-5) and not math.isclose(value, expected, rel_tol=1e-9)
    return say("2.6.rounded") if close else ""


def check_derivative_table_slopes(derivative_table: Callable) -> None:
    """The values f(a) and the exact slopes 2a, 3a², 1/a at a = 0.5, 2 (the lecture's point), 5 and 4 (an int)."""
    __tracebackhide__ = True
    # a = 0.5 first: there every wrong rule below gives its own number (at a = 2, a² = 2a = 2 ** a and a³ = 2a²).
    for a in (0.5, 2.0, 5.0, 4):
        text, rows = _rows(derivative_table, a)
        for name, (value, exact, nudged) in zip(NAMES, rows, strict=True):
            hint = (say("2.6.log10") if name == "ln(a)" and math.isclose(value, math.log10(a))
                    else _rounded(value, _FUNCTIONS[name](a)))
            expect_close(_plain(value), _FUNCTIONS[name](a), say("2.6.f_of_row", text=text, name=name), hint,
                         rtol=1e-9)
            expect_close(_plain(exact), _EXACT[name](a), say("2.6.exact_of_row", text=text, name=name),
                         _exact_hint(name, a, exact, nudged), rtol=1e-9)
    passed(say("2.6.slopes.passed"))


def check_derivative_table_nudged(derivative_table: Callable) -> None:
    """The forward estimates (f(a + h) - f(a)) / h at a = 2 and 5 with the default h = 0.001, and with h = 0.1, 0.5."""
    __tracebackhide__ = True
    for a, h in ((2.0, None), (5.0, None), (2.0, 0.1), (3.0, 0.5)):
        text, rows = _rows(derivative_table, a, h)
        step = 0.001 if h is None else h
        # a³ first: for a² the centred estimate equals the exact slope, so a³ tells the two mistakes apart.
        for name in ("a^3", "ln(a)", "a^2"):
            _, exact, nudged = rows[NAMES.index(name)]
            expect_close(_plain(nudged), _forward(_FUNCTIONS[name], a, step),
                         say("2.6.nudged_of_row", text=text, name=name), _nudged_hint(name, a, h, exact, nudged),
                         rtol=1e-9)
    passed(say("2.6.nudged.passed"))


def _forward(f: Callable, a: float, step: float) -> float:
    """The forward estimate of lecture 2.5 for one of the fixed cases."""
    rise = f(a + step) - f(a)
    return rise / step


def _nudged_hint(name: str, a: float, h: float | None, exact: Any, nudged: Any) -> str:
    """What a wrong nudged slope of the function `name` at `a` (with `h`, None for the default) looks like."""
    f, step = _FUNCTIONS[name], 0.001 if h is None else h
    if math.isclose(nudged, _EXACT[name](a), rel_tol=1e-12):
        swapped = say("2.6.swapped") if math.isclose(exact, _forward(f, a, step)) else ""
        return say("2.6.exact_not_nudged", swapped=swapped)
    for estimate, hint in _NUDGE_MISTAKES:
        if math.isclose(nudged, estimate(f, a, step), rel_tol=1e-9):
            return say(hint)
    if name == "ln(a)" and math.isclose(nudged, _forward(math.log10, a, step), rel_tol=1e-9):
        return say("2.6.log10_nudged")
    if h is None and any(math.isclose(nudged, _forward(f, a, other), rel_tol=1e-9)
                         for other in (0.1, 0.01, 1e-4, 1e-5)):
        return say("2.6.default_h")
    return _rounded(nudged, _forward(f, a, step)) or say("2.6.forward_rule")


def _plain(value: Any) -> Any:
    """`value` as a Python float, unless it is a narrower float (float32, float16) whose tolerance is wider."""
    narrow = np.asarray(value).dtype.kind == "f" and np.asarray(value).dtype.itemsize < 8
    return value if narrow else float(value)
