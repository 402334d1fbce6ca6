"""Plausible wrong answers for lecture 2.9; each must lose points through the real autograder.

`MUTANTS[function][name]` is the whole source of a wrong answer cell. The first mutant of each function is the most
plausible mistake (the pipeline test runs it); every one of them is verified to lose points.
"""

_SINGLE = '''
def single_example_gradients(x, y, w, b):
    z = float(np.sum(w * x)) + b
    a = sigmoid(z)
    da = {da}
    dz = {dz}
    dw = {dw}
    return {{"da": float(da), "dz": float(dz), "dw": dw, "db": {db}}}
'''


def _single(da="-y / a + (1 - y) / (1 - a)", dz="a - y", dw="x * dz", db="float(dz)", z=None):
    source = _SINGLE.format(da=da, dz=dz, dw=dw, db=db)
    return source if z is None else source.replace("z = float(np.sum(w * x)) + b", z)


_LOOP = '''
def gradients_loop(w, b, X, Y):
    n_x, m = X.shape
    J = 0.0
    dw = np.zeros((n_x, 1))
    db = 0.0
    for i in range({range_m}):
        z_i = b
        for j in range(n_x):
            z_i += w[j, 0] * X[j, i]
        a_i = sigmoid(z_i)
        y_i = Y[0, i]
        J += {loss}
        dz_i = {dz}
        for j in range(n_x):
            dw[j, 0] {acc} X[j, i] * dz_i
        db += dz_i
    return {ret}
'''


def _loop(range_m="m", loss="-(y_i * np.log(a_i) + (1 - y_i) * np.log(1 - a_i))", dz="a_i - y_i", acc="+=",
          ret='{"dw": dw / m, "db": float(db / m)}, float(J / m)'):
    return _LOOP.format(range_m=range_m, loss=loss, dz=dz, acc=acc, ret=ret)


_PROPAGATE = '''
def propagate(w, b, X, Y):
    m = X.shape[1]
    Z = {z}
    A = sigmoid(Z)
    cost = {cost}
    dZ = {dz}
    dw = {dw}
    db = {db}
    return {{"dw": dw, "db": db}}, cost
'''


def _propagate(z="w.T @ X + b", cost="cost_from_logits(Z, Y)", dz="A - Y", dw="X @ dZ.T / m",
               db="float(np.sum(dZ)) / m"):
    return _PROPAGATE.format(z=z, cost=cost, dz=dz, dw=dw, db=db)


_OPTIMIZE = '''
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    grads = {{"dw": np.zeros(np.shape(w)), "db": 0.0}}
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
{before}
        {update_w}
        {update_b}
{after}
    return {{"w": w, "b": {ret_b}}}, grads, costs
'''

_RECORD = '''        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:.6f}")'''


def _optimize(before=_RECORD, update_w='w = w - learning_rate * grads["dw"]',
              update_b='b = b - learning_rate * grads["db"]', after="", ret_b="float(b)"):
    return _OPTIMIZE.format(before=before, update_w=update_w, update_b=update_b, after=after, ret_b=ret_b)


_MODEL = '''
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.005, print_cost=False):
    w = {w0}
    params, grads, costs = optimize(w, 0.0, X_train, Y_train, {iters}, {rate}, print_cost)
    w, b = params["w"], params["b"]
    Y_prediction_train = {pred_train}
    Y_prediction_test = {pred_test}
    train_accuracy = {acc_train}
    test_accuracy = {acc_test}
    return {{"costs": costs, "Y_prediction_train": Y_prediction_train, "Y_prediction_test": Y_prediction_test,
            "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations,
            "train_accuracy": train_accuracy, "test_accuracy": test_accuracy}}
'''


def _sigmoid_derivative(body):
    return f"""
def sigmoid_derivative(z):
{body}
"""


def _model(w0="np.zeros((X_train.shape[0], 1))", iters="num_iterations", rate="learning_rate",
           pred_train="(sigmoid(w.T @ X_train + b) >= 0.5).astype(int)",
           pred_test="(sigmoid(w.T @ X_test + b) >= 0.5).astype(int)",
           acc_train="float(100 * np.mean(Y_prediction_train == Y_train))",
           acc_test="float(100 * np.mean(Y_prediction_test == Y_test))"):
    return _MODEL.format(w0=w0, iters=iters, rate=rate, pred_train=pred_train, pred_test=pred_test,
                         acc_train=acc_train, acc_test=acc_test)


MUTANTS = {
    "sigmoid_derivative": {
        "returns_sigmoid": _sigmoid_derivative("    return sigmoid(z)"),
        "one_minus_a": _sigmoid_derivative("    return 1 - sigmoid(z)"),
        "sign_error": _sigmoid_derivative("    a = sigmoid(z)\n    return a * (a - 1)"),
        "forgot_sigmoid": _sigmoid_derivative("    return z * (1 - z)"),
        "a_squared": _sigmoid_derivative("    a = sigmoid(z)\n    return a * a"),
        "exp_formula_overflows": _sigmoid_derivative("    return np.exp(-z) / (1 + np.exp(-z)) ** 2"),
        "one_number_for_an_array": _sigmoid_derivative("    a = sigmoid(z)\n    return float(np.mean(a * (1 - a)))"),
        "mutates_z": _sigmoid_derivative(
            "    if isinstance(z, np.ndarray):\n        z[...] = sigmoid(z)\n        return z * (1 - z)\n"
            "    a = sigmoid(z)\n    return a * (1 - a)"),
    },
    "single_example_gradients": {
        "dz_sign_error": _single(dz="y - a"),
        "da_sign_error": _single(da="y / a - (1 - y) / (1 - a)"),
        "forgot_b_in_z": _single(z="z = float(np.sum(w * x))"),
        "dw_uses_w": _single(dw="w * dz"),
        "dw_transposed": _single(dw="x.T * dz"),
        "db_missing": _single(db="0.0"),
        "dz_missing_one_minus_a": _single(dz="da * a"),
        "db_as_column": _single(db="np.full((1, 1), dz)"),
    },
    "gradients_loop": {
        "missing_one_over_m": _loop(ret='{"dw": dw, "db": float(db)}, float(J)'),
        "overwrites_instead_of_accumulating": _loop(acc="="),
        "cost_sign_error": _loop(loss="y_i * np.log(a_i) + (1 - y_i) * np.log(1 - a_i)"),
        "dz_sign_error": _loop(dz="y_i - a_i"),
        "skips_last_example": _loop(range_m="m - 1"),
        "db_not_averaged": _loop(ret='{"dw": dw / m, "db": float(db)}, float(J / m)'),
    },
    "propagate": {
        "missing_one_over_m": _propagate(dw="X @ dZ.T", db="float(np.sum(dZ))"),
        "wrong_transpose": _propagate(dw="dZ @ X.T / m"),
        "sign_error": _propagate(dz="Y - A"),
        "cost_as_vector": _propagate(cost="np.logaddexp(0.0, Z) - Y * Z"),
        "forgot_b": _propagate(z="w.T @ X"),
        "naive_log_cost": _propagate(cost="float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))"),
        "cost_as_1x1_array": _propagate(cost="np.mean(np.logaddexp(0.0, Z) - Y * Z, axis=1, keepdims=True)"),
        "db_per_example": _propagate(db="dZ / m"),
    },
    "optimize": {
        "cost_recorded_after_update": _optimize(before="", after=_RECORD.replace(
            "costs.append(cost)", "costs.append(propagate(w, b, X, Y)[1])")),
        "sign_error": _optimize(update_w='w = w + learning_rate * grads["dw"]',
                                update_b='b = b + learning_rate * grads["db"]'),
        "forgot_b": _optimize(update_b="pass"),
        "mutates_callers_w": _optimize(update_w='w -= learning_rate * grads["dw"]'),
        "records_every_iteration": _optimize(before="        costs.append(cost)"),
        "ignores_learning_rate": _optimize(update_w='w = w - 0.009 * grads["dw"]',
                                           update_b='b = b - 0.009 * grads["db"]'),
    },
    "model": {
        "accuracy_as_fraction": _model(acc_train="float(np.mean(Y_prediction_train == Y_train))",
                                       acc_test="float(np.mean(Y_prediction_test == Y_test))"),
        "random_start": _model(w0="np.random.default_rng(0).normal(size=(X_train.shape[0], 1))"),
        "ignores_num_iterations": _model(iters="2000"),
        "ignores_learning_rate": _model(rate="0.005"),
        "probabilities_not_labels": _model(pred_train="sigmoid(w.T @ X_train + b)",
                                           acc_train="float(100 * np.mean(np.round(Y_prediction_train) == Y_train))"),
        "strict_threshold": _model(pred_train="(sigmoid(w.T @ X_train + b) > 0.5).astype(int)",
                                   pred_test="(sigmoid(w.T @ X_test + b) > 0.5).astype(int)"),
        "float_labels": _model(pred_train="(sigmoid(w.T @ X_train + b) >= 0.5).astype(float)",
                               pred_test="(sigmoid(w.T @ X_test + b) >= 0.5).astype(float)"),
        "boolean_labels": _model(pred_train="sigmoid(w.T @ X_train + b) >= 0.5",
                                 pred_test="sigmoid(w.T @ X_test + b) >= 0.5"),
        "test_labels_as_row_of_m": _model(pred_test="(sigmoid(w.T @ X_test + b) >= 0.5).astype(int).ravel()"),
    },
}
