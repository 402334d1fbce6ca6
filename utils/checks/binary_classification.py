"""Visible checks for lecture 2.1, Binary classification."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from .core import (CheckFailed, call, expect, expect_array, expect_float_dtype, expect_shape, passed, places,
                   tolerances)


def _first_difference(actual: np.ndarray, expected: np.ndarray, rtol: float = 1e-6, atol: float = 1e-9) -> str:
    """'entry [i, j] is a but should be e' for the first entry outside the tolerance (widened for float32/16)."""
    rtol, atol = tolerances(actual, rtol, atol, expected)
    wrong = ~np.isclose(np.asarray(actual, dtype=float), np.asarray(expected, dtype=float), rtol=rtol, atol=atol)
    index = tuple(int(i) for i in np.argwhere(wrong)[0])
    return f"entry {list(index)} is {np.asarray(actual)[index].item()!r} but should be {np.asarray(expected)[index].item()!r}"


def _same_values(actual: np.ndarray, expected: np.ndarray) -> bool:
    """Whether `actual` holds exactly the values of `expected`, in any order."""
    return actual.size == expected.size and np.array_equal(np.sort(actual, axis=None), np.sort(expected, axis=None))


def _expect_input_kept(image: np.ndarray, values: np.ndarray, name: str) -> None:
    """Fail if the student's function changed the shape (`image.shape = ...`) or the values of its input."""
    __tracebackhide__ = True
    expect(
        image.shape == values.shape,
        f"Your function changed the shape of the caller's {name} to {image.shape}: setting `{name}.shape = ...` "
        f"reshapes the array in place. Use `{name}.reshape(...)`, which returns a new array and leaves the input "
        "alone.",
    )
    expect(
        np.array_equal(image, values),
        f"Your function changed the values of the caller's {name}: it wrote into the array it was given "
        f"(`{name}[...] = ...`, `{name} /= ...`). Build a new array instead (`{name} / ...`, `{name}.reshape(...)` "
        f"and `{name}.astype(...)` all return one), so the caller's data stays as it was.",
    )


def check_image_to_vector(image_to_vector: Callable[[np.ndarray], np.ndarray]) -> None:
    """A (2, 4, 3) image whose values count 0..23 must unroll to the column 0..23, the same numbers (any dtype)."""
    __tracebackhide__ = True
    image = np.arange(24).reshape(2, 4, 3)
    x = expect_array(call(image_to_vector, image), "The feature vector")
    _expect_input_kept(image, np.arange(24).reshape(2, 4, 3), "image")
    expect_shape(x, (24, 1), "The feature vector of a (2, 4, 3) image")
    expect(
        not np.allclose(np.asarray(x, dtype=float), np.arange(24).reshape(24, 1) / 255),
        "Your vector holds the pixel values divided by 255. image_to_vector only changes the shape; scaling the "
        "values is a separate step (exercise 5, normalize_pixels). Return the image's own values.",
    )
    expect(
        _same_values(x, image),
        f"Your vector should hold the image's own values (0, 1, ..., 23), only rearranged, but it holds "
        f"{np.sort(np.asarray(x), axis=None)[:6].tolist()}... when sorted. Don't compute anything, only reshape.",
    )
    expect(
        not np.array_equal(x, np.arange(24).reshape(8, 3).T.reshape(24, 1)),
        "You listed all the red values, then all the green, then all the blue. That order works too (the lecture "
        "draws it that way), but this exercise asks for NumPy's row-major order: pixel by pixel, the three colour "
        "values of each pixel side by side.",
    )
    expect(
        not np.array_equal(x, np.arange(24).reshape(2, 4, 3).reshape(24, 1, order="F")),
        "Your vector walks down the columns of the image first (column-major, Fortran order). "
        "Use NumPy's default row-major order: along each row, left to right, then the next row.",
    )
    if not np.array_equal(x, np.arange(24).reshape(24, 1)):
        raise CheckFailed("Your vector holds the image's values but in another order than NumPy's row-major order "
                          f"({_first_difference(x, np.arange(24).reshape(24, 1))}). `image.reshape(...)` keeps "
                          "that order.")
    passed("image_to_vector", "a (2, 4, 3) image became a (24, 1) column")


def _as_count(value: Any, name: str) -> int:
    """Fail unless `value` is a whole number of an integer type (Python or NumPy); return it."""
    __tracebackhide__ = True
    integer = isinstance(value, (int, np.integer)) or (isinstance(value, np.ndarray) and value.ndim == 0
                                                        and value.dtype.kind in "iu")
    expect(not isinstance(value, (bool, np.bool_)), f"{name} should be a count, not the boolean {value!r}.")
    if not integer and isinstance(value, (float, np.floating)):
        raise CheckFailed(f"{name} is {value!r}, a float: a count is an integer. `/` always gives a float; "
                          "multiply the dimensions (or use `//`) instead.")
    expect(integer, f"{name} should be an integer, but it is a {type(value).__name__}: {value!r}.")
    return int(value)


def check_dataset_dimensions(dataset_dimensions: Callable[[np.ndarray, np.ndarray], tuple]) -> None:
    """(m_train, m_test, n_x) for colour and for grayscale, non-square images; a size mismatch raises ValueError."""
    __tracebackhide__ = True
    cases = [  # (train shape, test shape, expected (m_train, m_test, n_x), what the images are)
        ((5, 4, 4, 3), (2, 4, 4, 3), (5, 2, 48), "colour images of 4x4 pixels"),
        ((6, 3, 5, 1), (4, 3, 5, 1), (6, 4, 15), "grayscale images 3 pixels high and 5 wide (one channel)"),
    ]
    for train_shape, test_shape, expected, what in cases:
        result = call(dataset_dimensions, np.zeros(train_shape, np.uint8), np.zeros(test_shape, np.uint8))
        expect(isinstance(result, (tuple, list)) and len(result) == 3,
               f"Return the three numbers (m_train, m_test, n_x) as a tuple, not {result!r}.")
        m_train, m_test, n_x = (_as_count(v, n) for v, n in zip(result, ("m_train", "m_test", "n_x")))
        h, w, c = train_shape[1:]
        label = f"For {train_shape[0]} training and {test_shape[0]} test {what}"
        expect((m_train, m_test) != expected[1::-1],
               f"{label}, m_train and m_test are swapped: the first argument holds the training images.")
        expect((m_train, m_test) == expected[:2], f"{label}, m_train, m_test should be {expected[0]}, {expected[1]} "
               f"but are {m_train}, {m_test}: the number of examples is the first axis of each array.")
        expect(n_x != h * w or c == 1, f"{label}, n_x should be {expected[2]}, not {n_x}: it counts every value "
               f"of one image, height x width x channels ({h} x {w} x {c}), not just the pixels.")
        expect(n_x != h * w * 3 or c == 3, f"{label}, n_x should be {expected[2]}, not {n_x}: these images have {c} channel, "
               "as the last axis of their shape says. Take the number of channels from the shape; don't assume 3.")
        expect(n_x not in (h * h * c, w * w * c) or h == w, f"{label}, n_x should be {h} x {w} x {c} = {expected[2]}, "
               f"not {n_x}: the images need not be square, so use both the height and the width.")
        expect(n_x != int(np.prod(train_shape)), f"{label}, n_x should be {expected[2]}, not {n_x}: n_x is the size "
               "of ONE image's feature vector, not of the whole batch.")
        expect(n_x == expected[2], f"{label}, n_x should be height x width x channels = {expected[2]}, not {n_x}.")

    mismatches = [  # (train shape, test shape, why a model cannot read the test images)
        ((5, 4, 4, 3), (2, 4, 4, 1), "These test images unroll to 16 values, the training images to 48: a model with "
                                     "48 weights cannot read them."),
        ((3, 4, 6, 1), (2, 6, 4, 1), "Both unroll to 24 values, but entry k of x is a different pixel in each (the "
                                     "test images are 6 high and 4 wide): the features would not mean the same. "
                                     "Compare the shapes, not only the sizes."),
    ]
    for train_shape, test_shape, why in mismatches:
        shapes = f"training images of shape {train_shape[1:]} and test images of shape {test_shape[1:]}"
        try:
            result = dataset_dimensions(np.zeros(train_shape, np.uint8), np.zeros(test_shape, np.uint8))
        except ValueError:
            continue
        except Exception as error:  # noqa: BLE001 - reported in words
            raise CheckFailed(f"With {shapes}, dataset_dimensions raised {type(error).__name__}: {error}. "
                              "Raise a ValueError, as the exercise asks.", places(error.__traceback__)) from None
        raise CheckFailed(f"With {shapes}, dataset_dimensions returned {result!r}. {why} Raise a ValueError when a "
                          "test image's shape differs from a training image's.")
    passed("dataset_dimensions", "colour and grayscale, size mismatch refused")


def check_images_to_matrix(images_to_matrix: Callable[[np.ndarray], np.ndarray]) -> None:
    """Three (2, 2, 2) images must become X of shape (8, 3), image j unrolled row-major in column j."""
    __tracebackhide__ = True
    images = np.arange(24).reshape(3, 2, 2, 2)
    X = expect_array(call(images_to_matrix, images), "X")
    _expect_input_kept(images, np.arange(24).reshape(3, 2, 2, 2), "images")
    expect_shape(X, (8, 3), "X for m = 3 images of shape (2, 2, 2)")
    expect(
        not np.array_equal(X, np.arange(24).reshape(8, 3)),
        "X has the right shape but column 0 is not image 0: reshaping the whole batch straight to (n_x, m) "
        "spreads each image over several columns. Flatten each image into one row first (shape (m, n_x)), "
        "then turn rows into columns.",
    )
    for j in range(3):
        column, image = np.asarray(X[:, j]), images[j].reshape(-1)
        expect(
            not np.allclose(column.astype(float), image / 255),
            "X holds the pixel values divided by 255: images_to_matrix only rearranges the values; "
            "scaling is exercise 5's job.",
        )
        holder = next((k for k in range(3) if _same_values(column, images[k])), None)
        expect(holder is not None, f"Column {j} of X holds {column.tolist()}, which are not the values of any one "
               "image: each column must be one whole image, unrolled.")
        expect(holder == j, f"Column {j} of X holds image {holder}: keep the images in their order, image j in "
               "column j.")
        if not np.array_equal(column, image):
            raise CheckFailed(f"Column {j} holds image {j}'s values but in another order "
                              f"({_first_difference(column, image)}): unroll every image in NumPy's row-major "
                              "order, exactly as image_to_vector does.")
    passed("images_to_matrix", "X has shape (n_x, m) = (8, 3), one image per column")


def check_labels_to_row(labels_to_row: Callable[[Any], np.ndarray]) -> None:
    """Labels as an array (m,), a list or booleans become integer Y of shape (1, m); other labels raise ValueError."""
    __tracebackhide__ = True
    labels = np.array([1, 0, 0, 1, 1])
    Y = expect_array(call(labels_to_row, labels), "Y")
    _expect_input_kept(labels, np.array([1, 0, 0, 1, 1]), "labels")
    expect_shape(Y, (1, 5), "Y for 5 labels")
    expect(_same_values(Y, labels), f"Y should hold the labels 1, 0, 0, 1, 1, but it holds {np.asarray(Y).tolist()}.")
    expect(np.array_equal(Y, [[1, 0, 0, 1, 1]]),
           f"Y holds {np.asarray(Y).tolist()}: keep the labels in their order, only the shape changes.")

    Y = expect_array(call(labels_to_row, [0, 1, 1]), "Y for the Python list [0, 1, 1]")
    expect_shape(Y, (1, 3), "Y for the Python list [0, 1, 1]")
    expect(np.array_equal(Y, [[0, 1, 1]]), f"Y for the list [0, 1, 1] should be [[0, 1, 1]], got {np.asarray(Y).tolist()}.")

    flags = np.array([True, False, True, True])
    Y = expect_array(call(labels_to_row, flags), "Y for boolean labels")
    _expect_input_kept(flags, np.array([True, False, True, True]), "labels")
    expect_shape(Y, (1, 4), "Y for 4 boolean labels")
    expect(Y.dtype.kind in "iu", f"Y for the booleans [True, False, True, True] should hold integers 1 and 0, but "
           f"its dtype is {Y.dtype}. NumPy refuses arithmetic such as `Y_pred - Y` on two boolean arrays: convert with "
           "`.astype(int)`.")
    expect(np.array_equal(Y, [[1, 0, 1, 1]]),
           f"Y for the booleans [True, False, True, True] should be [[1, 0, 1, 1]], got {np.asarray(Y).tolist()}.")

    floats = call(labels_to_row, np.array([0.0, 1.0]))
    expect(isinstance(floats, np.ndarray) and floats.dtype.kind in "iu", "Y for the float labels [0.0, 1.0] should "
           f"hold integers, but it is {floats!r}: convert the labels with `.astype(int)`.")

    for bad, which in (([0, 1, 2, 1], "2"), ([1.0, 0.5, 0.0], "0.5")):
        try:
            result = labels_to_row(np.array(bad))
        except ValueError:
            continue
        except Exception as error:  # noqa: BLE001 - reported in words
            raise CheckFailed(f"labels_to_row(np.array({bad})) raised {type(error).__name__}: {error}. "
                              "Raise a ValueError, as the exercise asks.", places(error.__traceback__)) from None
        hint = " Check the labels before converting them: `.astype(int)` turns 0.5 into 0." if which == "0.5" else ""
        raise CheckFailed(f"labels_to_row(np.array({bad})) returned {np.asarray(result).tolist()}, but the label "
                          f"{which} is neither 0 nor 1: these are not the labels of a yes/no task. Raise a "
                          f"ValueError.{hint}")
    passed("labels_to_row", "integer Y of shape (1, m) from arrays, lists and booleans")


def check_normalize_pixels(normalize_pixels: Callable[[np.ndarray], np.ndarray]) -> None:
    """uint8 values become floats in [0, 1] (0 -> 0.0, 255 -> 1.0) for a bright and a dark image; input unchanged."""
    __tracebackhide__ = True
    for values, expected in (([[0, 51], [255, 102]], [[0.0, 0.2], [1.0, 0.4]]), ([[0, 51, 102]], [[0.0, 0.2, 0.4]])):
        original = np.array(values, dtype=np.uint8)
        X = original.copy()
        result = expect_array(call(normalize_pixels, X), "The normalised X")
        _expect_input_kept(X, original, "X")
        expect_shape(result, original.shape, "The normalised X")
        expect_float_dtype(result, "The normalised X")
        floats = np.asarray(result, dtype=float)
        expect(not np.allclose(floats, original / 256), "You divided by 256, but the largest value a uint8 pixel "
               "can hold is 255: divide by 255 so that white becomes exactly 1.0.")
        expect(floats.max() <= 1.0 + 1e-3, f"normalize_pixels({values}) has values up to {floats.max():g}: "
               "scale them into [0, 1], dividing by 255.")
        expect(original.max() == 255 or not np.isclose(floats.max(), 1.0), f"normalize_pixels({values}) maps this "
               f"dark image's brightest value, {original.max()}, to {floats.max():g}. Dividing by the image's own "
               "maximum (or stretching its range) makes every image look equally bright; divide every image by "
               "255, the largest value any uint8 pixel can hold, so a value means the same in all of them.")
        rtol, atol = tolerances(result, 1e-6, 1e-9, expected)
        if not np.allclose(floats, expected, rtol=rtol, atol=atol):
            raise CheckFailed(f"normalize_pixels({values}) should be {expected}: "
                              f"{_first_difference(result, np.array(expected))}. Each value should be pixel / 255.")
    passed("normalize_pixels", "values in [0, 1], input untouched")
