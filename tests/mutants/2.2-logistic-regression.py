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
        "scalar_as_length_1_array": _fn(
            "sigmoid(z)", "z = np.atleast_1d(np.asarray(z, dtype=float))\nreturn np.exp(-np.logaddexp(0, -z))"
        ),
        "float32_loses_tails": _fn(
            "sigmoid(z)",
            "z = np.asarray(z, dtype=np.float32)\n"
            "e = np.exp(-np.abs(z))\n"
            "return np.where(z >= 0, 1 / (1 + e), e / (1 + e))",
        ),
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
        "loop_over_columns_of_transpose": _fn(
            "predict_proba(w, b, X)",
            "return np.array([[sigmoid(float(w[:, 0] @ x) + b) for x in X.T]])",
        ),
        "loop_for_four_examples": _fn(
            "predict_proba(w, b, X)",
            "A = np.zeros((1, 4))\n"
            "Z = np.dot(w.T, X) + b\n"
            "for i in range(4):\n"
            "    A[0, i] = sigmoid(Z[0, i])\n"
            "return A",
        ),
        "elementwise_product_sums_everything": _fn(
            "predict_proba(w, b, X)", "return sigmoid(np.sum(w * X) + b) * np.ones((1, X.shape[1]))"
        ),
        "rank_1_result": _fn("predict_proba(w, b, X)", "return sigmoid(np.dot(w.T, X) + b)[0]"),
        "w_without_transpose": _fn("predict_proba(w, b, X)", "return sigmoid(np.sum(w * X[:, :1]) + b + 0 * X[:1])"),
    },
    "predict": {
        "ignores_threshold": _fn("predict(w, b, X, threshold=0.5)", "return (predict_proba(w, b, X) >= 0.5).astype(int)"),
        "strict_inequality": _fn("predict(w, b, X, threshold=0.5)", "return (predict_proba(w, b, X) > threshold).astype(int)"),
        "booleans": _fn("predict(w, b, X, threshold=0.5)", "return predict_proba(w, b, X) >= threshold"),
        "float_labels": _fn("predict(w, b, X, threshold=0.5)",
                            "return np.where(predict_proba(w, b, X) >= threshold, 1.0, 0.0)"),
        "compares_z": _fn("predict(w, b, X, threshold=0.5)", "return (np.dot(w.T, X) + b >= threshold).astype(int)"),
        "rounds": _fn("predict(w, b, X, threshold=0.5)", "return np.round(predict_proba(w, b, X)).astype(int)"),
        "inverted": _fn("predict(w, b, X, threshold=0.5)", "return (predict_proba(w, b, X) < threshold).astype(int)"),
        "rank_1": _fn("predict(w, b, X, threshold=0.5)", "return (predict_proba(w, b, X)[0] >= threshold).astype(int)"),
        "wrong_default": _fn("predict(w, b, X, threshold=0.6)", "return (predict_proba(w, b, X) >= threshold).astype(int)"),
    },
}
