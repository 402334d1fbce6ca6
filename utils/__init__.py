"""Shared helpers for the neural-networks-basics notebooks.

Submodules are split by concern and imported on demand, so `import utils` is cheap:

- `utils.datasets`: the cat photo, the face / non-face images, the course's cat / non-cat files, toy data sets;
- `utils.plotting`: pure plotting functions (each returns a matplotlib Figure);
- `utils.widgets`: thin ipywidgets wrappers over `utils.plotting`;
- `utils.checks`: the visible check cells of every lecture;
- `utils.language`: the edition's language (English or Simplified Chinese) and `pick` for translated texts.

`setup_notebook()` is the one call a lecture's setup cell makes; importing `utils` changes nothing.

Nothing here reveals a solution or a hidden test: this package ships to students.
"""


def setup_notebook() -> None:
    """Prepare this notebook's kernel: choose the edition's language (`utils.language.choose`), show check
    results as green and red boxes (`utils.checks.display`) and course figures as drawn (`utils.plotting.style`)."""
    from .checks.display import show_check_boxes
    from .language import choose
    from .plotting.style import show_course_figures_as_drawn

    choose()
    show_check_boxes()
    show_course_figures_as_drawn()
