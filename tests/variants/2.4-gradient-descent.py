"""Correct answers for lecture 2.4 written the way other students would; each must keep full marks."""


def _fn(signature: str, body: str) -> str:
    return f"def {signature}:\n" + "".join(f"    {line}\n" for line in body.strip().splitlines())


_UPDATE = "update_parameters(w, b, slopes, learning_rate)"
_DESCENT = "gradient_descent(dJ, w0, learning_rate, num_iterations)"
_BEHAVIOUR = "learning_rate_behaviour(dJ, w0, learning_rate, num_iterations)"

VARIANTS = {
    "update_parameters": {
        "np_subtract": _fn(
            _UPDATE, "dw, db = slopes(w, b)\nreturn np.subtract(w, learning_rate * dw), np.subtract(b, learning_rate * db)"),
        "in_place_on_a_copy": _fn(
            _UPDATE, "dw, db = slopes(w, b)\nnew_w = np.array(w, dtype=float, copy=True)\nnew_w -= learning_rate * dw\n"
                     "return (new_w if np.ndim(w) else new_w.item()), b - learning_rate * db"),
        "slopes_asked_twice_at_the_start": _fn(
            _UPDATE, "new_b = b - learning_rate * slopes(w, b)[1]\nnew_w = w - learning_rate * slopes(w, b)[0]\n"
                     "return new_w, new_b"),
        "numpy_scalar_b": _fn(
            _UPDATE, "gradients = slopes(w, b)\nreturn w - learning_rate * gradients[0], np.float64(b - learning_rate * gradients[1])"),
    },
    "gradient_descent": {
        "while_loop": _fn(
            _DESCENT,
            "history = [w0]\nwhile len(history) <= num_iterations:\n"
            "    history.append(history[-1] - learning_rate * dJ(history[-1]))\nreturn history[-1], history",
        ),
        "recursion": _fn(
            _DESCENT,
            "if num_iterations == 0:\n    return w0, [w0]\n"
            "w, history = gradient_descent(dJ, w0 - learning_rate * dJ(w0), learning_rate, num_iterations - 1)\n"
            "return w, [w0] + history",
        ),
        "numpy_scalars": _fn(
            _DESCENT,
            "w = np.float64(w0)\nhistory = [w]\nfor _ in range(num_iterations):\n"
            "    w = w - np.float64(learning_rate) * dJ(w)\n    history.append(w)\nreturn w, history",
        ),
        "index_loop": _fn(
            _DESCENT,
            "history = [w0] + [None] * num_iterations\nfor k in range(1, num_iterations + 1):\n"
            "    history[k] = history[k - 1] - learning_rate * dJ(history[k - 1])\nreturn history[-1], history",
        ),
    },
    "learning_rate_behaviour": {
        "numpy_slopes_isclose": _fn(
            _BEHAVIOUR,
            "_, history = gradient_descent(dJ, w0, learning_rate, num_iterations)\n"
            "s = np.array([dJ(w) for w in history])\n"
            "if abs(s[-1]) > abs(s[0]) and not np.isclose(abs(s[-1]), abs(s[0])):\n    return 'diverges'\n"
            "if s[0] != 0 and np.isclose(abs(s[-1]), abs(s[0])):\n    return 'cycles'\n"
            "if np.any(np.sign(s[1:]) * np.sign(s[:-1]) < 0):\n    return 'converges while oscillating'\n"
            "return 'converges monotonically'",
        ),
        "ratio_of_sizes": _fn(
            _BEHAVIOUR,
            "_, history = gradient_descent(dJ, w0, learning_rate, num_iterations)\n"
            "first, last = dJ(history[0]), dJ(history[-1])\n"
            "if first == 0:\n    return 'converges monotonically'\n"
            "ratio = abs(last) / abs(first)\n"
            "if ratio > 1:\n    return 'diverges'\nif ratio == 1:\n    return 'cycles'\n"
            "for a, b in zip(history[:-1], history[1:]):\n"
            "    if dJ(a) * dJ(b) < 0:\n        return 'converges while oscillating'\n"
            "return 'converges monotonically'",
        ),
        "flag_loop": _fn(
            _BEHAVIOUR,
            "w, history = gradient_descent(dJ, w0, learning_rate, num_iterations)\n"
            "start, end = abs(dJ(w0)), abs(dJ(w))\nflipped = False\nprevious = dJ(w0)\n"
            "for value in history[1:]:\n    slope = dJ(value)\n"
            "    if (previous > 0 and slope < 0) or (previous < 0 and slope > 0):\n        flipped = True\n"
            "    previous = slope\n"
            "verdict = 'converges while oscillating' if flipped else 'converges monotonically'\n"
            "if end == start and start > 0:\n    verdict = 'cycles'\n"
            "if end > start:\n    verdict = 'diverges'\nreturn verdict",
        ),
    },
}
