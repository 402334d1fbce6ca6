"""Plausible wrong answers for lecture 2.6; each must lose points through the autograder."""


def _table(rules: str, nudged: str = "(f(a + h) - f(a)) / h") -> str:
    """A `derivative_table` with the given rules list and nudged-slope expression."""
    return (
        "def derivative_table(a, h=0.001):\n"
        '    """A wrong attempt."""\n'
        f"    rules = {rules}\n"
        "    rows = []\n"
        "    for name, f, exact_slope in rules:\n"
        f"        rows.append((name, f(a), exact_slope(a), {nudged}))\n"
        "    return rows\n"
    )


def _rules(square: str = "2 * t", cube: str = "3 * t ** 2", log: str = "1 / t", log_f: str = "np.log") -> str:
    return (f'[("a^2", square, lambda t: {square}), ("a^3", cube, lambda t: {cube}), '
            f'("ln(a)", {log_f}, lambda t: {log})]')


MUTANTS = {
    "derivative_table": {
        # Wrong derivative rules.
        "square_function_not_slope": _table(_rules(square="t ** 2")),
        "square_missing_factor_2": _table(_rules(square="t")),
        "square_power_of_two": _table(_rules(square="2 ** t")),
        "cube_power_not_lowered": _table(_rules(cube="3 * t ** 3")),
        "cube_xor_instead_of_power": _table(_rules(cube="3 * t ^ 2")),
        "cube_three_a_times_two": _table(_rules(cube="3 * t * 2")),
        "cube_squares_3a": _table(_rules(cube="(3 * t) ** 2")),
        "log_one_over_log": _table(_rules(log="1 / np.log(t)")),
        "log_log10_slope": _table(_rules(log="1 / (t * np.log(10))")),
        "log_integer_division": _table(_rules(log="1 // t")),
        "log_derivative_of_one_over_a": _table(_rules(log="-1 / t ** 2")),
        "log10_for_ln": _table(_rules(log_f="np.log10")),
        "exact_column_is_a_nudge": _table(_rules(square="((t + 0.001) ** 2 - t ** 2) / 0.001")),
        # Wrong nudged slopes.
        "height_not_slope": _table(_rules(), nudged="f(a + h) - f(a)"),
        "centred_nudge": _table(_rules(), nudged="(f(a + h) - f(a - h)) / (2 * h)"),
        "backward_nudge": _table(_rules(), nudged="(f(a) - f(a - h)) / h"),
        "divides_by_2h": _table(_rules(), nudged="(f(a + h) - f(a)) / (2 * h)"),
        "sign_error": _table(_rules(), nudged="(f(a) - f(a + h)) / h"),
        "ignores_h": _table(_rules(), nudged="(f(a + 0.001) - f(a)) / 0.001"),
        "wrong_default_h": _table(_rules()).replace("h=0.001", "h=0.01"),
        "columns_swapped": _table(_rules()).replace("exact_slope(a), (f(a + h) - f(a)) / h",
                                                    "(f(a + h) - f(a)) / h, exact_slope(a)"),
        "nudged_is_exact": _table(_rules(), nudged="exact_slope(a)"),
        # Wrong layout.
        "names_changed": _table(_rules().replace('"a^2"', '"a²"')),
        "dict_not_list": (
            "def derivative_table(a, h=0.001):\n"
            '    """A wrong attempt: a dict of rows."""\n'
            '    return {"a^2": (a ** 2, 2 * a, ((a + h) ** 2 - a ** 2) / h),\n'
            '            "a^3": (a ** 3, 3 * a ** 2, ((a + h) ** 3 - a ** 3) / h),\n'
            '            "ln(a)": (np.log(a), 1 / a, (np.log(a + h) - np.log(a)) / h)}\n'
        ),
        "hard_coded_lecture_values": (
            "def derivative_table(a, h=0.001):\n"
            '    """A wrong attempt: the lecture\'s numbers at a = 2."""\n'
            '    return [("a^2", 4.0, 4.0, 4.001), ("a^3", 8.0, 12.0, 12.006001), ("ln(a)", 0.693147, 0.5, 0.499875)]\n'
        ),
    },
}
