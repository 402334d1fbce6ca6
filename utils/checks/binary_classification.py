"""Visible checks for lecture 2.1, Binary classification."""

from __future__ import annotations

from typing import Callable

import numpy as np

from .core import call, expect, expect_array, expect_close, expect_float_dtype, expect_shape, expect_unchanged, passed


def check_image_to_vector(image_to_vector: Callable[[np.ndarray], np.ndarray]) -> None:
    """A (2, 4, 3) image whose pixel values count 0..23 must unroll to the column 0..23."""
    __tracebackhide__ = True
    image = np.arange(24).reshape(2, 4, 3)
    x = expect_array(call(image_to_vector, image), "The feature vector")
    expect_shape(x, (24, 1), "The feature vector of a (2, 4, 3) image")
    channel_by_channel = np.arange(24).reshape(8, 3).T.reshape(24, 1)
    expect(
        not np.array_equal(x, channel_by_channel),
        "You listed all the red values, then all the green, then all the blue. That order works too (the lecture "
        "draws it that way), but this exercise asks for NumPy's row-major order: pixel by pixel, the three colour "
        "values of each pixel side by side.",
    )
    expect(
        not np.array_equal(x, np.arange(24).reshape(2, 4, 3).reshape(24, 1, order="F")),
        "Your vector walks down the columns of the image first (column-major, Fortran order). "
        "Use NumPy's default row-major order: along each row, left to right, then the next row.",
    )
    expect_close(x, np.arange(24).reshape(24, 1), "The feature vector", "Keep NumPy's row-major order.")
    expect_unchanged(image, np.arange(24).reshape(2, 4, 3), "image")
    passed("image_to_vector", "a (2, 4, 3) image became a (24, 1) column")


def check_images_to_matrix(images_to_matrix: Callable[[np.ndarray], np.ndarray]) -> None:
    """Three (2, 2, 2) images must become X of shape (8, 3), image j in column j."""
    __tracebackhide__ = True
    images = np.arange(24).reshape(3, 2, 2, 2)
    X = expect_array(call(images_to_matrix, images), "X")
    expect_shape(X, (8, 3), "X for m = 3 images of shape (2, 2, 2)")
    expect(
        not np.array_equal(X, np.arange(24).reshape(8, 3)),
        "X has the right shape but column 0 is not image 0: reshaping the whole batch straight to (n_x, m) "
        "spreads each image over several columns. Flatten each image into one row first (shape (m, n_x)), "
        "then turn rows into columns.",
    )
    expected = np.arange(24).reshape(3, 8).T
    for j in range(3):
        expect_close(X[:, j], expected[:, j], f"Column {j} of X", f"Column {j} should be image {j}, unrolled.")
    passed("images_to_matrix", "X has shape (n_x, m) = (8, 3), one image per column")


def check_labels_to_row(labels_to_row: Callable[[np.ndarray], np.ndarray]) -> None:
    """Labels (m,) must become Y of shape (1, m) with the same values in the same order."""
    __tracebackhide__ = True
    labels = np.array([1, 0, 0, 1, 1])
    Y = expect_array(call(labels_to_row, labels), "Y")
    expect_shape(Y, (1, 5), "Y for 5 labels")
    expect_close(Y, [[1, 0, 0, 1, 1]], "Y", "Keep the labels in the same order; only the shape changes.")
    passed("labels_to_row", "Y has shape (1, m) = (1, 5)")


def check_normalize_pixels(normalize_pixels: Callable[[np.ndarray], np.ndarray]) -> None:
    """uint8 values 0, 51, 255 must become floats 0.0, 0.2, 1.0, without changing the input."""
    __tracebackhide__ = True
    original = np.array([[0, 51], [255, 102]], dtype=np.uint8)
    X = original.copy()
    result = expect_array(call(normalize_pixels, X), "The normalised X")
    expect_unchanged(X, original, "X")
    expect_shape(result, (2, 2), "The normalised X")
    expect_float_dtype(result, "The normalised X")
    expect(
        not np.allclose(result, original / 256),
        "You divided by 256, but the largest pixel value is 255: divide by 255 so white becomes exactly 1.0.",
    )
    expect_close(result, [[0.0, 0.2], [1.0, 0.4]], "The normalised X", "Each value should be pixel / 255.")
    passed("normalize_pixels", "values in [0, 1], input untouched")


def check_dataset_dimensions(dataset_dimensions: Callable[[np.ndarray, np.ndarray], tuple[int, int, int, int]]) -> None:
    """5 train and 2 test images of 4x4x3 give (m_train, m_test, num_px, n_x) = (5, 2, 4, 48)."""
    __tracebackhide__ = True
    train, test = np.zeros((5, 4, 4, 3), dtype=np.uint8), np.zeros((2, 4, 4, 3), dtype=np.uint8)
    result = call(dataset_dimensions, train, test)
    expect(isinstance(result, tuple) and len(result) == 4, f"Return a tuple of four numbers, not {result!r}.")
    m_train, m_test, num_px, n_x = result
    expect((m_train, m_test) == (5, 2), f"m_train, m_test should be 5, 2 but are {m_train}, {m_test}: "
                                         "the number of examples is the first axis of each array.")
    expect(num_px == 4, f"num_px should be 4 (the height, equal to the width), not {num_px}.")
    expect(n_x != 16, "n_x should count every value of an image: height x width x 3 channels, not just the pixels.")
    expect(n_x == 48, f"n_x should be 4 * 4 * 3 = 48, not {n_x}.")
    expect(
        all(type(v) is int for v in result),
        "Return plain Python ints (e.g. int(...)), not NumPy numbers or floats.",
    )
    passed("dataset_dimensions", "returned 5, 2, 4, 48")
