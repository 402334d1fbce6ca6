"""Correct answers for lecture 2.1 written the way other students would; each must keep full marks."""


def _fn(signature: str, body: str) -> str:
    return f"def {signature}:\n" + "".join(f"    {line}\n" for line in body.strip().splitlines())


VARIANTS = {
    "image_to_vector": {
        "ravel_then_column": _fn("image_to_vector(image)", "return image.ravel()[:, np.newaxis]"),
        "converts_to_int64": _fn("image_to_vector(image)", "return image.reshape(-1, 1).astype(np.int64)"),
        "converts_to_float": _fn("image_to_vector(image)", "return image.reshape(-1, 1).astype(float)"),
        "flatten_copy": _fn("image_to_vector(image)", "return image.flatten().reshape(image.size, 1)"),
        "np_reshape_explicit_size": _fn("image_to_vector(image)",
                                        "h, w, c = image.shape\nreturn np.reshape(image, (h * w * c, 1))"),
        "loop_over_pixels": _fn(
            "image_to_vector(image)",
            "h, w, c = image.shape\n"
            "x = np.zeros((h * w * c, 1), dtype=image.dtype)\n"
            "k = 0\n"
            "for row in range(h):\n"
            "    for col in range(w):\n"
            "        for channel in range(c):\n"
            "            x[k, 0] = image[row, col, channel]\n"
            "            k += 1\n"
            "return x",
        ),
    },
    "dataset_dimensions": {
        "numpy_integers": _fn(
            "dataset_dimensions(train_images, test_images)",
            "if train_images.shape[1:] != test_images.shape[1:]:\n"
            "    raise ValueError('the test images differ in size from the training images')\n"
            "return np.int64(len(train_images)), np.int64(len(test_images)), np.prod(train_images.shape[1:])",
        ),
        "unpacked_shape": _fn(
            "dataset_dimensions(train_images, test_images)",
            "m_train, height, width, channels = train_images.shape\n"
            "m_test = test_images.shape[0]\n"
            "if test_images.shape != (m_test, height, width, channels):\n"
            "    raise ValueError('test images must have the shape of the training images')\n"
            "return m_train, m_test, height * width * channels",
        ),
        "size_of_first_image_as_list": _fn(
            "dataset_dimensions(train_images, test_images)",
            "if train_images[0].shape != test_images[0].shape:\n"
            "    raise ValueError(f'{test_images[0].shape} is not {train_images[0].shape}')\n"
            "return [train_images.shape[0], test_images.shape[0], train_images[0].size]",
        ),
        "integer_division": _fn(
            "dataset_dimensions(train_images, test_images)",
            "for axis in (1, 2, 3):\n"
            "    if train_images.shape[axis] != test_images.shape[axis]:\n"
            "        raise ValueError('image sizes differ')\n"
            "return len(train_images), len(test_images), train_images.size // len(train_images)",
        ),
    },
    "images_to_matrix": {
        "np_reshape_transpose": _fn("images_to_matrix(images)",
                                    "m = images.shape[0]\nreturn np.reshape(images, (m, -1)).transpose()"),
        "examples_axis_last": _fn("images_to_matrix(images)",
                                  "return np.moveaxis(images, 0, -1).reshape(-1, images.shape[0])"),
        "loop_of_columns": _fn("images_to_matrix(images)",
                               "return np.hstack([image_to_vector(image) for image in images])"),
        "loop_filling_floats": _fn(
            "images_to_matrix(images)",
            "m = images.shape[0]\n"
            "X = np.zeros((images[0].size, m))\n"
            "for j in range(m):\n"
            "    X[:, j] = images[j].ravel()\n"
            "return X",
        ),
    },
    "labels_to_row": {
        "isin_then_reshape": _fn(
            "labels_to_row(labels)",
            "labels = np.array(labels)\n"
            "if not np.isin(labels, [0, 1]).all():\n"
            "    raise ValueError('only 0 and 1 are labels of a binary task')\n"
            "return labels.reshape(1, len(labels)).astype(np.int64)",
        ),
        "newaxis_uint8": _fn(
            "labels_to_row(labels)",
            "labels = np.asarray(labels)\n"
            "if set(np.unique(labels).tolist()) - {0, 1}:\n"
            "    raise ValueError('labels must be 0 or 1')\n"
            "return labels.astype(np.uint8)[np.newaxis, :]",
        ),
        "loop_building_a_row": _fn(
            "labels_to_row(labels)",
            "row = []\n"
            "for label in labels:\n"
            "    if label not in (0, 1):\n"
            "        raise ValueError(f'label {label} is not 0 or 1')\n"
            "    row.append(int(label))\n"
            "return np.array([row])",
        ),
        "atleast_2d": _fn(
            "labels_to_row(labels)",
            "Y = np.atleast_2d(np.asarray(labels, dtype=float))\n"
            "if np.any((Y != 0) & (Y != 1)):\n"
            "    raise ValueError('not a binary label')\n"
            "return Y.astype(np.int32)",
        ),
    },
    "normalize_pixels": {
        "float32": _fn("normalize_pixels(X)", "return X.astype(np.float32) / 255"),
        "float16": _fn("normalize_pixels(X)", "return (X / 255).astype(np.float16)"),
        "np_divide": _fn("normalize_pixels(X)", "return np.divide(X, 255, dtype=float)"),
        "times_reciprocal": _fn("normalize_pixels(X)", "return X * (1 / 255)"),
        "copy_then_in_place": _fn("normalize_pixels(X)", "result = X.astype(float)\nresult /= 255\nreturn result"),
    },
}
