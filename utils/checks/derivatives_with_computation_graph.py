"""Visible checks of lecture 2.8, Derivatives with a computation graph: `backward`, `numerical_gradients`, `Value`."""

from __future__ import annotations

import copy
import math
from typing import Any, Callable

from utils.checks.core import CheckFailed, call, expect, expect_unchanged, passed

# (a, b, c) -> (dv, da, du, db, dc) for J = 3(a + bc), worked out by hand: dv = da = du = 3, db = 3c, dc = 3b.
BACKWARD_CASES = (
    ((5, 3, 2), (3.0, 3.0, 3.0, 6.0, 9.0)),
    ((-1.0, 0.5, -4.0), (3.0, 3.0, 3.0, -12.0, 1.5)),
)
GRAD_NAMES = ("dv", "da", "du", "db", "dc")


def _close(x: Any, y: float, rel: float = 1e-9, abs_: float = 1e-12) -> bool:
    try:
        return math.isclose(float(x), y, rel_tol=rel, abs_tol=abs_)
    except (TypeError, ValueError):
        return False


def check_backward(backward: Callable[..., Any]) -> None:
    """backward(a, b, c) -> {"dv", "da", "du", "db", "dc"}: the chain rule on J = 3(a + bc), as floats."""
    __tracebackhide__ = True
    for (a, b, c), expected in BACKWARD_CASES:
        grads = call(backward, a, b, c)
        expect(isinstance(grads, dict), f"backward should return a dict, not a {type(grads).__name__}.")
        missing = [k for k in GRAD_NAMES if k not in grads]
        expect(not missing, f"the dict backward returns lacks {missing}: its keys are {sorted(map(str, grads))}. "
                            "Name each gradient dvar for dJ/dvar: dv, da, du, db, dc.")
        dv, da, du, db, dc = (grads[k] for k in GRAD_NAMES)
        got = f"backward{(a, b, c)} gave " + ", ".join(f"{k}={grads[k]!r}" for k in GRAD_NAMES)
        want = ", ".join(f"{k}={x:g}" for k, x in zip(GRAD_NAMES, expected))
        if not _close(dv, 3.0):
            hint = " J = 3v, so nudging v by 0.001 moves J by 0.003: dv = 3." if _close(dv, 1.0) else ""
            raise CheckFailed(f"{got}; expected {want}.{hint}")
        if not (_close(da, 3.0) and _close(du, 3.0)):
            hint = (" da = dv * dv/da and du = dv * dv/du: the local derivatives of v = a + u are 1, but the chain "
                    "rule still multiplies them by dv = 3." if _close(da, 1.0) or _close(du, 1.0) else "")
            raise CheckFailed(f"{got}; expected {want}.{hint}")
        if not (_close(db, expected[3]) and _close(dc, expected[4])):
            if _close(db, expected[4]) and _close(dc, expected[3]):
                hint = " db and dc are swapped: du/db = c (b is multiplied by c) and du/dc = b."
            elif _close(db, c) or _close(dc, b):
                hint = " A chain-rule factor is missing: db = du * du/db = du * c, and dc = du * b."
            elif _close(db, 3.0 * b) or _close(dc, 3.0 * c):
                hint = " du/db is c, not b: u = b*c changes by c for each unit of b."
            else:
                hint = ""
            raise CheckFailed(f"{got}; expected {want}.{hint}")
        for name in GRAD_NAMES:
            expect(type(grads[name]) is float,
                   f"{name} is {grads[name]!r} of type {type(grads[name]).__name__}; every gradient should be a "
                   "Python float (start from dv = 3.0, and use plain arithmetic, not NumPy).")
    passed("backward")


def _three_abc(a: float, b: float, c: float) -> float:
    return 3 * (a + b * c)


def _product(x: float, y: float) -> float:
    return x * y


def _cube(x: float) -> float:
    return x**3


def check_numerical_gradients(numerical_gradients: Callable[..., Any]) -> None:
    """numerical_gradients(f, inputs, h): the centred difference of f for each input, others held fixed."""
    __tracebackhide__ = True
    inputs = {"a": 5.0, "b": 3.0, "c": 2.0}
    kept = copy.deepcopy(inputs)
    result = call(numerical_gradients, _three_abc, inputs)
    expect_unchanged(kept, inputs, "inputs")
    expect(isinstance(result, dict), f"numerical_gradients should return a dict (input name -> estimate), not a "
                                     f"{type(result).__name__}.")
    expect(set(result) == set(inputs), f"the result should have one entry per input, {sorted(inputs)}, but its "
                                       f"keys are {sorted(map(str, result))}.")
    for name, exact in (("a", 3.0), ("b", 6.0), ("c", 9.0)):
        expect(_close(result[name], exact, rel=1e-5, abs_=1e-6),
               f"for J = 3(a + bc) at a=5, b=3, c=2 the estimate for {name} is {result[name]!r}, but dJ/d{name} = "
               f"{exact:g}." + (" It is twice too big: the centred difference divides by 2h." if _close(
                   result[name], 2 * exact, rel=1e-4) else " Every estimate is 18 = 3 + 6 + 9: you nudged every input "
                   "at once. A partial derivative nudges one input and keeps the others fixed." if _close(
                   result[name], 18.0, rel=1e-4) else ""))
        expect(type(result[name]) is float, f"the estimate for {name} should be a Python float, not "
                                            f"{type(result[name]).__name__}.")

    result = call(numerical_gradients, _product, {"x": 2.0, "y": 5.0})
    if _close(result.get("x"), 7.0, rel=1e-4) and _close(result.get("y"), 7.0, rel=1e-4):
        raise CheckFailed("for f(x, y) = x*y at (2, 5) both estimates are 7 = x + y: you nudged every input at once. "
                          "A partial derivative nudges one input and keeps the others fixed.")
    expect(_close(result.get("x"), 5.0, rel=1e-5) and _close(result.get("y"), 2.0, rel=1e-5),
           f"for f(x, y) = x*y at (2, 5) the estimates should be x: 5, y: 2, but they are {result!r}.")

    h = 0.01
    result = call(numerical_gradients, _cube, {"x": 2.0}, h=h)
    centred = 12.0 + h * h  # ((2 + h)^3 - (2 - h)^3) / (2h) = 3*2^2 + h^2, exactly
    estimate = result.get("x")
    if _close(estimate, 12.0 + 6 * h + h * h, rel=1e-6):
        raise CheckFailed("for f(x) = x**3 at x = 2 with h = 0.01 you got the forward difference (f(x+h) - f(x))/h = "
                          "12.0601. Use the centred difference (f(x+h) - f(x-h)) / (2h) = 12.0001: its error shrinks "
                          "like h**2 instead of h.")
    if _close(estimate, 12.0 - 6 * h + h * h, rel=1e-6):
        raise CheckFailed("for f(x) = x**3 at x = 2 with h = 0.01 you got the backward difference (f(x) - f(x-h))/h. "
                          "Use the centred difference (f(x+h) - f(x-h)) / (2h).")
    if _close(estimate, 12.0, rel=1e-8):
        raise CheckFailed("for f(x) = x**3 at x = 2 with h = 0.01 the centred difference is 12.0001, but you got 12.0: "
                          "is the argument h ignored (a fixed step used instead)?")
    expect(_close(estimate, centred, rel=1e-8),
           f"for f(x) = x**3 at x = 2 with h = 0.01 the centred difference is {centred:.6f}, but you got {estimate!r}.")
    passed("numerical_gradients")


def _grads(**nodes: Any) -> str:
    return ", ".join(f"{name}.grad={node.grad!r}" for name, node in nodes.items())


def check_Value(Value: type) -> None:
    """Value.backward(): reverse topological order, the chain rule, and gradients that add up over shared nodes."""
    __tracebackhide__ = True
    a, b, c = Value(5, label="a"), Value(3, label="b"), Value(2, label="c")
    u = b * c
    v = a + u
    J = 3 * v
    call(J.backward)
    got = "after J.backward() on J = 3(a + bc) at a=5, b=3, c=2: " + _grads(J=J, v=v, u=u, a=a, b=b, c=c)
    if all(_close(n.grad, 0.0) for n in (J, v, u, a, b, c)):
        raise CheckFailed(f"{got}. Every gradient is still 0: start the backward pass with self.grad = 1.0 "
                          "(dJ/dJ = 1).")
    expect(type(J.grad) is float and _close(J.grad, 1.0),
           f"{got}. The output's own gradient should be the float 1.0 (dJ/dJ): self.grad = 1.0.")
    if all(_close(n.grad, 0.0) for n in (a, b, c)):
        raise CheckFailed(f"{got}. No gradient reached the inputs: visit the nodes in reverse topological order "
                          "(the output first). In topological order every node comes after its parents, so walking "
                          "it forwards reaches the inputs before any gradient has arrived.")
    if _close(v.grad, 1.0) or _close(b.grad, 3.0):
        raise CheckFailed(f"{got}. A chain-rule factor is missing: multiply node.grad by the local derivative "
                          "node.local_grads[i] (for u = b*c, du/db = c = 2).")
    if _close(a.grad, 1.0) or _close(b.grad, 2.0):
        raise CheckFailed(f"{got}. A chain-rule factor is missing: a parent receives local * node.grad, the local "
                          "derivative times the gradient that has already reached the node.")
    expected = {"J": 1.0, "v": 3.0, "u": 3.0, "a": 3.0, "b": 6.0, "c": 9.0}
    nodes = {"J": J, "v": v, "u": u, "a": a, "b": b, "c": c}
    expect(all(_close(nodes[k].grad, x) for k, x in expected.items()),
           f"{got}; expected " + ", ".join(f"{k}.grad={x:g}" for k, x in expected.items()) + ".")

    x = Value(3.0, label="x")
    square = x * x
    call(square.backward)
    if _close(x.grad, 3.0):
        raise CheckFailed(f"for y = x*x at x = 3 you gave x.grad = {x.grad!r}, but dy/dx = 2x = 6. x is a parent of y "
                          "twice, and each use adds its share: accumulate with parent.grad += ..., do not overwrite.")
    expect(_close(x.grad, 6.0), f"for y = x*x at x = 3, x.grad should be 6 (= 2x), but it is {x.grad!r}.")

    x, y = Value(2.0, label="x"), Value(-1.0, label="y")
    s = x * y
    out = s + (s * 2) * 3
    call(out.backward)
    expect(_close(s.grad, 7.0) and _close(x.grad, -7.0) and _close(y.grad, 14.0),
           f"for s = x*y, out = s + (s*2)*3 at x = 2, y = -1 you gave {_grads(s=s, x=x, y=y)}, but ds = 7, dx = -7, "
           "dy = 14. s is used twice, along paths of different lengths: it may pass its gradient on only after both "
           "users have added theirs. Build the order with a depth-first search that appends a node after all its "
           "parents and visits each node once, then walk that order in reverse.")
    for node in (x, y, s, out):
        expect(type(node.grad) is float, f"grads should be Python floats, but one is {type(node.grad).__name__}.")
    passed("Value", "backward() matches the chain rule, also when a node is used twice")
