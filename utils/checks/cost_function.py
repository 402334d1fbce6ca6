"""Visible checks for lecture 2.3, Cost function."""

from __future__ import annotations

import warnings
from typing import Any, Callable

import numpy as np

from .core import CheckFailed, as_number, call, expect, expect_close, expect_unchanged, passed, places

# Three predictions and their labels, with stored costs (natural logarithms) and the costs of the usual mistakes.
_A = [[0.9, 0.2, 0.6]]
_Y = [[1, 0, 0]]
_COST = 0.414931599615397
_MISTAKES = (  # (value a wrong cost gives for _A, _Y; what went wrong)
    (1.244794798846191, "This is the sum of the losses. The cost is their mean: divide by m. For Y of shape (1, m), "
                        "len(Y) and Y.shape[0] are 1; the number of examples is Y.shape[1]."),
    (3.036554268074246, "Your cost mixes every prediction with every label: a (1, m) array times an (m, 1) array "
                        "broadcasts into an m x m matrix. Multiply Y and log(A) elementwise (both of shape (1, m)), "
                        "or use np.dot(Y, np.log(A).T)."),
    (-_COST, "Your cost is negative: you left out the minus sign in front of the loss. log of a number below 1 is "
             "negative, so L = -(y log(a) + (1 - y) log(1 - a)) is positive."),
    (1.4742828763980456, "You swapped a and 1 - a: for y = 1 the loss is -log(a), for y = 0 it is -log(1 - a)."),
    (0.18020250408025634, "You used the base-10 logarithm. The loss uses the natural logarithm, np.log."),
    (0.06833333333333333, "This is the squared error (1/2)(a - y)^2, not the cross-entropy loss."),
    (0.035120171885942096, "Only the y = 1 term is there: add (1 - y) log(1 - a) for the examples with y = 0."),
    (0.3798114277294549, "Only the y = 0 term is there: add y log(a) for the examples with y = 1."),
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
        raise CheckFailed(f"{name} should be one number, but it is an array of shape {value.shape}: "
                          "average the losses over the examples instead of returning them.")
    as_number(value, name)
    return value


def check_cost(cost: Callable[[np.ndarray, np.ndarray], Any]) -> None:
    """The mean cross-entropy, one number, for m = 3 (with the usual mistakes named), m = 4 and m = 1."""
    __tracebackhide__ = True
    A, Y = np.array(_A), np.array(_Y)
    value = _expect_one_number(call(cost, A, Y), "cost(A, Y)")
    for wrong, hint in _MISTAKES:
        expect(not np.isclose(value, wrong, rtol=1e-6, atol=0.0), f"cost(A, Y) = {float(value):.6f}. {hint}")
    expect_close(value, _COST, "cost(A, Y)", "J = (1/m) * sum of the losses -(y log(a) + (1 - y) log(1 - a)).")
    expect_unchanged(A, np.array(_A), "A")
    expect_unchanged(Y, np.array(_Y), "Y")
    value = _expect_one_number(call(cost, np.array(_A2), np.array(_Y2)), "cost(A, Y) for m = 4")
    expect_close(value, _COST2, "cost(A, Y) for m = 4", "Divide by the number of examples, m = Y.shape[1].")
    value = _expect_one_number(call(cost, np.array([[0.25]]), np.array([[0]])), "cost of one example")
    expect_close(value, 0.2876820724517809, "cost([[0.25]], [[0]])",
                 "With one example the cost is that example's loss, here -log(1 - 0.25).")
    passed("cost", "the mean loss, one number")


def _quiet_call(cost_from_logits: Callable[..., Any], z: list, y: list) -> Any:
    """Call `cost_from_logits(z, y)`, turning a floating-point warning into a message about overflow and log(0)."""
    __tracebackhide__ = True
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            return cost_from_logits(np.array(z), np.array(y))
        except (RuntimeWarning, FloatingPointError) as warning:
            raise CheckFailed(
                f"cost_from_logits({z}, {y}) raised the warning '{warning}'. e^z overflows for large z, and "
                "sigmoid(1e4) is exactly 1.0, so log(1 - a) is log(0). Write the loss in terms of z and never "
                "exponentiate a large positive number (np.logaddexp(0, z) computes log(1 + e^z) safely)."
            ) from None
        except NotImplementedError:
            return call(cost_from_logits, np.array(z), np.array(y))
        except Exception as error:  # noqa: BLE001 - reported in words
            raise CheckFailed(f"cost_from_logits({z}, {y}) raised {type(error).__name__}: {error}",
                              places(error.__traceback__)) from None


def check_cost_from_logits(cost_from_logits: Callable[[np.ndarray, np.ndarray], Any]) -> None:
    """The core: the cost of sigmoid(Z) for ordinary z, one number; no overflow or log(0) at |z| = 1e4."""
    __tracebackhide__ = True
    Z, Y = np.array(_Z), np.array(_YZ)
    value = _expect_one_number(call(cost_from_logits, Z, Y), "cost_from_logits(Z, Y)")
    expect(not np.isclose(value, 4 * _COST_Z), "You summed the losses: the cost is their mean, divide by m.")
    expect_close(value, _COST_Z, "cost_from_logits(Z, Y)",
                 "It should equal the cost of A = sigmoid(Z): the mean of log(1 + e^z) - y z.")
    expect_unchanged(Z, np.array(_Z), "Z")

    for z, y, expected in (([[1e4, -1e4]], [[0, 1]], 1e4), ([[1e4, -1e4, 0.0]], [[1, 0, 1]], np.log(2.0) / 3)):
        value = _expect_one_number(_quiet_call(cost_from_logits, z, y), f"cost_from_logits({z}, {y})")
        expect(
            np.isfinite(value),
            f"cost_from_logits({z}, {y}) is {float(value)}: somewhere log(0) was taken (or e^z overflowed). Work with z "
            "directly instead of computing sigmoid(z) first.",
        )
        expect_close(
            value, expected, f"cost_from_logits({z}, {y})",
            "Clipping the probabilities (e.g. to [1e-15, 1 - 1e-15]) keeps the cost finite but wrong: a prediction "
            "with z = 1e4 that is wrong should cost about 1e4. Use the formula log(1 + e^z) - y z.",
        )
    passed("cost_from_logits", "finite and right for |z| up to 1e4")


def check_cost_from_logits_challenge(cost_from_logits: Callable[[np.ndarray, np.ndarray], Any]) -> None:
    """The challenge: a tiny loss (z = -40, y = 0) to a relative 1e-9, and exactly 0 for far-right predictions."""
    __tracebackhide__ = True
    tiny = _expect_one_number(_quiet_call(cost_from_logits, [[-40.0]], [[0]]), "cost_from_logits([[-40]], [[0]])")
    expect_close(
        tiny, _TINY_LOSS, "cost_from_logits([[-40]], [[0]])",
        "log(1 + e^z) for very negative z is a tiny positive number (about e^z); computing 1 + e^z first rounds it "
        "to 1, and log(1) = 0. np.log1p(x) computes log(1 + x) accurately for tiny x; np.logaddexp(0, z) does it all.",
        rtol=_CHALLENGE_RTOL, atol=0.0,
    )
    exact = _expect_one_number(_quiet_call(cost_from_logits, [[5000.0, -3000.0]], [[1, 0]]),
                               "cost_from_logits([[5000, -3000]], [[1, 0]])")
    expect(
        abs(float(exact)) <= 1e-300,
        f"cost_from_logits([[5000, -3000]], [[1, 0]]) = {float(exact)!r}, but both predictions are right beyond doubt and "
        "the true cost, about e^-3000, rounds to 0. A leftover such as log(1 + e^-5000) computed as a difference of "
        "two large numbers is rounding error: write the loss so that nothing large is subtracted.",
    )
    passed("cost_from_logits (challenge)", "tiny losses to 1e-9 and exact zeros")
