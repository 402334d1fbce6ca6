"""Visible checks of lecture 2.7, Computation graph: `forward` (read from a drawing) and the operations of `Value`."""

from __future__ import annotations

import math
from typing import Any, Callable

from utils.checks.core import CheckFailed, NotImplementedYet, as_number, call, expect, passed, tolerances

# (a, b, c) -> (p, q, J) for the drawn graph p = a + b, q = p * c, J = q + p, worked out by hand.
FORWARD_CASES = (
    ((5, 3, 2), (8.0, 16.0, 24.0)),
    ((1.5, -2.0, 4.0), (-0.5, -2.0, -2.5)),
)


def _same(x: Any, y: float, rel: float = 1e-9, abs_: float = 1e-12) -> bool:
    try:
        return math.isclose(float(x), y, rel_tol=rel, abs_tol=abs_)
    except (TypeError, ValueError):
        return False


def _forward_hint(name: str, value: float, a: float, b: float, c: float, p: float, q: float) -> str:
    """The likely misreading of the drawing behind a wrong value of node `name`."""
    wrong = {
        "p": ((a * b, "p combines a and b with +, the operation in the circle next to p."),
              (b + c, "The arrows into p come from a and b.")),
        "q": ((p + c, "q combines p and c with *, the operation in the circle next to q."),
              (b * c, "The arrows into q come from p and c: use the p you computed."),
              (a * c, "The arrows into q come from p and c: use the p you computed.")),
        "J": ((q, "J has two arrows coming in: one from q and one from p (the long arrow that passes q)."),
              (q + c, "The second arrow into J comes from p, not from c."),
              (q * p, "J combines q and p with +, the operation in the circle next to J."),
              (q + a, "The second arrow into J comes from p, not from a.")),
    }[name]
    return next((" " + text for guess, text in wrong if _same(value, guess)), "")


def check_forward(forward: Callable[..., Any]) -> None:
    """forward(a, b, c) -> {"p": a + b, "q": p * c, "J": q + p}, the drawn graph, on two cases."""
    __tracebackhide__ = True
    for (a, b, c), expected in FORWARD_CASES:
        result = call(forward, a, b, c)
        expect(isinstance(result, dict), f"forward should return a dict with keys 'p', 'q', 'J', not a {type(result).__name__}.")
        missing = [k for k in ("p", "q", "J") if k not in result]
        expect(not missing, f"the dict forward returns lacks the key(s) {missing} (lower-case p and q, capital J); "
                            f"its keys are {sorted(map(str, result))}.")
        values = [as_number(result[k], f"forward{(a, b, c)}[{k!r}]") for k in ("p", "q", "J")]
        got = f"forward{(a, b, c)} gave p={values[0]:g}, q={values[1]:g}, J={values[2]:g}"
        for name, value, want in zip(("p", "q", "J"), values, expected):
            if not _same(value, want, *tolerances(result[name], 1e-9, 1e-12, want)):
                hint = _forward_hint(name, value, a, b, c, *values[:2])
                raise CheckFailed(f"{got}; {name} should be {want:g}.{hint}")
    passed("forward", "p, q and J of the drawn graph for two sets of inputs")


def _named(fn: Callable[..., Any], name: str) -> Callable[..., Any]:
    """`fn` under the name a check message should use (`Value.__add__`, `3 * (1 + x)`), not `__add__` or `<lambda>`."""

    def named(*args: Any) -> Any:
        return fn(*args)

    named.__name__ = name
    return named


def _explain(error: CheckFailed, hint: str) -> CheckFailed:
    if isinstance(error, NotImplementedYet):
        return error
    return CheckFailed(f"{str(error).rstrip('.')}. {hint}", error.places)


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

    out = call(_named(Value.__add__, "Value.__add__"), x, y)
    _expect_node(out, Value, "x + y", -1.0, "+", ((x, 2.0), (y, -3.0)))
    expect(out.parents[0] is x and out.parents[1] is y,
           "x + y should record exactly the nodes it was given, (self, other) in that order, as its parents.")

    out = call(_named(Value.__mul__, "Value.__mul__"), x, y)
    _expect_node(out, Value, "x * y", -6.0, "*", ((x, 2.0), (y, -3.0)))
    expect(out.parents[0] is x and out.parents[1] is y,
           "x * y should record exactly the nodes it was given, (self, other) in that order, as its parents.")

    wrap = "A plain number has no .data: turn `other` into Value(other) when it is not a Value already."
    for name, data, op in (("__add__", 12.0, "+"), ("__mul__", 20.0, "*")):
        try:
            out = call(_named(getattr(Value, name), f"Value.{name}"), x, 10)
        except CheckFailed as error:
            raise _explain(error, wrap) from None
        _expect_node(out, Value, f"x {op} 10", data, op, ((x, 2.0),))
        expect(out.parents[0] is x and out.parents[1].data == 10.0,
               f"x {op} 10 should record the parents (x, Value(10)).")

    left = ("With a plain number on the left, Python first asks the number (int.__add__ / int.__mul__), which "
            "gives up, then calls the right operand's __radd__ / __rmul__.")
    for name, symbol, data in (("__radd__", "+", 12.0), ("__rmul__", "*", 20.0)):
        try:
            out = call(_named(getattr(Value, name), f"Value.{name}"), x, 10)
        except CheckFailed as error:
            raise _explain(error, left) from None
        _expect_node(out, Value, f"10 {symbol} x", data, symbol, ((x, 2.0),))
        expect(any(p is x for p in out.parents) and any(_same(p.data, 10.0) and p is not x for p in out.parents),
               f"10 {symbol} x should have x and a Value holding 10 as its parents, but they are {out.parents!r}.")
    try:
        out = call(_named(lambda: 3 * (1 + x), "3 * (1 + x)"))
    except CheckFailed as error:
        raise _explain(error, left) from None
    expect(type(out) is Value and _same(out.data, 9.0), f"3 * (1 + x) should be a Value holding 9, not {out!r}.")

    a, b, c = Value(5, label="a"), Value(3, label="b"), Value(2, label="c")
    J = call(_named(lambda: 3 * (a + b * c), "3 * (a + b*c)"))
    expect(type(J) is Value and _same(J.data, 33.0), f"3 * (a + b*c) with a=5, b=3, c=2 should hold 33, not {J!r}.")
    v = [p for p in J.parents if p is not a and p.op == "+"]
    expect(len(v) == 1 and a in v[0].parents,
           "J = 3 * (a + b*c) should have v = a + u as a parent, and v should have a as a parent.")
    u = [p for p in v[0].parents if p.op == "*"]
    expect(len(u) == 1 and u[0].parents[0] is b and u[0].parents[1] is c and _same(u[0].data, 6.0),
           "u = b * c should be a parent of v, with parents (b, c) and data 6.")
    passed("Value", "+ and * record the graph, with numbers on either side")
