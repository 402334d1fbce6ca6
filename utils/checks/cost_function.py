"""Visible checks for lecture 2.3, Cost function."""

from __future__ import annotations

import warnings
from typing import Any, Callable

import numpy as np

from .core import CheckFailed, call, expect, expect_array, expect_close, expect_shape, expect_unchanged, passed

# Three predictions and their labels, with stored answers (natural logarithms).
_Y_HAT = [[0.9, 0.2, 0.6]]
_Y = [[1, 0, 0]]
_LOSSES = [[0.10536051565782628, 0.2231435513142097, 0.916290731874155]]
_LOSSES_SWAPPED = [[2.302585092994046, 1.6094379124341003, 0.5108256237659907]]  # y_hat and 1 - y_hat swapped
_COST = 0.414931599615397
_COST_SUMMED = 1.244794798846191
_COST_M_BY_M = 3.036554268074246  # (1, m) times (m, 1) broadcast into an m x m matrix
_SQUARED = 0.06833333333333333  # mean of (1/2)(y_hat - y)^2
# A second case, m = 4.
_A2 = [[0.25, 0.7, 0.95, 0.4]]
_Y2 = [[0, 1, 1, 0]]
_COST2 = 0.3016189836360137
_SQUARED2 = 0.039375
# Logits.
_Z = [[2.0, -1.0, 0.0, 3.0]]
_YZ = [[1, 0, 1, 0]]
_COST_Z = 1.0454810576737208
_TINY_LOSS = 4.248354255291589e-18  # log(1 + e^(-40)): the loss of z = -40 for y = 0



def _expect_python_float(value: Any, name: str) -> None:
    __tracebackhide__ = True
    if isinstance(value, np.ndarray):
        raise CheckFailed(
            f"{name} should be a single number (a Python float), but it is an array of shape {value.shape}. "
            + ("Average the losses over the examples instead of returning them. " if value.size > 1 else "")
            + "Wrap the final number in float(...)."
        )
    expect(
        type(value) is float,
        f"{name} should be a Python float, but it is a {type(value).__name__}. NumPy reductions such as np.mean "
        "return NumPy scalars: wrap the result in float(...).",
    )


def check_loss(loss: Callable[[Any, Any], Any]) -> None:
    """Elementwise cross-entropy for y_hat = [0.9, 0.2, 0.6], y = [1, 0, 0]; same shape as the inputs."""
    __tracebackhide__ = True
    y_hat, y = np.array(_Y_HAT), np.array(_Y)
    result = call(loss, y_hat, y)
    expect(
        isinstance(result, np.ndarray) and result.size == 3,
        f"loss should return one loss per example (an array like its inputs), but it returned {result!r}. "
        "Averaging over the examples is the job of `cost`.",
    )
    expect_shape(result, (1, 3), "loss(y_hat, y) for inputs of shape (1, 3)")
    expect(
        not np.allclose(result, -np.array(_LOSSES)),
        "Your losses are negative: you left out the minus sign in front. log of a number below 1 is negative, "
        "so L = -[y log(y_hat) + (1 - y) log(1 - y_hat)] is positive.",
    )
    expect(
        not np.allclose(result, _LOSSES_SWAPPED),
        "You swapped y_hat and 1 - y_hat: for y = 1 the loss is -log(y_hat), for y = 0 it is -log(1 - y_hat).",
    )
    expect(
        not np.allclose(result, np.array(_LOSSES) / np.log(10.0)),
        "You used the base-10 logarithm. The loss uses the natural logarithm, np.log.",
    )
    expect(
        not np.allclose(result, [[0.005, 0.02, 0.18]]),
        "This is the squared error (1/2)(y_hat - y)^2, not the cross-entropy loss.",
    )
    expect_close(result, _LOSSES, "loss(y_hat, y)", "Use L = -(y log(y_hat) + (1 - y) log(1 - y_hat)), elementwise.")
    expect_unchanged(y_hat, np.array(_Y_HAT), "y_hat")
    expect_unchanged(y, np.array(_Y), "y")

    single = call(loss, 0.25, 0)
    expect_close(single, 0.2876820724517809, "loss(0.25, 0)", "For y = 0 the loss is -log(1 - y_hat).")
    column = expect_array(call(loss, np.array([[0.5], [0.8]]), np.array([[1], [1]])), "loss of a column")
    expect_shape(column, (2, 1), "loss for inputs of shape (2, 1)")
    expect_close(column, [[0.6931471805599453], [0.2231435513142097]], "loss of [[0.5], [0.8]] for y = 1")
    passed("loss", "elementwise cross-entropy")


def check_cost(cost: Callable[[np.ndarray, np.ndarray], float]) -> None:
    """Mean cross-entropy as a Python float, for m = 3 and m = 4."""
    __tracebackhide__ = True
    A, Y = np.array(_Y_HAT), np.array(_Y)
    value = call(cost, A, Y)
    _expect_python_float(value, "cost(A, Y)")
    expect(
        not np.isclose(value, _COST_SUMMED),
        f"cost(A, Y) = {value:.6f} is the sum of the losses. The cost is their mean: divide by m. For Y of shape "
        "(1, m), len(Y) and Y.shape[0] are 1; the number of examples is Y.shape[1].",
    )
    expect(
        not np.isclose(value, _COST_M_BY_M),
        "Your cost mixes every prediction with every label: a (1, m) array times an (m, 1) array broadcasts into "
        "an m x m matrix. Multiply Y and log(A) elementwise (both of shape (1, m)), or use np.dot(Y, np.log(A).T).",
    )
    expect(not np.isclose(value, -_COST), "Your cost is negative: the loss has a minus sign in front.")
    expect_close(value, _COST, "cost(A, Y)", "J = (1/m) * sum of the losses -(y log(a) + (1 - y) log(1 - a)).")
    expect_unchanged(A, np.array(_Y_HAT), "A")
    value = call(cost, np.array(_A2), np.array(_Y2))
    _expect_python_float(value, "cost(A, Y) for m = 4")
    expect_close(value, _COST2, "cost(A, Y) for m = 4", "Divide by the number of examples m = Y.shape[1].")
    passed("cost", "J is the mean loss, a float")


def check_squared_error_cost(squared_error_cost: Callable[[np.ndarray, np.ndarray], float]) -> None:
    """Mean of (1/2)(y_hat - y)^2 as a Python float, for m = 3 and m = 4."""
    __tracebackhide__ = True
    A, Y = np.array(_Y_HAT), np.array(_Y)
    value = call(squared_error_cost, A, Y)
    _expect_python_float(value, "squared_error_cost(A, Y)")
    expect(
        not np.isclose(value, 2 * _SQUARED),
        "Your value is twice the expected one: the squared-error loss of this lecture is (1/2)(y_hat - y)^2.",
    )
    expect(
        not np.isclose(value, 3 * _SQUARED),
        "You summed the losses: the cost is their mean, so divide by m = Y.shape[1].",
    )
    expect_close(value, _SQUARED, "squared_error_cost(A, Y)", "J = (1/m) * sum of (1/2)(a - y)^2.")
    expect_unchanged(A, np.array(_Y_HAT), "A")
    value = call(squared_error_cost, np.array(_A2), np.array(_Y2))
    _expect_python_float(value, "squared_error_cost(A, Y) for m = 4")
    expect_close(value, _SQUARED2, "squared_error_cost(A, Y) for m = 4", "Divide by m = Y.shape[1], not by len(Y).")
    passed("squared_error_cost", "a float")


def check_cost_from_logits(cost_from_logits: Callable[[np.ndarray, np.ndarray], float]) -> None:
    """The cross-entropy cost from z: right for ordinary z, finite and exact for |z| = 1e4, accurate tiny losses."""
    __tracebackhide__ = True
    Z, Y = np.array(_Z), np.array(_YZ)
    value = call(cost_from_logits, Z, Y)
    _expect_python_float(value, "cost_from_logits(Z, Y)")
    expect_close(value, _COST_Z, "cost_from_logits(Z, Y)",
                 "It should equal the cost of A = sigmoid(Z): the mean of log(1 + e^z) - y z.")
    expect_unchanged(Z, np.array(_Z), "Z")

    for z, y, expected in (([[1e4, -1e4]], [[0, 1]], 1e4), ([[1e4, -1e4]], [[1, 0]], 0.0)):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                value = cost_from_logits(np.array(z), np.array(y))
            except (RuntimeWarning, FloatingPointError) as warning:
                raise CheckFailed(
                    f"cost_from_logits({z}, {y}) raised the warning '{warning}'. e^z overflows for z = 1e4, and "
                    "sigmoid(1e4) is exactly 1.0, so log(1 - a) is log(0). Write the loss in terms of z and only "
                    "exponentiate numbers <= 0 (np.logaddexp(0, z) computes log(1 + e^z) safely)."
                ) from None
            except Exception as error:  # noqa: BLE001 - reported in words
                raise CheckFailed(f"cost_from_logits({z}, {y}) raised {type(error).__name__}: {error}") from None
        expect(
            np.isfinite(value),
            f"cost_from_logits({z}, {y}) is {value}: somewhere log(0) was taken. Work with z directly instead of "
            "computing sigmoid(z) first.",
        )
        expect_close(
            value, expected, f"cost_from_logits({z}, {y})",
            "Clipping the probabilities (e.g. to [1e-15, 1 - 1e-15]) keeps the cost finite but wrong: a prediction "
            "with z = 1e4 that is wrong should cost about 1e4. Use the formula log(1 + e^z) - y z.", atol=1e-6,
        )

    tiny = call(cost_from_logits, np.array([[-40.0]]), np.array([[0]]))
    expect_close(
        tiny, _TINY_LOSS, "cost_from_logits([[-40]], [[0]])",
        "log(1 + e^z) for very negative z is a tiny positive number; computing 1 + e^z first rounds it to 1 "
        "(and log(1) = 0). np.log1p(x) computes log(1 + x) accurately for tiny x; np.logaddexp(0, z) does it all.",
        rtol=1e-6, atol=0.0,
    )
    passed("cost_from_logits", "finite and accurate for |z| up to 1e4")
