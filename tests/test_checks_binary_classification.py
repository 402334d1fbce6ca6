"""Lecture 2.1's visible checks: pass a correct answer, and name the mistake of a wrong one."""

from __future__ import annotations

import numpy as np
import pytest

from utils.checks import binary_classification as checks
from utils.checks.core import CheckFailed, NotImplementedYet


def stub(*args):
    raise NotImplementedError()


def test_a_stub_gets_the_not_implemented_message():
    with pytest.raises(NotImplementedYet, match="not implemented yet"):
        checks.check_image_to_vector(stub)


def test_a_crash_reports_the_students_line_not_utils():
    def image_to_vector(image):
        return image.reshape(5, 5)

    with pytest.raises(CheckFailed) as info:
        checks.check_image_to_vector(image_to_vector)
    assert "ValueError" in str(info.value) and "(2, 4, 3)" in str(info.value)
    assert "image_to_vector" in info.value.student_trace and "utils/checks" not in info.value.student_trace
    rendered = "\n".join(info.value._render_traceback_())
    assert rendered.startswith("\x1b[31mCheck failed:") and "Where your code raised it" in rendered


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda image: image.reshape(-1), "rank-1"),
        (lambda image: image.reshape(1, -1), "transposed"),
        (lambda image: image.transpose(2, 0, 1).reshape(-1, 1), "all the red values"),
        (lambda image: image.reshape(-1, 1, order="F"), "column-major"),
    ],
)
def test_image_to_vector_mistakes_are_named(wrong, hint):
    with pytest.raises(CheckFailed, match=hint):
        checks.check_image_to_vector(wrong)


def test_correct_answers_pass_with_one_line(capsys):
    checks.check_image_to_vector(lambda image: image.reshape(-1, 1))
    checks.check_images_to_matrix(lambda images: images.reshape(len(images), -1).T)
    checks.check_labels_to_row(lambda labels: labels.reshape(1, -1))
    checks.check_normalize_pixels(lambda X: X / 255.0)
    checks.check_dataset_dimensions(lambda tr, te: (len(tr), len(te), tr.shape[1], int(np.prod(tr.shape[1:]))))
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5 and all(line.startswith("✔") for line in lines)


def test_images_to_matrix_names_the_straight_reshape():
    with pytest.raises(CheckFailed, match="spreads each image over several columns"):
        checks.check_images_to_matrix(lambda images: images.reshape(-1, images.shape[0]))


def test_normalize_pixels_names_integer_division_and_256_and_mutation():
    with pytest.raises(CheckFailed, match="dtype is uint8"):
        checks.check_normalize_pixels(lambda X: X // 255)
    with pytest.raises(CheckFailed, match="divided by 256"):
        checks.check_normalize_pixels(lambda X: X / 256)

    def in_place(X):
        X[...] = 0
        return X / 255.0

    with pytest.raises(CheckFailed, match="wrong|in place"):
        checks.check_normalize_pixels(in_place)


def test_labels_to_row_names_the_column_vector():
    with pytest.raises(CheckFailed, match="transposed"):
        checks.check_labels_to_row(lambda labels: labels.reshape(-1, 1))


def test_dataset_dimensions_names_missing_channels_and_numpy_ints():
    with pytest.raises(CheckFailed, match="3 channels"):
        checks.check_dataset_dimensions(lambda tr, te: (len(tr), len(te), tr.shape[1], tr.shape[1] ** 2))
    with pytest.raises(CheckFailed, match="plain Python ints"):
        checks.check_dataset_dimensions(lambda tr, te: (len(tr), len(te), tr.shape[1], np.int64(48)))
