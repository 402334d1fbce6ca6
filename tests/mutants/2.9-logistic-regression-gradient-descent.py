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


_GRADIENT_CHECK = '''
def gradient_check(f, theta, analytic_grad, epsilon=1e-7):
    theta = {theta}
    numeric = np.zeros_like(theta, dtype=float)
    for k in np.ndindex(theta.shape):
        plus, minus = theta.copy(), theta.copy()
        plus[k] += {step}
        minus[k] -= {step}
        numeric[k] = {slope}
    analytic = np.asarray(analytic_grad, dtype=float).reshape(theta.shape)
    scale = {scale}
    if scale == 0:
        return 0.0
    return {ret}
'''


def _gradient_check(theta="np.array(theta, dtype=float)", step="epsilon",
                    slope="(f(plus) - f(minus)) / (2 * epsilon)",
                    scale="np.linalg.norm(analytic) + np.linalg.norm(numeric)",
                    ret="float(np.linalg.norm(analytic - numeric) / scale)"):
    return _GRADIENT_CHECK.format(theta=theta, step=step, slope=slope, scale=scale, ret=ret)


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
    Y_prediction_test = (sigmoid(w.T @ X_test + b) > 0.5).astype(float)
    train_accuracy = {acc_train}
    test_accuracy = {acc_test}
    return {{"costs": costs, "Y_prediction_train": Y_prediction_train, "Y_prediction_test": Y_prediction_test,
            "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations,
            "train_accuracy": train_accuracy, "test_accuracy": test_accuracy}}
'''


def _model(w0="np.zeros((X_train.shape[0], 1))", iters="num_iterations", rate="learning_rate",
           pred_train="(sigmoid(w.T @ X_train + b) > 0.5).astype(float)",
           acc_train="float(100 * np.mean(Y_prediction_train == Y_train))",
           acc_test="float(100 * np.mean(Y_prediction_test == Y_test))"):
    return _MODEL.format(w0=w0, iters=iters, rate=rate, pred_train=pred_train, acc_train=acc_train,
                         acc_test=acc_test)


MUTANTS = {
    "single_example_gradients": {
        "dz_sign_error": _single(dz="y - a"),
        "da_sign_error": _single(da="y / a - (1 - y) / (1 - a)"),
        "forgot_b_in_z": _single(z="z = float(np.sum(w * x))"),
        "dw_uses_w": _single(dw="w * dz"),
        "dw_transposed": _single(dw="x.T * dz"),
        "db_missing": _single(db="0.0"),
        "dz_missing_one_minus_a": _single(dz="da * a"),
        "numpy_scalars_not_floats": _single(db="np.float64(dz)").replace("float(da)", "np.float64(da)"),
    },
    "gradients_loop": {
        "missing_one_over_m": _loop(ret='{"dw": dw, "db": float(db)}, float(J)'),
        "overwrites_instead_of_accumulating": _loop(acc="="),
        "cost_sign_error": _loop(loss="y_i * np.log(a_i) + (1 - y_i) * np.log(1 - a_i)"),
        "dz_sign_error": _loop(dz="y_i - a_i"),
        "skips_last_example": _loop(range_m="m - 1"),
        "db_not_averaged": _loop(ret='{"dw": dw / m, "db": float(db)}, float(J / m)'),
        "numpy_cost": _loop(ret='{"dw": dw / m, "db": float(db / m)}, J / m'),
    },
    "propagate": {
        "missing_one_over_m": _propagate(dw="X @ dZ.T", db="float(np.sum(dZ))"),
        "wrong_transpose": _propagate(dw="dZ @ X.T / m"),
        "sign_error": _propagate(dz="Y - A"),
        "cost_as_vector": _propagate(cost="np.logaddexp(0.0, Z) - Y * Z"),
        "forgot_b": _propagate(z="w.T @ X"),
        "naive_log_cost": _propagate(cost="float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))"),
        "db_numpy_scalar": _propagate(db="np.sum(dZ) / m"),
        "cost_as_1x1_array": _propagate(cost="np.mean(np.logaddexp(0.0, Z) - Y * Z, axis=1, keepdims=True)"),
    },
    "gradient_check": {
        "one_sided_difference": _gradient_check(slope="(f(plus) - f(theta)) / epsilon"),
        "missing_factor_two": _gradient_check(slope="(f(plus) - f(minus)) / epsilon"),
        "absolute_difference": _gradient_check(ret="float(np.linalg.norm(analytic - numeric))"),
        "ignores_epsilon": _gradient_check(step="1e-7", slope="(f(plus) - f(minus)) / (2 * 1e-7)"),
        "nudges_callers_theta_without_restoring": '''
def gradient_check(f, theta, analytic_grad, epsilon=1e-7):
    numeric = np.zeros(theta.shape)
    for k in np.ndindex(theta.shape):
        original = theta[k]
        theta[k] = original + epsilon
        cost_plus = f(theta)
        theta[k] = original - epsilon
        cost_minus = f(theta)
        numeric[k] = (cost_plus - cost_minus) / (2 * epsilon)
    analytic = np.asarray(analytic_grad, dtype=float).reshape(theta.shape)
    scale = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    return float(np.linalg.norm(analytic - numeric) / scale) if scale else 0.0
''',
        "numpy_float_result": _gradient_check(ret="np.linalg.norm(analytic - numeric) / scale"),
        "normalised_by_analytic_only": _gradient_check(scale="np.linalg.norm(analytic)"),
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
        "b_as_array": _optimize(ret_b="np.array(b)"),
    },
    "model": {
        "accuracy_as_fraction": _model(acc_train="float(np.mean(Y_prediction_train == Y_train))",
                                       acc_test="float(np.mean(Y_prediction_test == Y_test))"),
        "random_start": _model(w0="np.random.default_rng(0).normal(size=(X_train.shape[0], 1))"),
        "ignores_num_iterations": _model(iters="2000"),
        "ignores_learning_rate": _model(rate="0.005"),
        "probabilities_not_labels": _model(pred_train="sigmoid(w.T @ X_train + b)",
                                           acc_train="float(100 * np.mean(np.round(Y_prediction_train) == Y_train))"),
        "numpy_accuracy": _model(acc_test="100 * np.mean(Y_prediction_test == Y_test)"),
    },
}
