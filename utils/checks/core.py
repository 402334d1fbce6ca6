"""Building blocks of the visible check cells.

A check calls the student's function on fixed cases. On success it reports one line (`passed`);
on failure it raises `CheckFailed`, whose message names the likely mistake, and whose `places` say
where in the student's cells an error was raised ("your cell [7], line 11", never a temporary path).
In a notebook set up with `utils.setup_notebook()` both show as boxes (`utils.checks.display`); elsewhere
IPython shows a `CheckFailed` as its message alone (no wall of traceback). nbgrader counts it as a
failed test like any AssertionError.

Every word a student reads comes from the catalogues in `utils.checks.messages` (`say`), in the edition's
language (`utils.language`).
"""

from __future__ import annotations

import linecache
import re
import sys
import traceback
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple

import numpy as np

from .messages import say

_UTILS_DIR = str(Path(__file__).resolve().parent.parent)
SHORT_LINE = 100  # characters: what the Validate dialog shows of a line at 1280 px (one line per failing test)


class Place(NamedTuple):
    """Where the student's code raised: `label` ("your cell [7], line 11"), the function, the line of code, and
    whether it is a notebook cell (not a file)."""

    label: str
    function: str
    code: str
    in_cell: bool = False

    @property
    def described(self) -> str:
        """The label, and the function unless the code ran at the cell's top level: "your cell [7], line 11, in f"."""
        return self.label if self.function == "<module>" else say("place.in_function", place=self.label,
                                                                   function=self.function)


class CheckFailed(AssertionError):
    """A visible check failed; the message says what is wrong and how to fix it."""

    def __init__(self, message: str, places: tuple[Place, ...] = ()):
        super().__init__(message)
        self.places = tuple(places)

    @property
    def student_trace(self) -> str:
        """The places as text, one per line, each followed by its line of code."""
        return "".join(f"  {say('place.in_function', place=place.label, function=place.function)}\n"
                       f"    {place.code}\n" for place in self.places)

    @property
    def headline(self) -> str:
        """One short line of plain text (no backticks): what a list of failing tests (nbgrader's Validate) shows."""
        prefix = say("check_failed") + say("colon")
        return prefix + first_sentence(str(self).replace("`", ""), SHORT_LINE - len(prefix))

    def _render_traceback_(self) -> list[str]:
        """Short report that IPython shows instead of a full traceback."""
        lines = [f"\x1b[31m{say('check_failed')}{say('colon').rstrip()}\x1b[0m " + str(self)]
        if self.places:
            lines += ["", say("place.where_raised"), self.student_trace.rstrip()]
        return lines


class NotImplementedYet(CheckFailed):
    """The exercise still holds nbgrader's `raise NotImplementedError()` stub."""


def first_sentence(text: str, limit: int = SHORT_LINE) -> str:
    """The first sentence of `text`, in at most `limit` characters.

    A sentence ends at ". " before a capital, a backtick or a bracket, or at a Chinese full stop. A longer sentence
    ends at its last colon or semicolon that fits ("`f` raised ValueError."), else it is cut with "...".
    """
    match = re.search(r"(?<!e\.g)(?<!i\.e)\.\s+(?=[A-Z`(])|。", text)
    sentence = text[:match.start() + 1] if match else text.strip()
    if len(sentence) <= limit:
        return sentence
    clause = max(sentence.rfind(mark, 0, limit) for mark in (": ", "; ", "：", "；"))
    if clause > 10:
        return sentence[:clause] + ("。" if sentence[clause] in "：；" else ".")
    return sentence[:limit - 3].rstrip() + "..."


def places(tb: TracebackType | None) -> tuple[Place, ...]:
    """The frames of `tb` that belong to the student's code (not to utils), as `Place`s."""
    found = []
    for frame, line in traceback.walk_tb(tb):
        filename = frame.f_code.co_filename
        if filename.startswith(_UTILS_DIR):
            continue
        function = getattr(frame.f_code, "co_qualname", frame.f_code.co_name)
        found.append(Place(where(filename, line), function, linecache.getline(filename, line).strip(),
                           cell_name(filename) is not None))
    return tuple(found)


def where(filename: str, line: int) -> str:
    """"your cell [7], line 11" for code run in a notebook cell; else the file's last two path parts and the line."""
    return say("place.line", place=cell_name(filename) or "/".join(Path(filename).parts[-2:]), line=line)


def cell_name(filename: str, yours: bool = True) -> str | None:
    """"your cell [7]" ("cell [7]" when not `yours`) if `filename` is the code of a notebook cell, else None."""
    number = _cell_number(filename)
    if number is not None:
        return say("place.your_cell" if yours else "place.cell", number=number)
    if "ipykernel_" in filename or filename.startswith("<ipython-input-"):
        return say("place.your_cell_unnumbered" if yours else "place.cell_unnumbered")
    return None


def _cell_number(filename: str) -> int | None:
    """The execution count of the notebook cell whose code was compiled as `filename` (IPython knows it)."""
    shell = ipython_shell()
    named = shell.compile.format_code_name(filename) if shell is not None else None
    digits = re.search(r"\d+", named[1]) if named else None
    return int(digits.group()) if digits else None


def ipython_shell() -> Any:
    """The running IPython shell, or None (IPython is not imported for it: plain Python stays light)."""
    ipython = sys.modules.get("IPython")
    return ipython.get_ipython() if ipython else None


def passed(name: str, detail: str = "") -> None:
    """Report that the check of `name` passed; `detail` says what was checked.

    One line of text, or a green box in a notebook set up with `utils.setup_notebook()`.
    """
    from .display import show_passed

    show_passed(name, detail)


def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call the student's `fn`, turning its exceptions into a `CheckFailed` that says where.

    Pass fresh inputs: the student's function may modify what it is given
    (`expect_unchanged` tests for that).
    """
    __tracebackhide__ = True
    name = getattr(fn, "__name__", repr(fn))
    try:
        return fn(*args, **kwargs)
    except NotImplementedError as error:
        raise _not_yet(fn, error) from None
    except CheckFailed:
        raise
    except Exception as error:  # noqa: BLE001 - any student error becomes a readable report
        where_raised = places(error.__traceback__)
        hint = ""
        if any("math." in place.code for place in where_raised) and "Python scalar" in str(error):
            hint = say("hint.math_on_array")
        elif "Python scalar" in str(error):
            hint = say("hint.float_of_array")
        raise CheckFailed(say("raised", call=f"{name}{_describe_args(args)}", error_type=type(error).__name__,
                              error=error, hint=hint), where_raised) from None


def call_without_warnings(fn: Callable[..., Any], *args: Any, what: str,
                          on_warning: Callable[[Warning | FloatingPointError], str]) -> Any:
    """Call the student's `fn(*args)` with warnings as errors: a floating-point warning fails with
    `on_warning(warning)` (say why it overflowed), any other error with "`what` raised ...", a stub as `call` does."""
    __tracebackhide__ = True
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            return fn(*args)
        except (RuntimeWarning, FloatingPointError) as warning:
            raise CheckFailed(on_warning(warning)) from None
        except NotImplementedError as error:
            raise _not_yet(fn, error) from None
        except CheckFailed:
            raise
        except Exception as error:  # noqa: BLE001 - reported in words
            raise CheckFailed(say("what_raised", what=what, error_type=type(error).__name__, error=error),
                              places(error.__traceback__)) from None


def _not_yet(fn: Callable[..., Any], error: NotImplementedError) -> NotImplementedYet:
    """The failure of an exercise that still raises nbgrader's stub `NotImplementedError`."""
    name = getattr(fn, "__name__", repr(fn))
    return NotImplementedYet(say("not_implemented", name=name), places(error.__traceback__))


@contextmanager
def adding_hint(hint: str, instead_of: str = "") -> Iterator[None]:
    """Add `hint` to the message of a `CheckFailed` raised inside, in place of `instead_of` (a hint it makes
    redundant); a `NotImplementedYet` passes unchanged."""
    __tracebackhide__ = True
    try:
        yield
    except NotImplementedYet:
        raise
    except CheckFailed as failure:
        message = str(failure).replace(instead_of, "") if instead_of else str(failure)
        raise CheckFailed(say("and_hint", message=message.rstrip(".。"), hint=hint), failure.places) from None


def _describe_args(args: tuple[Any, ...]) -> str:
    parts = []
    for arg in args:
        if isinstance(arg, np.ndarray):
            parts.append(say("array_argument", shape=arg.shape, dtype=arg.dtype))
        elif callable(arg):
            parts.append(getattr(arg, "__name__", "<function>"))
        else:
            text = repr(arg)
            parts.append(text if len(text) <= 40 else text[:37] + "...")
    return "(" + ", ".join(parts) + ")"


def expect(condition: bool, message: str) -> None:
    """Fail with `message` unless `condition` holds."""
    __tracebackhide__ = True
    if not condition:
        raise CheckFailed(message)


def matches(actual: Any, expected: Any, rtol: float = 1e-6, atol: float = 1e-9) -> bool:
    """Whether `actual` has the shape and the values of `expected` (quietly False for what is not numbers)."""
    try:
        actual_arr, expected_arr = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return False
    return actual_arr.shape == expected_arr.shape and bool(np.allclose(actual_arr, expected_arr, rtol=rtol, atol=atol))


def mistake(actual: Any, mistakes: Iterable[tuple[Any, str]], rtol: float = 1e-6, atol: float = 1e-9) -> str:
    """The hint of the first (value a mistake gives, hint) that `actual` `matches`, or ""."""
    return next((hint for wrong, hint in mistakes if matches(actual, wrong, rtol, atol)), "")


def expect_tuple(value: Any, length: int, message: str, lists: bool = False) -> tuple[Any, ...]:
    """Fail with `message` unless `value` is a tuple (or a list, if `lists`) of `length` items; return them."""
    __tracebackhide__ = True
    kinds = (tuple, list) if lists else (tuple,)
    expect(isinstance(value, kinds) and len(value) == length, message)
    return tuple(value)


def expect_keys(value: Any, keys: Sequence[str], not_a_dict: str, missing: str, **fields: Any) -> dict[str, Any]:
    """Fail unless `value` is a dict holding every key of `keys`; return it.

    `not_a_dict` and `missing` are message ids; their fields: `fields`, `type` (of `value`), `missing` (the absent
    keys), `missing_text` (the same as text, 'a', 'b'), `keys` (the dict's keys, sorted), `wanted` (`keys` as text).
    """
    __tracebackhide__ = True
    expect(isinstance(value, dict), say(not_a_dict, type=type(value).__name__, **fields))
    absent = [key for key in keys if key not in value]
    expect(not absent, say(missing, missing=absent, missing_text=", ".join(repr(key) for key in absent),
                           keys=sorted(map(str, value)), wanted=", ".join(keys), **fields))
    return value


def expect_array(value: Any, name: str) -> np.ndarray:
    """Fail unless `value` is a NumPy array; return it."""
    __tracebackhide__ = True
    expect(isinstance(value, np.ndarray), say("not_an_array", name=name, type=type(value).__name__))
    return value


def expect_shape(value: Any, shape: tuple[int, ...], name: str) -> None:
    """Fail with a hint about the usual shape mistakes unless `value.shape == shape`."""
    __tracebackhide__ = True
    actual = getattr(value, "shape", None)
    if actual == shape:
        return
    hint = ""
    if actual is not None and len(shape) == 2 and actual == (shape[1], shape[0]):
        hint = say("hint.transposed")
    elif actual is not None and len(shape) == 2 and 1 in shape and actual == (max(shape),):
        hint = say("hint.rank_1", actual=actual, shape=shape)
    raise CheckFailed(say("wrong_shape", name=name, shape=shape, actual=actual, hint=hint))


def expect_float_dtype(value: np.ndarray, name: str) -> None:
    """Fail unless the array holds floating-point numbers (catches integer division and uint8 arithmetic)."""
    __tracebackhide__ = True
    expect(np.issubdtype(value.dtype, np.floating), say("not_floats", name=name, dtype=value.dtype))


def as_number(value: Any, name: str) -> float:
    """Fail unless `value` is one real number; return it as a Python float.

    Every interchangeable form is accepted: a Python int or float, a NumPy scalar (`np.float64` is a `float`
    anyway; `np.float32`, `np.int64`, ...) and a 0-d array. Booleans, strings, containers and arrays with more
    than one entry (or of shape `(1, 1)`) are not numbers.
    """
    __tracebackhide__ = True
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating, np.ndarray)):
        raise CheckFailed(say("not_a_number", name=name, type=type(value).__name__, value=_short(value)))
    if isinstance(value, np.ndarray) and (value.ndim != 0 or value.dtype.kind not in "iuf"):
        hint = say("hint.item") if value.size == 1 else ""
        raise CheckFailed(say("number_in_array", name=name, shape=value.shape, hint=hint))
    return float(value)


def expect_int_labels(value: Any, shape: tuple[int, ...], name: str) -> np.ndarray:
    """Fail unless `value` is an array of 0/1 labels of `shape` with an integer dtype (any width); return it."""
    __tracebackhide__ = True
    array = expect_array(value, name)
    expect_shape(array, shape, name)
    expect(array.dtype.kind in "iu", say("not_int_labels", name=name, dtype=array.dtype))
    return array


def tolerances(actual: Any, rtol: float, atol: float, expected: Any = 1.0) -> tuple[float, float]:
    """`rtol` and `atol` widened to what a narrower float type (float32, float16) can hold.

    A result computed in float32 or float16 is as right as its type allows when it is within a few dozen units
    of the last place of the exact value.
    """
    dtype = np.asarray(actual).dtype
    if dtype.kind != "f" or np.finfo(dtype).eps <= np.finfo(np.float64).eps:
        return rtol, atol
    slack = 32 * float(np.finfo(dtype).eps)
    scale = float(np.max(np.abs(expected))) if np.size(expected) else 1.0
    return max(rtol, slack), max(atol, slack * max(scale, 1e-3))


def expect_close(actual: Any, expected: Any, name: str, hint: str = "", rtol: float = 1e-6, atol: float = 1e-9) -> None:
    """Fail unless `actual` matches `expected` numerically; `hint` names the likely mistake.

    The tolerance widens for float32/float16 results (see `tolerances`).
    """
    __tracebackhide__ = True
    actual_arr, expected_arr = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    rtol, atol = tolerances(actual, rtol, atol, expected_arr)
    if actual_arr.shape != expected_arr.shape or not np.allclose(actual_arr, expected_arr, rtol=rtol, atol=atol):
        raise CheckFailed(say("wrong_values", name=name, expected=_short(expected), actual=_short(actual))
                          + (f" {hint}" if hint else ""))


def expect_unchanged(before: Any, after: Any, name: str) -> None:
    """Fail if the student's function modified an input in place."""
    __tracebackhide__ = True
    same = np.array_equal(before, after) if isinstance(before, np.ndarray) else before == after
    expect(bool(same), say("input_changed", name=name))


def _short(value: Any) -> str:
    if isinstance(value, (np.ndarray, list)):
        text = np.array2string(np.asarray(value), precision=6, threshold=8, separator=", ")
    elif isinstance(value, (np.floating, np.integer)):
        text = repr(value.item())  # a number as a learner writes it, not `np.float64(...)`
    else:
        text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."
