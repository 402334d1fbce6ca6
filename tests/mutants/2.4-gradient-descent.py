"""Plausible wrong answers for lecture 2.4; each must lose points through the real autograder."""


def _fn(signature: str, body: str) -> str:
    return f"def {signature}:\n" + "".join(f"    {line}\n" for line in body.strip().splitlines())


_UPDATE = "update_parameters(w, b, dw, db, learning_rate)"
_DESCENT = "gradient_descent(dJ, w0, learning_rate, num_iterations)"
_BEHAVIOUR = "learning_rate_behaviour(dJ, w0, learning_rate, num_iterations)"

MUTANTS = {
    "update_parameters": {
        "in_place": _fn(_UPDATE, "w -= learning_rate * dw\nb -= learning_rate * db\nreturn w, b"),
        "uphill": _fn(_UPDATE, "return w + learning_rate * dw, b + learning_rate * db"),
        "forgets_learning_rate": _fn(_UPDATE, "return w - dw, b - db"),
        "swapped_gradients": _fn(_UPDATE, "return w - learning_rate * db, b - learning_rate * dw"),
        "b_not_updated": _fn(_UPDATE, "return w - learning_rate * dw, b"),
        "divides_by_learning_rate": _fn(_UPDATE, "return w - dw / learning_rate, b - db / learning_rate"),
    },
    "gradient_descent": {
        "history_without_w0": _fn(
            _DESCENT,
            "w = w0\nhistory = []\nfor _ in range(num_iterations):\n    w = w - learning_rate * dJ(w)\n"
            "    history.append(w)\nreturn w, history",
        ),
        "uphill": _fn(
            _DESCENT,
            "w = w0\nhistory = [w]\nfor _ in range(num_iterations):\n    w = w + learning_rate * dJ(w)\n"
            "    history.append(w)\nreturn w, history",
        ),
        "frozen_slope": _fn(
            _DESCENT,
            "w = w0\nhistory = [w]\nslope = dJ(w0)\nfor _ in range(num_iterations):\n    w = w - learning_rate * slope\n"
            "    history.append(w)\nreturn w, history",
        ),
        "one_step_short": _fn(
            _DESCENT,
            "w = w0\nhistory = [w]\nfor _ in range(num_iterations - 1):\n    w = w - learning_rate * dJ(w)\n"
            "    history.append(w)\nreturn w, history",
        ),
        "records_before_stepping": _fn(
            _DESCENT,
            "w = w0\nhistory = []\nfor _ in range(num_iterations):\n    history.append(w)\n"
            "    w = w - learning_rate * dJ(w)\nreturn w, history",
        ),
        "returns_w0": _fn(
            _DESCENT,
            "w = w0\nhistory = [w]\nfor _ in range(num_iterations):\n    w = w - learning_rate * dJ(w)\n"
            "    history.append(w)\nreturn w0, history",
        ),
        "slope_computed_twice": _fn(
            _DESCENT,
            "w = w0\nhistory = [w]\nfor _ in range(num_iterations):\n    if abs(dJ(w)) < 1e-12:\n        break\n"
            "    w = w - learning_rate * dJ(w)\n    history.append(w)\nreturn w, history",
        ),
    },
    "learning_rate_behaviour": {
        "distance_from_zero": _fn(
            _BEHAVIOUR,
            "_, visited = gradient_descent(dJ, w0, learning_rate, num_iterations)\n"
            "if abs(visited[-1]) > abs(visited[0]):\n    return 'diverges'\n"
            "slopes = [dJ(w) for w in visited]\n"
            "if any(a * b < 0 for a, b in zip(slopes[:-1], slopes[1:])):\n    return 'oscillates'\n"
            "return 'converges'",
        ),
        "sign_change_tested_first": _fn(
            _BEHAVIOUR,
            "_, visited = gradient_descent(dJ, w0, learning_rate, num_iterations)\n"
            "slopes = [dJ(w) for w in visited]\n"
            "if any(a * b < 0 for a, b in zip(slopes[:-1], slopes[1:])):\n    return 'oscillates'\n"
            "if abs(slopes[-1]) > abs(slopes[0]):\n    return 'diverges'\n"
            "return 'converges'",
        ),
        "bounce_counts_as_divergence": _fn(
            _BEHAVIOUR,
            "_, visited = gradient_descent(dJ, w0, learning_rate, num_iterations)\n"
            "slopes = [dJ(w) for w in visited]\n"
            "if abs(slopes[-1]) >= abs(slopes[0]) and slopes[0] != 0:\n    return 'diverges'\n"
            "if any(a * b < 0 for a, b in zip(slopes[:-1], slopes[1:])):\n    return 'oscillates'\n"
            "return 'converges'",
        ),
        "zero_slope_counts_as_sign_change": _fn(
            _BEHAVIOUR,
            "_, visited = gradient_descent(dJ, w0, learning_rate, num_iterations)\n"
            "slopes = [dJ(w) for w in visited]\n"
            "if abs(slopes[-1]) > abs(slopes[0]):\n    return 'diverges'\n"
            "if any(a * b <= 0 for a, b in zip(slopes[:-1], slopes[1:])):\n    return 'oscillates'\n"
            "return 'converges'",
        ),
        "learning_rate_thresholds": _fn(
            _BEHAVIOUR,
            "if learning_rate <= 0 or learning_rate > 1:\n    return 'diverges'\n"
            "if learning_rate > 0.5:\n    return 'oscillates'\n"
            "return 'converges'",
        ),
        "distance_from_start": _fn(
            _BEHAVIOUR,
            "_, visited = gradient_descent(dJ, w0, learning_rate, num_iterations)\n"
            "if abs(visited[-1] - w0) > abs(visited[1] - w0):\n    return 'diverges'\n"
            "slopes = [dJ(w) for w in visited]\n"
            "if any(a * b < 0 for a, b in zip(slopes[:-1], slopes[1:])):\n    return 'oscillates'\n"
            "return 'converges'",
        ),
    },
}
