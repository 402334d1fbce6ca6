"""English messages of the visible checks (the ids and fields of `zh_CN.py` are the same)."""

MESSAGES = {
    # The boxes and the places (utils.checks.display, utils.checks.core)
    "passed": "✔ {name}: all visible checks passed{detail}.",
    "passed_detail": " ({detail})",
    "checked": "Checked: {detail}.",
    "check_failed": "Check failed",
    "colon": ": ",
    "not_written.title": "Not written yet",
    "not_written": "`{name}` is not written yet. It is an exercise of this notebook: write it in {cell} (which still "
                   "raises `NotImplementedError`), run that cell, then run this cell again.",
    "not_written.short": "NotImplementedError: {name} is not written yet ({cell})",
    "place.where_raised": "Where your code raised it:",
    "place.line": "{place}, line {line}",
    "place.in_function": "{place}, in {function}",
    "place.your_cell": "your cell [{number}]",
    "place.your_cell_unnumbered": "your cell",
    "place.cell": "cell [{number}]",
    "place.cell_unnumbered": "cell",
    # utils.checks.core; a hint ("hint.*") brings its own leading space
    "not_implemented": "`{name}` is not implemented yet: replace `raise NotImplementedError()` in its cell with your "
                       "code, run that cell, then run this check again.",
    "raised": "`{call}` raised {error_type}: {error}.{hint}",
    "hint.math_on_array": " The `math` module works on one number at a time; use NumPy's `np.exp`, `np.log`, ..., "
                          "which work on whole arrays elementwise.",
    "hint.float_of_array": " `float(...)` and `int(...)` take a single number; this was given an array.",
    "array_argument": "<array of shape {shape}, dtype {dtype}>",
    "not_an_array": "{name} should be a NumPy array, but it is a {type}.",
    "wrong_shape": "{name} should have shape {shape}, but it has shape {actual}.{hint}",
    "hint.transposed": " It looks transposed: check which axis holds the examples (columns) and which the features "
                       "(rows).",
    "hint.rank_1": " A rank-1 array of shape {actual} is not a row or column vector: reshape it to {shape}.",
    "not_floats": "{name} should hold floats, but its dtype is {dtype}. Integer arithmetic truncates; divide by a "
                  "float (e.g. 255.0) or use .astype(float).",
    "not_a_number": "{name} should be a single number, but it is a {type}: {value}.",
    "number_in_array": "{name} should be a single number, but it is an array of shape {shape}.{hint}",
    "hint.item": " Use `.item()` (or `float(...)`) to take the number out of the array.",
    "not_int_labels": "{name} should hold integer labels 0 and 1, but its dtype is {dtype}. A comparison gives "
                      "booleans and arithmetic gives floats: convert with `.astype(int)`.",
    "wrong_values": "{name} is wrong: expected {expected}, got {actual}.",
    "input_changed": "Your function changed its input {name} in place. Work on a copy (e.g. `w = w - ...` instead of "
                     "`w -= ...`) so the caller's data stays as it was.",
}
