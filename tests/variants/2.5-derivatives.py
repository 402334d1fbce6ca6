"""Correct answers for lecture 2.5 written the way other students would; each must keep full marks."""

_SLOPE = '''def slope(f, a, h=0.001):
    """Forward-nudge estimate of the derivative of f at a."""
{body}
'''

_CENTERED = '''def centered_slope(f, a, h=0.001):
    """Centred-nudge estimate of the derivative of f at a."""
{body}
'''

VARIANTS = {
    "slope": {
        "height_over_width": _SLOPE.format(body="    height = f(a + h) - f(a)\n    width = h\n    return height / width"),
        "numpy_ufuncs": _SLOPE.format(body="    return np.divide(np.subtract(f(a + h), f(a)), h)"),
        "zero_d_array_for_a_number": _SLOPE.format(body="    return np.asarray((f(a + h) - f(a)) / h)"),
        "multiply_by_reciprocal": _SLOPE.format(body="    right = a + h\n    return (f(right) - f(a)) * (1.0 / h)"),
    },
    "centered_slope": {
        "divide_twice": _CENTERED.format(body="    return (f(a + h) - f(a - h)) / h / 2"),
        "average_of_forward_and_backward": _CENTERED.format(
            body="    forward = (f(a + h) - f(a)) / h\n    backward = (f(a) - f(a - h)) / h\n    return (forward + backward) / 2"),
        "named_width": _CENTERED.format(
            body="    left, right = a - h, a + h\n    width = right - left\n    return (f(right) - f(left)) / (2 * h)"),
        "numpy_scalar": _CENTERED.format(body="    return np.float64(0.5) * (f(a + h) - f(a - h)) / h"),
    },
}

VARIANTS["slope"]["float32_result"] = _SLOPE.format(body="    return np.asarray((f(a + h) - f(a)) / h, dtype=np.float32)")
VARIANTS["centered_slope"]["float32_result"] = _CENTERED.format(
    body="    slope = (f(a + h) - f(a - h)) / (2 * h)\n"
         "    return slope.astype(np.float32) if isinstance(slope, np.ndarray) else np.float32(slope)")
