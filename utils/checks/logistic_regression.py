"""Visible checks for lecture 2.2, Logistic regression (messages: "2.2.*" in `utils.checks.messages`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .core import (
    CheckFailed,
    as_number,
    call,
    call_without_warnings,
    expect,
    expect_array,
    expect_close,
    expect_float_dtype,
    expect_int_labels,
    expect_shape,
    expect_unchanged,
    passed,
)
from .messages import say

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
# sigma(w^T X) + b
_PROBA_B_OUTSIDE = [[0.5474258731775667, 1.3807970779778822, 0.6192029220221176, 0.8775406687981454]]


def _without_warnings(fn: Callable[..., Any], *args: Any, what: str) -> Any:
    """Call `fn(*args)` turning any warning into a failure that explains the overflow."""
    __tracebackhide__ = True
    return call_without_warnings(fn, *args, what=what,
                                 on_warning=lambda warning: say("2.2.overflow", what=what, warning=warning))


def _expect_z_kept(z: np.ndarray, values: list[float]) -> None:
    """Fail, saying how it happens, if sigmoid wrote into the caller's array z."""
    __tracebackhide__ = True
    expect(np.array_equal(z, values), say("2.2.z_changed"))


def check_sigmoid(sigmoid: Callable[[Any], Any]) -> None:
    """sigma on arrays, on numbers, on integers; no overflow warning and values in [0, 1] for |z| up to 1e4."""
    __tracebackhide__ = True
    z = np.array(_Z)
    s = expect_array(call(sigmoid, z), say("2.2.of_array"))
    expect_shape(s, (5,), say("2.2.of_shape_5"))
    expect_float_dtype(s, "sigmoid(z)")
    expect(not np.allclose(s, 1 - np.array(_SIGMA_Z)), say("2.2.one_minus"))
    expect_close(s, _SIGMA_Z, "sigmoid([-3, -1, 0, 0.5, 2])", say("2.2.formula"))
    _expect_z_kept(z, _Z)

    matrix = np.array([[0.5, -1.0], [0.0, 2.0]])
    of_matrix = say("2.2.of_matrix")
    s = expect_array(call(sigmoid, matrix), of_matrix)
    expect_shape(s, (2, 2), of_matrix)
    expect_close(s, [[_SIGMA_Z[3], _SIGMA_Z[1]], [0.5, _SIGMA_Z[4]]], of_matrix, say("2.2.every_entry"))

    ints = expect_array(call(sigmoid, np.array([-1, 0, 2])), say("2.2.of_integers"))
    integer_hint = say("2.2.integer_hint")
    expect(np.issubdtype(ints.dtype, np.floating), say("2.2.integer_dtype", dtype=ints.dtype, hint=integer_hint))
    expect_close(ints, [_SIGMA_Z[1], 0.5, _SIGMA_Z[4]], "sigmoid(np.array([-1, 0, 2]))", integer_hint)

    extreme = np.array([-1e4, -1000.0, -800.0, -40.0, 40.0, 800.0, 1e4])
    tails = _without_warnings(sigmoid, extreme, what="sigmoid([-1e4, -1000, -800, -40, 40, 800, 1e4])")
    _expect_z_kept(extreme, [-1e4, -1000.0, -800.0, -40.0, 40.0, 800.0, 1e4])
    tails = np.asarray(tails, dtype=float)
    expect(bool(np.all(np.isfinite(tails))), say("2.2.tails_infinite", tails=tails.tolist()))
    expect(bool(np.all((tails >= 0.0) & (tails <= 1.0))), say("2.2.tails_outside", tails=tails.tolist()))
    expect_close(tails, [0.0, 0.0, 0.0, 4.248354255291589e-18, 1.0, 1.0, 1.0],
                 "sigmoid([-1e4, -1000, -800, -40, 40, 800, 1e4])", say("2.2.tails"), atol=1e-12)

    for number, expected in ((0, 0.5), (np.float64(2.0), _SIGMA_Z[4]), (-1000.0, 0.0)):
        value = _without_warnings(sigmoid, number, what=f"sigmoid({number!r})")
        value = as_number(value, f"sigmoid({number!r})")
        expect_close(value, expected, f"sigmoid({number!r})", atol=1e-12)

    grid = np.linspace(-8.0, 8.0, 17)
    expect_close(call(sigmoid, -grid), 1 - np.asarray(call(sigmoid, grid)), say("2.2.symmetry_name"),
                 say("2.2.symmetry"), atol=1e-12)
    passed("sigmoid", say("2.2.sigmoid.passed"))


def check_sigmoid_challenge(sigmoid: Callable[[Any], Any]) -> None:
    """Challenge: exact limits at z = -1e4 and 1e4, tiny values for very negative z accurate to 1e-9 (relative)."""
    __tracebackhide__ = True
    limits = np.asarray(_without_warnings(sigmoid, np.array([-1e4, 1e4]), what="sigmoid([-1e4, 1e4])"), dtype=float)
    expect(np.array_equal(limits, [0.0, 1.0]), say("2.2.limits", limits=limits.tolist()))
    tails = np.asarray(call(sigmoid, np.array(_TAIL_Z)), dtype=float)
    relative = np.abs(tails - _SIGMA_TAIL) / np.array(_SIGMA_TAIL)
    if not np.all(relative <= 1e-9):
        k = int(np.argmax(relative > 1e-9))
        raise CheckFailed(say("2.2.tail_accuracy", z=_TAIL_Z[k], expected=_SIGMA_TAIL[k], actual=tails[k],
                              error=relative[k]))
    passed("sigmoid challenge", say("2.2.challenge.passed"))


class _ExamplesOneByOne(np.ndarray):
    """An X of shape (n_x, m) that fails when code takes its m examples out one at a time (a loop over them)."""

    examples = 0

    def __array_finalize__(self, obj: Any) -> None:
        self.examples = getattr(obj, "examples", 0)

    def __getitem__(self, key: Any) -> Any:
        keys = key if isinstance(key, tuple) else (key,)
        axis = self.shape.index(self.examples) if self.examples in self.shape else None
        if axis is not None and axis < len(keys) and isinstance(keys[axis], (int, np.integer)):
            raise CheckFailed(say("2.2.loop_index"))
        return super().__getitem__(key)

    def __iter__(self) -> Any:
        if self.shape[:1] == (self.examples,):
            raise CheckFailed(say("2.2.loop_iter"))
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
    expect_shape(A, (1, 4), say("2.2.A_for_4"))
    expect(not np.allclose(A, _LINEAR), say("2.2.no_sigmoid"))
    expect(not np.allclose(A, _PROBA_MINUS_B), say("2.2.minus_b"))
    expect(not np.allclose(A, _PROBA_B_OUTSIDE), say("2.2.b_outside"))
    expect_close(A, _PROBA, "A", say("2.2.compute_A"))
    expect_unchanged(w, np.array(_W), "w")
    expect_unchanged(X, np.array(_X), "X")

    one = expect_array(call(predict_proba, w, _B, X[:, 1:2]), say("2.2.A_for_one"))
    expect_shape(one, (1, 1), say("2.2.A_for_single"))
    expect_close(one, [[_PROBA[0][1]]], say("2.2.A_for_example"))

    for b in (np.float32(0.5), np.array(0.5)):
        name = say("2.2.A_for_b", b=b)
        A = expect_array(call(predict_proba, w, b, X), name)
        expect_close(A, _PROBA, name, say("2.2.any_b"))

    watched = np.tile(np.array(_X), 3).view(_ExamplesOneByOne)
    watched.examples = 12
    name = say("2.2.A_for_12")
    A = expect_array(call(predict_proba, w, _B, watched), name)
    expect_shape(A, (1, 12), name)
    expect_close(A, np.tile(_PROBA, 3), name)
    passed("predict_proba", say("2.2.predict_proba.passed"))


def check_predict(predict: Callable[..., np.ndarray]) -> None:
    """0/1 integer labels of shape (1, m); y_hat equal to the threshold counts as 1; the threshold argument is used."""
    __tracebackhide__ = True
    # The four examples of the other checks plus one with z = 0.3, y_hat = 0.574.
    w, X = np.array(_W), np.array([row + [extra] for row, extra in zip(_X, (0.8, 0.5), strict=True)])
    labels = expect_int_labels(call(predict, w, _B, X, threshold=0.5), (1, 5), "predict(w, b, X, threshold=0.5)")
    expect(not np.array_equal(labels, [[1, 0, 1, 0, 0]]), say("2.2.inverted"))
    expect(not np.array_equal(labels, [[0, 1, 0, 0, 0]]), say("2.2.compared_z"))
    expect(not np.array_equal(labels, [[0, 1, 0, 0, 1]]), say("2.2.strictly_greater"))
    expect_close(labels, [[0, 1, 0, 1, 1]], "predict(w, b, X, threshold=0.5)", say("2.2.label_rule"))

    default = expect_int_labels(call(predict, w, _B, X), (1, 5), say("2.2.without_threshold"))
    expect(np.array_equal(default, labels), say("2.2.default_threshold", default=default.tolist(),
                                                labels=labels.tolist()))

    low = expect_int_labels(call(predict, w, _B, X, threshold=0.15), (1, 5), say("2.2.with_015"))
    expect(not np.array_equal(low, labels), say("2.2.threshold_ignored"))
    expect_close(low, [[0, 1, 1, 1, 1]], "predict(w, b, X, threshold=0.15)", say("2.2.compare_after_sigmoid"))
    high = expect_int_labels(call(predict, w, np.float64(_B), X, 0.9), (1, 5), "predict(w, b, X, 0.9)")
    expect_close(high, [[0, 1, 0, 0, 0]], "predict(w, b, X, 0.9)", say("2.2.compare"))
    passed("predict", say("2.2.predict.passed"))
