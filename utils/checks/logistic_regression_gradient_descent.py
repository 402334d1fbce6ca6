"""Visible checks for lecture 2.9, Logistic regression gradient descent.

Every expected number below was stored once; nothing here recomputes an exercise (the sigmoid's slope is held
against a centred difference from `utils.gradient_check`, as the exercise says). The checks compare the learner's
result with those numbers, and with the numbers the usual mistakes produce, so that a failure can name the mistake
(missing 1/m, sign error, forgotten b, transposed gradient, cost recorded after the update, a threshold of > 0.5...).
Every kind of number is accepted where a number is asked for, and float32 results within their precision.
Messages: "2.9.*" in `utils.checks.messages`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .core import (
    CheckFailed,
    as_number,
    call,
    expect,
    expect_array,
    expect_close,
    expect_int_labels,
    expect_keys,
    expect_shape,
    expect_tuple,
    expect_unchanged,
    matches,
    passed,
    tolerances,
)
from .messages import say


def _number(value: Any, name: str) -> float:
    """`value` as a float when it is one number of any kind (int, float, NumPy scalar, 0-d array); else a hint."""
    __tracebackhide__ = True
    if isinstance(value, np.ndarray) and value.size > 1:
        raise CheckFailed(say("2.9.not_averaged", name=name, shape=value.shape))
    return as_number(value, name)


def _expect_dict(result: Any, keys: tuple[str, ...], name: str) -> dict:
    """`result`, a dict with every key of `keys` (`name` is what the messages call it)."""
    __tracebackhide__ = True
    return expect_keys(result, keys, "2.9.not_a_dict", "2.9.missing_keys", name=name)


def _expect_pair(result: Any, name: str) -> tuple[Any, ...]:
    __tracebackhide__ = True
    length = say("2.9.of_length", length=len(result)) if isinstance(result, (tuple, list)) else ""
    return expect_tuple(result, 2, say("2.9.not_a_pair", name=name, type=type(result).__name__, length=length))


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
    expect(not matches(at_zero, 0.5), say("2.9.slope_is_sigmoid"))
    expect(not matches(at_zero, -0.25), say("2.9.slope_negative"))
    expect(not matches(at_zero, 0.0), say("2.9.slope_zero"))
    expect_close(at_zero, 0.25, "sigmoid_derivative(0.0)", say("2.9.slope_at_0"))
    expect_close(_number(call(sigmoid_derivative, 2.0), "sigmoid_derivative(2.0)"), 0.10499358540350662,
                 "sigmoid_derivative(2.0)", say("2.9.slope_at_2"))
    z = np.array(_SLOPE_Z)
    slopes = call(sigmoid_derivative, z)
    expect_unchanged(z, np.array(_SLOPE_Z), "z")
    slopes = expect_array(slopes, say("2.9.slopes_of_array"))
    expect_shape(slopes, z.shape, say("2.9.slopes_shape"))
    expect(not matches(slopes, _SLOPE_A), say("2.9.slopes_are_sigmoid"))
    numerical = numerical_gradient(lambda v: float(np.sum(_stable_sigmoid(v))), z)
    difference = relative_difference(slopes, numerical)
    limit = max(1e-7, tolerances(slopes, 1e-7, 0.0)[0])  # wider for a float32 or float16 result
    expect(difference < limit, say("2.9.slopes_differ", z=z.ravel().tolist(),
                                   slopes=np.round(np.asarray(slopes, dtype=float).ravel(), 6).tolist(),
                                   numerical=np.round(numerical.ravel(), 6).tolist(), difference=difference,
                                   limit=limit))
    tails_name = "sigmoid_derivative(z) for z = [-800, -40, 0, 40, 800]"
    tails = np.asarray(expect_array(call(sigmoid_derivative, np.array(_SLOPE_TAILS)), tails_name), dtype=float)
    expect(bool(np.all(np.isfinite(tails))), say("2.9.tails_infinite", tails=np.array2string(tails, precision=3)))
    expect_close(tails, [[0.0, 0.0, 0.25, 0.0, 0.0]], tails_name, say("2.9.tails_flat"), atol=1e-12)
    passed("sigmoid_derivative", say("2.9.sigmoid_derivative.passed"))


# ---------------------------------------------------------------- single_example_gradients

# Two fixed examples: (x, y, w, b) and the derivatives they give; "no_b" are the values with b left out of z.
_SINGLE_CASES: tuple[dict[str, Any], ...] = (
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
        result = _expect_dict(call(single_example_gradients, x, y, w, b), ("da", "dz", "dw", "db"),
                              say("2.9.the_result"))
        where = say("2.9.where", x=x.ravel().tolist(), y=y, w=w.ravel().tolist(), b=b)
        for key in ("da", "dz", "db"):
            _number(result[key], f'result["{key}"]')
        dw = expect_array(result["dw"], 'result["dw"]')
        expect_shape(dw, (2, 1), say("2.9.dw_shape"))
        if matches(result["dz"], case["dz_no_b"]):
            expect(False, say("2.9.dz_no_b", dz=result["dz"], where=where))
        expect(not matches(result["da"], -case["da"]), say("2.9.da_sign", where=where))
        expect_close(result["da"], case["da"], f"da {where}", say("2.9.da_rule"))
        expect(not matches(result["dz"], -case["dz"]), say("2.9.dz_sign", where=where))
        expect_close(result["dz"], case["dz"], f"dz {where}", say("2.9.dz_rule"))
        expect(not matches(dw, w * case["dz"]), say("2.9.dw_w", where=where))
        expect_close(dw, case["dw"], f"dw {where}", say("2.9.dw_rule"))
        expect_close(result["db"], case["dz"], f"db {where}", say("2.9.db_rule"))
        expect_unchanged(x, np.array(x_list), "x")
        expect_unchanged(w, np.array(w_list), "w")
    passed("single_example_gradients", say("2.9.single_example_gradients.passed"))


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


def _listed(parts: list[str]) -> str:
    """"dw", "dw and db", "dw, db and the cost", in the edition's language."""
    if len(parts) < 2:
        return "".join(parts)
    return say("2.9.list_sep").join(parts[:-1]) + say("2.9.and") + parts[-1]


def _check_batch_gradients(function: Callable[..., Any], name: str) -> None:
    __tracebackhide__ = True
    X, Y, w = np.array(_BATCH_X), np.array(_BATCH_Y), np.array(_BATCH_W)
    m = X.shape[1]
    grads, cost = _expect_pair(call(function, w, _BATCH_B, X, Y), f"`{name}`")
    grads = _expect_dict(grads, ("dw", "db"), "grads")
    dw = expect_array(grads["dw"], 'grads["dw"]')
    expect_shape(dw, (3, 1), say("2.9.grads_dw_shape"))
    cost, db = _number(cost, "cost"), _number(grads["db"], 'grads["db"]')
    too_large = [part for part, value, right in (("dw", dw, np.array(_BATCH_DW)), ("db", db, _BATCH_DB),
                                                 (say("2.9.the_cost"), cost, _BATCH_COST)) if matches(value, right * m)]
    expect(not too_large, say("2.9.m_times_loop" if name == "gradients_loop" else "2.9.m_times",
                              which=_listed(too_large)))
    expect(not (matches(dw, -np.array(_BATCH_DW)) or matches(db, -_BATCH_DB)), say("2.9.gradient_sign"))
    expect(not matches(cost, -_BATCH_COST), say("2.9.cost_negative"))
    expect(not (matches(dw, _BATCH_NO_B["dw"]) or matches(cost, _BATCH_NO_B["cost"])), say("2.9.no_b"))
    expect(not (matches(dw, _LAST_ONLY["dw"]) or matches(dw, np.array(_LAST_ONLY["dw"]) / m)), say("2.9.last_only"))
    expect_close(dw, _BATCH_DW, 'grads["dw"]', say("2.9.dw_mean"))
    expect_close(db, _BATCH_DB, 'grads["db"]', say("2.9.db_mean"))
    expect_close(cost, _BATCH_COST, "cost", say("2.9.cost_mean"), rtol=1e-9)
    expect_unchanged(X, np.array(_BATCH_X), "X")
    expect_unchanged(Y, np.array(_BATCH_Y), "Y")
    expect_unchanged(w, np.array(_BATCH_W), "w")


def check_gradients_loop(gradients_loop: Callable[..., Any]) -> None:
    """m = 4 examples, n_x = 3 features: the averaged gradients and cost against stored values."""
    __tracebackhide__ = True
    _check_batch_gradients(gradients_loop, "gradients_loop")
    passed("gradients_loop", say("2.9.gradients_loop.passed"))


def check_propagate(propagate: Callable[..., Any]) -> None:
    """The same m = 4 case as gradients_loop, then large logits that a naive log cannot handle."""
    __tracebackhide__ = True
    _check_batch_gradients(propagate, "propagate")
    # |z| = 60 for every example: sigmoid(60) rounds to exactly 1.0, so a naive log(1 - a) is log(0) = -inf.
    X = np.array([[3.0, -3.0, 3.0]])
    Y = np.array([[0, 1, 1]])
    grads, cost = _expect_pair(call(propagate, np.array([[20.0]]), 0.0, X, Y), "`propagate`")
    cost = _number(cost, say("2.9.cost_60"))
    expect(bool(np.isfinite(cost)), say("2.9.cost_infinite", cost=cost))
    expect_close(cost, 40.0, say("2.9.cost_60"), say("2.9.cost_40"))
    expect_close(grads["dw"], [[2.0]], say("2.9.dw_60"))
    passed("propagate", say("2.9.propagate.passed"))


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
    params, grads, costs = expect_tuple(result, 3, say("2.9.not_a_triple"))
    expect_unchanged(w, np.array(_OPT_W), "w")
    params = _expect_dict(params, ("w", "b"), "params")
    grads = _expect_dict(grads, ("dw", "db"), "grads")
    expect(isinstance(costs, list), say("2.9.costs_type", type=type(costs).__name__))
    expect(len(costs) == 2, say("2.9.costs_length", length=len(costs)))
    costs = [_number(cost, say("2.9.each_cost")) for cost in costs]
    expect(not matches(costs[0], _OPT_COST_AFTER_ONE_STEP), say("2.9.cost_after_update"))
    expect_close(costs[0], _OPT_COSTS[0], say("2.9.first_cost"))
    expect(costs[1] < costs[0], say("2.9.cost_up", first=costs[0], last=costs[1]))
    final_b = _number(params["b"], 'params["b"]')
    expect(final_b != _OPT_B, say("2.9.b_unchanged"))
    final_w = expect_array(params["w"], 'params["w"]')
    expect_shape(final_w, (2, 1), 'params["w"]')
    default_rate = ((0.5624158213310487,), (-0.1383036115647504,))
    expect(not matches(final_w, default_rate), say("2.9.default_rate"))
    expect_close(final_w, _OPT_FINAL["w"], say("2.9.w_after"))
    expect_close(final_b, _OPT_FINAL["b"], say("2.9.b_after"))
    expect_close(costs[1], _OPT_COSTS[1], say("2.9.second_cost"))
    expect_close(grads["dw"], _OPT_LAST_GRADS["dw"], 'grads["dw"]', say("2.9.last_grads"))
    expect_close(_number(grads["db"], 'grads["db"]'), _OPT_LAST_GRADS["db"], 'grads["db"]')
    passed("optimize", say("2.9.optimize.passed"))


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
    """6 training and 4 test points in 2-D, 300 iterations at 0.1; then 0 iterations, where every y_hat is 0.5."""
    __tracebackhide__ = True
    X_train, Y_train = np.array(_MODEL_X_TRAIN), np.array(_MODEL_Y_TRAIN)
    X_test, Y_test = np.array(_MODEL_X_TEST), np.array(_MODEL_Y_TEST)
    d = _expect_dict(call(model, X_train, Y_train, X_test, Y_test, num_iterations=300, learning_rate=0.1),
                     _MODEL_KEYS, say("2.9.model_dict"))
    expect(isinstance(d["costs"], list) and len(d["costs"]) == 3, say("2.9.model_costs"))
    expect_close(d["costs"][0], _MODEL_COSTS[0], "d['costs'][0]", say("2.9.model_start"))
    expect(d["learning_rate"] == 0.1 and d["num_iterations"] == 300, say("2.9.model_settings"))
    expect_close(d["costs"], _MODEL_COSTS, "d['costs']", say("2.9.model_rate"))
    expect_close(d["w"], _MODEL_W, "d['w']")
    expect_close(_number(d["b"], "d['b']"), _MODEL_B, "d['b']")
    for key, shape, expected in (("Y_prediction_train", (1, 6), _MODEL_Y_TRAIN),
                                 ("Y_prediction_test", (1, 4), ((1, 0, 0, 1),))):
        pred = expect_array(d[key], f"d['{key}']")
        expect_shape(pred, shape, f"d['{key}']")
        expect(bool(np.all((pred == 0) | (pred == 1))), say("2.9.model_labels", key=key))
        expect_int_labels(pred, shape, f"d['{key}']")
        expect_close(pred, expected, f"d['{key}']")
    for key, percent in (("train_accuracy", 100.0), ("test_accuracy", 75.0)):
        accuracy = _number(d[key], f"d['{key}']")
        expect(not matches(accuracy, percent / 100), say("2.9.fraction", key=key))
        expect_close(accuracy, percent, say("2.9.in_percent", key=key))
    untrained = _expect_dict(call(model, X_train, Y_train, X_test, Y_test, num_iterations=0, learning_rate=0.1),
                             _MODEL_KEYS, say("2.9.model_dict"))
    for key, shape in (("Y_prediction_train", (1, 6)), ("Y_prediction_test", (1, 4))):
        pred = expect_int_labels(untrained[key], shape, say("2.9.after_0", key=key))
        expect(bool(np.all(pred == 1)), say("2.9.half_is_one", key=key, pred=pred.tolist()))
    passed("model", say("2.9.model.passed"))
