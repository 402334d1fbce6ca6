"""Visible checks of lecture 2.8, Derivatives with a computation graph: `backward` (by hand) and `Value.backward`
(messages: "2.8.*" in `utils.checks.messages`)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from typing import Any

from .core import CheckFailed, adding_hint, as_number, call, expect, expect_keys, matches, passed, tolerances
from .messages import say

# (a, b, c) -> (dq, dp, da, db, dc) for p = a + b, q = p * c, J = q + p, worked out by hand:
# dq = 1, dp = c + 1 (through q and directly), da = db = dp, dc = p.
BACKWARD_CASES = (
    ((5, 3, 2), (1.0, 3.0, 3.0, 3.0, 8.0)),
    ((1.5, -2.0, 4.0), (1.0, 5.0, 5.0, 5.0, -0.5)),
)
GRAD_NAMES = ("dq", "dp", "da", "db", "dc")


def _close(x: Any, y: float, rtol: float = 1e-9, atol: float = 1e-12) -> bool:
    """Whether the number `x` is `y` (quietly False for what is not a number)."""
    return matches(x, y, rtol, atol)


def _backward_hint(name: str, value: float, a: float, b: float, c: float, dp: float) -> str:
    """The likely slip behind a wrong gradient `name` of the graph p = a + b, q = p * c, J = q + p."""
    p, q = a + b, (a + b) * c
    wrong = {
        "dq": ((c, "2.8.dq_one"), (p, "2.8.dq_one")),
        "dp": ((c, "2.8.dp_two_paths"), (1.0, "2.8.dp_direct_only"), (c * (c + 1), "2.8.dp_direct_local")),
        "da": ((1.0, "2.8.da_factor"), (c, "2.8.da_whole")),
        "db": ((1.0, "2.8.db_factor"), (dp * c, "2.8.db_added"), (c, "2.8.db_whole")),
        "dc": ((q, "2.8.dc_not_q"), (c, "2.8.dc_by_p"), (p * c, "2.8.dc_by_p"), (dp * p, "2.8.dc_through_q"),
               (b, "2.8.dc_not_b")),
    }[name]
    return next((say("2.8.hint", hint=say(text)) for guess, text in wrong if _close(value, guess)), "")


def check_backward(backward: Callable[..., Any]) -> None:
    """backward(a, b, c) -> {"dq", "dp", "da", "db", "dc"} for p = a + b, q = p * c, J = q + p, on two cases."""
    __tracebackhide__ = True
    for (a, b, c), expected in BACKWARD_CASES:
        grads = expect_keys(call(backward, a, b, c), GRAD_NAMES, "2.8.backward_not_dict", "2.8.backward_keys")
        values = {k: as_number(grads[k], f"backward{(a, b, c)}[{k!r}]") for k in GRAD_NAMES}
        got = say("2.8.backward_gave", inputs=(a, b, c), grads=", ".join(f"{k}={values[k]:g}" for k in GRAD_NAMES))
        for name, want in zip(GRAD_NAMES, expected, strict=True):
            if not _close(values[name], want, *tolerances(grads[name], 1e-9, 1e-12, want)):
                hint = _backward_hint(name, values[name], a, b, c, values["dp"])
                raise CheckFailed(say("2.8.should_be", got=got, name=name, want=want, hint=hint))
    passed("backward", say("2.8.backward.passed"))


def _grads(**nodes: Any) -> str:
    return ", ".join(f"{name}.grad={node.grad!r}" for name, node in nodes.items())


def _run_backward(output: Any, hint: str = "") -> None:
    """`output.backward()`, reported under the name of the method the exercise is about."""
    __tracebackhide__ = True

    def run() -> Any:
        return output.backward()

    run.__name__ = "Value.backward"
    with adding_hint(hint) if hint else nullcontext():
        call(run)


def _number(node: Any, name: str) -> float:
    return as_number(node.grad, f"{name}.grad")


def check_Value(Value: Any) -> None:  # the student's class, typed loosely: its methods are what is checked
    """Value.backward(): reverse topological order, the chain rule, gradients that add up, one-parent nodes."""
    __tracebackhide__ = True
    a, b, c = Value(5, label="a"), Value(3, label="b"), Value(2, label="c")
    u = b * c
    v = a + u
    J = 3 * v
    _run_backward(J)
    nodes = {"J": J, "v": v, "u": u, "a": a, "b": b, "c": c}
    grads = {k: _number(n, k) for k, n in nodes.items()}
    got = say("2.8.after_backward", grads=_grads(**nodes))
    if all(g == 0.0 for g in grads.values()):
        raise CheckFailed(say("2.8.all_zero", got=got))
    expect(_close(grads["J"], 1.0), say("2.8.output_grad", got=got))
    if all(grads[k] == 0.0 for k in "abc"):
        raise CheckFailed(say("2.8.not_reversed", got=got))
    if _close(grads["v"], 1.0) or _close(grads["b"], 3.0):
        raise CheckFailed(say("2.8.local_missing", got=got))
    if _close(grads["a"], 1.0) or _close(grads["b"], 2.0):
        raise CheckFailed(say("2.8.grad_missing", got=got))
    expected = {"J": 1.0, "v": 3.0, "u": 3.0, "a": 3.0, "b": 6.0, "c": 9.0}
    expect(all(_close(grads[k], x) for k, x in expected.items()),
           say("2.8.expected", got=got, expected=", ".join(f"{k}.grad={x:g}" for k, x in expected.items())))

    x = Value(3.0, label="x")
    square = x * x
    _run_backward(square)
    if _close(_number(x, "x"), 3.0):
        raise CheckFailed(say("2.8.overwritten", grad=x.grad))
    expect(_close(_number(x, "x"), 6.0), say("2.8.square", grad=x.grad))

    x, y = Value(2.0, label="x"), Value(-1.0, label="y")
    s = x * y
    out = s + (s * 2) * 3
    _run_backward(out)
    expect(_close(_number(s, "s"), 7.0) and _close(_number(x, "x"), -7.0) and _close(_number(y, "y"), 14.0),
           say("2.8.order", grads=_grads(s=s, x=x, y=y)))

    # One-parent nodes (sigmoid, log): the logistic loss of one example, where dL/dz = a - y.
    w, bias = Value(0.5, label="w"), Value(-0.25, label="b")
    z = w * 2.0 + bias
    act = z.sigmoid()
    loss = -(1.0 * act.log() + (1 - 1.0) * (1 - act).log())
    _run_backward(loss, say("2.8.one_parent"))
    dz = act.data - 1.0
    expect(_close(_number(z, "z"), dz, rtol=1e-9) and _close(_number(w, "w"), 2.0 * dz, rtol=1e-9),
           say("2.8.logistic", grads=_grads(z=z, w=w), dz=dz, dw=2 * dz))
    passed("Value", say("2.8.Value.passed"))
