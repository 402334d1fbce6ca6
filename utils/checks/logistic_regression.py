"""Visible checks for lecture 2.2, Logistic regression."""

from __future__ import annotations

import warnings
from typing import Any, Callable

import numpy as np

from .core import (CheckFailed, as_number, call, expect, expect_array, expect_close, expect_float_dtype,
                   expect_int_labels, expect_shape, expect_unchanged, passed, places)

# sigma(z) for z = -3, -1, 0, 0.5, 2 (stored, not recomputed here).
_Z = [-3.0, -1.0, 0.0, 0.5, 2.0]
_SIGMA_Z = [0.04742587317756678, 0.2689414213699951, 0.5, 0.6224593312018546, 0.8807970779778823]
# sigma(z) far in the negative tail, for the challenge: z = -30, -50, -200, -700.
_TAIL_Z = [-30.0, -50.0, -200.0, -700.0]
_SIGMA_TAIL = [9.3576229688393e-14, 1.9287498479639178e-22, 1.3838965267367376e-87, 9.85967654375977e-305]

# One small logistic-regression model: n_x = 2 features, m = 4 examples.
_W = [[1.0], [-2.0]]
_B = 0.5
_X = [[1.0, 0.0, -1.0, 1.5], [2.0, -1.0, 0.5, 1.0]]
_LINEAR = [[-2.5, 2.5, -1.5, 0.0]]  # w^T x + b, before the sigmoid
_PROBA = [[0.07585818002124355, 0.9241418199787566, 0.18242552380635635, 0.5]]
_PROBA_MINUS_B = [[0.02931223075135632, 0.8175744761936437, 0.07585818002124355, 0.2689414213699951]]
_PROBA_B_OUTSIDE = [[0.5474258731775667, 1.3807970779778822, 0.6192029220221176, 0.8775406687981454]]  # sigma(w^T X) + b


def _without_warnings(fn: Callable[..., Any], *args: Any, what: str) -> Any:
    """Call `fn(*args)` turning any warning into a failure that explains the overflow."""
    __tracebackhide__ = True
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            return fn(*args)
        except (RuntimeWarning, FloatingPointError) as warning:
            raise CheckFailed(
                f"{what} raised the warning '{warning}'. An exponential overflows (it is larger than any float) "
                "once its exponent passes about 709: e^(-z) when z is very negative, e^(z) when z is very positive. "
                "Only ever exponentiate a non-positive number: for z < 0 rewrite sigma(z) so the exponent is +z. "
                "Beware that np.where(cond, a, b) computes both a and b for every entry, so the "
                "overflow still happens inside it."
            ) from None
        except NotImplementedError:
            call(fn, *args)  # the stub again, reported by `call` in its friendly words
        except Exception as error:  # noqa: BLE001 - reported in words
            raise CheckFailed(f"{what} raised {type(error).__name__}: {error}", places(error.__traceback__)) from None


def _expect_z_kept(z: np.ndarray, values: list[float]) -> None:
    """Fail, saying how it happens, if sigmoid wrote into the caller's array z."""
    __tracebackhide__ = True
    expect(
        np.array_equal(z, values),
        "Your sigmoid changed the caller's array z. For a float array, `np.asarray(z, dtype=float)` returns z itself, "
        "not a copy, so writing into it (`z[...] = ...`, `z -= ...`, `np.clip(z, ..., out=z)`) changes the caller's "
        "data. Build new arrays instead, or start from a copy: `z = np.array(z, dtype=float)`.",
    )


def check_sigmoid(sigmoid: Callable[[Any], Any]) -> None:
    """sigma on arrays, on numbers, on integers; no overflow warning and values in [0, 1] for |z| up to 1e4."""
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
    _expect_z_kept(z, _Z)

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

    extreme = np.array([-1e4, -1000.0, -800.0, -40.0, 40.0, 800.0, 1e4])
    tails = _without_warnings(sigmoid, extreme, what="sigmoid([-1e4, -1000, -800, -40, 40, 800, 1e4])")
    _expect_z_kept(extreme, [-1e4, -1000.0, -800.0, -40.0, 40.0, 800.0, 1e4])
    tails = np.asarray(tails, dtype=float)
    expect(
        np.all(np.isfinite(tails)),
        f"sigmoid([-1e4, -1000, -800, -40, 40, 800, 1e4]) gave {tails.tolist()}: inf or nan means the formula "
        "overflowed. Only exponentiate non-positive numbers.",
    )
    expect(
        np.all((tails >= 0.0) & (tails <= 1.0)),
        f"sigmoid([-1e4, -1000, -800, -40, 40, 800, 1e4]) gave {tails.tolist()}: every value should lie in [0, 1].",
    )
    expect_close(tails, [0.0, 0.0, 0.0, 4.248354255291589e-18, 1.0, 1.0, 1.0],
                 "sigmoid([-1e4, -1000, -800, -40, 40, 800, 1e4])",
                 "Far from 0 the values should be (almost) 0 on the left and 1 on the right.", atol=1e-12)

    for number, expected in ((0, 0.5), (np.float64(2.0), _SIGMA_Z[4]), (-1000.0, 0.0)):
        value = _without_warnings(sigmoid, number, what=f"sigmoid({number!r})")
        value = as_number(value, f"sigmoid({number!r})")
        expect_close(value, expected, f"sigmoid({number!r})", atol=1e-12)

    grid = np.linspace(-8.0, 8.0, 17)
    expect_close(call(sigmoid, -grid), 1 - np.asarray(call(sigmoid, grid)), "sigmoid(-z) compared with 1 - sigmoid(z)",
                 "The sigmoid is symmetric about (0, 0.5): your two branches (z >= 0 and z < 0) disagree.", atol=1e-12)
    passed("sigmoid", "arrays, numbers, integers, no overflow for |z| up to 1e4")


def check_sigmoid_challenge(sigmoid: Callable[[Any], Any]) -> None:
    """Challenge: exact limits at z = -1e4 and 1e4, tiny values for very negative z accurate to 1e-9 (relative)."""
    __tracebackhide__ = True
    limits = np.asarray(_without_warnings(sigmoid, np.array([-1e4, 1e4]), what="sigmoid([-1e4, 1e4])"), dtype=float)
    expect(
        np.array_equal(limits, [0.0, 1.0]),
        f"sigmoid([-1e4, 1e4]) should be exactly [0.0, 1.0] in float64, got {limits.tolist()}. Clipping z "
        "(e.g. to [-500, 500]) avoids the overflow but leaves values like 7e-218 instead of 0: rewrite the formula "
        "for z < 0 instead of clipping.",
    )
    tails = np.asarray(call(sigmoid, np.array(_TAIL_Z)), dtype=float)
    relative = np.abs(tails - _SIGMA_TAIL) / np.array(_SIGMA_TAIL)
    if not np.all(relative <= 1e-9):
        k = int(np.argmax(relative > 1e-9))
        raise CheckFailed(
            f"sigmoid({_TAIL_Z[k]:g}) should be {_SIGMA_TAIL[k]:.10g}, but yours is {tails[k]:.10g} (relative error "
            f"{relative[k]:.1e}, more than 1e-9). Computing sigma(z) as 1 - sigma(-z) for negative z loses every digit "
            "of these tiny values (1 - 0.99999... cancels), and clipping z replaces them by a constant. Use a formula "
            "for z < 0 that neither subtracts from 1 nor clips."
        )
    passed("sigmoid challenge", "exact limits and accurate tails")


class _ExamplesOneByOne(np.ndarray):
    """An X of shape (n_x, m) that fails when code takes its m examples out one at a time (a loop over them)."""

    examples = 0

    def __array_finalize__(self, obj: Any) -> None:
        self.examples = getattr(obj, "examples", 0)

    def __getitem__(self, key: Any) -> Any:
        keys = key if isinstance(key, tuple) else (key,)
        axis = self.shape.index(self.examples) if self.examples in self.shape else None
        if axis is not None and axis < len(keys) and isinstance(keys[axis], (int, np.integer)):
            raise CheckFailed("predict_proba took the examples out of X one at a time (a loop over the examples). "
                              "Compute all m at once: one matrix product of w transposed with X gives the (1, m) row "
                              "of scores.")
        return super().__getitem__(key)

    def __iter__(self) -> Any:
        if self.shape[:1] == (self.examples,):
            raise CheckFailed("predict_proba looped over the examples of X. Compute all m at once: one matrix product "
                              "of w transposed with X gives the (1, m) row of scores.")
        return super().__iter__()

    def __array_ufunc__(self, ufunc: Any, method: str, *inputs: Any, **kwargs: Any) -> Any:
        """Arithmetic on X gives plain arrays, so only X itself watches for loops."""
        plain = [x.view(np.ndarray) if isinstance(x, _ExamplesOneByOne) else x for x in inputs]
        return getattr(ufunc, method)(*plain, **kwargs)


def check_predict_proba(predict_proba: Callable[[np.ndarray, Any, np.ndarray], np.ndarray]) -> None:
    """y_hat = sigma(w^T X + b) for n_x = 2, m = 4, for one example, for b a NumPy number; no loop; inputs unchanged."""
    __tracebackhide__ = True
    w, X = np.array(_W), np.array(_X)
    A = expect_array(call(predict_proba, w, _B, X), "A")
    expect_shape(A, (1, 4), "A for n_x = 2 and m = 4 examples")
    expect(
        not np.allclose(A, _LINEAR),
        "A holds w^T X + b itself: you forgot to pass it through the sigmoid, so it is not a probability.",
    )
    expect(not np.allclose(A, _PROBA_MINUS_B), "A looks like sigma(w^T X - b): add b, don't subtract it.")
    expect(not np.allclose(A, _PROBA_B_OUTSIDE),
           "A looks like sigma(w^T X) + b: add b to the score z before the sigmoid, not to the probability.")
    expect_close(A, _PROBA, "A", "Compute z = w^T X + b (w transposed, times X), then the sigmoid of z.")
    expect_unchanged(w, np.array(_W), "w")
    expect_unchanged(X, np.array(_X), "X")

    one = expect_array(call(predict_proba, w, _B, X[:, 1:2]), "A for one example")
    expect_shape(one, (1, 1), "A for a single example X of shape (2, 1)")
    expect_close(one, [[_PROBA[0][1]]], "A for the single example [[0], [-1]]")

    for b in (np.float32(0.5), np.array(0.5)):
        A = expect_array(call(predict_proba, w, b, X), f"A for b = {b!r}")
        expect_close(A, _PROBA, f"A for b = {b!r}", "b may be any number: a Python float, a NumPy number or a "
                     "0-d array. Add it to every score as it is.")

    watched = np.tile(np.array(_X), 3).view(_ExamplesOneByOne)
    watched.examples = 12
    A = expect_array(call(predict_proba, w, _B, watched), "A for m = 12 examples")
    expect_shape(A, (1, 12), "A for m = 12 examples")
    expect_close(A, np.tile(_PROBA, 3), "A for m = 12 examples")
    passed("predict_proba", "A has shape (1, m), all examples at once")


def check_predict(predict: Callable[..., np.ndarray]) -> None:
    """0/1 integer labels of shape (1, m); y_hat equal to the threshold counts as 1; the threshold argument is used."""
    __tracebackhide__ = True
    # The four examples of the other checks plus one with z = 0.3, y_hat = 0.574.
    w, X = np.array(_W), np.array([row + [extra] for row, extra in zip(_X, (0.8, 0.5))])
    labels = expect_int_labels(call(predict, w, _B, X, threshold=0.5), (1, 5), "predict(w, b, X, threshold=0.5)")
    expect(
        not np.array_equal(labels, [[1, 0, 1, 0, 0]]),
        "Your labels are inverted: predict 1 where the probability is at least the threshold.",
    )
    expect(
        not np.array_equal(labels, [[0, 1, 0, 0, 0]]),
        "With threshold=0.5, the last example has z = w^T x + b = 0.3 and y_hat = sigma(0.3) = 0.57, so it should "
        "be labelled 1. Compare the probability y_hat with the threshold, not z.",
    )
    expect(
        not np.array_equal(labels, [[0, 1, 0, 0, 1]]),
        "The fourth example has y_hat exactly 0.5, equal to the threshold: it should be labelled 1 "
        "(use >= threshold, not > threshold; np.round rounds 0.5 down to 0).",
    )
    expect_close(labels, [[0, 1, 0, 1, 1]], "predict(w, b, X, threshold=0.5)",
                 "Label 1 where y_hat >= threshold, 0 elsewhere.")

    default = expect_int_labels(call(predict, w, _B, X), (1, 5), "predict(w, b, X) without a threshold")
    expect(np.array_equal(default, labels), "predict(w, b, X) should equal predict(w, b, X, threshold=0.5): the "
           f"default threshold is 0.5, but they are {default.tolist()} and {labels.tolist()}.")

    low = expect_int_labels(call(predict, w, _B, X, threshold=0.15), (1, 5), "The predictions with threshold=0.15")
    expect(
        not np.array_equal(low, labels),
        "With threshold=0.15 your labels did not change: compare y_hat with the `threshold` argument, "
        "not with a fixed 0.5.",
    )
    expect_close(low, [[0, 1, 1, 1, 1]], "predict(w, b, X, threshold=0.15)",
                 "Compare the probabilities y_hat (after the sigmoid) with the threshold.")
    high = expect_int_labels(call(predict, w, np.float64(_B), X, 0.9), (1, 5), "predict(w, b, X, 0.9)")
    expect_close(high, [[0, 1, 0, 0, 0]], "predict(w, b, X, 0.9)", "Compare the probabilities y_hat with the threshold.")
    passed("predict", "integer labels of shape (1, m), y_hat >= threshold, threshold respected")
