"""Correct answers for lecture 2.2 written the way other students would; each must keep full marks."""


def _fn(signature: str, body: str) -> str:
    return f"def {signature}:\n" + "".join(f"    {line}\n" for line in body.strip().splitlines())


VARIANTS = {
    "sigmoid": {
        "logaddexp_numpy_scalar": _fn(
            "sigmoid(z)",
            "z = np.asarray(z, dtype=float)\n"
            "return np.exp(-np.logaddexp(0.0, -z))  # a NumPy scalar for a number",
        ),
        "where_on_safe_exponent_0d": _fn(
            "sigmoid(z)",
            "z = np.asarray(z, dtype=float)\n"
            "e = np.exp(-np.abs(z))  # never overflows\n"
            "return np.where(z >= 0, 1 / (1 + e), e / (1 + e))  # a 0-d array for a number",
        ),
        "scipy_expit": _fn("sigmoid(z)", "from scipy.special import expit\nreturn expit(z)"),
        "loop_with_math_exp": _fn(
            "sigmoid(z)",
            "import math\n"
            "z = np.asarray(z, dtype=float)\n"
            "result = np.empty(z.shape)\n"
            "for index in np.ndindex(z.shape):\n"
            "    v = z[index]\n"
            "    result[index] = 1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v))\n"
            "return float(result) if result.ndim == 0 else result",
        ),
    },
    "predict_proba": {
        "matmul_operator": _fn("predict_proba(w, b, X)", "return sigmoid(w.T @ X + b)"),
        "einsum": _fn("predict_proba(w, b, X)", "return sigmoid(np.einsum('ij,ik->jk', w, X) + b)"),
        "broadcast_product_sum": _fn("predict_proba(w, b, X)", "z = np.sum(w * X, axis=0, keepdims=True) + b\nreturn sigmoid(z)"),
        "float32": _fn(
            "predict_proba(w, b, X)",
            "z = w.T.astype(np.float32) @ X.astype(np.float32) + np.float32(b)\n"
            "return sigmoid(z)",
        ),
    },
    "predict": {
        "astype_int": _fn("predict(w, b, X, threshold=0.5)",
                          "A = predict_proba(w, b, X)\nreturn (A >= threshold).astype(int)"),
        "where_ints": _fn("predict(w, b, X, threshold=0.5)", "return np.where(predict_proba(w, b, X) >= threshold, 1, 0)"),
        "uint8_labels": _fn("predict(w, b, X, threshold=0.5)",
                            "return np.greater_equal(predict_proba(w, b, X), threshold).astype(np.uint8)"),
        "loop_over_entries": _fn(
            "predict(w, b, X, threshold=0.5)",
            "A = predict_proba(w, b, X)\n"
            "Y_pred = np.zeros(A.shape, dtype=np.int32)\n"
            "for i in range(A.shape[1]):\n"
            "    if A[0, i] >= threshold:\n"
            "        Y_pred[0, i] = 1\n"
            "return Y_pred",
        ),
    },
}
