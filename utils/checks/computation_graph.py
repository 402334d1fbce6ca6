"""Visible checks of lecture 2.7, Computation graph: `forward` and the forward operations of `Value`."""

from __future__ import annotations

import math
from typing import Any, Callable

from utils.checks.core import CheckFailed, NotImplementedYet, call, expect, passed

# (a, b, c) -> (u, v, J) for J = 3(a + bc), worked out by hand.
FORWARD_CASES = (
    ((5, 3, 2), (6.0, 11.0, 33.0)),
    ((1.5, -2.0, 4.0), (-8.0, -6.5, -19.5)),
)


def _same(x: Any, y: float) -> bool:
    try:
        return math.isclose(float(x), y, rel_tol=1e-9, abs_tol=1e-12)
    except (TypeError, ValueError):
        return False


def check_forward(forward: Callable[..., Any]) -> None:
    """forward(a, b, c) -> {"u": bc, "v": a + u, "J": 3v} on the lecture's numbers and one more case."""
    __tracebackhide__ = True
    for (a, b, c), (u, v, J) in FORWARD_CASES:
        result = call(forward, a, b, c)
        expect(isinstance(result, dict), f"forward should return a dict with keys 'u', 'v', 'J', not a {type(result).__name__}.")
        missing = [k for k in ("u", "v", "J") if k not in result]
        expect(not missing, f"the dict forward returns lacks the key(s) {missing} (lower-case u and v, capital J); "
                            f"its keys are {sorted(map(str, result))}.")
        got = f"forward{(a, b, c)} gave u={result['u']!r}, v={result['v']!r}, J={result['J']!r}"
        if not _same(result["u"], u):
            hint = " u is the product b*c, not the sum b + c." if _same(result["u"], b + c) else ""
            raise CheckFailed(f"{got}; u should be b*c = {u:g}.{hint}")
        if not _same(result["v"], v):
            hint = " v is the sum a + u, not the product." if _same(result["v"], a * u) else (
                " v adds a to u, the node you computed in the previous step." if _same(result["v"], a + b + c) else "")
            raise CheckFailed(f"{got}; v should be a + u = {v:g}.{hint}")
        if not _same(result["J"], J):
            if _same(result["J"], 3 * a + u):
                hint = " You computed 3a + bc: the 3 multiplies the whole of v = a + bc, so J = 3 * v."
            elif _same(result["J"], v):
                hint = " The last step is missing: J is three times v."
            elif _same(result["J"], 3 + v):
                hint = " J = 3v is a product, not 3 + v."
            else:
                hint = ""
            raise CheckFailed(f"{got}; J should be 3*v = {J:g}.{hint}")
    passed("forward")


def _explain(error: CheckFailed, hint: str) -> CheckFailed:
    if isinstance(error, NotImplementedYet):
        return error
    return CheckFailed(f"{str(error).rstrip('.')}. {hint}", error.student_trace)


def _expect_node(out: Any, Value: type, expression: str, data: float, op: str, operands: tuple = ()) -> None:
    __tracebackhide__ = True
    expression = f"`{expression}`"
    expect(out is not NotImplemented, f"{expression} gave NotImplemented: Python then has no method left to try and "
                                      "raises TypeError. Return a new Value instead.")
    for operand, before in operands:
        expect(out is not operand and operand.data == before,
               f"{expression} changed one of its operands in place. Leave self and other as they are and return a "
               "new Value: the inputs of a graph must keep their values.")
    expect(type(out) is Value, f"{expression} should give a new Value (a node of the graph), but it gave "
                               f"{out!r} of type {type(out).__name__}. Return Value(result, (self, other), op).")
    expect(isinstance(out.parents, tuple), f"{expression}.parents should be a tuple, but it is a "
                                           f"{type(out.parents).__name__}.")
    expect(_same(out.data, data), f"{expression} has data {out.data!r}, but it should be {data:g}."
           + (" Did you add instead of multiplying?" if op == "*" else
              " Did you multiply instead of adding?" if op == "+" else ""))
    expect(out.op == op, f"{expression}.op is {out.op!r}; the node should record the operation {op!r}.")
    expect(len(out.parents) == 2, f"{expression} should record its two parents, but its parents are {out.parents!r}.")
    for parent in out.parents:
        expect(type(parent) is Value, f"{expression}.parents holds {parent!r} of type {type(parent).__name__}: "
                                      "every parent must be a Value. Wrap a plain number as Value(number) first.")


def check_Value(Value: type) -> None:
    """The forward operations of Value: +, * with Values and plain numbers on either side, recording the graph."""
    __tracebackhide__ = True
    x, y = Value(2.0, label="x"), Value(-3.0, label="y")

    out = call(Value.__add__, x, y)
    _expect_node(out, Value, "x + y", -1.0, "+", ((x, 2.0), (y, -3.0)))
    expect(out.parents[0] is x and out.parents[1] is y,
           "x + y should record exactly the nodes it was given, (self, other) in that order, as its parents.")

    out = call(Value.__mul__, x, y)
    _expect_node(out, Value, "x * y", -6.0, "*", ((x, 2.0), (y, -3.0)))
    expect(out.parents[0] is x and out.parents[1] is y,
           "x * y should record exactly the nodes it was given, (self, other) in that order, as its parents.")

    wrap = "A plain number has no .data: turn `other` into Value(other) when it is not a Value already."
    for name, data, op in (("__add__", 12.0, "+"), ("__mul__", 20.0, "*")):
        try:
            out = call(getattr(Value, name), x, 10)
        except CheckFailed as error:
            raise _explain(error, wrap) from None
        _expect_node(out, Value, f"x {op} 10", data, op, ((x, 2.0),))
        expect(out.parents[0] is x and out.parents[1].data == 10.0,
               f"x {op} 10 should record the parents (x, Value(10)).")

    left = ("With a plain number on the left, Python first asks the number (int.__add__ / int.__mul__), which "
            "gives up, then calls the right operand's __radd__ / __rmul__.")
    for name, symbol, data in (("__radd__", "+", 12.0), ("__rmul__", "*", 20.0)):
        try:
            out = call(getattr(Value, name), x, 10)
        except CheckFailed as error:
            raise _explain(error, left) from None
        _expect_node(out, Value, f"10 {symbol} x", data, symbol, ((x, 2.0),))
        expect(any(p is x for p in out.parents) and any(_same(p.data, 10.0) and p is not x for p in out.parents),
               f"10 {symbol} x should have x and a Value holding 10 as its parents, but they are {out.parents!r}.")
    try:
        out = call(lambda: 3 * (1 + x))
    except CheckFailed as error:
        raise _explain(error, left) from None
    expect(type(out) is Value and _same(out.data, 9.0), f"3 * (1 + x) should be a Value holding 9, not {out!r}.")

    a, b, c = Value(5, label="a"), Value(3, label="b"), Value(2, label="c")
    J = call(lambda: 3 * (a + b * c))
    expect(type(J) is Value and _same(J.data, 33.0), f"3 * (a + b*c) with a=5, b=3, c=2 should hold 33, not {J!r}.")
    v = [p for p in J.parents if p is not a and p.op == "+"]
    expect(len(v) == 1 and a in v[0].parents,
           "J = 3 * (a + b*c) should have v = a + u as a parent, and v should have a as a parent.")
    u = [p for p in v[0].parents if p.op == "*"]
    expect(len(u) == 1 and u[0].parents[0] is b and u[0].parents[1] is c and _same(u[0].data, 6.0),
           "u = b * c should be a parent of v, with parents (b, c) and data 6.")
    passed("Value", "+ and * record the graph, with numbers on either side")
