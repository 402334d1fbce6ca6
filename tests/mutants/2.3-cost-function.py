"""Plausible wrong answers for lecture 2.3; each must lose points through the real autograder."""


def _fn(signature: str, body: str) -> str:
    return f"def {signature}:\n" + "".join(f"    {line}\n" for line in body.strip().splitlines())


_COST = "cost(A, Y)"
_LOGITS = "cost_from_logits(Z, Y)"

MUTANTS = {
    "cost": {
        "sums": _fn(_COST, "return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)))"),
        "len_of_row": _fn(_COST, "m = len(Y)\nreturn float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)"),
        "m_by_m_broadcast": _fn(
            _COST, "m = Y.shape[1]\nreturn float(-np.sum(Y * np.log(A).T + (1 - Y) * np.log(1 - A).T) / m)"),
        "dot_gives_array": _fn(
            _COST, "m = Y.shape[1]\nreturn -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m"),
        "returns_the_losses": _fn(_COST, "return -(Y * np.log(A) + (1 - Y) * np.log(1 - A))"),
        "missing_minus": _fn(_COST, "return float(np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))"),
        "swapped_branches": _fn(_COST, "return float(np.mean(-(Y * np.log(1 - A) + (1 - Y) * np.log(A))))"),
        "log10": _fn(_COST, "return float(np.mean(-(Y * np.log10(A) + (1 - Y) * np.log10(1 - A))))"),
        "math_log": _fn(_COST, "import math\nreturn float(np.mean(-(Y * math.log(A) + (1 - Y) * math.log(1 - A))))"),
        "squared_error": _fn(_COST, "return float(np.mean(0.5 * (A - Y) ** 2))"),
        "only_positive_branch": _fn(_COST, "return float(np.mean(-Y * np.log(A)))"),
        "only_negative_branch": _fn(_COST, "return float(np.mean(-(1 - Y) * np.log(1 - A)))"),
        "hard_coded_m": _fn(_COST, "return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / 3)"),
        "log_in_place": _fn(
            _COST, "np.log(A, out=A)\nreturn float(np.mean(-(Y * A + (1 - Y) * np.log(1 - np.exp(A)))))"),
    },
    "cost_from_logits": {
        "through_sigmoid": _fn(
            _LOGITS, "A = 1 / (1 + np.exp(-Z))\nreturn float(np.mean(-(Y * np.log(A) + (1 - Y) * np.log(1 - A))))"),
        "silent_through_sigmoid": _fn(
            _LOGITS,
            "with np.errstate(all='ignore'):\n    A = 1 / (1 + np.exp(-Z))\n"
            "    return float(np.mean(-(Y * np.log(A) + (1 - Y) * np.log(1 - A))))",
        ),
        "exp_overflows": _fn(_LOGITS, "return float(np.mean(np.log(1 + np.exp(Z)) - Y * Z))"),
        "clipped_probabilities": _fn(
            _LOGITS,
            "A = np.clip(np.exp(-np.logaddexp(0, -Z)), 1e-15, 1 - 1e-15)\n"
            "return float(np.mean(-(Y * np.log(A) + (1 - Y) * np.log(1 - A))))",
        ),
        # Right where the core test looks; only the challenge (its own visible check) sees the lost tiny losses.
        "log_without_log1p": _fn(
            _LOGITS, "return float(np.mean(np.maximum(Z, 0) - Y * Z + np.log(1 + np.exp(-np.abs(Z)))))"),
        "sign_error": _fn(_LOGITS, "return float(np.mean(np.logaddexp(0, -Z) - Y * Z))"),
        "sums": _fn(_LOGITS, "return float(np.sum(np.logaddexp(0, Z) - Y * Z))"),
        "forgets_max_term": _fn(_LOGITS, "return float(np.mean(np.log1p(np.exp(-np.abs(Z))) - Y * Z))"),
        "returns_the_losses": _fn(_LOGITS, "return np.logaddexp(0, Z) - Y * Z"),
    },
}
