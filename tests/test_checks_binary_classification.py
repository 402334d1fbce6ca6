"""Lecture 2.1's visible checks: pass a correct answer, and name the mistake of a wrong one."""

from __future__ import annotations

import numpy as np
import pytest

from utils.checks import binary_classification as checks
from utils.checks.core import CheckFailed, NotImplementedYet


def stub(*args):
    raise NotImplementedError()


def good_dimensions(train, test):
    if train.shape[1:] != test.shape[1:]:
        raise ValueError("sizes differ")
    return len(train), len(test), int(np.prod(train.shape[1:]))


def good_labels(labels):
    labels = np.asarray(labels)
    if not np.isin(labels, [0, 1]).all():
        raise ValueError("not 0/1")
    return labels.astype(int).reshape(1, -1)


def failure(check, fn) -> str:
    with pytest.raises(CheckFailed) as info:
        check(fn)
    return str(info.value)


@pytest.mark.parametrize("check", [checks.check_image_to_vector, checks.check_dataset_dimensions,
                                   checks.check_images_to_matrix, checks.check_labels_to_row,
                                   checks.check_normalize_pixels])
def test_a_stub_gets_the_not_implemented_message(check):
    with pytest.raises(NotImplementedYet, match="not implemented yet"):
        check(stub)


def test_a_crash_reports_the_students_line_not_utils():
    def image_to_vector(image):
        return image.reshape(5, 5)

    with pytest.raises(CheckFailed) as info:
        checks.check_image_to_vector(image_to_vector)
    assert "ValueError" in str(info.value) and "(2, 4, 3)" in str(info.value)
    assert "image_to_vector" in info.value.student_trace and "utils/checks" not in info.value.student_trace
    rendered = "\n".join(info.value._render_traceback_())
    assert rendered.startswith("\x1b[31mCheck failed:") and "Where your code raised it" in rendered


def test_correct_answers_pass_with_one_line(capsys):
    checks.check_image_to_vector(lambda image: image.reshape(-1, 1))
    checks.check_dataset_dimensions(good_dimensions)
    checks.check_images_to_matrix(lambda images: images.reshape(len(images), -1).T)
    checks.check_labels_to_row(good_labels)
    checks.check_normalize_pixels(lambda X: X / 255.0)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5 and all(line.startswith("✔") for line in lines)


def test_interchangeable_representations_pass():
    """NumPy integer counts, narrow floats and any integer label dtype are accepted."""
    checks.check_dataset_dimensions(lambda tr, te: tuple(np.int64(v) for v in good_dimensions(tr, te)))
    checks.check_dataset_dimensions(lambda tr, te: list(good_dimensions(tr, te)))
    checks.check_normalize_pixels(lambda X: (X / 255).astype(np.float16))
    checks.check_normalize_pixels(lambda X: X.astype(np.float32) / 255)
    checks.check_labels_to_row(lambda labels: good_labels(labels).astype(np.uint8))
    checks.check_image_to_vector(lambda image: image.reshape(-1, 1).astype(float))  # the same numbers, any dtype


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda image: image.reshape(-1), "rank-1"),
        (lambda image: image.reshape(1, -1), "transposed"),
        (lambda image: image.transpose(2, 0, 1).reshape(-1, 1), "all the red values"),
        (lambda image: image.reshape(-1, 1, order="F"), "column-major"),
        (lambda image: image.transpose(1, 0, 2).reshape(-1, 1), "entry [3, 0] is 12 but should be 3"),
        (lambda image: image.reshape(-1, 1) / 255, "divided by 255"),
        (lambda image: image.reshape(-1, 1) + 1, "the image's own values"),
    ],
)
def test_image_to_vector_mistakes_are_named(wrong, hint):
    message = failure(checks.check_image_to_vector, wrong)
    assert hint in message
    if hint == "divided by 255":
        assert "row-major" not in message  # the old misdiagnosis


def test_image_to_vector_names_a_reshaped_input():
    def in_place(image):
        image.shape = (-1, 1)
        return image

    assert "`image.shape = ...`" in failure(checks.check_image_to_vector, in_place)


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda tr, te: (len(tr), len(te), tr.shape[1] * tr.shape[2]), "not just the pixels"),
        (lambda tr, te: good_dimensions(tr, te)[:2] + (tr.shape[1] * tr.shape[2] * 3,), "don't assume 3"),
        (lambda tr, te: good_dimensions(tr, te)[:2] + (tr.shape[1] ** 2 * tr.shape[3],), "need not be square"),
        (lambda tr, te: good_dimensions(tr, te)[1::-1] + good_dimensions(tr, te)[2:], "swapped"),
        (lambda tr, te: good_dimensions(tr, te)[:2] + (tr.size,), "whole batch"),
        (lambda tr, te: good_dimensions(tr, te)[:2] + (tr.size / len(tr),), "a float"),
        (lambda tr, te: (len(tr), len(te), tr[0].size), "cannot read them"),
        (lambda tr, te: good_dimensions(tr, te)[:2], "three numbers"),
    ],
)
def test_dataset_dimensions_mistakes_are_named(wrong, hint):
    assert hint in failure(checks.check_dataset_dimensions, wrong)


def test_dataset_dimensions_wants_shapes_compared_and_a_value_error():
    def sizes_only(tr, te):
        if tr[0].size != te[0].size:
            raise ValueError("sizes differ")
        return len(tr), len(te), tr[0].size

    def asserts(tr, te):
        assert tr.shape[1:] == te.shape[1:]
        return good_dimensions(tr, te)

    assert "Compare the shapes" in failure(checks.check_dataset_dimensions, sizes_only)
    assert "raised AssertionError" in failure(checks.check_dataset_dimensions, asserts)


def test_images_to_matrix_mistakes_are_named():
    assert "spreads each image over several columns" in failure(
        checks.check_images_to_matrix, lambda images: images.reshape(-1, images.shape[0]))
    assert "Column 0 of X holds image 2" in failure(
        checks.check_images_to_matrix, lambda images: images[::-1].reshape(len(images), -1).T)
    assert "another order" in failure(
        checks.check_images_to_matrix, lambda images: images.reshape(len(images), -1, order="F").T)
    assert "divided by 255" in failure(
        checks.check_images_to_matrix, lambda images: images.reshape(len(images), -1).T / 255)


def test_labels_to_row_mistakes_are_named():
    assert "transposed" in failure(checks.check_labels_to_row, lambda labels: good_labels(labels).reshape(-1, 1))
    assert ".astype(int)" in failure(checks.check_labels_to_row, lambda labels: np.asarray(labels).reshape(1, -1))
    assert "label 2 is neither 0 nor 1" in failure(
        checks.check_labels_to_row, lambda labels: np.asarray(labels).astype(int).reshape(1, -1))
    assert "`.astype(int)` turns 0.5 into 0" in failure(
        checks.check_labels_to_row, lambda labels: good_labels(np.asarray(labels).astype(int)))
    assert "in their order" in failure(checks.check_labels_to_row, lambda labels: np.sort(good_labels(labels)))


def test_normalize_pixels_mistakes_are_named():
    assert "dtype is uint8" in failure(checks.check_normalize_pixels, lambda X: X // 255)
    assert "divided by 256" in failure(checks.check_normalize_pixels, lambda X: X / 256)
    assert "values up to 255" in failure(checks.check_normalize_pixels, lambda X: X.astype(float))
    assert "own maximum" in failure(checks.check_normalize_pixels, lambda X: X / X.max())

    def in_place(X):
        result = X / 255.0
        X[...] = 0
        return result

    assert "changed the values of the caller's X" in failure(checks.check_normalize_pixels, in_place)


def test_normalize_pixels_names_what_differs_in_digits():
    """A value off by a little is shown with its digits, never as 'expected X, got X' with the same text."""
    message = failure(checks.check_normalize_pixels, lambda X: X / 255.0 + 1e-4)
    assert "entry [0, 0] is 0.0001 but should be 0.0" in message


def test_show_examples_as_columns_draws_X_Y_and_the_first_columns_as_images():
    from matplotlib.figure import Figure

    from utils.plotting.binary_classification import show_examples_as_columns

    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, size=(9, 3, 4, 1), dtype=np.uint8)
    X, Y = images.reshape(9, -1).T / 255.0, (np.arange(9) % 2).reshape(1, 9)
    fig = show_examples_as_columns(X, Y, (3, 4, 1), count=4)
    assert isinstance(fig, Figure) and len(fig.axes) == 4 + 2
    for j, ax in enumerate(fig.axes[:4]):
        assert np.array_equal(ax.images[0].get_array(), images[j, :, :, 0] / 255.0)
        assert ax.get_title().endswith(f"y = {Y[0, j]}")
    matrix, labels = fig.axes[4], fig.axes[5]
    assert np.array_equal(matrix.images[0].get_array(), X) and "(12, 9)" in matrix.get_title()
    assert np.array_equal(labels.images[0].get_array(), Y)


def test_show_pixel_in_vector_formats_n_x_for_people():
    from utils.plotting.binary_classification import feature_index, show_pixel_in_vector

    image = np.zeros((64, 64, 3), dtype=np.uint8)
    fig = show_pixel_in_vector(image, 10, 20, 1)
    text = fig.axes[1].texts[0].get_text()
    assert "n_x = 64 x 64 x 3 = 12,288" in text
    assert f"x[{feature_index(10, 20, 1, image.shape)}]" in text
    assert f"x[{feature_index(10, 20, 1, image.shape, 'channels')}]" in text
