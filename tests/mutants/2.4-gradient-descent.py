"""Plausible wrong answers for lecture 2.4; each must lose points through the real autograder."""


def _fn(signature: str, body: str) -> str:
    return f"def {signature}:\n" + "".join(f"    {line}\n" for line in body.strip().splitlines())


_UPDATE = "update_parameters(w, b, slopes, learning_rate)"
_DESCENT = "gradient_descent(dJ, w0, learning_rate, num_iterations)"
_BEHAVIOUR = "learning_rate_behaviour(dJ, w0, learning_rate, num_iterations)"
# The right classification; each learning_rate_behaviour mutant changes one piece of it.
_SLOPES = (
    "_, visited = gradient_descent(dJ, w0, learning_rate, num_iterations)\n"
    "s = [dJ(w) for w in visited]\n"
    "if abs(s[-1]) > abs(s[0]):\n    return 'diverges'\n"
    "if abs(s[-1]) == abs(s[0]) != 0:\n    return 'cycles'\n"
    "if any(a * b < 0 for a, b in zip(s[:-1], s[1:])):\n    return 'converges while oscillating'\n"
    "return 'converges monotonically'"
)

MUTANTS = {
    "update_parameters": {
        "in_place": _fn(_UPDATE, "dw, db = slopes(w, b)\nw -= learning_rate * dw\nb -= learning_rate * db\nreturn w, b"),
        "uphill": _fn(_UPDATE, "dw, db = slopes(w, b)\nreturn w + learning_rate * dw, b + learning_rate * db"),
        "forgets_learning_rate": _fn(_UPDATE, "dw, db = slopes(w, b)\nreturn w - dw, b - db"),
        "swapped_gradients": _fn(_UPDATE, "dw, db = slopes(w, b)\nreturn w - learning_rate * db, b - learning_rate * dw"),
        "b_not_updated": _fn(_UPDATE, "dw, db = slopes(w, b)\nreturn w - learning_rate * dw, b"),
        "divides_by_learning_rate": _fn(_UPDATE, "dw, db = slopes(w, b)\nreturn w - dw / learning_rate, b - db / learning_rate"),
        "w_first_then_b": _fn(
            _UPDATE, "dw, _ = slopes(w, b)\nw = w - learning_rate * dw\n_, db = slopes(w, b)\nreturn w, b - learning_rate * db"),
        "b_first_then_w": _fn(
            _UPDATE, "_, db = slopes(w, b)\nb = b - learning_rate * db\ndw, _ = slopes(w, b)\nreturn w - learning_rate * dw, b"),
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
        "distance_from_zero": _fn(_BEHAVIOUR, _SLOPES.replace("abs(s[-1]) > abs(s[0])", "abs(visited[-1]) > abs(visited[0])")),
        "sign_change_tested_first": _fn(
            _BEHAVIOUR,
            "_, visited = gradient_descent(dJ, w0, learning_rate, num_iterations)\n"
            "s = [dJ(w) for w in visited]\n"
            "if any(a * b < 0 for a, b in zip(s[:-1], s[1:])):\n    return 'converges while oscillating'\n"
            "if abs(s[-1]) > abs(s[0]):\n    return 'diverges'\n"
            "if abs(s[-1]) == abs(s[0]) != 0:\n    return 'cycles'\n"
            "return 'converges monotonically'",
        ),
        "cycle_counts_as_divergence": _fn(_BEHAVIOUR, _SLOPES.replace("abs(s[-1]) > abs(s[0])", "abs(s[-1]) >= abs(s[0]) != 0")),
        "no_cycles": _fn(_BEHAVIOUR, _SLOPES.replace("abs(s[-1]) == abs(s[0]) != 0", "False")),
        "cycle_when_every_step_flips": _fn(
            _BEHAVIOUR, _SLOPES.replace("abs(s[-1]) == abs(s[0]) != 0", "all(a * b < 0 for a, b in zip(s[:-1], s[1:]))")),
        "zero_slope_counts_as_sign_change": _fn(_BEHAVIOUR, _SLOPES.replace("a * b < 0", "a * b <= 0")),
        "old_three_verdicts": _fn(
            _BEHAVIOUR, _SLOPES.replace("'converges monotonically'", "'converges'").replace(
                "'converges while oscillating'", "'oscillates'").replace("abs(s[-1]) == abs(s[0]) != 0", "False")),
        "learning_rate_thresholds": _fn(
            _BEHAVIOUR,
            "if learning_rate > 1:\n    return 'diverges'\nif learning_rate == 1:\n    return 'cycles'\n"
            "if learning_rate > 0.5:\n    return 'converges while oscillating'\nreturn 'converges monotonically'",
        ),
        "distance_from_start": _fn(_BEHAVIOUR, _SLOPES.replace("abs(s[-1]) > abs(s[0])", "abs(visited[-1] - w0) > abs(visited[1] - w0)")),
        "compares_with_second_slope": _fn(_BEHAVIOUR, _SLOPES.replace("abs(s[-1]) > abs(s[0])", "abs(s[-1]) > abs(s[1])").replace(
            "abs(s[-1]) == abs(s[0]) != 0", "abs(s[-1]) == abs(s[1]) != 0")),
    },
}
