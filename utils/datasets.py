"""Data sets of the course, all offline.

Image arrays follow the course's conventions: a batch of images is `(m, height, width, channels)`
of dtype uint8, labels are `(m,)` of 0/1 integers. Toy data sets are seeded and small.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import numpy as np


class ImageSplit(NamedTuple):
    """A labelled train/test split of images."""

    train_images: np.ndarray  # (m_train, h, w, c) uint8
    train_labels: np.ndarray  # (m_train,) int64, 1 = positive class
    test_images: np.ndarray  # (m_test, h, w, c) uint8
    test_labels: np.ndarray  # (m_test,) int64
    classes: tuple[str, str]  # names of label 0 and label 1


def _skimage_data_file(name: str) -> Path:
    import skimage.data  # lazy: scikit-image is heavy to import

    return Path(skimage.data.__file__).parent / name


def load_cat_photo(size: int | None = 64) -> np.ndarray:
    """The real cat photograph scikit-image ships (Chelsea), as uint8 `(size, size, 3)`.

    With `size=None` the original `(300, 451, 3)` photo is returned. The resize crops
    the centre square first so the cat is not squashed.
    """
    import matplotlib.image as mpimg

    photo = (mpimg.imread(_skimage_data_file("chelsea.png"))[..., :3] * 255).round().astype(np.uint8)
    if size is None:
        return photo
    return resize_image(center_square(photo), size)


def center_square(image: np.ndarray) -> np.ndarray:
    """The largest centred square of an `(h, w, ...)` image."""
    h, w = image.shape[:2]
    side = min(h, w)
    top, left = (h - side) // 2, (w - side) // 2
    return image[top : top + side, left : left + side]


def resize_image(image: np.ndarray, size: int) -> np.ndarray:
    """Resize an `(h, w, c)` uint8 image to `(size, size, c)` uint8 with anti-aliasing."""
    from skimage.transform import resize

    if image.ndim != 3:
        raise ValueError(f"expected an image of shape (h, w, c), got shape {image.shape}")
    resized = resize(image, (size, size, image.shape[2]), anti_aliasing=True, preserve_range=True)
    return np.clip(resized.round(), 0, 255).astype(np.uint8)


def load_faces(test_size: int = 50, seed: int = 1) -> ImageSplit:
    """scikit-image's LFW subset: 100 faces (label 1) and 100 non-faces (label 0), 25x25 grayscale.

    Returns uint8 images of shape `(m, 25, 25, 1)` with a fixed, seeded, stratified split:
    `test_size` images (half of each class) are held out for testing.
    """
    if not 0 < test_size < 200 or test_size % 2:
        raise ValueError(f"test_size must be an even number between 2 and 198, got {test_size}")
    images = np.load(_skimage_data_file("lfw_subset.npy"))  # (200, 25, 25) floats in [0, 1]
    images = (images * 255).round().astype(np.uint8)[..., np.newaxis]
    labels = np.r_[np.ones(100, dtype=np.int64), np.zeros(100, dtype=np.int64)]
    rng = np.random.default_rng(seed)
    half = test_size // 2
    test_idx = np.r_[rng.choice(100, half, replace=False), 100 + rng.choice(100, half, replace=False)]
    train_idx = rng.permutation(np.setdiff1d(np.arange(200), test_idx))
    test_idx = rng.permutation(test_idx)
    return ImageSplit(images[train_idx], labels[train_idx], images[test_idx], labels[test_idx], ("non-face", "face"))


def load_offcentre_faces(window: int = 17, test_size: int = 50, seed: int = 1) -> ImageSplit:
    """The faces of `load_faces`, each seen through a `window` x `window` crop at a random place: a harder task.

    The split is `load_faces(test_size, seed)`'s; every image (face or not) is then cut to a square of side `window`
    whose top-left corner is drawn, seeded, anywhere inside the 25x25 picture, so a face is no longer centred and a
    single template of pixel weights fits it only roughly. Returns uint8 images `(m, window, window, 1)`.
    """
    if not 1 <= window <= 25:
        raise ValueError(f"window must be between 1 and 25 pixels, got {window}")
    split = load_faces(test_size, seed)
    rng = np.random.default_rng(seed)

    def crop(images: np.ndarray) -> np.ndarray:
        corners = rng.integers(0, 25 - window + 1, size=(len(images), 2))
        return np.stack([image[top : top + window, left : left + window]
                         for image, (top, left) in zip(images, corners, strict=True)])

    return split._replace(train_images=crop(split.train_images), test_images=crop(split.test_images))


_CATVNONCAT_KEYS = {
    "train_catvnoncat.h5": ("train_set_x", "train_set_y"),
    "test_catvnoncat.h5": ("test_set_x", "test_set_y"),
}


def load_catvnoncat(folder: str | Path) -> ImageSplit:
    """The original course's cat / non-cat images from `folder` (holding its two HDF5 files).

    Returns uint8 images `(209, 64, 64, 3)` and `(50, 64, 64, 3)` with 0/1 labels.
    Raises FileNotFoundError or ValueError with a clear message for missing files, keys or bad shapes.
    """
    import h5py

    folder = Path(folder).expanduser()
    arrays = []
    for filename, (x_key, y_key) in _CATVNONCAT_KEYS.items():
        path = folder / filename
        if not path.is_file():
            raise FileNotFoundError(
                f"{path} not found: load_catvnoncat needs the folder holding train_catvnoncat.h5 and test_catvnoncat.h5"
            )
        with h5py.File(path, "r") as file:
            missing = [key for key in (x_key, y_key, "list_classes") if key not in file]
            if missing:
                raise ValueError(f"{path} has no dataset named {', '.join(missing)} (it has: {', '.join(file)})")
            images, labels, classes = file[x_key][()], file[y_key][()], file["list_classes"][()]
        if images.ndim != 4 or images.shape[3] != 3 or labels.shape != (images.shape[0],):
            raise ValueError(
                f"{path}: expected images of shape (m, h, w, 3) and labels of shape (m,), "
                f"got {images.shape} and {labels.shape}"
            )
        arrays += [images.astype(np.uint8), labels.astype(np.int64)]
    names = tuple(c.decode() if isinstance(c, bytes) else str(c) for c in classes)
    train_images, train_labels, test_images, test_labels = arrays
    return ImageSplit(train_images, train_labels, test_images, test_labels, (names[0], names[1]))


def make_1d_dataset(m: int = 40, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A 1-D binary data set: X `(1, m)`, Y `(1, m)`; positives tend to have larger x, with some overlap."""
    rng = np.random.default_rng(seed)
    Y = (np.arange(m) % 2).reshape(1, m)
    X = rng.normal(loc=np.where(Y == 1, 1.5, -1.5), scale=1.2)
    return X, Y


def make_2d_dataset(m: int = 100, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A 2-D binary data set of two Gaussian blobs: X `(2, m)`, Y `(1, m)`, nearly linearly separable."""
    rng = np.random.default_rng(seed)
    Y = (np.arange(m) % 2).reshape(1, m)
    centres = np.where(Y == 1, np.array([[1.5], [1.0]]), np.array([[-1.0], [-1.5]]))
    X = centres + rng.normal(scale=1.0, size=(2, m))
    return X, Y
