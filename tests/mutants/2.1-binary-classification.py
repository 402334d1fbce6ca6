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
    },
    "dataset_dimensions": {
        "forgets_channels": _fn(
            "dataset_dimensions(train_images, test_images)",
            "m_train, num_px = train_images.shape[0], train_images.shape[1]\n"
            "return m_train, test_images.shape[0], num_px, num_px * num_px",
        ),
        "swapped_m": _fn(
            "dataset_dimensions(train_images, test_images)",
            "num_px = train_images.shape[1]\n"
            "return test_images.shape[0], train_images.shape[0], num_px, num_px * num_px * 3",
        ),
        "numpy_ints": _fn(
            "dataset_dimensions(train_images, test_images)",
            "import numpy as np\n"
            "num_px = np.int64(train_images.shape[1])\n"
            "return np.int64(len(train_images)), np.int64(len(test_images)), num_px, num_px * num_px * 3",
        ),
        "hard_coded_course": _fn("dataset_dimensions(train_images, test_images)", "return 209, 50, 64, 12288"),
        "size_of_batch": _fn(
            "dataset_dimensions(train_images, test_images)",
            "return len(train_images), len(test_images), train_images.shape[1], int(train_images.size)",
        ),
    },
    "images_to_matrix": {
        "reshape_straight": _fn("images_to_matrix(images)", "return images.reshape(-1, images.shape[0])"),
        "rows_not_columns": _fn("images_to_matrix(images)", "return images.reshape(images.shape[0], -1)"),
        "column_major_each": _fn(
            "images_to_matrix(images)", "return images.reshape(images.shape[0], -1, order='F').T"
        ),
        "drops_last": _fn("images_to_matrix(images)", "return images.reshape(images.shape[0], -1).T[:, :-1]"),
        "loop_first_only": _fn(
            "images_to_matrix(images)",
            "import numpy as np\n"
            "return np.tile(images[0].reshape(-1, 1), (1, images.shape[0]))",
        ),
    },
    "labels_to_row": {
        "column": _fn("labels_to_row(labels)", "return labels.reshape(-1, 1)"),
        "unchanged": _fn("labels_to_row(labels)", "return labels"),
        "list_of_list": _fn("labels_to_row(labels)", "return [list(labels)]"),
        "sorted": _fn("labels_to_row(labels)", "import numpy as np\nreturn np.sort(labels).reshape(1, -1)"),
        "hard_coded_m": _fn("labels_to_row(labels)", "return labels.reshape(1, 5)"),
    },
    "normalize_pixels": {
        "integer_division": _fn("normalize_pixels(X)", "return X // 255"),
        "by_256": _fn("normalize_pixels(X)", "return X / 256"),
        "in_place": _fn("normalize_pixels(X)", "X = X.astype(float)\nX /= 255\nreturn X.astype('uint8')"),
        "not_scaled": _fn("normalize_pixels(X)", "return X.astype(float)"),
        "float16": _fn("normalize_pixels(X)", "return (X / 255).astype('float16')"),
    },
}
