"""Visible checks of lecture 2.8, Derivatives with a computation graph: `backward` (by hand) and `Value.backward`."""

from __future__ import annotations

import math
from typing import Any, Callable

from utils.checks.core import CheckFailed, NotImplementedYet, as_number, call, expect, passed, tolerances

# (a, b, c) -> (dq, dp, da, db, dc) for p = a + b, q = p * c, J = q + p, worked out by hand:
# dq = 1, dp = c + 1 (through q and directly), da = db = dp, dc = p.
BACKWARD_CASES = (
    ((5, 3, 2), (1.0, 3.0, 3.0, 3.0, 8.0)),
    ((1.5, -2.0, 4.0), (1.0, 5.0, 5.0, 5.0, -0.5)),
)
GRAD_NAMES = ("dq", "dp", "da", "db", "dc")


def _close(x: Any, y: float, rel: float = 1e-9, abs_: float = 1e-12) -> bool:
    try:
        return math.isclose(float(x), y, rel_tol=rel, abs_tol=abs_)
    except (TypeError, ValueError):
        return False


def _backward_hint(name: str, value: float, a: float, b: float, c: float, dp: float) -> str:
    """The likely slip behind a wrong gradient `name` of the graph p = a + b, q = p * c, J = q + p."""
    p, q = a + b, (a + b) * c
    wrong = {
        "dq": ((c, "J = q + p moves one-for-one with q, so dq = 1."),
               (p, "J = q + p moves one-for-one with q, so dq = 1.")),
        "dp": ((c, "p reaches J along two paths: through q (dq times dq/dp = c) and directly, because J = q + p "
                   "adds p itself (local derivative 1). Add the two contributions: dp = dq * c + 1."),
               (1.0, "You counted only the direct arrow from p to J; p also reaches J through q = p * c, which "
                     "contributes dq * c. Add the two contributions."),
               (c * (c + 1), "The direct arrow from p to J has local derivative 1, not c: dp = dq * c + 1.")),
        "da": ((1.0, "A chain-rule factor is missing: da = dp * dp/da, and dp/da = 1 for p = a + b."),
               (c, "da = dp * dp/da takes the whole dp, both paths included.")),
        "db": ((1.0, "A chain-rule factor is missing: db = dp * dp/db, and dp/db = 1 for p = a + b."),
               (dp * c, "p = a + b, so dp/db = 1 (b is added, not multiplied, in this graph)."),
               (c, "db = dp * dp/db takes the whole dp, both paths included.")),
        "dc": ((q, "q = p * c changes by p for each unit of c, so dq/dc = p (not q)."),
               (c, "q = p * c changes by p for each unit of c, so dc = dq * p."),
               (p * c, "q = p * c changes by p for each unit of c, so dc = dq * p."),
               (dp * p, "c reaches J only through q: dc = dq * dq/dc = dq * p, not dp * p."),
               (b, "In this graph c multiplies p (not b): dq/dc = p.")),
    }[name]
    return next((" " + text for guess, text in wrong if _close(value, guess)), "")


def check_backward(backward: Callable[..., Any]) -> None:
    """backward(a, b, c) -> {"dq", "dp", "da", "db", "dc"} for p = a + b, q = p * c, J = q + p, on two cases."""
    __tracebackhide__ = True
    for (a, b, c), expected in BACKWARD_CASES:
        grads = call(backward, a, b, c)
        expect(isinstance(grads, dict), f"backward should return a dict, not a {type(grads).__name__}.")
        missing = [k for k in GRAD_NAMES if k not in grads]
        expect(not missing, f"the dict backward returns lacks {missing}: its keys are {sorted(map(str, grads))}. "
                            "Name each gradient dvar for dJ/dvar: dq, dp, da, db, dc.")
        values = {k: as_number(grads[k], f"backward{(a, b, c)}[{k!r}]") for k in GRAD_NAMES}
        got = f"backward{(a, b, c)} gave " + ", ".join(f"{k}={values[k]:g}" for k in GRAD_NAMES)
        for name, want in zip(GRAD_NAMES, expected):
            if not _close(values[name], want, *tolerances(grads[name], 1e-9, 1e-12, want)):
                hint = _backward_hint(name, values[name], a, b, c, values["dp"])
                raise CheckFailed(f"{got}; {name} should be {want:g}.{hint}")
    passed("backward", "dq, dp, da, db and dc of the drawn graph for two sets of inputs")


def _grads(**nodes: Any) -> str:
    return ", ".join(f"{name}.grad={node.grad!r}" for name, node in nodes.items())


def _run_backward(output: Any, hint: str = "") -> None:
    """`output.backward()`, reported under the name of the method the exercise is about."""
    __tracebackhide__ = True

    def run() -> Any:
        return output.backward()

    run.__name__ = "Value.backward"
    try:
        call(run)
    except CheckFailed as error:
        if isinstance(error, NotImplementedYet) or not hint:
            raise
        raise CheckFailed(f"{str(error).rstrip('.')}. {hint}", error.places) from None


def _number(node: Any, name: str) -> float:
    return as_number(node.grad, f"{name}.grad")


def check_Value(Value: type) -> None:
    """Value.backward(): reverse topological order, the chain rule, gradients that add up, one-parent nodes."""
    __tracebackhide__ = True
    a, b, c = Value(5, label="a"), Value(3, label="b"), Value(2, label="c")
    u = b * c
    v = a + u
    J = 3 * v
    _run_backward(J)
    nodes = {"J": J, "v": v, "u": u, "a": a, "b": b, "c": c}
    grads = {k: _number(n, k) for k, n in nodes.items()}
    got = "after J.backward() on J = 3(a + bc) at a=5, b=3, c=2: " + _grads(**nodes)
    if all(g == 0.0 for g in grads.values()):
        raise CheckFailed(f"{got}. Every gradient is still 0: start the backward pass with self.grad = 1.0 "
                          "(dJ/dJ = 1).")
    expect(_close(grads["J"], 1.0), f"{got}. The output's own gradient should be 1 (dJ/dJ): self.grad = 1.0.")
    if all(grads[k] == 0.0 for k in "abc"):
        raise CheckFailed(f"{got}. No gradient reached the inputs: visit the nodes in reverse topological order "
                          "(the output first). In topological order every node comes after its parents, so walking "
                          "it forwards reaches the inputs before any gradient has arrived.")
    if _close(grads["v"], 1.0) or _close(grads["b"], 3.0):
        raise CheckFailed(f"{got}. A chain-rule factor is missing: multiply node.grad by the local derivative "
                          "node.local_grads[i] (for u = b*c, du/db = c = 2).")
    if _close(grads["a"], 1.0) or _close(grads["b"], 2.0):
        raise CheckFailed(f"{got}. A chain-rule factor is missing: a parent receives local * node.grad, the local "
                          "derivative times the gradient that has already reached the node.")
    expected = {"J": 1.0, "v": 3.0, "u": 3.0, "a": 3.0, "b": 6.0, "c": 9.0}
    expect(all(_close(grads[k], x) for k, x in expected.items()),
           f"{got}; expected " + ", ".join(f"{k}.grad={x:g}" for k, x in expected.items()) + ".")

    x = Value(3.0, label="x")
    square = x * x
    _run_backward(square)
    if _close(_number(x, "x"), 3.0):
        raise CheckFailed(f"for y = x*x at x = 3 you gave x.grad = {x.grad!r}, but dy/dx = 2x = 6. x is a parent of y "
                          "twice, and each use adds its share: accumulate with parent.grad += ..., do not overwrite.")
    expect(_close(_number(x, "x"), 6.0), f"for y = x*x at x = 3, x.grad should be 6 (= 2x), but it is {x.grad!r}.")

    x, y = Value(2.0, label="x"), Value(-1.0, label="y")
    s = x * y
    out = s + (s * 2) * 3
    _run_backward(out)
    expect(_close(_number(s, "s"), 7.0) and _close(_number(x, "x"), -7.0) and _close(_number(y, "y"), 14.0),
           f"for s = x*y, out = s + (s*2)*3 at x = 2, y = -1 you gave {_grads(s=s, x=x, y=y)}, but ds = 7, dx = -7, "
           "dy = 14. s is used twice, along paths of different lengths: it may pass its gradient on only after both "
           "users have added theirs. Build the order with a depth-first search that appends a node after all its "
           "parents and visits each node once, then walk that order in reverse.")

    # One-parent nodes (sigmoid, log): the logistic loss of one example, where dL/dz = a - y.
    w, bias = Value(0.5, label="w"), Value(-0.25, label="b")
    z = w * 2.0 + bias
    act = z.sigmoid()
    loss = -(1.0 * act.log() + (1 - 1.0) * (1 - act).log())
    _run_backward(loss, "The sigmoid and log nodes have a single parent: pair node.parents with node.local_grads "
                        "(zip) instead of assuming two of each.")
    dz = act.data - 1.0
    expect(_close(_number(z, "z"), dz, rel=1e-9) and _close(_number(w, "w"), 2.0 * dz, rel=1e-9),
           f"for the logistic loss L = -(y log a + (1 - y) log(1 - a)), a = sigmoid(z), z = w*2 + b at w = 0.5, "
           f"b = -0.25, y = 1 you gave {_grads(z=z, w=w)}, but dz = a - y = {dz:.6f} and dw = 2 dz = {2 * dz:.6f}. "
           "Every node, whatever its number of parents, passes local * node.grad to each parent.")
    passed("Value", "backward() matches the chain rule, also when a node is used twice")
