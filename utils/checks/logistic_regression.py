"""Visible checks for lecture 2.2, Logistic regression."""

from __future__ import annotations

import warnings
from typing import Any, Callable

import numpy as np

from .core import CheckFailed, call, expect, expect_array, expect_close, expect_float_dtype, expect_shape, expect_unchanged, passed

# sigma(z) for z = -3, -1, 0, 0.5, 2 (stored, not recomputed here).
_Z = [-3.0, -1.0, 0.0, 0.5, 2.0]
_SIGMA_Z = [0.04742587317756678, 0.2689414213699951, 0.5, 0.6224593312018546, 0.8807970779778823]
_SIGMA_MINUS_30 = 9.357622968839299e-14

# One small logistic-regression model: n_x = 2 features, m = 4 examples.
_W = [[1.0], [-2.0]]
_B = 0.5
_X = [[1.0, 0.0, -1.0, 1.5], [2.0, -1.0, 0.5, 1.0]]
_LINEAR = [[-2.5, 2.5, -1.5, 0.0]]  # w^T x + b, before the sigmoid
_PROBA = [[0.07585818002124355, 0.9241418199787566, 0.18242552380635635, 0.5]]



def check_sigmoid(sigmoid: Callable[[Any], Any]) -> None:
    """sigma on arrays, on a scalar, on integers; exact limits without overflow warnings; accurate tails."""
    __tracebackhide__ = True
    z = np.array(_Z)
    s = expect_array(call(sigmoid, z), "sigmoid(z) for an array z")
    expect_shape(s, (5,), "sigmoid(z) for z of shape (5,)")
    expect_float_dtype(s, "sigmoid(z)")
    expect(
        not np.allclose(s, 1 - np.array(_SIGMA_Z)),
        "Your values are 1 - sigma(z): a sign error in the exponent. The formula is 1 / (1 + e^(-z)).",
    )
    expect_close(s, _SIGMA_Z, "sigmoid([-3, -1, 0, 0.5, 2])", "Check the formula sigma(z) = 1 / (1 + e^(-z)).")
    expect_unchanged(z, np.array(_Z), "z")

    matrix = np.array([[0.5, -1.0], [0.0, 2.0]])
    s = expect_array(call(sigmoid, matrix), "sigmoid of a (2, 2) array")
    expect_shape(s, (2, 2), "sigmoid of a (2, 2) array")
    expect_close(s, [[_SIGMA_Z[3], _SIGMA_Z[1]], [0.5, _SIGMA_Z[4]]], "sigmoid of a (2, 2) array",
                 "Apply sigma to every entry and keep the shape.")

    ints = expect_array(call(sigmoid, np.array([-1, 0, 2])), "sigmoid of an integer array")
    integer_hint = ("An output array made with np.zeros_like / np.empty_like of an integer input is an integer array, "
                    "so the values get truncated to 0 or 1. Convert the input first: np.asarray(z, dtype=float).")
    expect(np.issubdtype(ints.dtype, np.floating),
           f"sigmoid(np.array([-1, 0, 2])) should hold floats, but its dtype is {ints.dtype}. " + integer_hint)
    expect_close(ints, [_SIGMA_Z[1], 0.5, _SIGMA_Z[4]], "sigmoid(np.array([-1, 0, 2]))", integer_hint)

    extreme = np.array([-1e4, -800.0, 800.0, 1e4])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            tails = sigmoid(extreme)
        except (RuntimeWarning, FloatingPointError) as warning:
            raise CheckFailed(
                f"sigmoid([-1e4, -800, 800, 1e4]) raised the warning '{warning}'. e^(-z) overflows (it is larger "
                "than any float) when z is very negative. Only ever exponentiate a non-positive number: for z < 0 "
                "rewrite sigma(z) so the exponent is +z. Beware that np.where(cond, a, b) computes both a and b "
                "for every entry, so the overflow still happens inside it."
            ) from None
        except Exception as error:  # noqa: BLE001 - reported in words
            raise CheckFailed(f"sigmoid([-1e4, -800, 800, 1e4]) raised {type(error).__name__}: {error}") from None
    expect(
        np.all(np.isfinite(np.asarray(tails, dtype=float))),
        "sigmoid of large |z| gave inf or nan: the formula overflowed. Only exponentiate non-positive numbers.",
    )
    expect(
        np.array_equal(np.asarray(tails, dtype=float), [0.0, 0.0, 1.0, 1.0]),
        f"sigmoid([-1e4, -800, 800, 1e4]) should be exactly [0, 0, 1, 1], got {np.asarray(tails).tolist()}. "
        "Clipping z (e.g. to [-500, 500]) avoids the overflow but leaves values like 7e-218 instead of 0: "
        "rewrite the formula instead of clipping.",
    )

    tail = call(sigmoid, np.array([-30.0]))
    expect_close(
        tail, [_SIGMA_MINUS_30], "sigmoid(-30)",
        "Computing sigma(z) as 1 - sigma(-z) for negative z loses every digit of these tiny values (1 - 0.99999... "
        "cancels). Use a formula for z < 0 that does not subtract from 1.", rtol=1e-9, atol=0.0,
    )

    half = call(sigmoid, 0)
    expect(
        isinstance(half, float),
        f"sigmoid(0) should be a float, but it is a {type(half).__name__}. For a scalar input return a plain "
        "number (e.g. `float(result)`), not a 0-dimensional array.",
    )
    expect_close(half, 0.5, "sigmoid(0)")

    grid = np.linspace(-8.0, 8.0, 17)
    expect_close(call(sigmoid, -grid), 1 - np.asarray(call(sigmoid, grid)), "sigmoid(-z) compared with 1 - sigmoid(z)",
                 "The sigmoid is symmetric about (0, 0.5): your two branches (z >= 0 and z < 0) disagree.", atol=1e-12)
    passed("sigmoid", "arrays, scalars, integers, |z| up to 1e4")


def check_initialize_with_zeros(initialize_with_zeros: Callable[[int], tuple[np.ndarray, float]]) -> None:
    """w of shape (dim, 1) holding float zeros and b a Python float 0.0, for dim = 3 and dim = 1."""
    __tracebackhide__ = True
    for dim in (3, 1):
        result = call(initialize_with_zeros, dim)
        expect(
            isinstance(result, tuple) and len(result) == 2,
            f"initialize_with_zeros should return the pair (w, b), but it returned {type(result).__name__}.",
        )
        w, b = result
        w = expect_array(w, "w")
        expect_shape(w, (dim, 1), f"w for dim = {dim}")
        expect_float_dtype(w, "w")
        expect(not np.any(w), "w should hold zeros only.")
        expect(
            type(b) is float,
            f"b should be the Python float 0.0, but it is a {type(b).__name__} ({b!r}). "
            "`0` is an int and `np.zeros(1)` is an array; write `b = 0.0`.",
        )
        expect(b == 0.0, f"b should be 0.0, got {b!r}.")
    passed("initialize_with_zeros", "w of shape (dim, 1), b = 0.0")


def check_predict_proba(predict_proba: Callable[[np.ndarray, float, np.ndarray], np.ndarray]) -> None:
    """y_hat = sigma(w^T X + b) for n_x = 2, m = 4, and for a single example; inputs left unchanged."""
    __tracebackhide__ = True
    w, X = np.array(_W), np.array(_X)
    A = expect_array(call(predict_proba, w, _B, X), "A")
    expect_shape(A, (1, 4), "A for n_x = 2 and m = 4 examples")
    expect(
        not np.allclose(A, _LINEAR),
        "A holds w^T X + b itself: you forgot to pass it through the sigmoid, so it is not a probability.",
    )
    expect(
        not np.allclose(A, [[0.02931223075135632, 0.8175744761936437, 0.07585818002124355, 0.2689414213699951]]),
        "A looks like sigma(w^T X - b): add b, don't subtract it.",
    )
    expect_close(A, _PROBA, "A", "Compute z = w^T X + b (w transposed, times X), then the sigmoid of z.")
    expect_unchanged(w, np.array(_W), "w")
    expect_unchanged(X, np.array(_X), "X")

    one = expect_array(call(predict_proba, w, _B, X[:, 1:2]), "A for one example")
    expect_shape(one, (1, 1), "A for a single example X of shape (2, 1)")
    expect_close(one, [[_PROBA[0][1]]], "A for the single example [[0], [-1]]")
    passed("predict_proba", "A has shape (1, m)")


def check_predict(predict: Callable[..., np.ndarray]) -> None:
    """0/1 integer labels of shape (1, m); the threshold argument is used; y_hat equal to it counts as 1."""
    __tracebackhide__ = True
    # The four examples of the other checks plus one with z = 0.3, y_hat = 0.574.
    w, X = np.array(_W), np.array([row + [extra] for row, extra in zip(_X, (0.8, 0.5))])
    labels = expect_array(call(predict, w, _B, X), "The predictions")
    expect_shape(labels, (1, 5), "The predictions for m = 5 examples")
    expect(
        np.issubdtype(labels.dtype, np.integer),
        f"The predictions should be integers 0 and 1, but their dtype is {labels.dtype}. "
        "A comparison gives booleans: convert with `.astype(int)`.",
    )
    expect(
        not np.array_equal(labels, [[1, 0, 1, 0, 0]]),
        "Your labels are inverted: predict 1 where the probability is at least the threshold.",
    )
    expect(
        not np.array_equal(labels, [[0, 1, 0, 0, 0]]),
        "The last example has z = w^T x + b = 0.3 and y_hat = sigma(0.3) = 0.57, so it should be labelled 1. "
        "Compare the probability y_hat with the threshold, not z.",
    )
    expect(
        not np.array_equal(labels, [[0, 1, 0, 0, 1]]),
        "The fourth example has y_hat exactly 0.5, equal to the threshold: it should be labelled 1 "
        "(use >= threshold, not > threshold).",
    )
    expect_close(labels, [[0, 1, 0, 1, 1]], "predict(w, b, X)", "Label 1 where y_hat >= threshold, 0 elsewhere.")

    low = expect_array(call(predict, w, _B, X, threshold=0.15), "The predictions with threshold=0.15")
    expect(
        not np.array_equal(low, labels),
        "With threshold=0.15 your labels did not change: compare y_hat with the `threshold` argument, "
        "not with a fixed 0.5.",
    )
    expect_close(low, [[0, 1, 1, 1, 1]], "predict(w, b, X, threshold=0.15)",
                 "Compare the probabilities y_hat (after the sigmoid) with the threshold.")
    high = call(predict, w, _B, X, 0.9)
    expect_close(high, [[0, 1, 0, 0, 0]], "predict(w, b, X, 0.9)", "Compare the probabilities y_hat with the threshold.")
    passed("predict", "labels of shape (1, m), threshold respected")
