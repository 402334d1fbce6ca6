"""Gradient checking: numerical derivatives to hold analytic ones against.

Lecture 2.5 is where you write the centred difference yourself (`centered_slope`); later lectures use this
version, which works on every entry of an array of parameters at once.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """dF/dx estimated entry by entry by centred differences; `x` is left as it was.

    f: a function of an array shaped like x, returning a number
    x: the point, any shape (a number is treated as a 0-d array)
    returns: a float array of x's shape
    """
    point = np.array(x, dtype=float)
    gradient = np.zeros_like(point)
    for index in np.ndindex(point.shape):
        original = point[index]
        point[index] = original + h
        above = float(f(point.copy()))
        point[index] = original - h
        below = float(f(point.copy()))
        point[index] = original
        gradient[index] = (above - below) / (2 * h)
    return gradient


def relative_difference(analytic: np.ndarray, numerical: np.ndarray) -> float:
    """‖analytic - numerical‖ / (‖analytic‖ + ‖numerical‖): below about 1e-7 the two agree; 0 when both are 0."""
    analytic, numerical = np.asarray(analytic, dtype=float), np.asarray(numerical, dtype=float)
    scale = np.linalg.norm(analytic) + np.linalg.norm(numerical)
    return float(np.linalg.norm(analytic - numerical) / scale) if scale else 0.0
