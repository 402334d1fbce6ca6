"""Correct answers for lecture 2.9 written the way other students would; each must keep full marks.

`VARIANTS[function][name]` is the whole source of a correct answer cell: other operators (`np.dot`, `@`, `np.einsum`),
`np.mean` against a sum divided by m, loops where the text allows them, NumPy scalars and 0-d arrays where a number is
asked for, float32 arithmetic, another valid order of work.
"""

VARIANTS = {
    "sigmoid_derivative": {
        "sigmoid_times_mirror": '''
def sigmoid_derivative(z):
    return sigmoid(z) * sigmoid(-z)
''',
        "a_minus_a_squared_on_an_array": '''
def sigmoid_derivative(z):
    a = np.asarray(sigmoid(z))
    slope = a - a ** 2
    return slope if slope.ndim else slope[()]
''',
        "stable_exponential_form": '''
def sigmoid_derivative(z):
    shrink = np.exp(-np.abs(z))  # e^(-|z|): the slope is symmetric in z
    return shrink / (1.0 + shrink) ** 2
''',
        "float32_arithmetic": '''
def sigmoid_derivative(z):
    a = np.asarray(sigmoid(z), dtype=np.float32)
    return a * (np.float32(1) - a)
''',
    },
    "single_example_gradients": {
        "dot_and_numpy_scalars": '''
def single_example_gradients(x, y, w, b):
    z = np.dot(w.T, x)[0, 0] + b
    a = 1 / (1 + np.exp(-z))
    dz = a - y
    return {"da": -y / a + (1 - y) / (1 - a), "dz": dz, "dw": x * dz, "db": dz}
''',
        "loop_over_features": '''
def single_example_gradients(x, y, w, b):
    z = b
    for j in range(x.shape[0]):
        z += w[j, 0] * x[j, 0]
    a = sigmoid(float(z))
    da = (1 - y) / (1 - a) - y / a
    dz = da * a * (1 - a)
    dw = np.array([[x[j, 0] * dz] for j in range(x.shape[0])])
    return {"da": da, "dz": dz, "dw": dw, "db": dz}
''',
        "matmul_and_0d_arrays": '''
def single_example_gradients(x, y, w, b):
    z = (w.T @ x).reshape(()) + b
    a = np.asarray(sigmoid(z))
    dz = a - y
    return {"da": -y / a + (1 - y) / (1 - a), "dz": dz, "dw": dz * x, "db": np.array(dz)}
''',
        "float32_arithmetic": '''
def single_example_gradients(x, y, w, b):
    a = sigmoid(float(np.sum(w * x)) + b)
    da = -y / a + (1 - y) / (1 - a)
    dz = np.float32(a - y)  # the gradients kept in float32, as a memory-saving network would
    return {"da": da, "dz": dz, "dw": x.astype(np.float32) * dz, "db": dz}
''',
    },
    "gradients_loop": {
        "column_product_per_example": '''
def gradients_loop(w, b, X, Y):
    n_x, m = X.shape
    J, dw, db = 0.0, np.zeros((n_x, 1)), 0.0
    for i in range(m):
        x_i = X[:, i:i + 1]
        a_i = sigmoid(float(w[:, 0] @ x_i[:, 0]) + b)
        y_i = Y[0, i]
        J -= y_i * np.log(a_i) + (1 - y_i) * np.log(1 - a_i)
        dw += x_i * (a_i - y_i)
        db += a_i - y_i
    return {"dw": dw / m, "db": db / m}, J / m
''',
        "lists_then_mean": '''
def gradients_loop(w, b, X, Y):
    losses, dzs, columns = [], [], []
    for i in range(X.shape[1]):
        z = b + sum(w[j, 0] * X[j, i] for j in range(X.shape[0]))
        a = 1.0 / (1.0 + np.exp(-z))
        losses.append(-(Y[0, i] * np.log(a) + (1 - Y[0, i]) * np.log(1 - a)))
        dzs.append(a - Y[0, i])
        columns.append(X[:, [i]] * dzs[-1])
    return {"dw": np.mean(columns, axis=0), "db": np.mean(dzs)}, np.mean(losses)
''',
        "zip_over_columns_0d_results": '''
def gradients_loop(w, b, X, Y):
    m = X.shape[1]
    cost, dw, db = np.array(0.0), np.zeros_like(w, dtype=float), np.array(0.0)
    for x_col, y_i in zip(X.T, Y[0]):
        a_i = sigmoid(np.dot(w[:, 0], x_col) + b)
        cost = cost + np.log(a_i) * -y_i - (1 - y_i) * np.log(1 - a_i)
        dw = dw + (a_i - y_i) * x_col.reshape(-1, 1)
        db = db + (a_i - y_i)
    return {"dw": dw / m, "db": db / m}, cost / m
''',
    },
    "propagate": {
        "dot_and_mean": '''
def propagate(w, b, X, Y):
    Z = np.dot(w.T, X) + b
    dZ = sigmoid(Z) - Y
    return {"dw": np.dot(X, dZ.T) / X.shape[1], "db": np.mean(dZ)}, cost_from_logits(Z, Y)
''',
        "einsum": '''
def propagate(w, b, X, Y):
    m = X.shape[1]
    Z = np.einsum("ij,im->jm", w, X) + b
    dZ = sigmoid(Z) - Y
    dw = np.einsum("im,jm->ij", X, dZ) / m
    return {"dw": dw, "db": dZ.sum() / m}, cost_from_logits(Z, Y)
''',
        "numpy_scalar_and_0d_results": '''
def propagate(w, b, X, Y):
    m = X.shape[1]
    Z = w.T @ X + b
    A = sigmoid(Z)
    cost = np.array(cost_from_logits(Z, Y))
    dw = (X * (A - Y)).sum(axis=1, keepdims=True) / m
    db = np.float64(np.sum(A - Y) / m)
    return {"db": db, "dw": dw}, cost
''',
    },
    "optimize": {
        "while_loop": '''
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs, i, grads = [], 0, None
    while i < num_iterations:
        grads, cost = propagate(w, b, X, Y)
        if not i % 100:
            costs.append(cost)
            if print_cost:
                print("Cost after iteration %i: %f" % (i, cost))
        w, b = w - learning_rate * grads["dw"], b - learning_rate * grads["db"]
        i += 1
    return {"w": w, "b": b}, grads, costs
''',
        "copy_then_in_place": '''
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    w = w.copy()
    costs = []
    grads = {"dw": np.zeros_like(w), "db": 0.0}
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        if i % 100 == 0:
            costs.append(cost)
        w -= learning_rate * grads["dw"]
        b -= learning_rate * grads["db"]
    if print_cost:
        for k, cost in enumerate(costs):
            print(f"Cost after iteration {100 * k}: {cost}")
    return {"w": w, "b": b}, grads, costs
''',
        "numpy_scalars_kept": '''
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    b = np.float64(b)
    costs, grads = [], {"dw": np.zeros(w.shape), "db": np.float64(0.0)}
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        if i % 100 == 0:
            costs.append(np.float64(cost))
            if print_cost:
                print(i, cost)
        w = w - np.multiply(learning_rate, grads["dw"])
        b = b - learning_rate * np.float64(grads["db"])
    return {"w": w, "b": np.array(b)}, grads, costs
''',
    },
    "model": {
        "logits_rule_int8": '''
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.005, print_cost=False):
    params, _, costs = optimize(np.zeros((X_train.shape[0], 1)), 0, X_train, Y_train,
                                num_iterations=num_iterations, learning_rate=learning_rate, print_cost=print_cost)
    w, b = params["w"], params["b"]
    train = (w.T @ X_train + b >= 0).astype(np.int8)
    test = (w.T @ X_test + b >= 0).astype(np.int8)
    return {"costs": costs, "Y_prediction_train": train, "Y_prediction_test": test, "w": w, "b": b,
            "learning_rate": learning_rate, "num_iterations": num_iterations,
            "train_accuracy": 100 - 100 * np.mean(np.abs(train - Y_train)),
            "test_accuracy": 100 - 100 * np.mean(np.abs(test - Y_test))}
''',
        "where_and_counts": '''
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.005, print_cost=False):
    w = np.zeros((X_train.shape[0], 1))
    params, grads, costs = optimize(w, 0.0, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w, b = params["w"], params["b"]
    train = np.where(sigmoid(np.dot(w.T, X_train) + b) >= 0.5, 1, 0)
    test = np.where(sigmoid(np.dot(w.T, X_test) + b) >= 0.5, 1, 0)
    return {"costs": costs, "Y_prediction_train": train, "Y_prediction_test": test, "w": w, "b": b,
            "learning_rate": learning_rate, "num_iterations": num_iterations,
            "train_accuracy": np.sum(train == Y_train) / Y_train.shape[1] * 100,
            "test_accuracy": np.sum(test == Y_test) / Y_test.shape[1] * 100}
''',
        "predict_helper_uint8": '''
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.005, print_cost=False):
    def predict(w, b, X):
        return (sigmoid(w.T @ X + b) >= 0.5).astype(np.uint8)

    params, _, costs = optimize(np.zeros((len(X_train), 1)), 0.0, X_train, Y_train, num_iterations, learning_rate,
                                print_cost)
    w, b = params["w"], params["b"]
    result = {"Y_prediction_train": predict(w, b, X_train), "Y_prediction_test": predict(w, b, X_test)}
    result.update(costs=costs, w=w, b=b, learning_rate=learning_rate, num_iterations=num_iterations)
    result["train_accuracy"] = np.array(100 * np.mean(result["Y_prediction_train"] == Y_train))
    result["test_accuracy"] = np.array(100 * np.mean(result["Y_prediction_test"] == Y_test))
    return result
''',
    },
}
