"""Plausible wrong answers for lecture 2.6; each must lose points through the autograder."""


def _fn(signature: str, body: str) -> str:
    return f'def {signature}:\n    """A wrong attempt."""\n' + "".join(f"    {line}\n" for line in body.splitlines())


_TABLE_HEAD = 'functions = [("a^2", square, d_square), ("a^3", cube, d_cube), ("ln(a)", np.log, d_log)]\nrows = []\n'

MUTANTS = {
    "d_square": {
        "nudge_estimate": _fn("d_square(a)", "return ((a + 0.001) ** 2 - a ** 2) / 0.001"),
        "function_not_derivative": _fn("d_square(a)", "return a ** 2"),
        "missing_factor_2": _fn("d_square(a)", "return a"),
        "abs_loses_sign": _fn("d_square(a)", "return 2 * abs(a)"),
        "power_of_two": _fn("d_square(a)", "return 2 ** a"),
        "not_vectorised": _fn("d_square(a)", "return 2.0 * float(a)"),
    },
    "d_cube": {
        "nudge_estimate": _fn("d_cube(a)", "return ((a + 0.001) ** 3 - a ** 3) / 0.001"),
        "xor_instead_of_power": _fn("d_cube(a)", "return 3 * a ^ 2"),
        "three_a_times_two": _fn("d_cube(a)", "return 3 * a * 2"),
        "power_not_lowered": _fn("d_cube(a)", "return 3 * a ** 3"),
        "squares_3a": _fn("d_cube(a)", "return (3 * a) ** 2"),
        "math_pow_not_vectorised": _fn("d_cube(a)", "import math\nreturn 3 * math.pow(a, 2)"),
        "function_not_derivative": _fn("d_cube(a)", "return a ** 3"),
    },
    "d_log": {
        "nudge_estimate": _fn("d_log(a)", "return (np.log(a + 0.001) - np.log(a)) / 0.001"),
        "log10_derivative": _fn("d_log(a)", "return 1 / (a * np.log(10))"),
        "integer_division": _fn("d_log(a)", "return 1 // a"),
        "one_over_log": _fn("d_log(a)", "return 1 / np.log(a)"),
        "function_not_derivative": _fn("d_log(a)", "return np.log(a)"),
        "derivative_of_one_over_a": _fn("d_log(a)", "return -1 / a ** 2"),
    },
    "derivative_table": {
        "height_not_slope": _fn("derivative_table(a, h=0.001)", _TABLE_HEAD + (
            "for name, f, df in functions:\n"
            "    rows.append((name, float(f(a)), float(df(a)), float(f(a + h) - f(a))))\n"
            "return rows")),
        "numpy_floats": _fn("derivative_table(a, h=0.001)", _TABLE_HEAD + (
            "for name, f, df in functions:\n"
            "    rows.append((name, f(np.float64(a)), df(np.float64(a)), (f(a + h) - f(a)) / np.float64(h)))\n"
            "return rows")),
        "columns_swapped": _fn("derivative_table(a, h=0.001)", _TABLE_HEAD + (
            "for name, f, df in functions:\n"
            "    rows.append((name, float(f(a)), float((f(a + h) - f(a)) / h), float(df(a))))\n"
            "return rows")),
        "ignores_h": _fn("derivative_table(a, h=0.001)", _TABLE_HEAD + (
            "for name, f, df in functions:\n"
            "    rows.append((name, float(f(a)), float(df(a)), float((f(a + 0.001) - f(a)) / 0.001)))\n"
            "return rows")),
        "log10_for_ln": _fn("derivative_table(a, h=0.001)",
                            'functions = [("a^2", square, d_square), ("a^3", cube, d_cube), ("ln(a)", np.log10, d_log)]\n'
                            "rows = []\n"
                            "for name, f, df in functions:\n"
                            "    rows.append((name, float(f(a)), float(df(a)), float((f(a + h) - f(a)) / h)))\n"
                            "return rows"),
        "centred_nudge": _fn("derivative_table(a, h=0.001)", _TABLE_HEAD + (
            "for name, f, df in functions:\n"
            "    rows.append((name, float(f(a)), float(df(a)), float((f(a + h) - f(a - h)) / (2 * h))))\n"
            "return rows")),
        "hard_coded_lecture_values": _fn("derivative_table(a, h=0.001)", (
            'return [("a^2", 4.0, 4.0, 4.001), ("a^3", 8.0, 12.0, 12.006001), ("ln(a)", 0.693147, 0.5, 0.499875)]')),
    },
    "slope_errors": {
        "signed_errors_no_abs": _fn("slope_errors(f, df, a, hs)", (
            "forward = (f(a + hs) - f(a)) / hs\n"
            "centred = (f(a + hs) - f(a - hs)) / (2 * hs)\n"
            "return forward - df(a), centred - df(a)")),
        "centred_divides_by_h": _fn("slope_errors(f, df, a, hs)", (
            "forward = (f(a + hs) - f(a)) / hs\n"
            "centred = (f(a + hs) - f(a - hs)) / hs\n"
            "return np.abs(forward - df(a)), np.abs(centred - df(a))")),
        "precedence_2_times_h": _fn("slope_errors(f, df, a, hs)", (
            "forward = (f(a + hs) - f(a)) / hs\n"
            "centred = (f(a + hs) - f(a - hs)) / 2 * hs\n"
            "return np.abs(forward - df(a)), np.abs(centred - df(a))")),
        "outputs_swapped": _fn("slope_errors(f, df, a, hs)", (
            "forward = (f(a + hs) - f(a)) / hs\n"
            "centred = (f(a + hs) - f(a - hs)) / (2 * hs)\n"
            "return np.abs(centred - df(a)), np.abs(forward - df(a))")),
        "relative_errors": _fn("slope_errors(f, df, a, hs)", (
            "forward = (f(a + hs) - f(a)) / hs\n"
            "centred = (f(a + hs) - f(a - hs)) / (2 * hs)\n"
            "return np.abs(forward - df(a)) / abs(df(a)), np.abs(centred - df(a)) / abs(df(a))")),
        "returns_lists": _fn("slope_errors(f, df, a, hs)", (
            "forward = [abs((f(a + h) - f(a)) / h - df(a)) for h in hs]\n"
            "centred = [abs((f(a + h) - f(a - h)) / (2 * h) - df(a)) for h in hs]\n"
            "return forward, centred")),
        "only_first_h": _fn("slope_errors(f, df, a, hs)", (
            "h = hs[0]\n"
            "forward = abs((f(a + h) - f(a)) / h - df(a))\n"
            "centred = abs((f(a + h) - f(a - h)) / (2 * h) - df(a))\n"
            "return np.full(len(hs), forward), np.full(len(hs), centred)")),
        "error_against_f_not_df": _fn("slope_errors(f, df, a, hs)", (
            "forward = (f(a + hs) - f(a)) / hs\n"
            "centred = (f(a + hs) - f(a - hs)) / (2 * hs)\n"
            "return np.abs(forward - f(a)), np.abs(centred - f(a))")),
    },
}
