"""The shared check helpers of utils.checks.core: quiet comparison, stored mistakes, tuple and dict shapes, calls
with warnings as errors, and hints added to a failure (never to an exercise not written yet)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import numpy as np
import pytest

from utils import language
from utils.checks.core import (
    CheckFailed,
    NotImplementedYet,
    adding_hint,
    call,
    call_without_warnings,
    expect_keys,
    expect_tuple,
    first_sentence,
    matches,
    mistake,
)


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(language, "_chosen", "en")
    yield


def stub(*args: object) -> None:
    raise NotImplementedError()


def test_matches_compares_shape_and_values_quietly() -> None:
    assert matches(np.float32(0.25), 0.25) and matches(np.array(0.25), 0.25) and matches([[1.0, 2.0]], ((1, 2),))
    assert not matches(np.array([0.25]), 0.25)  # a (1,) array is not a number
    assert matches("0.25", 0.25) is not False or True  # a string of digits converts; what matters is no exception
    assert not matches({"a": 1}, 1.0) and not matches(None, 0.0)
    assert matches(1.0 + 1e-10, 1.0) and not matches(1.0 + 1e-4, 1.0)


def test_mistake_names_the_first_matching_hint() -> None:
    mistakes = [(3.0, "sign"), (6.0, "factor"), (6.0, "never reached")]
    assert mistake(np.float64(6.0), mistakes) == "factor"
    assert mistake(5.0, mistakes) == "" and mistake("text", mistakes) == ""


def test_expect_tuple_accepts_lists_only_when_asked() -> None:
    assert expect_tuple((1, 2), 2, "a pair") == (1, 2)
    assert expect_tuple([1, 2, 3], 3, "three", lists=True) == (1, 2, 3)
    for wrong in ([1, 2], (1, 2, 3), None):
        with pytest.raises(CheckFailed, match="^a pair$"):
            expect_tuple(wrong, 2, "a pair")


def test_expect_keys_names_what_is_missing() -> None:
    grads = {"dw": 1, "db": 2}
    assert expect_keys(grads, ("dw", "db"), "2.9.not_a_dict", "2.9.missing_keys", name="grads") is grads
    with pytest.raises(CheckFailed, match="^grads should be a dict, but it is a list.$"):
        expect_keys([1], ("dw",), "2.9.not_a_dict", "2.9.missing_keys", name="grads")
    with pytest.raises(CheckFailed, match="^grads has no key 'db'; it needs dw, db.$"):
        expect_keys({"dw": 1}, ("dw", "db"), "2.9.not_a_dict", "2.9.missing_keys", name="grads")


def overflowing(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def test_call_without_warnings_explains_a_warning_and_restores_the_filters() -> None:
    before = list(warnings.filters)
    with pytest.raises(CheckFailed, match="^sigmoid overflowed: overflow encountered in exp$"):
        call_without_warnings(overflowing, np.array([-1000.0]), what="sigmoid",
                              on_warning=lambda warning: f"sigmoid overflowed: {warning}")
    assert warnings.filters == before
    assert call_without_warnings(overflowing, np.array([0.0]), what="sigmoid", on_warning=str) == [0.5]


def test_call_without_warnings_reports_a_stub_and_other_errors() -> None:
    with pytest.raises(NotImplementedYet, match="`stub` is not implemented yet"):
        call_without_warnings(stub, 1, what="stub(1)", on_warning=str)
    with pytest.raises(CheckFailed, match=r"^f\(1\) raised ZeroDivisionError: division by zero$") as info:
        call_without_warnings(lambda a: a / 0, 1, what="f(1)", on_warning=str)
    assert info.value.places  # where the student's code raised it


def test_adding_hint_adds_to_a_failure_but_keeps_a_stub_as_it_is() -> None:
    with pytest.raises(CheckFailed, match=r"^`<lambda>\(1\)` raised ZeroDivisionError: division by zero\. Divide "
                                          r"by something else\.$"), adding_hint("Divide by something else."):
        call(lambda a: a / 0, 1)
    with pytest.raises(NotImplementedYet) as info, adding_hint("Divide by something else."):
        call(stub, 1)
    assert "Divide" not in str(info.value)


def test_adding_hint_replaces_the_hint_it_makes_redundant() -> None:
    import math

    math_hint = (" The `math` module works on one number at a time; use NumPy's `np.exp`, `np.log`, ..., which work "
                 "on whole arrays elementwise.")
    with pytest.raises(CheckFailed) as info, adding_hint("Use plain arithmetic.", instead_of=math_hint):
        call(lambda a: math.exp(a), np.array([1.0, 2.0]))
    assert str(info.value).endswith("Use plain arithmetic.") and "`math` module" not in str(info.value)


def test_the_short_line_of_a_chinese_message_is_its_first_sentence() -> None:
    assert first_sentence("`f` 还没有实现：把它换成你的代码。然后再运行。") == "`f` 还没有实现：把它换成你的代码。"
    language.set_language("zh-CN")
    assert CheckFailed("X 的形状不对。请转置。").headline == "检查未通过：X 的形状不对。"
