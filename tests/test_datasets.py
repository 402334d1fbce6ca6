"""utils.datasets: real offline images in the course's shapes, and the loader of the original files."""

from __future__ import annotations

from pathlib import Path

import h5py
import numpy as np
import pytest

from grader import course
from utils import datasets

ORIGINAL = course.REPO.parent / "shared" / "data" / "catvnoncat"


def test_cat_photo_is_a_64x64_colour_image():
    cat = datasets.load_cat_photo()
    assert cat.shape == (64, 64, 3) and cat.dtype == np.uint8
    assert cat.reshape(-1).shape == (12288,)
    assert 40 < cat.mean() < 220 and cat.std() > 20, "a real photo, not a blank or saturated array"
    assert datasets.load_cat_photo(size=None).shape == (300, 451, 3)


def test_resize_keeps_uint8_range_and_rejects_non_images():
    image = np.full((10, 20, 3), 255, dtype=np.uint8)
    resized = datasets.resize_image(image, 4)
    assert resized.shape == (4, 4, 3) and resized.dtype == np.uint8 and resized.max() == 255
    with pytest.raises(ValueError, match=r"\(h, w, c\)"):
        datasets.resize_image(np.zeros((10, 10)), 4)


def test_faces_split_is_fixed_stratified_and_disjoint():
    split = datasets.load_faces()
    assert split.train_images.shape == (150, 25, 25, 1) and split.test_images.shape == (50, 25, 25, 1)
    assert split.train_images.dtype == np.uint8 and split.train_labels.dtype == np.int64
    assert split.test_labels.sum() == 25 and split.train_labels.sum() == 75
    again = datasets.load_faces()
    assert np.array_equal(split.train_images, again.train_images), "the split must not change between calls"
    train_rows = {img.tobytes() for img in split.train_images}
    assert not any(img.tobytes() in train_rows for img in split.test_images)
    assert not np.array_equal(datasets.load_faces(seed=2).test_images, split.test_images)
    with pytest.raises(ValueError):
        datasets.load_faces(test_size=7)


def test_offcentre_faces_are_windows_of_the_faces_split():
    split, faces = datasets.load_offcentre_faces(), datasets.load_faces()
    assert split.train_images.shape == (150, 17, 17, 1) and split.test_images.shape == (50, 17, 17, 1)
    assert split.train_images.dtype == np.uint8 and split.classes == faces.classes
    assert np.array_equal(split.train_labels, faces.train_labels)
    assert np.array_equal(split.test_labels, faces.test_labels)
    corners = []
    for window, image in zip(split.train_images, faces.train_images, strict=True):
        found = [(top, left) for top in range(9) for left in range(9)
                 if np.array_equal(image[top : top + 17, left : left + 17], window)]
        assert found, "every window is a 17 x 17 crop of its own 25 x 25 picture"
        corners.append(found[0])
    assert len(set(corners)) > 20, "the windows sit at many different places"
    assert np.array_equal(split.test_images, datasets.load_offcentre_faces().test_images), "seeded: the same every call"
    assert datasets.load_offcentre_faces(window=25).train_images.shape == (150, 25, 25, 1)
    assert np.array_equal(datasets.load_offcentre_faces(window=25).train_images, faces.train_images)
    with pytest.raises(ValueError, match="window"):
        datasets.load_offcentre_faces(window=30)


def _write_course_files(folder: Path, m_train: int = 4, m_test: int = 2, x_shape=(8, 8, 3), x_key="train_set_x"):
    rng = np.random.default_rng(0)
    with h5py.File(folder / "train_catvnoncat.h5", "w") as f:
        f[x_key] = rng.integers(0, 256, size=(m_train, *x_shape), dtype=np.uint8)
        f["train_set_y"] = np.arange(m_train) % 2
        f["list_classes"] = np.array([b"non-cat", b"cat"])
    with h5py.File(folder / "test_catvnoncat.h5", "w") as f:
        f["test_set_x"] = rng.integers(0, 256, size=(m_test, *x_shape), dtype=np.uint8)
        f["test_set_y"] = np.arange(m_test) % 2
        f["list_classes"] = np.array([b"non-cat", b"cat"])


def test_catvnoncat_loader_reads_files_it_is_given(tmp_path):
    _write_course_files(tmp_path)
    split = datasets.load_catvnoncat(tmp_path)
    assert split.train_images.shape == (4, 8, 8, 3) and split.test_images.shape == (2, 8, 8, 3)
    assert split.train_labels.tolist() == [0, 1, 0, 1] and split.classes == ("non-cat", "cat")


def test_catvnoncat_loader_explains_a_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="train_catvnoncat.h5"):
        datasets.load_catvnoncat(tmp_path)


def test_catvnoncat_loader_explains_wrong_keys(tmp_path):
    _write_course_files(tmp_path, x_key="images")
    with pytest.raises(ValueError, match="no dataset named train_set_x"):
        datasets.load_catvnoncat(tmp_path)


def test_catvnoncat_loader_explains_wrong_shapes(tmp_path):
    _write_course_files(tmp_path, x_shape=(8, 8))
    with pytest.raises(ValueError, match=r"expected images of shape \(m, h, w, 3\)"):
        datasets.load_catvnoncat(tmp_path)


@pytest.mark.skipif(not ORIGINAL.is_dir(), reason="the course's original data is not at ../shared/data/catvnoncat")
def test_catvnoncat_loader_on_the_original_files():
    split = datasets.load_catvnoncat(ORIGINAL)
    assert split.train_images.shape == (209, 64, 64, 3) and split.test_images.shape == (50, 64, 64, 3)
    assert split.train_labels.sum() == 72 and split.test_labels.sum() == 33
    assert split.train_images[1].reshape(-1)[:10].tolist() == [196, 192, 190, 193, 186, 182, 188, 179, 174, 213]


def test_toy_data_sets_are_seeded_and_shaped():
    X1, Y1 = datasets.make_1d_dataset(m=30)
    X2, Y2 = datasets.make_2d_dataset(m=50)
    assert X1.shape == (1, 30) and Y1.shape == (1, 30) and X2.shape == (2, 50) and Y2.shape == (1, 50)
    assert set(np.unique(Y2)) == {0, 1}
    assert np.array_equal(X2, datasets.make_2d_dataset(m=50)[0])
    assert X1[Y1 == 1].mean() > X1[Y1 == 0].mean()
