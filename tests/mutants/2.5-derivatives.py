"""Plausible wrong answers for lecture 2.5; each must lose points through the autograder."""

_SLOPE = '''def slope(f, a, h=0.001):
    """Forward-nudge estimate of the derivative of f at a."""
    {body}
'''

_CENTERED = '''def centered_slope(f, a, h=0.001):
    """Centred-nudge estimate of the derivative of f at a."""
    {body}
'''

MUTANTS = {
    "slope": {
        "centred_instead_of_forward": _SLOPE.format(body="return (f(a + h) - f(a - h)) / (2 * h)"),
        "backward_difference": _SLOPE.format(body="return (f(a) - f(a - h)) / h"),
        "height_not_divided_by_width": _SLOPE.format(body="return f(a + h) - f(a)"),
        "divides_by_2h": _SLOPE.format(body="return (f(a + h) - f(a)) / (2 * h)"),
        "ignores_h": _SLOPE.format(body="return (f(a + 0.001) - f(a)) / 0.001"),
        "sign_error": _SLOPE.format(body="return (f(a) - f(a + h)) / h"),
        "not_vectorised_float": _SLOPE.format(body="return float((f(a + h) - f(a)) / h)"),
        "integer_division": _SLOPE.format(body="return (f(a + h) - f(a)) // h"),
        "default_nudge_too_big": _SLOPE.format(body="return (f(a + h) - f(a)) / h").replace("h=0.001", "h=0.01"),
    },
    "centered_slope": {
        "forward_instead_of_centred": _CENTERED.format(body="return (f(a + h) - f(a)) / h"),
        "precedence_divides_by_2_times_h": _CENTERED.format(body="return (f(a + h) - f(a - h)) / 2 * h"),
        "divides_by_h": _CENTERED.format(body="return (f(a + h) - f(a - h)) / h"),
        "ignores_h": _CENTERED.format(body="return (f(a + 0.001) - f(a - 0.001)) / 0.002"),
        "sign_error": _CENTERED.format(body="return (f(a - h) - f(a + h)) / (2 * h)"),
        "forward_over_2h": _CENTERED.format(body="return (f(a + h) - f(a)) / (2 * h)"),
        "default_nudge_too_big": _CENTERED.format(body="return (f(a + h) - f(a - h)) / (2 * h)").replace("h=0.001", "h=0.1"),
        "not_vectorised_math": _CENTERED.format(
            body="import math\n    return (f(a + h) - f(a - h)) / (2 * h) if isinstance(a, float) else "
                 "float(f(a + h) - f(a - h)) / (2 * h)"),
        "not_vectorised_loop": _CENTERED.format(
            body="return [(f(x + h) - f(x - h)) / (2 * h) for x in a] if hasattr(a, '__len__') "
                 "else (f(a + h) - f(a - h)) / (2 * h)"),
    },
}
