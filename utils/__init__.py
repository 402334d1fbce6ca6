"""Shared helpers for the neural-networks-basics notebooks.

Submodules are split by concern and imported on demand, so `import utils` is cheap:

- `utils.datasets`: the cat photo, the face / non-face images, the course's cat / non-cat files, toy data sets;
- `utils.plotting`: pure plotting functions (each returns a matplotlib Figure);
- `utils.widgets`: thin ipywidgets wrappers over `utils.plotting`;
- `utils.checks`: the visible check cells of every lecture.

Nothing here reveals a solution or a hidden test: this package ships to students.
"""
