"""Visible checks for lecture 2.9, Logistic regression gradient descent.

Every expected number below was stored once; nothing here recomputes an exercise. The checks compare the
learner's result with those numbers, and with the numbers the usual mistakes produce, so that a failure can
name the mistake (missing 1/m, sign error, forgotten b, transposed gradient, cost recorded after the update...).
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from .core import call, expect, expect_array, expect_close, expect_shape, expect_unchanged, passed


def _near(actual: Any, expected: Any, rtol: float = 1e-6, atol: float = 1e-9) -> bool:
    """True when `actual` has `expected`'s shape and values (quietly False for anything else)."""
    try:
        actual_arr = np.asarray(actual, dtype=float)
        expected_arr = np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return False
    return actual_arr.shape == expected_arr.shape and bool(np.allclose(actual_arr, expected_arr, rtol=rtol, atol=atol))


def _expect_float(value: Any, name: str) -> None:
    """Fail with a hint unless `value` is a plain Python float (not an array, not a NumPy scalar)."""
    __tracebackhide__ = True
    if isinstance(value, np.ndarray):
        raise _vector_failure(value, name)
    expect(
        type(value) is float,
        f"{name} should be a Python float, but it is a {type(value).__name__}. "
        "Wrap the number in float(...) (a NumPy scalar is not a plain float).",
    )


def _vector_failure(value: np.ndarray, name: str) -> AssertionError:
    from .core import CheckFailed

    if value.size > 1:
        return CheckFailed(
            f"{name} is an array of shape {value.shape}, but it should be one number. You kept one value per "
            "example: average them over the m examples (np.mean or sum / m), then convert with float(...)."
        )
    return CheckFailed(
        f"{name} is an array of shape {value.shape}, but it should be a Python float: convert it with float(...)."
    )


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
            _expect_float(result[key], f'result["{key}"]')
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
    _expect_float(cost, "cost")
    _expect_float(grads["db"], 'grads["db"]')
    if _near(dw, np.array(_BATCH_DW) * m) or _near(cost, _BATCH_COST * m):
        expect(False, "Your sums are m times too large: the cost is the MEAN of the losses, so divide the "
                      "accumulated cost, dw and db by m.")
    if _near(dw, -np.array(_BATCH_DW)) or _near(grads["db"], -_BATCH_DB):
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
    expect_close(grads["db"], _BATCH_DB, 'grads["db"]', "db = (1/m) * sum over i of (a(i) - y(i)).")
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
    expect(
        isinstance(cost, float) and np.isfinite(cost),
        f"With z = [60, -60, 60] and y = [0, 1, 1] your cost is {cost!r}, not a finite number. sigmoid(60) rounds to "
        "exactly 1.0, so log(1 - a) is log(0) = -inf. Compute the cost from Z with cost_from_logits(Z, Y).",
    )
    expect_close(cost, 40.0, "The cost for z = [60, -60, 60], y = [0, 1, 1]",
                 "Two of the three examples are wrong by a margin of 60: their losses are 60 each, so J = 120/3.")
    expect_close(grads["dw"], [[2.0]], 'grads["dw"] for z = [60, -60, 60], y = [0, 1, 1]')
    passed("propagate", "matches the loop's numbers; finite cost for |z| = 60")


# ---------------------------------------------------------------- gradient_check

def _cube_sum(theta: np.ndarray) -> float:
    return float(np.sum(np.asarray(theta, dtype=float) ** 3))


_GC_EXPECTED = 0.0005713818119727285  # theta = [1, 2], gradient 3 theta^2, epsilon = 0.1


def check_gradient_check(gradient_check: Callable[..., Any]) -> None:
    """f(theta) = sum(theta^3) at theta = [1, 2]: centred differences with epsilon = 0.1, then the default."""
    __tracebackhide__ = True
    theta = np.array([1.0, 2.0])
    exact = np.array([3.0, 12.0])
    result = call(gradient_check, _cube_sum, theta, exact, 0.1)
    _expect_float(result, "The relative difference")
    expect_unchanged(theta, np.array([1.0, 2.0]), "theta (nudge a copy, or put the value back)")
    expect(result >= 0, f"The relative difference is {result}, but a ratio of norms cannot be negative.")
    forward = np.linalg.norm([0.31, 0.61]) / (np.linalg.norm(exact) + np.linalg.norm([3.31, 12.61]))
    if _near(result, forward, rtol=1e-3):
        expect(False, "You used a one-sided difference (f(theta + eps) - f(theta)) / eps. Use the centred one, "
                      "(f(theta + eps) - f(theta - eps)) / (2 eps): its error shrinks like eps^2, not eps.")
    if _near(result, np.linalg.norm(exact - 2 * np.array([3.01, 12.01])) / (np.linalg.norm(exact) + 2 * np.linalg.norm(
            [3.01, 12.01])), rtol=1e-3):
        expect(False, "Your numerical slope is twice too large: the centred difference spans 2 * epsilon, so divide by "
                      "2 * epsilon.")
    if _near(result, np.linalg.norm([0.01, 0.01]), rtol=1e-3):
        expect(False, "You returned the plain distance ||g - g_num||. Divide it by ||g|| + ||g_num|| so the measure "
                      "does not depend on how large the gradient is.")
    if result < 1e-6:
        expect(False, "With epsilon = 0.1 the centred slope of theta^3 is 3 theta^2 + 0.01, so the difference cannot "
                      "be this small: use the `epsilon` argument rather than a fixed step.")
    expect_close(result, _GC_EXPECTED, "The relative difference for epsilon = 0.1",
                 "||g - g_num|| / (||g|| + ||g_num||), with g_num from centred differences.", rtol=1e-5)
    small = call(gradient_check, _cube_sum, np.array([1.0, 2.0]), exact)
    _expect_float(small, "The relative difference")
    expect(small < 1e-7, f"With the default epsilon = 1e-7 and the exact gradient the relative difference should be "
                         f"below 1e-7, but it is {small:.3e}. Is the default epsilon 1e-7?")
    wrong = call(gradient_check, _cube_sum, np.array([1.0, 2.0]), 2 * exact)
    expect_close(wrong, 1 / 3, "The relative difference for a gradient twice too large", rtol=1e-6)
    passed("gradient_check", "centred differences, relative measure")


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
    for cost in costs:
        _expect_float(cost, "Each recorded cost")
    if _near(costs[0], _OPT_COST_AFTER_ONE_STEP):
        expect(False, "costs[0] is the cost after the first update. Record the cost of the current parameters "
                      "BEFORE updating them: costs[0] must be the cost of the starting w and b.")
    expect_close(costs[0], _OPT_COSTS[0], "costs[0] (the cost of the starting w and b)")
    expect(costs[1] < costs[0], f"The cost went up ({costs[0]:.4f} -> {costs[1]:.4f}): step AGAINST the gradient, "
                                "w = w - learning_rate * dw (and the same for b).")
    _expect_float(params["b"], 'params["b"]')
    expect(params["b"] != _OPT_B, "b never changed: update it too, b = b - learning_rate * db.")
    final_w = expect_array(params["w"], 'params["w"]')
    expect_shape(final_w, (2, 1), 'params["w"]')
    default_rate = ((0.5624158213310487,), (-0.1383036115647504,))
    if _near(final_w, default_rate):
        expect(False, "These are the parameters for learning rate 0.009: use the `learning_rate` argument you are "
                      "given, not the default.")
    expect_close(final_w, _OPT_FINAL["w"], 'params["w"] after 101 steps')
    expect_close(params["b"], _OPT_FINAL["b"], 'params["b"] after 101 steps')
    expect_close(costs[1], _OPT_COSTS[1], "costs[1] (before iteration 100)")
    expect_close(grads["dw"], _OPT_LAST_GRADS["dw"], 'grads["dw"]',
                 "Return the gradients of the last iteration (computed before its update).")
    expect_close(grads["db"], _OPT_LAST_GRADS["db"], 'grads["db"]')
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
    """6 training and 4 test points in 2-D, 300 iterations at 0.1: costs, weights, predictions, accuracies."""
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
    expect_close(d["b"], _MODEL_B, "d['b']")
    for key, shape, expected in (("Y_prediction_train", (1, 6), _MODEL_Y_TRAIN),
                                 ("Y_prediction_test", (1, 4), ((1, 0, 0, 1),))):
        pred = expect_array(d[key], f"d['{key}']")
        expect_shape(pred, shape, f"d['{key}']")
        expect(bool(np.all((pred == 0) | (pred == 1))),
               f"d['{key}'] should hold 0/1 labels, not probabilities: predict 1 where sigmoid(w^T x + b) > 0.5.")
        expect_close(pred, expected, f"d['{key}']")
    for key, expected in (("train_accuracy", 100.0), ("test_accuracy", 75.0)):
        _expect_float(d[key], f"d['{key}']")
        if _near(d[key], expected / 100):
            expect(False, f"d['{key}'] is a fraction; report it in percent (multiply by 100).")
        expect_close(d[key], expected, f"d['{key}'] (in percent)")
    passed("model", "train 100 %, test 75 % on the toy split")
