"""Visible checks of lecture 2.7, Computation graph: `forward` (read from a drawing) and the operations of `Value`
(messages: "2.7.*" in `utils.checks.messages`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .core import CheckFailed, adding_hint, as_number, call, expect, expect_keys, matches, passed, tolerances
from .messages import say

# (a, b, c) -> (p, q, J) for the drawn graph p = a + b, q = p * c, J = q + p, worked out by hand.
FORWARD_CASES = (
    ((5, 3, 2), (8.0, 16.0, 24.0)),
    ((1.5, -2.0, 4.0), (-0.5, -2.0, -2.5)),
)


def _same(x: Any, y: float, rtol: float = 1e-9, atol: float = 1e-12) -> bool:
    """Whether the number `x` is `y` (quietly False for what is not a number)."""
    return matches(x, y, rtol, atol)


def _forward_hint(name: str, value: float, a: float, b: float, c: float, p: float, q: float) -> str:
    """The likely misreading of the drawing behind a wrong value of node `name`."""
    wrong = {
        "p": ((a * b, "2.7.p_operation"), (b + c, "2.7.p_arrows")),
        "q": ((p + c, "2.7.q_operation"), (b * c, "2.7.q_arrows"), (a * c, "2.7.q_arrows")),
        "J": ((q, "2.7.J_two_arrows"), (q + c, "2.7.J_from_c"), (q * p, "2.7.J_operation"), (q + a, "2.7.J_from_a")),
    }[name]
    return next((say("2.7.hint", hint=say(text)) for guess, text in wrong if _same(value, guess)), "")


def check_forward(forward: Callable[..., Any]) -> None:
    """forward(a, b, c) -> {"p": a + b, "q": p * c, "J": q + p}, the drawn graph, on two cases."""
    __tracebackhide__ = True
    for (a, b, c), expected in FORWARD_CASES:
        result = expect_keys(call(forward, a, b, c), ("p", "q", "J"), "2.7.forward_not_dict", "2.7.forward_keys")
        values = [as_number(result[k], f"forward{(a, b, c)}[{k!r}]") for k in ("p", "q", "J")]
        got = say("2.7.forward_gave", inputs=(a, b, c), p=values[0], q=values[1], J=values[2])
        for name, value, want in zip(("p", "q", "J"), values, expected, strict=True):
            if not _same(value, want, *tolerances(result[name], 1e-9, 1e-12, want)):
                hint = _forward_hint(name, value, a, b, c, *values[:2])
                raise CheckFailed(say("2.7.should_be", got=got, name=name, want=want, hint=hint))
    passed("forward", say("2.7.forward.passed"))


def _named(fn: Callable[..., Any], name: str) -> Callable[..., Any]:
    """`fn` under the name a check message should use (`Value.__add__`, `3 * (1 + x)`), not `__add__` or `<lambda>`."""

    def named(*args: Any) -> Any:
        return fn(*args)

    named.__name__ = name
    return named


def _expect_node(out: Any, Value: type, expression: str, data: float, op: str, operands: tuple = ()) -> None:
    __tracebackhide__ = True
    expression = f"`{expression}`"
    expect(out is not NotImplemented, say("2.7.not_implemented", expression=expression))
    for operand, before in operands:
        expect(out is not operand and operand.data == before, say("2.7.operand_changed", expression=expression))
    expect(type(out) is Value, say("2.7.not_a_value", expression=expression, out=out, type=type(out).__name__))
    expect(isinstance(out.parents, tuple), say("2.7.parents_type", expression=expression,
                                               type=type(out.parents).__name__))
    swapped = {"*": say("2.7.added"), "+": say("2.7.multiplied")}.get(op, "")
    expect(_same(out.data, data), say("2.7.data", expression=expression, actual=out.data, data=data, hint=swapped))
    expect(out.op == op, say("2.7.op", expression=expression, actual=out.op, op=op))
    expect(len(out.parents) == 2, say("2.7.two_parents", expression=expression, parents=out.parents))
    for parent in out.parents:
        expect(type(parent) is Value, say("2.7.parent_not_value", expression=expression, parent=parent,
                                          type=type(parent).__name__))


def check_Value(Value: Any) -> None:  # the student's class, typed loosely: its operators are what is checked
    """The forward operations of Value: +, * with Values and plain numbers on either side, recording the graph."""
    __tracebackhide__ = True
    x, y = Value(2.0, label="x"), Value(-3.0, label="y")

    out = call(_named(Value.__add__, "Value.__add__"), x, y)
    _expect_node(out, Value, "x + y", -1.0, "+", ((x, 2.0), (y, -3.0)))
    expect(out.parents[0] is x and out.parents[1] is y, say("2.7.parents_order", expression="x + y"))

    out = call(_named(Value.__mul__, "Value.__mul__"), x, y)
    _expect_node(out, Value, "x * y", -6.0, "*", ((x, 2.0), (y, -3.0)))
    expect(out.parents[0] is x and out.parents[1] is y, say("2.7.parents_order", expression="x * y"))

    for name, data, op in (("__add__", 12.0, "+"), ("__mul__", 20.0, "*")):
        with adding_hint(say("2.7.wrap")):
            out = call(_named(getattr(Value, name), f"Value.{name}"), x, 10)
        _expect_node(out, Value, f"x {op} 10", data, op, ((x, 2.0),))
        expect(out.parents[0] is x and out.parents[1].data == 10.0, say("2.7.number_parents", op=op))

    for name, symbol, data in (("__radd__", "+", 12.0), ("__rmul__", "*", 20.0)):
        with adding_hint(say("2.7.left")):
            out = call(_named(getattr(Value, name), f"Value.{name}"), x, 10)
        _expect_node(out, Value, f"10 {symbol} x", data, symbol, ((x, 2.0),))
        expect(any(p is x for p in out.parents) and any(_same(p.data, 10.0) and p is not x for p in out.parents),
               say("2.7.left_parents", symbol=symbol, parents=out.parents))
    with adding_hint(say("2.7.left")):
        out = call(_named(lambda: 3 * (1 + x), "3 * (1 + x)"))
    expect(type(out) is Value and _same(out.data, 9.0), say("2.7.nine", out=out))

    a, b, c = Value(5, label="a"), Value(3, label="b"), Value(2, label="c")
    J = call(_named(lambda: 3 * (a + b * c), "3 * (a + b*c)"))
    expect(type(J) is Value and _same(J.data, 33.0), say("2.7.thirty_three", J=J))
    v = [p for p in J.parents if p is not a and p.op == "+"]
    expect(len(v) == 1 and a in v[0].parents, say("2.7.v_parent"))
    u = [p for p in v[0].parents if p.op == "*"]
    expect(len(u) == 1 and u[0].parents[0] is b and u[0].parents[1] is c and _same(u[0].data, 6.0),
           say("2.7.u_parent"))
    passed("Value", say("2.7.Value.passed"))
