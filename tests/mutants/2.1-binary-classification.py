"""Plausible wrong answers for lecture 2.1; each must lose points through the real autograder."""


def _fn(signature: str, body: str) -> str:
    return f"def {signature}:\n" + "".join(f"    {line}\n" for line in body.strip().splitlines())


MUTANTS = {
    "image_to_vector": {
        "rank_1": _fn("image_to_vector(image)", "return image.reshape(-1)"),
        "row_vector": _fn("image_to_vector(image)", "return image.reshape(1, -1)"),
        "channel_by_channel": _fn("image_to_vector(image)", "return image.transpose(2, 0, 1).reshape(-1, 1)"),
        "column_major": _fn("image_to_vector(image)", "return image.reshape(-1, 1, order='F')"),
        "hard_coded_64": _fn("image_to_vector(image)", "return image.reshape(64 * 64 * 3, 1)"),
        "normalises_too": _fn("image_to_vector(image)", "return image.reshape(-1, 1) / 255"),
        "sets_shape_in_place": _fn("image_to_vector(image)", "image.shape = (-1, 1)\nreturn image"),
        "width_first": _fn("image_to_vector(image)", "return image.transpose(1, 0, 2).reshape(-1, 1)"),
        "hard_coded_24": _fn("image_to_vector(image)", "return image.reshape(24, 1)"),
    },
    "dataset_dimensions": {
        "forgets_channels": _fn(
            "dataset_dimensions(train_images, test_images)",
            "return train_images.shape[0], test_images.shape[0], train_images.shape[1] * train_images.shape[2]",
        ),
        "assumes_three_channels": _fn(
            "dataset_dimensions(train_images, test_images)",
            "if train_images.shape[1:] != test_images.shape[1:]:\n"
            "    raise ValueError('sizes differ')\n"
            "return len(train_images), len(test_images), train_images.shape[1] * train_images.shape[2] * 3",
        ),
        "assumes_square": _fn(
            "dataset_dimensions(train_images, test_images)",
            "if train_images.shape[1:] != test_images.shape[1:]:\n"
            "    raise ValueError('sizes differ')\n"
            "num_px = train_images.shape[1]\n"
            "return len(train_images), len(test_images), num_px * num_px * train_images.shape[3]",
        ),
        "swapped_m": _fn(
            "dataset_dimensions(train_images, test_images)",
            "if train_images.shape[1:] != test_images.shape[1:]:\n"
            "    raise ValueError('sizes differ')\n"
            "return len(test_images), len(train_images), train_images[0].size",
        ),
        "size_of_batch": _fn(
            "dataset_dimensions(train_images, test_images)",
            "if train_images.shape[1:] != test_images.shape[1:]:\n"
            "    raise ValueError('sizes differ')\n"
            "return len(train_images), len(test_images), train_images.size",
        ),
        "float_n_x": _fn(
            "dataset_dimensions(train_images, test_images)",
            "if train_images.shape[1:] != test_images.shape[1:]:\n"
            "    raise ValueError('sizes differ')\n"
            "return len(train_images), len(test_images), train_images.size / len(train_images)",
        ),
        "no_size_check": _fn(
            "dataset_dimensions(train_images, test_images)",
            "return len(train_images), len(test_images), train_images[0].size",
        ),
        "compares_sizes_only": _fn(
            "dataset_dimensions(train_images, test_images)",
            "if train_images[0].size != test_images[0].size:\n"
            "    raise ValueError('sizes differ')\n"
            "return len(train_images), len(test_images), train_images[0].size",
        ),
        "assert_not_value_error": _fn(
            "dataset_dimensions(train_images, test_images)",
            "assert train_images.shape[1:] == test_images.shape[1:], 'sizes differ'\n"
            "return len(train_images), len(test_images), train_images[0].size",
        ),
    },
    "images_to_matrix": {
        "reshape_straight": _fn("images_to_matrix(images)", "return images.reshape(-1, images.shape[0])"),
        "rows_not_columns": _fn("images_to_matrix(images)", "return images.reshape(images.shape[0], -1)"),
        "column_major_each": _fn(
            "images_to_matrix(images)", "return images.reshape(images.shape[0], -1, order='F').T"
        ),
        "drops_last": _fn("images_to_matrix(images)", "return images.reshape(images.shape[0], -1).T[:, :-1]"),
        "first_image_repeated": _fn(
            "images_to_matrix(images)",
            "import numpy as np\n"
            "return np.tile(images[0].reshape(-1, 1), (1, images.shape[0]))",
        ),
        "reversed_order": _fn("images_to_matrix(images)", "return images[::-1].reshape(images.shape[0], -1).T"),
        "normalises_too": _fn("images_to_matrix(images)", "return images.reshape(images.shape[0], -1).T / 255"),
        "sets_shape_in_place": _fn(
            "images_to_matrix(images)", "images.shape = (images.shape[0], -1)\nreturn images.T"
        ),
    },
    "labels_to_row": {
        "column": _fn("labels_to_row(labels)", "return np.asarray(labels).astype(int).reshape(-1, 1)"),
        "unchanged": _fn("labels_to_row(labels)", "return labels"),
        "list_of_list": _fn("labels_to_row(labels)", "return [list(labels)]"),
        "sorted": _fn("labels_to_row(labels)", "return np.sort(np.asarray(labels)).astype(int).reshape(1, -1)"),
        "hard_coded_m": _fn("labels_to_row(labels)", "return np.asarray(labels).astype(int).reshape(1, 5)"),
        "keeps_booleans": _fn(
            "labels_to_row(labels)",
            "labels = np.asarray(labels)\n"
            "if not np.isin(labels, [0, 1]).all():\n"
            "    raise ValueError('not 0/1')\n"
            "return labels.reshape(1, -1)",
        ),
        "no_validation": _fn("labels_to_row(labels)", "return np.asarray(labels).astype(int).reshape(1, -1)"),
        "list_not_converted": _fn(
            "labels_to_row(labels)",
            "if not np.isin(labels, [0, 1]).all():\n"
            "    raise ValueError('not 0/1')\n"
            "return labels.astype(int).reshape(1, -1)",
        ),
        "validates_after_rounding": _fn(
            "labels_to_row(labels)",
            "labels = np.asarray(labels).astype(int)\n"
            "if not np.isin(labels, [0, 1]).all():\n"
            "    raise ValueError('not 0/1')\n"
            "return labels.reshape(1, -1)",
        ),
    },
    "normalize_pixels": {
        "integer_division": _fn("normalize_pixels(X)", "return X // 255"),
        "by_256": _fn("normalize_pixels(X)", "return X / 256"),
        "in_place": _fn("normalize_pixels(X)", "X = X.astype(float)\nX /= 255\nreturn X.astype('uint8')"),
        "not_scaled": _fn("normalize_pixels(X)", "return X.astype(float)"),
        "by_own_maximum": _fn("normalize_pixels(X)", "return X / X.max()"),
        "min_max_stretch": _fn("normalize_pixels(X)", "return (X - X.min()) / (X.max() - X.min())"),
        "overwrites_input": _fn("normalize_pixels(X)", "result = X / 255.0\nX[...] = 0\nreturn result"),
    },
}

# Deliberate cheats, caught by the hidden tests alone: an answer hard-coded to the visible check's own (2, 4, 3) image.
HIDDEN_ONLY = {"image_to_vector": {"hard_coded_24"}}
