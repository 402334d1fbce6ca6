"""utils.gradient_check: the numerical derivative that later lectures hold analytic gradients against."""

from __future__ import annotations

import numpy as np

from utils.gradient_check import numerical_gradient, relative_difference


def test_numerical_gradient_matches_known_gradients_and_leaves_x_alone():
    x = np.array([[0.5, -1.0], [2.0, 3.0]])
    kept = x.copy()
    gradient = numerical_gradient(lambda v: float(np.sum(v ** 3) + v[0, 1] * v[1, 0]), x)
    expected = 3 * kept ** 2 + np.array([[0.0, kept[1, 0]], [kept[0, 1], 0.0]])
    assert gradient.shape == x.shape and np.allclose(gradient, expected, rtol=1e-8, atol=1e-8)
    assert np.array_equal(x, kept)


def test_numerical_gradient_is_centred_and_uses_h():
    # a one-sided difference of a^2 at 1 with h = 0.1 would give 2.1; the centred one is exact for a quadratic
    assert np.isclose(numerical_gradient(lambda v: float(v ** 2), 1.0, h=0.1), 2.0, atol=1e-12)
    # for a^3 the centred error is h^2 exactly: the step really is h
    assert np.isclose(numerical_gradient(lambda v: float(v ** 3), 1.0, h=0.1), 3.01, atol=1e-12)


def test_relative_difference():
    assert relative_difference(np.zeros(3), np.zeros(3)) == 0.0
    assert np.isclose(relative_difference(np.array([1.0, 0.0]), np.array([0.0, 1.0])), np.sqrt(2) / 2)
    assert relative_difference(np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-9])) < 1e-9
