"""Plausible wrong answers for lecture 2.3; each must lose points through the real autograder."""


def _fn(signature: str, body: str) -> str:
    return f"def {signature}:\n" + "".join(f"    {line}\n" for line in body.strip().splitlines())


MUTANTS = {
    "loss": {
        "missing_minus": _fn("loss(y_hat, y)", "return y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)"),
        "swapped_branches": _fn("loss(y_hat, y)", "return -(y * np.log(1 - y_hat) + (1 - y) * np.log(y_hat))"),
        "log10": _fn("loss(y_hat, y)", "return -(y * np.log10(y_hat) + (1 - y) * np.log10(1 - y_hat))"),
        "math_log": _fn("loss(y_hat, y)", "import math\nreturn -(y * math.log(y_hat) + (1 - y) * math.log(1 - y_hat))"),
        "squared_error": _fn("loss(y_hat, y)", "return 0.5 * (y_hat - y) ** 2"),
        "averages": _fn("loss(y_hat, y)", "return float(np.mean(-(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))))"),
        "only_positive_branch": _fn("loss(y_hat, y)", "return -y * np.log(y_hat)"),
    },
    "cost": {
        "sums": _fn("cost(A, Y)", "return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)))"),
        "len_of_row": _fn("cost(A, Y)", "m = len(Y)\nreturn float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)"),
        "m_by_m_broadcast": _fn(
            "cost(A, Y)",
            "m = Y.shape[1]\nreturn float(-np.sum(Y * np.log(A).T + (1 - Y) * np.log(1 - A).T) / m)",
        ),
        "numpy_scalar": _fn("cost(A, Y)", "return np.mean(-(Y * np.log(A) + (1 - Y) * np.log(1 - A)))"),
        "dot_gives_array": _fn(
            "cost(A, Y)",
            "m = Y.shape[1]\nreturn -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m",
        ),
        "missing_minus": _fn("cost(A, Y)", "return float(np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))"),
        "hard_coded_m": _fn("cost(A, Y)", "return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / 3)"),
        "squeeze_zero_d": _fn(
            "cost(A, Y)",
            "m = Y.shape[1]\nreturn np.squeeze(-(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m)",
        ),
    },
    "squared_error_cost": {
        "no_half": _fn("squared_error_cost(A, Y)", "return float(np.mean((A - Y) ** 2))"),
        "sums": _fn("squared_error_cost(A, Y)", "return float(np.sum(0.5 * (A - Y) ** 2))"),
        "len_of_row": _fn("squared_error_cost(A, Y)", "return float(np.sum(0.5 * (A - Y) ** 2) / len(Y))"),
        "numpy_scalar": _fn("squared_error_cost(A, Y)", "return np.mean(0.5 * (A - Y) ** 2)"),
        "absolute_error": _fn("squared_error_cost(A, Y)", "return float(np.mean(0.5 * np.abs(A - Y)))"),
        "m_by_m_broadcast": _fn("squared_error_cost(A, Y)", "return float(np.mean(0.5 * (A - Y.T) ** 2))"),
    },
    "cost_from_logits": {
        "through_sigmoid": _fn(
            "cost_from_logits(Z, Y)",
            "A = 1 / (1 + np.exp(-Z))\nreturn float(np.mean(-(Y * np.log(A) + (1 - Y) * np.log(1 - A))))",
        ),
        "exp_overflows": _fn("cost_from_logits(Z, Y)", "return float(np.mean(np.log(1 + np.exp(Z)) - Y * Z))"),
        "clipped_probabilities": _fn(
            "cost_from_logits(Z, Y)",
            "A = np.clip(np.exp(-np.logaddexp(0, -Z)), 1e-15, 1 - 1e-15)\n"
            "return float(np.mean(-(Y * np.log(A) + (1 - Y) * np.log(1 - A))))",
        ),
        "log_without_log1p": _fn(
            "cost_from_logits(Z, Y)",
            "return float(np.mean(np.maximum(Z, 0) - Y * Z + np.log(1 + np.exp(-np.abs(Z)))))",
        ),
        "sign_error": _fn("cost_from_logits(Z, Y)", "return float(np.mean(np.logaddexp(0, -Z) - Y * Z))"),
        "sums": _fn("cost_from_logits(Z, Y)", "return float(np.sum(np.logaddexp(0, Z) - Y * Z))"),
        "numpy_scalar": _fn("cost_from_logits(Z, Y)", "return np.mean(np.logaddexp(0, Z) - Y * Z)"),
        "forgets_max_term": _fn("cost_from_logits(Z, Y)", "return float(np.mean(np.log1p(np.exp(-np.abs(Z))) - Y * Z))"),
    },
}
