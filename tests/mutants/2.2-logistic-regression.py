"""Plausible wrong answers for lecture 2.2; each must lose points through the real autograder."""


def _fn(signature: str, body: str) -> str:
    return f"def {signature}:\n" + "".join(f"    {line}\n" for line in body.strip().splitlines())


MUTANTS = {
    "sigmoid": {
        "naive_overflows": _fn("sigmoid(z)", "return 1 / (1 + np.exp(-z))"),
        "where_evaluates_both_branches": _fn(
            "sigmoid(z)",
            "z = np.asarray(z, dtype=float)\n"
            "return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))",
        ),
        "clipped_not_exact": _fn("sigmoid(z)", "return 1 / (1 + np.exp(-np.clip(z, -500, 500)))"),
        "one_minus_loses_tails": _fn(
            "sigmoid(z)",
            "z = np.asarray(z, dtype=float)\n"
            "result = 1 - 1 / (1 + np.exp(np.minimum(z, 0)))\n"
            "result = np.where(z >= 0, 1 / (1 + np.exp(-np.maximum(z, 0))), result)\n"
            "return result if result.ndim else float(result)",
        ),
        "zeros_like_int_input": _fn(
            "sigmoid(z)",
            "z = np.asarray(z)\n"
            "result = np.zeros_like(z)\n"
            "positive = z >= 0\n"
            "result[positive] = 1 / (1 + np.exp(-z[positive]))\n"
            "result[~positive] = np.exp(z[~positive]) / (1 + np.exp(z[~positive]))\n"
            "return result if result.ndim else float(result)",
        ),
        "sign_error": _fn(
            "sigmoid(z)",
            "z = np.asarray(z, dtype=float)\n"
            "return np.exp(-np.logaddexp(0, z)) if z.ndim else float(np.exp(-np.logaddexp(0, z)))",
        ),
        "math_exp": _fn("sigmoid(z)", "import math\nreturn 1 / (1 + math.exp(-z))"),
        "clips_input_in_place": _fn(
            "sigmoid(z)",
            "z = np.asarray(z, dtype=float)\n"
            "np.clip(z, -700, 700, out=z)\n"
            "result = np.exp(-np.logaddexp(0, -z))\n"
            "return result if result.ndim else float(result)",
        ),
    },
    "initialize_with_zeros": {
        "rank_1_w": _fn("initialize_with_zeros(dim)", "return np.zeros(dim), 0.0"),
        "integer_b": _fn("initialize_with_zeros(dim)", "return np.zeros((dim, 1)), 0"),
        "row_vector_w": _fn("initialize_with_zeros(dim)", "return np.zeros((1, dim)), 0.0"),
        "integer_w": _fn("initialize_with_zeros(dim)", "return np.zeros((dim, 1), dtype=int), 0.0"),
        "array_b": _fn("initialize_with_zeros(dim)", "return np.zeros((dim, 1)), np.zeros(1)"),
        "numpy_float_b": _fn("initialize_with_zeros(dim)", "return np.zeros((dim, 1)), np.float64(0.0)"),
        "hard_coded_dim": _fn("initialize_with_zeros(dim)", "return np.zeros((3, 1)), 0.0"),
    },
    "predict_proba": {
        "forgets_sigmoid": _fn("predict_proba(w, b, X)", "return np.dot(w.T, X) + b"),
        "transposed_result": _fn("predict_proba(w, b, X)", "return sigmoid(np.dot(X.T, w) + b)"),
        "minus_b": _fn("predict_proba(w, b, X)", "return sigmoid(np.dot(w.T, X) - b)"),
        "bias_outside_sigmoid": _fn("predict_proba(w, b, X)", "return sigmoid(np.dot(w.T, X)) + b"),
        "loop_over_examples": _fn(
            "predict_proba(w, b, X)",
            "A = np.zeros((1, X.shape[1]))\n"
            "for i in range(X.shape[1]):\n"
            "    A[0, i] = sigmoid(float(np.dot(w[:, 0], X[:, i])) + b)\n"
            "return A",
        ),
        "loop_for_three_examples": _fn(
            "predict_proba(w, b, X)",
            "A = np.zeros((1, 4))\n"
            "Z = np.dot(w.T, X) + b\n"
            "for i in range(4):\n"
            "    A[0, i] = sigmoid(Z[0, i])\n"
            "return A",
        ),
        "elementwise_product_sums_everything": _fn("predict_proba(w, b, X)", "return sigmoid(np.sum(w * X) + b) * np.ones((1, X.shape[1]))"),
        "rank_1_result": _fn("predict_proba(w, b, X)", "return sigmoid(np.dot(w.T, X) + b)[0]"),
    },
    "predict": {
        "ignores_threshold": _fn("predict(w, b, X, threshold=0.5)", "return (predict_proba(w, b, X) >= 0.5).astype(int)"),
        "strict_inequality": _fn("predict(w, b, X, threshold=0.5)", "return (predict_proba(w, b, X) > threshold).astype(int)"),
        "booleans": _fn("predict(w, b, X, threshold=0.5)", "return predict_proba(w, b, X) >= threshold"),
        "compares_z": _fn("predict(w, b, X, threshold=0.5)", "return (np.dot(w.T, X) + b >= threshold).astype(int)"),
        "rounds": _fn("predict(w, b, X, threshold=0.5)", "return np.round(predict_proba(w, b, X)).astype(int)"),
        "inverted": _fn("predict(w, b, X, threshold=0.5)", "return (predict_proba(w, b, X) < threshold).astype(int)"),
        "rank_1": _fn("predict(w, b, X, threshold=0.5)", "return (predict_proba(w, b, X)[0] >= threshold).astype(int)"),
    },
}
