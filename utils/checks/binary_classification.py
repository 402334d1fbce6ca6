"""Visible checks for lecture 2.1, Binary classification (messages: "2.1.*" in `utils.checks.messages`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .core import (
    CheckFailed,
    call,
    expect,
    expect_array,
    expect_float_dtype,
    expect_shape,
    expect_tuple,
    passed,
    places,
    tolerances,
)
from .messages import say


def _first_difference(actual: np.ndarray, expected: np.ndarray, rtol: float = 1e-6, atol: float = 1e-9) -> str:
    """'entry [i, j] is a but should be e' for the first entry outside the tolerance (widened for float32/16)."""
    rtol, atol = tolerances(actual, rtol, atol, expected)
    wrong = ~np.isclose(np.asarray(actual, dtype=float), np.asarray(expected, dtype=float), rtol=rtol, atol=atol)
    index = tuple(int(i) for i in np.argwhere(wrong)[0])
    return say("2.1.first_difference", index=list(index), actual=np.asarray(actual)[index].item(),
               expected=np.asarray(expected)[index].item())


def _same_values(actual: np.ndarray, expected: np.ndarray) -> bool:
    """Whether `actual` holds exactly the values of `expected`, in any order."""
    return actual.size == expected.size and np.array_equal(np.sort(actual, axis=None), np.sort(expected, axis=None))


def _expect_input_kept(image: np.ndarray, values: np.ndarray, name: str) -> None:
    """Fail if the student's function changed the shape (`image.shape = ...`) or the values of its input."""
    __tracebackhide__ = True
    expect(image.shape == values.shape, say("2.1.input_reshaped", name=name, shape=image.shape))
    expect(np.array_equal(image, values), say("2.1.input_written", name=name))


def _refused(fn: Callable[..., Any], args: tuple[Any, ...], what: str) -> tuple[bool, Any]:
    """Call `fn(*args)`, which should raise ValueError: (True, None) if it did, else (False, what it returned)."""
    __tracebackhide__ = True
    try:
        return False, fn(*args)
    except ValueError:
        return True, None
    except Exception as error:  # noqa: BLE001 - reported in words
        raise CheckFailed(say("2.1.not_value_error", what=what, error_type=type(error).__name__, error=error),
                          places(error.__traceback__)) from None


def check_image_to_vector(image_to_vector: Callable[[np.ndarray], np.ndarray]) -> None:
    """A (2, 4, 3) image whose values count 0..23 must unroll to the column 0..23, the same numbers (any dtype)."""
    __tracebackhide__ = True
    image = np.arange(24).reshape(2, 4, 3)
    x = expect_array(call(image_to_vector, image), say("2.1.feature_vector"))
    _expect_input_kept(image, np.arange(24).reshape(2, 4, 3), "image")
    expect_shape(x, (24, 1), say("2.1.feature_vector_of"))
    expect(not np.allclose(np.asarray(x, dtype=float), np.arange(24).reshape(24, 1) / 255), say("2.1.vector_scaled"))
    expect(_same_values(x, image), say("2.1.vector_values", sorted=np.sort(np.asarray(x), axis=None)[:6].tolist()))
    expect(not np.array_equal(x, np.arange(24).reshape(8, 3).T.reshape(24, 1)), say("2.1.vector_by_channel"))
    expect(not np.array_equal(x, np.arange(24).reshape(2, 4, 3).reshape(24, 1, order="F")),
           say("2.1.vector_column_major"))
    if not np.array_equal(x, np.arange(24).reshape(24, 1)):
        raise CheckFailed(say("2.1.vector_order", difference=_first_difference(x, np.arange(24).reshape(24, 1))))
    passed("image_to_vector", say("2.1.image_to_vector.passed"))


def _as_count(value: Any, name: str) -> int:
    """Fail unless `value` is a whole number of an integer type (Python or NumPy); return it."""
    __tracebackhide__ = True
    integer = isinstance(value, (int, np.integer)) or (isinstance(value, np.ndarray) and value.ndim == 0
                                                        and value.dtype.kind in "iu")
    expect(not isinstance(value, (bool, np.bool_)), say("2.1.count_boolean", name=name, value=value))
    if not integer and isinstance(value, (float, np.floating)):
        raise CheckFailed(say("2.1.count_float", name=name, value=value))
    expect(integer, say("2.1.count_type", name=name, type=type(value).__name__, value=value))
    return int(value)


def check_dataset_dimensions(dataset_dimensions: Callable[[np.ndarray, np.ndarray], tuple]) -> None:
    """(m_train, m_test, n_x) for colour and for grayscale, non-square images; a size mismatch raises ValueError."""
    __tracebackhide__ = True
    cases = [  # (train shape, test shape, expected (m_train, m_test, n_x), what the images are)
        ((5, 4, 4, 3), (2, 4, 4, 3), (5, 2, 48), say("2.1.colour_images")),
        ((6, 3, 5, 1), (4, 3, 5, 1), (6, 4, 15), say("2.1.grayscale_images")),
    ]
    for train_shape, test_shape, expected, what in cases:
        result = call(dataset_dimensions, np.zeros(train_shape, np.uint8), np.zeros(test_shape, np.uint8))
        result = expect_tuple(result, 3, say("2.1.three_numbers", result=result), lists=True)
        m_train, m_test, n_x = (_as_count(v, n) for v, n in zip(result, ("m_train", "m_test", "n_x"), strict=True))
        h, w, c = train_shape[1:]
        label = say("2.1.for_images", m_train=train_shape[0], m_test=test_shape[0], what=what)
        right = expected[2]
        expect((m_train, m_test) != expected[1::-1], say("2.1.swapped", label=label))
        expect((m_train, m_test) == expected[:2], say("2.1.counts", label=label, expected_train=expected[0],
                                                      expected_test=expected[1], m_train=m_train, m_test=m_test))
        expect(n_x != h * w or c == 1, say("2.1.n_x_pixels", label=label, right=right, n_x=n_x, h=h, w=w, c=c))
        expect(n_x != h * w * 3 or c == 3, say("2.1.n_x_three", label=label, right=right, n_x=n_x, c=c))
        expect(n_x not in (h * h * c, w * w * c) or h == w,
               say("2.1.n_x_square", label=label, right=right, n_x=n_x, h=h, w=w, c=c))
        expect(n_x != int(np.prod(train_shape)), say("2.1.n_x_batch", label=label, right=right, n_x=n_x))
        expect(n_x == right, say("2.1.n_x", label=label, right=right, n_x=n_x))

    mismatches = [  # (train shape, test shape, why a model cannot read the test images)
        ((5, 4, 4, 3), (2, 4, 4, 1), say("2.1.mismatch_size")),
        ((3, 4, 6, 1), (2, 6, 4, 1), say("2.1.mismatch_layout")),
    ]
    for train_shape, test_shape, why in mismatches:
        shapes = say("2.1.shapes", train=train_shape[1:], test=test_shape[1:])
        images = (np.zeros(train_shape, np.uint8), np.zeros(test_shape, np.uint8))
        refused, result = _refused(dataset_dimensions, images, say("2.1.with_shapes", shapes=shapes))
        if not refused:
            raise CheckFailed(say("2.1.mismatch_accepted", shapes=shapes, result=result, why=why))
    passed("dataset_dimensions", say("2.1.dataset_dimensions.passed"))


def check_images_to_matrix(images_to_matrix: Callable[[np.ndarray], np.ndarray]) -> None:
    """Three (2, 2, 2) images must become X of shape (8, 3), image j unrolled row-major in column j."""
    __tracebackhide__ = True
    images = np.arange(24).reshape(3, 2, 2, 2)
    X = expect_array(call(images_to_matrix, images), "X")
    _expect_input_kept(images, np.arange(24).reshape(3, 2, 2, 2), "images")
    expect_shape(X, (8, 3), say("2.1.X_for_images"))
    expect(not np.array_equal(X, np.arange(24).reshape(8, 3)), say("2.1.batch_reshaped"))
    for j in range(3):
        column, image = np.asarray(X[:, j]), images[j].reshape(-1)
        expect(not np.allclose(column.astype(float), image / 255), say("2.1.matrix_scaled"))
        holder = next((k for k in range(3) if _same_values(column, images[k])), None)
        expect(holder is not None, say("2.1.column_mixed", j=j, column=column.tolist()))
        expect(holder == j, say("2.1.column_order", j=j, holder=holder))
        if not np.array_equal(column, image):
            raise CheckFailed(say("2.1.column_unrolled", j=j, difference=_first_difference(column, image)))
    passed("images_to_matrix", say("2.1.images_to_matrix.passed"))


def check_labels_to_row(labels_to_row: Callable[[Any], np.ndarray]) -> None:
    """Labels as an array (m,), a list or booleans become integer Y of shape (1, m); other labels raise ValueError."""
    __tracebackhide__ = True
    labels = np.array([1, 0, 0, 1, 1])
    Y = expect_array(call(labels_to_row, labels), "Y")
    _expect_input_kept(labels, np.array([1, 0, 0, 1, 1]), "labels")
    expect_shape(Y, (1, 5), say("2.1.Y_for_5"))
    expect(_same_values(Y, labels), say("2.1.Y_values", Y=np.asarray(Y).tolist()))
    expect(np.array_equal(Y, [[1, 0, 0, 1, 1]]), say("2.1.Y_order", Y=np.asarray(Y).tolist()))

    Y = expect_array(call(labels_to_row, [0, 1, 1]), say("2.1.Y_for_list"))
    expect_shape(Y, (1, 3), say("2.1.Y_for_list"))
    expect(np.array_equal(Y, [[0, 1, 1]]), say("2.1.Y_list", Y=np.asarray(Y).tolist()))

    flags = np.array([True, False, True, True])
    Y = expect_array(call(labels_to_row, flags), say("2.1.Y_for_booleans"))
    _expect_input_kept(flags, np.array([True, False, True, True]), "labels")
    expect_shape(Y, (1, 4), say("2.1.Y_for_4_booleans"))
    expect(Y.dtype.kind in "iu", say("2.1.Y_boolean_dtype", dtype=Y.dtype))
    expect(np.array_equal(Y, [[1, 0, 1, 1]]), say("2.1.Y_booleans", Y=np.asarray(Y).tolist()))

    floats = call(labels_to_row, np.array([0.0, 1.0]))
    expect(isinstance(floats, np.ndarray) and floats.dtype.kind in "iu", say("2.1.Y_float_labels", Y=floats))

    for bad, which in (([0, 1, 2, 1], "2"), ([1.0, 0.5, 0.0], "0.5")):
        refused, result = _refused(labels_to_row, (np.array(bad),), f"labels_to_row(np.array({bad}))")
        if not refused:
            hint = say("2.1.labels_half") if which == "0.5" else ""
            raise CheckFailed(say("2.1.labels_accepted", bad=bad, result=np.asarray(result).tolist(), which=which,
                                  hint=hint))
    passed("labels_to_row", say("2.1.labels_to_row.passed"))


def check_normalize_pixels(normalize_pixels: Callable[[np.ndarray], np.ndarray]) -> None:
    """uint8 values become floats in [0, 1] (0 -> 0.0, 255 -> 1.0) for a bright and a dark image; input unchanged."""
    __tracebackhide__ = True
    for values, expected in (([[0, 51], [255, 102]], [[0.0, 0.2], [1.0, 0.4]]), ([[0, 51, 102]], [[0.0, 0.2, 0.4]])):
        original = np.array(values, dtype=np.uint8)
        X = original.copy()
        name = say("2.1.normalised_X")
        result = expect_array(call(normalize_pixels, X), name)
        _expect_input_kept(X, original, "X")
        expect_shape(result, original.shape, name)
        expect_float_dtype(result, name)
        floats = np.asarray(result, dtype=float)
        expect(not np.allclose(floats, original / 256), say("2.1.divided_by_256"))
        expect(floats.max() <= 1.0 + 1e-3, say("2.1.above_one", values=values, largest=floats.max()))
        expect(original.max() == 255 or not np.isclose(floats.max(), 1.0),
               say("2.1.stretched", values=values, brightest=original.max(), largest=floats.max()))
        rtol, atol = tolerances(result, 1e-6, 1e-9, expected)
        if not np.allclose(floats, expected, rtol=rtol, atol=atol):
            raise CheckFailed(say("2.1.normalised", values=values, expected=expected,
                                  difference=_first_difference(result, np.array(expected))))
    passed("normalize_pixels", say("2.1.normalize_pixels.passed"))
