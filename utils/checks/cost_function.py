"""Visible checks for lecture 2.3, Cost function (messages: "2.3.*" in `utils.checks.messages`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .core import CheckFailed, as_number, call, call_without_warnings, expect, expect_close, expect_unchanged, passed
from .messages import say

# Three predictions and their labels, with stored costs (natural logarithms) and the costs of the usual mistakes.
_A = [[0.9, 0.2, 0.6]]
_Y = [[1, 0, 0]]
_COST = 0.414931599615397
_MISTAKES = (  # (value a wrong cost gives for _A, _Y; the id of what went wrong)
    (1.244794798846191, "2.3.summed"),
    (3.036554268074246, "2.3.broadcast"),
    (-_COST, "2.3.negative"),
    (1.4742828763980456, "2.3.swapped"),
    (0.18020250408025634, "2.3.log10"),
    (0.06833333333333333, "2.3.squared_error"),
    (0.035120171885942096, "2.3.only_y1"),
    (0.3798114277294549, "2.3.only_y0"),
)
# A second case, m = 4.
_A2 = [[0.25, 0.7, 0.95, 0.4]]
_Y2 = [[0, 1, 1, 0]]
_COST2 = 0.3016189836360137
# Logits.
_Z = [[2.0, -1.0, 0.0, 3.0]]
_YZ = [[1, 0, 1, 0]]
_COST_Z = 1.0454810576737208
_TINY_LOSS = 4.248354255291589e-18  # log(1 + e^(-40)): the loss of z = -40 for y = 0
_CHALLENGE_RTOL = 1e-9


def _expect_one_number(value: Any, name: str) -> Any:
    """Fail unless `value` is one number (`as_number`), naming losses left unaveraged; return it unchanged.

    The value keeps its type, so that `expect_close` can allow a float32 result the tolerance of its type.
    """
    __tracebackhide__ = True
    if isinstance(value, np.ndarray) and value.size > 1:
        raise CheckFailed(say("2.3.not_averaged", name=name, shape=value.shape))
    as_number(value, name)
    return value


def check_cost(cost: Callable[[np.ndarray, np.ndarray], Any]) -> None:
    """The mean cross-entropy, one number, for m = 3 (with the usual mistakes named), m = 4 and m = 1."""
    __tracebackhide__ = True
    A, Y = np.array(_A), np.array(_Y)
    value = _expect_one_number(call(cost, A, Y), "cost(A, Y)")
    for wrong, hint in _MISTAKES:
        expect(not np.isclose(value, wrong, rtol=1e-6, atol=0.0), say("2.3.mistake", value=float(value),
                                                                      hint=say(hint)))
    expect_close(value, _COST, "cost(A, Y)", say("2.3.formula"))
    expect_unchanged(A, np.array(_A), "A")
    expect_unchanged(Y, np.array(_Y), "Y")
    value = _expect_one_number(call(cost, np.array(_A2), np.array(_Y2)), say("2.3.for_4"))
    expect_close(value, _COST2, say("2.3.for_4"), say("2.3.divide_by_m"))
    value = _expect_one_number(call(cost, np.array([[0.25]]), np.array([[0]])), say("2.3.of_one"))
    expect_close(value, 0.2876820724517809, "cost([[0.25]], [[0]])", say("2.3.one_example"))
    passed("cost", say("2.3.cost.passed"))


def _quiet_call(cost_from_logits: Callable[..., Any], z: list, y: list) -> Any:
    """Call `cost_from_logits(z, y)`, turning a floating-point warning into a message about overflow and log(0)."""
    __tracebackhide__ = True
    what = f"cost_from_logits({z}, {y})"
    return call_without_warnings(cost_from_logits, np.array(z), np.array(y), what=what,
                                 on_warning=lambda warning: say("2.3.overflow", what=what, warning=warning))


def check_cost_from_logits(cost_from_logits: Callable[[np.ndarray, np.ndarray], Any]) -> None:
    """The core: the cost of sigmoid(Z) for ordinary z, one number; no overflow or log(0) at |z| = 1e4."""
    __tracebackhide__ = True
    Z, Y = np.array(_Z), np.array(_YZ)
    value = _expect_one_number(call(cost_from_logits, Z, Y), "cost_from_logits(Z, Y)")
    expect(not np.isclose(value, 4 * _COST_Z), say("2.3.logits_summed"))
    expect_close(value, _COST_Z, "cost_from_logits(Z, Y)", say("2.3.logits_formula"))
    expect_unchanged(Z, np.array(_Z), "Z")

    for z, y, expected in (([[1e4, -1e4]], [[0, 1]], 1e4), ([[1e4, -1e4, 0.0]], [[1, 0, 1]], np.log(2.0) / 3)):
        value = _expect_one_number(_quiet_call(cost_from_logits, z, y), f"cost_from_logits({z}, {y})")
        expect(bool(np.isfinite(value)), say("2.3.infinite", z=z, y=y, value=float(value)))
        expect_close(value, expected, f"cost_from_logits({z}, {y})", say("2.3.clipped"))
    passed("cost_from_logits", say("2.3.cost_from_logits.passed"))


def check_cost_from_logits_challenge(cost_from_logits: Callable[[np.ndarray, np.ndarray], Any]) -> None:
    """The challenge: a tiny loss (z = -40, y = 0) to a relative 1e-9, and exactly 0 for far-right predictions."""
    __tracebackhide__ = True
    tiny = _expect_one_number(_quiet_call(cost_from_logits, [[-40.0]], [[0]]), "cost_from_logits([[-40]], [[0]])")
    expect_close(tiny, _TINY_LOSS, "cost_from_logits([[-40]], [[0]])", say("2.3.tiny"), rtol=_CHALLENGE_RTOL,
                 atol=0.0)
    exact = _expect_one_number(_quiet_call(cost_from_logits, [[5000.0, -3000.0]], [[1, 0]]),
                               "cost_from_logits([[5000, -3000]], [[1, 0]])")
    expect(abs(float(exact)) <= 1e-300, say("2.3.not_zero", value=float(exact)))
    passed("cost_from_logits (challenge)", say("2.3.challenge.passed"))
