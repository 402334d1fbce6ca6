"""Correct answers for lecture 2.3 written the way other students would; each must keep full marks."""


def _fn(signature: str, body: str) -> str:
    return f"def {signature}:\n" + "".join(f"    {line}\n" for line in body.strip().splitlines())


_COST = "cost(A, Y)"
_LOGITS = "cost_from_logits(Z, Y)"

VARIANTS = {
    "cost": {
        "mean_numpy_scalar": _fn(_COST, "return np.mean(-(Y * np.log(A) + (1 - Y) * np.log(1 - A)))"),
        "dot_then_item": _fn(
            _COST, "m = Y.shape[1]\nreturn (-(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m).item()"),
        "matmul_squeezed_0d": _fn(
            _COST, "m = A.shape[1]\nreturn np.squeeze(-(Y @ np.log(A).T + (1 - Y) @ np.log(1 - A).T) / m)"),
        "loop_over_examples": _fn(
            _COST,
            "import math\ntotal = 0.0\nfor a, y in zip(A[0], Y[0]):\n"
            "    total += -math.log(a) if y == 1 else -math.log(1 - a)\nreturn total / A.shape[1]",
        ),
        "where_branches": _fn(_COST, "return np.where(Y == 1, -np.log(A), -np.log(1 - A)).mean()"),
        "float32_arithmetic": _fn(
            _COST,
            "A32 = A.astype(np.float32)\nreturn np.mean(-(Y * np.log(A32) + (1 - Y) * np.log(np.float32(1) - A32)),"
            " dtype=np.float32)",
        ),
    },
    "cost_from_logits": {
        "max_plus_log1p_numpy_scalar": _fn(
            _LOGITS, "return np.mean(np.maximum(Z, 0) - Y * Z + np.log1p(np.exp(-np.abs(Z))))"),
        "two_logaddexp_branches": _fn(
            _LOGITS, "losses = Y * np.logaddexp(0, -Z) + (1 - Y) * np.logaddexp(0, Z)\nreturn float(np.sum(losses) / Z.shape[1])"),
        "loop_with_math": _fn(
            _LOGITS,
            "import math\ntotal = 0.0\nfor z, y in zip(Z[0].tolist(), Y[0].tolist()):\n"
            "    s = -z if y == 1 else z\n"
            "    total += s + math.log1p(math.exp(-s)) if s > 0 else math.log1p(math.exp(s))\n"
            "return total / Z.shape[1]",
        ),
        "float32_logaddexp": _fn(
            _LOGITS, "Z32 = Z.astype(np.float32)\nreturn np.mean(np.logaddexp(np.float32(0), Z32) - Y * Z32, dtype=np.float32)"),
        "zero_d_array": _fn(_LOGITS, "return np.asarray(np.logaddexp(0, Z) - Y * Z).mean(keepdims=True).reshape(())"),
    },
}
