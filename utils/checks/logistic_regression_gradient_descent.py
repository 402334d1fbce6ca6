"""Visible checks for lecture 2.9, Logistic regression gradient descent.

Every expected number below was stored once; nothing here recomputes an exercise (the sigmoid's slope is held
against a centred difference from `utils.gradient_check`, as the exercise says). The checks compare the learner's
result with those numbers, and with the numbers the usual mistakes produce, so that a failure can name the mistake
(missing 1/m, sign error, forgotten b, transposed gradient, cost recorded after the update, a threshold of > 0.5...).
Every kind of number is accepted where a number is asked for, and float32 results within their precision.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from .core import (CheckFailed, as_number, call, expect, expect_array, expect_close, expect_int_labels, expect_shape,
                   expect_unchanged, passed, tolerances)


def _near(actual: Any, expected: Any, rtol: float = 1e-6, atol: float = 1e-9) -> bool:
    """True when `actual` has `expected`'s shape and values (quietly False for anything else)."""
    try:
        actual_arr = np.asarray(actual, dtype=float)
        expected_arr = np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return False
    return actual_arr.shape == expected_arr.shape and bool(np.allclose(actual_arr, expected_arr, rtol=rtol, atol=atol))


def _number(value: Any, name: str) -> float:
    """`value` as a float when it is one number of any kind (int, float, NumPy scalar, 0-d array); else a hint."""
    __tracebackhide__ = True
    if isinstance(value, np.ndarray) and value.size > 1:
        raise CheckFailed(
            f"{name} is an array of shape {value.shape}, but it should be one number. You kept one value per "
            "example: average them over the m examples (np.mean, or the sum divided by m)."
        )
    return as_number(value, name)


def _expect_dict(result: Any, keys: tuple[str, ...], name: str) -> dict:
    __tracebackhide__ = True
    expect(isinstance(result, dict), f"{name} should be a dict, but it is a {type(result).__name__}.")
    missing = [key for key in keys if key not in result]
    expect(not missing, f"{name} has no key {', '.join(repr(k) for k in missing)}; it needs {', '.join(keys)}.")
    return result


def _expect_pair(result: Any, name: str) -> tuple[Any, Any]:
    __tracebackhide__ = True
    expect(
        isinstance(result, tuple) and len(result) == 2,
        f"{name} should return a pair (grads, cost), but it returned {type(result).__name__}"
        + (f" of length {len(result)}" if isinstance(result, (tuple, list)) else "")
        + ".",
    )
    return result


# ---------------------------------------------------------------- sigmoid_derivative

def _stable_sigmoid(z: np.ndarray) -> np.ndarray:
    shrink = np.exp(-np.abs(z))
    return np.where(z < 0, shrink, 1.0) / (1.0 + shrink)


_SLOPE_Z = ((-3.0, -0.5, 0.0, 1.0, 4.0),)
_SLOPE_A = ((0.04742587317756678, 0.3775406687981454, 0.5, 0.7310585786300049, 0.9820137900379085),)
_SLOPE_TAILS = ((-800.0, -40.0, 0.0, 40.0, 800.0),)


def check_sigmoid_derivative(sigmoid_derivative: Callable[..., Any]) -> None:
    """The slope at z = 0 and z = 2 (numbers), on a (1, 5) array against centred differences, and far in the tails."""
    __tracebackhide__ = True
    from utils.gradient_check import numerical_gradient, relative_difference

    at_zero = _number(call(sigmoid_derivative, 0.0), "sigmoid_derivative(0.0)")
    if _near(at_zero, 0.5):
        expect(False, "sigmoid_derivative(0.0) is 0.5, which is sigmoid(0) itself (or 1 - sigmoid(0)); the slope "
                      "of the sigmoid at 0 is 0.25. Multiply a by (1 - a).")
    if _near(at_zero, -0.25):
        expect(False, "sigmoid_derivative(0.0) is -0.25: the sigmoid rises everywhere, so its slope is positive.")
    if _near(at_zero, 0.0):
        expect(False, "sigmoid_derivative(0.0) is 0, but the sigmoid is steepest at z = 0 (slope 0.25). Did you use "
                      "z itself instead of a = sigmoid(z)?")
    expect_close(at_zero, 0.25, "sigmoid_derivative(0.0)", "At z = 0, a = 0.5, and the slope is a(1 - a) = 0.25.")
    expect_close(_number(call(sigmoid_derivative, 2.0), "sigmoid_derivative(2.0)"), 0.10499358540350662,
                 "sigmoid_derivative(2.0)", "With a = sigmoid(2) = 0.880797, the slope is a(1 - a) = 0.104994.")
    z = np.array(_SLOPE_Z)
    slopes = call(sigmoid_derivative, z)
    expect_unchanged(z, np.array(_SLOPE_Z), "z")
    slopes = expect_array(slopes, "sigmoid_derivative(z) for an array z")
    expect_shape(slopes, z.shape, "sigmoid_derivative(z) (the same shape as z)")
    if _near(slopes, _SLOPE_A):
        expect(False, "For an array z you returned sigmoid(z) itself; the slope is a(1 - a) with a = sigmoid(z).")
    numerical = numerical_gradient(lambda v: float(np.sum(_stable_sigmoid(v))), z)
    difference = relative_difference(slopes, numerical)
    limit = max(1e-7, tolerances(slopes, 1e-7, 0.0)[0])  # wider for a float32 or float16 result
    expect(difference < limit, f"For z = {z.ravel().tolist()} your slopes {np.round(np.asarray(slopes, dtype=float).ravel(), 6).tolist()} "
                              f"differ from the centred-difference estimate {np.round(numerical.ravel(), 6).tolist()} "
                              f"(relative difference {difference:.1e}; below {limit:.0e} would mean they agree).")
    tails = call(sigmoid_derivative, np.array(_SLOPE_TAILS))
    tails = np.asarray(expect_array(tails, "sigmoid_derivative(z) for z = [-800, -40, 0, 40, 800]"), dtype=float)
    expect(bool(np.all(np.isfinite(tails))),
           f"For z = [-800, -40, 0, 40, 800] you returned {np.array2string(tails, precision=3)}: not every slope is a "
           "finite number. e^(-z) overflows to inf for z = -800 (and inf / inf is nan). Compute a = sigmoid(z) with "
           "the given sigmoid, which never overflows, and write the slope with a alone.")
    expect_close(tails, [[0.0, 0.0, 0.25, 0.0, 0.0]], "sigmoid_derivative(z) for z = [-800, -40, 0, 40, 800]",
                 "Far in the tails the sigmoid is flat: its slope is (almost exactly) 0.", atol=1e-12)
    passed("sigmoid_derivative", "numbers and arrays, agrees with centred differences, finite in the tails")


# ---------------------------------------------------------------- single_example_gradients

# Two fixed examples: (x, y, w, b) and the derivatives they give; "no_b" are the values with b left out of z.
_SINGLE_CASES = (
    {
        "args": (((1.0,), (2.0,)), 1, ((0.5,), (-0.25,)), 0.1),
        "da": -1.9048374180359595,
        "dz": -0.47502081252106,
        "dw": ((-0.47502081252106,), (-0.95004162504212,)),
        "dz_no_b": -0.5,
    },
    {
        "args": (((3.0,), (-1.0,)), 0, ((0.2,), (0.4,)), -0.5),
        "da": 1.740818220681718,
        "dz": 0.425557483188341,
        "dw": ((1.276672449565023,), (-0.425557483188341,)),
        "dz_no_b": 0.549833997312478,
    },
)


def check_single_example_gradients(single_example_gradients: Callable[..., dict]) -> None:
    """Two examples with two features (y = 1 and y = 0): da, dz, dw, db against stored values."""
    __tracebackhide__ = True
    for case in _SINGLE_CASES:
        x_list, y, w_list, b = case["args"]
        x, w = np.array(x_list), np.array(w_list)
        result = _expect_dict(call(single_example_gradients, x, y, w, b), ("da", "dz", "dw", "db"), "The result")
        where = f"(for x = {x.ravel().tolist()}, y = {y}, w = {w.ravel().tolist()}, b = {b})"
        for key in ("da", "dz", "db"):
            _number(result[key], f'result["{key}"]')
        dw = expect_array(result["dw"], 'result["dw"]')
        expect_shape(dw, (2, 1), 'result["dw"] (same shape as w)')
        if _near(result["dz"], case["dz_no_b"]):
            expect(False, f"dz is {result['dz']:.6f} {where}: that is what you get without b. z = w1 x1 + w2 x2 + b.")
        if _near(result["da"], -case["da"]):
            expect(False, f"da has the wrong sign {where}. The derivative of L = -(y log a + (1 - y) log(1 - a)) "
                          "with respect to a is -y/a + (1 - y)/(1 - a).")
        expect_close(result["da"], case["da"], f"da {where}", "da = -y/a + (1 - y)/(1 - a), with a = sigmoid(z).")
        if _near(result["dz"], -case["dz"]):
            expect(False, f"dz has the wrong sign {where}: it is a - y (prediction minus label), not y - a.")
        expect_close(result["dz"], case["dz"], f"dz {where}", "dz = da * a(1 - a), which simplifies to a - y.")
        if _near(dw, w * case["dz"]):
            expect(False, f"dw {where} is w * dz: the derivative of z = w1 x1 + w2 x2 + b with respect to w1 is x1, "
                          "so dw = x * dz.")
        expect_close(dw, case["dw"], f"dw {where}", "dw1 = x1 * dz and dw2 = x2 * dz, i.e. dw = x * dz.")
        expect_close(result["db"], case["dz"], f"db {where}", "z depends on b with slope 1, so db = dz.")
        expect_unchanged(x, np.array(x_list), "x")
        expect_unchanged(w, np.array(w_list), "w")
    passed("single_example_gradients", "da, dz, dw, db for y = 1 and y = 0")


# ---------------------------------------------------------------- gradients_loop and propagate

_BATCH_X = ((1.0, -2.0, 0.5, 3.0), (0.0, 1.5, -1.0, 2.0), (2.0, 0.5, 1.0, -1.0))
_BATCH_Y = ((1, 0, 0, 1),)
_BATCH_W = ((0.1,), (-0.2,), (0.3,))
_BATCH_B = 0.25
_BATCH_DW = ((-0.6240571856216749,), (-0.26307573825838043,), (0.22678627219440456,))
_BATCH_DB = 0.08717015658194649
_BATCH_COST = 0.7283526951654582
_BATCH_NO_B = {"dw": ((-0.6593930637072825,), (-0.3028593199029249,), (0.19397250150023002,)),
               "db": 0.029254531037296222, "cost": 0.7137689845418813}
# The last example alone (what a loop that overwrites instead of accumulating ends with, divided by 1).
_LAST_ONLY = {"dw": ((-1.6122895360312488,), (-1.0748596906874992,), (0.5374298453437496,)),
              "db": -0.5374298453437496, "cost": 0.7709570477895321}


def _check_batch_gradients(function: Callable[..., Any], name: str) -> None:
    __tracebackhide__ = True
    X, Y, w = np.array(_BATCH_X), np.array(_BATCH_Y), np.array(_BATCH_W)
    m = X.shape[1]
    grads, cost = _expect_pair(call(function, w, _BATCH_B, X, Y), f"`{name}`")
    grads = _expect_dict(grads, ("dw", "db"), "grads")
    dw = expect_array(grads["dw"], 'grads["dw"]')
    expect_shape(dw, (3, 1), 'grads["dw"] (same shape as w: (n_x, 1))')
    cost, db = _number(cost, "cost"), _number(grads["db"], 'grads["db"]')
    if _near(dw, np.array(_BATCH_DW) * m) or _near(cost, _BATCH_COST * m) or _near(db, _BATCH_DB * m):
        sums = "the accumulated sums" if name == "gradients_loop" else "the sums in dw, db and the cost"
        expect(False, f"Your results are m times too large: the cost is the MEAN of the m losses and its gradient the "
                      f"mean of their gradients, so divide {sums} by m (or use np.mean).")
    if _near(dw, -np.array(_BATCH_DW)) or _near(db, -_BATCH_DB):
        expect(False, "The gradient has the wrong sign: dz = a - y (prediction minus label), and dw = x * dz.")
    if _near(cost, -_BATCH_COST):
        expect(False, "The cost is negative: L = -(y log a + (1 - y) log(1 - a)); a log of a probability is "
                      "negative, so the minus sign in front makes every loss positive.")
    if _near(dw, _BATCH_NO_B["dw"]) or _near(cost, _BATCH_NO_B["cost"]):
        expect(False, "These are the values for b = 0: you forgot to add b to z = w^T x + b.")
    if _near(dw, _LAST_ONLY["dw"]) or _near(dw, np.array(_LAST_ONLY["dw"]) / m):
        expect(False, "dw only reflects the last example: ACCUMULATE over the loop (dw += ...) instead of "
                      "overwriting, and create the accumulators once, before the loop.")
    expect_close(dw, _BATCH_DW, 'grads["dw"]', "dw = (1/m) * sum over i of x(i) * (a(i) - y(i)).")
    expect_close(db, _BATCH_DB, 'grads["db"]', "db = (1/m) * sum over i of (a(i) - y(i)).")
    expect_close(cost, _BATCH_COST, "cost", "cost = (1/m) * sum over i of L(a(i), y(i)).", rtol=1e-9)
    expect_unchanged(X, np.array(_BATCH_X), "X")
    expect_unchanged(Y, np.array(_BATCH_Y), "Y")
    expect_unchanged(w, np.array(_BATCH_W), "w")


def check_gradients_loop(gradients_loop: Callable[..., Any]) -> None:
    """m = 4 examples, n_x = 3 features: the averaged gradients and cost against stored values."""
    __tracebackhide__ = True
    _check_batch_gradients(gradients_loop, "gradients_loop")
    passed("gradients_loop", "n_x = 3, m = 4")


def check_propagate(propagate: Callable[..., Any]) -> None:
    """The same m = 4 case as gradients_loop, then large logits that a naive log cannot handle."""
    __tracebackhide__ = True
    _check_batch_gradients(propagate, "propagate")
    # |z| = 60 for every example: sigmoid(60) rounds to exactly 1.0, so a naive log(1 - a) is log(0) = -inf.
    X = np.array([[3.0, -3.0, 3.0]])
    Y = np.array([[0, 1, 1]])
    grads, cost = _expect_pair(call(propagate, np.array([[20.0]]), 0.0, X, Y), "`propagate`")
    cost = _number(cost, "The cost for z = [60, -60, 60], y = [0, 1, 1]")
    expect(
        bool(np.isfinite(cost)),
        f"With z = [60, -60, 60] and y = [0, 1, 1] your cost is {cost!r}, not a finite number. sigmoid(60) rounds to "
        "exactly 1.0, so log(1 - a) is log(0) = -inf. Compute the cost from Z with cost_from_logits(Z, Y).",
    )
    expect_close(cost, 40.0, "The cost for z = [60, -60, 60], y = [0, 1, 1]",
                 "Two of the three examples are wrong by a margin of 60: their losses are 60 each, so J = 120/3.")
    expect_close(grads["dw"], [[2.0]], 'grads["dw"] for z = [60, -60, 60], y = [0, 1, 1]')
    passed("propagate", "matches the loop's numbers; finite cost for |z| = 60")


# ---------------------------------------------------------------- optimize

_OPT_X = ((0.5, -1.0, 2.0), (1.0, 0.5, -1.5))
_OPT_Y = ((1, 0, 1),)
_OPT_W = ((0.2,), (-0.1,))
_OPT_B = -0.1
_OPT_COSTS = (0.5903425871632676, 0.13220951855905358)  # 101 iterations at 0.1: before iterations 0 and 100
_OPT_FINAL = {"w": ((2.0472500990620337,), (0.12843749739695665,)), "b": 0.3474445995427026}
_OPT_LAST_GRADS = {"dw": ((-0.09483723756853157,), (-0.02677277926875482,)), "db": -0.011350588878150334}
_OPT_COST_AFTER_ONE_STEP = 0.563988170040235


def check_optimize(optimize: Callable[..., Any]) -> None:
    """101 iterations at learning rate 0.1 on 3 examples: parameters, last gradients, costs at 0 and 100."""
    __tracebackhide__ = True
    X, Y, w = np.array(_OPT_X), np.array(_OPT_Y), np.array(_OPT_W)
    result = call(optimize, w, _OPT_B, X, Y, num_iterations=101, learning_rate=0.1)
    expect(isinstance(result, tuple) and len(result) == 3, "optimize should return (params, grads, costs).")
    params, grads, costs = result
    expect_unchanged(w, np.array(_OPT_W), "w")
    params = _expect_dict(params, ("w", "b"), "params")
    grads = _expect_dict(grads, ("dw", "db"), "grads")
    expect(isinstance(costs, list), f"costs should be a list of floats, but it is a {type(costs).__name__}.")
    expect(len(costs) == 2, f"After 101 iterations costs should hold 2 values (iterations 0 and 100), but it holds "
                            f"{len(costs)}. Record the cost when i % 100 == 0, counting i from 0.")
    costs = [_number(cost, "Each recorded cost") for cost in costs]
    if _near(costs[0], _OPT_COST_AFTER_ONE_STEP):
        expect(False, "costs[0] is the cost after the first update. Record the cost of the current parameters "
                      "BEFORE updating them: costs[0] must be the cost of the starting w and b.")
    expect_close(costs[0], _OPT_COSTS[0], "costs[0] (the cost of the starting w and b)")
    expect(costs[1] < costs[0], f"The cost went up ({costs[0]:.4f} -> {costs[1]:.4f}): step AGAINST the gradient, "
                                "w = w - learning_rate * dw (and the same for b).")
    final_b = _number(params["b"], 'params["b"]')
    expect(final_b != _OPT_B, "b never changed: update it too, b = b - learning_rate * db.")
    final_w = expect_array(params["w"], 'params["w"]')
    expect_shape(final_w, (2, 1), 'params["w"]')
    default_rate = ((0.5624158213310487,), (-0.1383036115647504,))
    if _near(final_w, default_rate):
        expect(False, "These are the parameters for learning rate 0.009: use the `learning_rate` argument you are "
                      "given, not the default.")
    expect_close(final_w, _OPT_FINAL["w"], 'params["w"] after 101 steps')
    expect_close(final_b, _OPT_FINAL["b"], 'params["b"] after 101 steps')
    expect_close(costs[1], _OPT_COSTS[1], "costs[1] (before iteration 100)")
    expect_close(grads["dw"], _OPT_LAST_GRADS["dw"], 'grads["dw"]',
                 "Return the gradients of the last iteration (computed before its update).")
    expect_close(_number(grads["db"], 'grads["db"]'), _OPT_LAST_GRADS["db"], 'grads["db"]')
    passed("optimize", "101 steps, costs recorded before the update, w untouched")


# ---------------------------------------------------------------- model

_MODEL_X_TRAIN = ((0.0, 1.0, 2.0, -1.0, -2.0, 0.5), (1.0, -0.5, 1.5, -1.0, 0.5, -2.0))
_MODEL_Y_TRAIN = ((1, 1, 1, 0, 0, 0),)
_MODEL_X_TEST = ((1.5, -1.5, 0.2, -0.1), (0.5, -0.5, -1.0, 1.0))
_MODEL_Y_TEST = ((1, 0, 1, 1),)
_MODEL_COSTS = (0.6931471805599453, 0.1379681396373972, 0.08035108035908124)  # 300 iterations at 0.1
_MODEL_W = ((2.4574079487238847,), (2.116263253455547,))
_MODEL_B = 0.5050300427702585
_MODEL_KEYS = ("costs", "Y_prediction_train", "Y_prediction_test", "w", "b", "learning_rate", "num_iterations",
               "train_accuracy", "test_accuracy")


def check_model(model: Callable[..., Any]) -> None:
    """6 training and 4 test points in 2-D, 300 iterations at 0.1; then 0 iterations, where every y_hat is exactly 0.5."""
    __tracebackhide__ = True
    X_train, Y_train = np.array(_MODEL_X_TRAIN), np.array(_MODEL_Y_TRAIN)
    X_test, Y_test = np.array(_MODEL_X_TEST), np.array(_MODEL_Y_TEST)
    d = _expect_dict(call(model, X_train, Y_train, X_test, Y_test, num_iterations=300, learning_rate=0.1),
                     _MODEL_KEYS, "The dict model returns")
    expect(isinstance(d["costs"], list) and len(d["costs"]) == 3,
           "With num_iterations = 300, d['costs'] should hold 3 costs (iterations 0, 100, 200): pass "
           "num_iterations and learning_rate on to optimize.")
    expect_close(d["costs"][0], _MODEL_COSTS[0], "d['costs'][0]",
                 "Start from w = zeros of shape (n_x, 1) and b = 0: every prediction is then 0.5 and the cost is log 2.")
    expect(d["learning_rate"] == 0.1 and d["num_iterations"] == 300,
           "d['learning_rate'] and d['num_iterations'] should be the values the model was called with.")
    expect_close(d["costs"], _MODEL_COSTS, "d['costs']", "Pass learning_rate on to optimize.")
    expect_close(d["w"], _MODEL_W, "d['w']")
    expect_close(_number(d["b"], "d['b']"), _MODEL_B, "d['b']")
    for key, shape, expected in (("Y_prediction_train", (1, 6), _MODEL_Y_TRAIN),
                                 ("Y_prediction_test", (1, 4), ((1, 0, 0, 1),))):
        pred = expect_array(d[key], f"d['{key}']")
        expect_shape(pred, shape, f"d['{key}']")
        expect(bool(np.all((pred == 0) | (pred == 1))),
               f"d['{key}'] should hold 0/1 labels, not probabilities: predict 1 where y_hat >= 0.5, else 0.")
        expect_int_labels(pred, shape, f"d['{key}']")
        expect_close(pred, expected, f"d['{key}']")
    for key, expected in (("train_accuracy", 100.0), ("test_accuracy", 75.0)):
        accuracy = _number(d[key], f"d['{key}']")
        if _near(accuracy, expected / 100):
            expect(False, f"d['{key}'] is a fraction; report it in percent (multiply by 100).")
        expect_close(accuracy, expected, f"d['{key}'] (in percent)")
    untrained = _expect_dict(call(model, X_train, Y_train, X_test, Y_test, num_iterations=0, learning_rate=0.1),
                             _MODEL_KEYS, "The dict model returns")
    for key, shape in (("Y_prediction_train", (1, 6)), ("Y_prediction_test", (1, 4))):
        pred = expect_int_labels(untrained[key], shape, f"d['{key}'] after 0 iterations")
        expect(bool(np.all(pred == 1)),
               f"After 0 iterations w = 0 and b = 0, so every y_hat is exactly 0.5, and the rule predicts 1 where "
               f"y_hat >= 0.5; d['{key}'] is {pred.tolist()}. Use >=, not >.")
    passed("model", "train 100 %, test 75 % on the toy split; y_hat = 0.5 predicts 1")
