"""Correct answers for lecture 2.6 written the way other students would; each must keep full marks."""

VARIANTS = {
    "derivative_table": {
        "plain_rows_no_helpers": (
            "def derivative_table(a, h=0.001):\n"
            '    """Each row written out, with ** and np.log directly."""\n'
            "    return [\n"
            '        ("a^2", a ** 2, 2 * a, ((a + h) ** 2 - a ** 2) / h),\n'
            '        ("a^3", a ** 3, 3 * a ** 2, ((a + h) ** 3 - a ** 3) / h),\n'
            '        ("ln(a)", np.log(a), 1 / a, (np.log(a + h) - np.log(a)) / h),\n'
            "    ]\n"
        ),
        "python_floats_and_math": (
            "import math\n\n\n"
            "def derivative_table(a, h=0.001):\n"
            '    """Python floats, math.log, a loop over (name, f, df)."""\n'
            "    table = []\n"
            '    for name, f, df in [("a^2", lambda t: t * t, lambda t: 2.0 * t),\n'
            '                        ("a^3", lambda t: t * t * t, lambda t: 3.0 * t * t),\n'
            '                        ("ln(a)", math.log, lambda t: 1.0 / t)]:\n'
            "        table.append((name, float(f(a)), float(df(a)), float((f(a + h) - f(a)) / h)))\n"
            "    return table\n"
        ),
        "zero_d_arrays_and_list_rows": (
            "def derivative_table(a, h=0.001):\n"
            '    """NumPy all the way: 0-d arrays in list rows, np.power / np.reciprocal."""\n'
            "    x = np.asarray(a, dtype=float)\n"
            "    fs = [lambda t: np.power(t, 2), lambda t: np.power(t, 3), np.log]\n"
            "    dfs = [lambda t: 2 * t, lambda t: 3 * np.power(t, 2), np.reciprocal]\n"
            '    names = ["a^2", "a^3", "ln(a)"]\n'
            "    return [[n, np.asarray(f(x)), np.asarray(df(x)), np.asarray((f(x + h) - f(x)) / h)]\n"
            "            for n, f, df in zip(names, fs, dfs)]\n"
        ),
        "numpy_scalars_log1p": (
            "def derivative_table(a, h=0.001):\n"
            '    """NumPy float64 scalars; the ln nudge through log1p, a tuple of rows."""\n'
            "    a = np.float64(a)\n"
            '    return (("a^2", square(a), 2 * a, (square(a + h) - square(a)) / h),\n'
            '            ("a^3", cube(a), 3 * a ** 2, (cube(a + h) - cube(a)) / h),\n'
            '            ("ln(a)", np.log(a), 1 / a, np.log1p(h / a) / h))\n'
        ),
    },
}

VARIANTS["derivative_table"]["float32_numbers"] = (
    "def derivative_table(a, h=0.001):\n"
    '    """Every number stored as float32 (computed in float64 first)."""\n'
    "    rows = []\n"
    '    for name, f, df in (("a^2", square, lambda t: 2 * t), ("a^3", cube, lambda t: 3 * t ** 2),\n'
    '                        ("ln(a)", np.log, lambda t: 1 / t)):\n'
    "        rows.append((name, np.float32(f(a)), np.float32(df(a)), np.float32((f(a + h) - f(a)) / h)))\n"
    "    return rows\n"
)
