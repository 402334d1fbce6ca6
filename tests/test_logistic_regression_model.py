"""Lecture 2.9 beyond the autograder: the course's published figures, the facts the text states about its default
data, scikit-learn, and the 2.9 utils modules.

The model under test is the master notebook's own code: the given helper cell and the answer cells are extracted from
`solutions/2.9-.../2.9-....ipynb` and executed, so these tests check exactly what the notebook teaches.
"""

from __future__ import annotations

import math
import runpy
import warnings
from functools import lru_cache
from pathlib import Path

import nbformat
import numpy as np
import pytest

from grader import course

ASSIGNMENT = "2.9-logistic-regression-gradient-descent"
pytestmark = pytest.mark.lecture(ASSIGNMENT)
CATVNONCAT = course.REPO.parent / "shared" / "data" / "catvnoncat"
MUTANTS_FILE = Path(__file__).parent / "mutants" / f"{ASSIGNMENT}.py"
FUNCTIONS = ("sigmoid_derivative", "single_example_gradients", "gradients_loop", "propagate", "optimize", "model")

# The course's published figures (../shared/data/catvnoncat/README.md).
PUBLISHED_COSTS = [0.693147, 0.584508, 0.466949, 0.376007, 0.331463, 0.303273, 0.279880, 0.260042, 0.242941,
                   0.228004, 0.214820, 0.203078, 0.192544, 0.183033, 0.174399, 0.166521, 0.159305, 0.152667,
                   0.146542, 0.140872]
PUBLISHED_SWEEP = {0.01: (99.52, 68.0), 0.001: (88.99, 64.0), 0.0001: (68.42, 36.0)}  # 1500 iterations
PUBLISHED_PIXELS = [196, 192, 190, 193, 186, 182, 188, 179, 174, 213]


@lru_cache(maxsize=1)
def master_namespace() -> dict:
    """The master's given helpers (sigmoid, cost_from_logits, naive_cost) and its answer functions."""
    nb = nbformat.read(course.master_path(ASSIGNMENT), as_version=4)
    namespace: dict = {"np": np}
    helpers = [c for c in nb.cells if c.cell_type == "code" and "def sigmoid(" in c.source]
    assert len(helpers) == 1, "the master should define sigmoid in exactly one given cell"
    exec(compile(helpers[0].source, "<master helpers>", "exec"), namespace)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and not meta.get("grade"):
            exec(compile(cell.source, f"<master {meta['grade_id']}>", "exec"), namespace)
    missing = [f for f in FUNCTIONS if f not in namespace]
    assert not missing, f"the master has no answer cell defining {missing}"
    return namespace


def fn(name: str):
    return master_namespace()[name]


def with_mutant(source: str) -> dict:
    """A copy of the master namespace in which one answer cell is replaced by `source`."""
    namespace = dict(master_namespace())
    exec(compile(source, "<mutant>", "exec"), namespace)
    return namespace


def mutants() -> dict[str, dict[str, str]]:
    return runpy.run_path(str(MUTANTS_FILE))["MUTANTS"]


def as_columns(images: np.ndarray) -> np.ndarray:
    return images.reshape(images.shape[0], -1).T / 255.0


# ----------------------------------------------------------------------------- the course's published figures

needs_catvnoncat = pytest.mark.skipif(
    not (CATVNONCAT / "train_catvnoncat.h5").is_file() or not (CATVNONCAT / "test_catvnoncat.h5").is_file(),
    reason=f"the course's cat / non-cat HDF5 files are not in {CATVNONCAT} (they are not part of the project; "
    "put train_catvnoncat.h5 and test_catvnoncat.h5 there to reproduce the published figures)",
)


@pytest.fixture(scope="module")
def cat_data():
    from utils.datasets import load_catvnoncat

    split = load_catvnoncat(CATVNONCAT)
    return (split, as_columns(split.train_images), split.train_labels.reshape(1, -1),
            as_columns(split.test_images), split.test_labels.reshape(1, -1))


@needs_catvnoncat
def test_published_cost_sequence_and_accuracies(cat_data):
    split, X_train, Y_train, X_test, Y_test = cat_data
    assert X_train.shape == (12288, 209) and X_test.shape == (12288, 50)
    assert split.train_images.reshape(209, -1)[1, :10].tolist() == PUBLISHED_PIXELS
    d = fn("model")(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.005)
    assert [round(c, 6) for c in d["costs"]] == PUBLISHED_COSTS
    assert d["train_accuracy"] == 99.04306220095694
    assert d["test_accuracy"] == 70.0


@needs_catvnoncat
@pytest.mark.parametrize("rate", sorted(PUBLISHED_SWEEP))
def test_published_learning_rate_sweep(cat_data, rate):
    _, X_train, Y_train, X_test, Y_test = cat_data
    d = fn("model")(X_train, Y_train, X_test, Y_test, num_iterations=1500, learning_rate=rate)
    # The published percentages are cut (not rounded) to two decimals: 186 of 209 correct is 88.995... -> 88.99.
    cut = [math.floor(d[key] * 100 + 1e-9) / 100 for key in ("train_accuracy", "test_accuracy")]
    assert tuple(cut) == PUBLISHED_SWEEP[rate]


@needs_catvnoncat
def test_rate_one_half_overflows_naively_but_not_with_the_stable_cost(cat_data):
    _, X_train, Y_train, _, _ = cat_data
    propagate, cost_from_logits = fn("propagate"), fn("cost_from_logits")
    w, b = np.zeros((X_train.shape[0], 1)), 0.0
    naive, stable = [], []
    for _ in range(6):
        Z = w.T @ X_train + b
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            A = 1 / (1 + np.exp(-Z))  # the textbook sigmoid and log, as the published figure used them
            naive.append(float(-np.mean(Y_train * np.log(A) + (1 - Y_train) * np.log(1 - A))))
        stable.append(cost_from_logits(Z, Y_train))
        grads, _ = propagate(w, b, X_train, Y_train)
        w, b = w - 0.5 * grads["dw"], b - 0.5 * grads["db"]
    # "Not finite from the second iteration on": the first cost that is not finite is the one after the second update
    # (naive[2]); from there on it keeps coming back (the steps overshoot, so some costs in between are finite).
    first_bad = next(k for k, c in enumerate(naive) if not math.isfinite(c))
    assert first_bad == 2, naive
    assert sum(not math.isfinite(c) for c in naive[2:]) >= 2, naive
    assert all(math.isfinite(c) for c in stable), stable


# ------------------------------------------------------------------------- what the text says about its default data
# Each test computes one statement of the notebook's Part 2 on the default data (the off-centre faces), with the
# master's own functions, at the settings the notebook uses (RATE = 0.1).

RATE = 0.1


@pytest.fixture(scope="module")
def faces():
    from utils.datasets import load_offcentre_faces

    split = load_offcentre_faces()
    return (split, as_columns(split.train_images), split.train_labels.reshape(1, -1),
            as_columns(split.test_images), split.test_labels.reshape(1, -1))


@pytest.fixture(scope="module")
def main_run(faces):
    _, X_train, Y_train, X_test, Y_test = faces
    return fn("model")(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=RATE)


def labels(w, b, X):
    return (w.T @ X + b >= 0).astype(int)


def test_default_data_is_289_pixels_150_training_and_50_test_images(faces):
    split, X_train, Y_train, X_test, Y_test = faces
    assert X_train.shape == (289, 150) and X_test.shape == (289, 50)
    assert Y_train.mean() == 0.5 and Y_test.mean() == 0.5
    assert split.train_images.shape[1:] == (17, 17, 1)


def test_centred_faces_are_almost_perfectly_separated_by_one_template():
    """"With centred faces one template of pixel weights separates the classes almost perfectly"."""
    from utils.datasets import load_faces

    split = load_faces()
    d = fn("model")(as_columns(split.train_images), split.train_labels.reshape(1, -1),
                    as_columns(split.test_images), split.test_labels.reshape(1, -1))
    assert d["test_accuracy"] >= 95


def test_main_run_shows_a_generalisation_gap(main_run, faces):
    """98 % of the training images, 86 % of the test images; 3 and 7 of them misclassified."""
    _, _, Y_train, _, Y_test = faces
    assert main_run["train_accuracy"] == 98.0 and main_run["test_accuracy"] == 86.0
    assert np.sum(main_run["Y_prediction_train"] != Y_train) == 3
    assert np.sum(main_run["Y_prediction_test"] != Y_test) == 7


@pytest.fixture(scope="module")
def rate_sweep(faces):
    _, X_train, Y_train, X_test, Y_test = faces
    return {rate: fn("model")(X_train, Y_train, X_test, Y_test, num_iterations=1500, learning_rate=rate)
            for rate in (0.001, 0.01, 0.1, 5.0)}


def test_learning_rate_sweep_as_the_text_reads_it(rate_sweep):
    costs = {rate: np.array(run["costs"]) for rate, run in rate_sweep.items()}
    # 0.001 "has only come down from 0.69 to 0.55"
    assert round(costs[0.001][0], 2) == 0.69 and round(costs[0.001][-1], 2) == 0.55
    # 0.01 and 0.1 "bring it down smoothly, 0.1 faster"
    for rate in (0.01, 0.1):
        assert np.all(np.diff(costs[rate]) < 0)
    assert np.all(costs[0.1][1:] < costs[0.01][1:])
    # 5.0: "several" recorded costs above the starting cost, the leaping "dies down after several hundred iterations"
    above = np.flatnonzero(costs[5.0] > costs[5.0][0])
    assert len(above) >= 3 and above.max() * 100 >= 500
    assert np.all(costs[5.0][above.max() + 1:] < 0.01)
    # "the weights it lands on are the worst of the four rates on the test images"
    tests = {rate: run["test_accuracy"] for rate, run in rate_sweep.items()}
    assert min(tests, key=tests.get) == 5.0 and list(tests.values()).count(tests[5.0]) == 1


def per_iteration_costs(faces, rate, steps):
    _, X_train, Y_train, _, _ = faces
    w, b, history = np.zeros((X_train.shape[0], 1)), 0.0, []
    for _ in range(steps):
        grads, cost = fn("propagate")(w, b, X_train, Y_train)
        history.append(cost)
        w, b = w - rate * grads["dw"], b - rate * grads["db"]
    return np.array(history)


def test_first_sixty_iterations_at_rates_one_tenth_and_five(faces):
    small, large = per_iteration_costs(faces, 0.1, 60), per_iteration_costs(faces, 5.0, 60)
    assert np.all(np.diff(small) < 0), "at 0.1 each step lowers the cost"
    assert large[1] > 10 * large[0], "the very first step lands at more than ten times the starting cost"
    assert np.all(large[1:] > large[0]), "above its starting value at every one of these 60 iterations"
    assert 40 < large.max() < 45 and round(large.max()) == 44, "as high as 44"
    assert np.sum(np.diff(np.sign(np.diff(large))) != 0) > 20, "leaping up and down"


def test_naive_cost_takes_log_zero_at_rate_five(faces):
    _, X_train, Y_train, _, _ = faces
    optimize, sigmoid = fn("optimize"), fn("sigmoid")
    params, _, _ = optimize(np.zeros((X_train.shape[0], 1)), 0.0, X_train, Y_train, num_iterations=1, learning_rate=5.0)
    Z = params["w"].T @ X_train + params["b"]
    assert np.abs(Z).max() > 37, "after the first step some logits exceed 37 in size"
    A = sigmoid(Z)
    assert np.any(A[Y_train == 0] == 1.0), "an example labelled 0 has a sigmoid of exactly 1.0"
    assert math.isnan(fn("naive_cost")(A, Y_train)) and math.isfinite(fn("cost_from_logits")(Z, Y_train))


def flat_part_basis(X):
    rank = np.linalg.matrix_rank(X)
    return rank, np.linalg.svd(X, full_matrices=False)[0][:, :rank]


def test_cost_is_flat_along_140_directions(faces):
    _, X_train, Y_train, _, _ = faces
    rank, span = flat_part_basis(X_train)
    assert rank == 149 and X_train.shape[0] - rank == 140
    draw = np.random.default_rng(0).normal(size=(X_train.shape[0], 1))
    flat = draw - span @ (span.T @ draw)
    flat = 10 * flat / np.linalg.norm(flat)
    assert np.abs(flat.T @ X_train).max() < 1e-12
    w = np.random.default_rng(1).normal(size=(X_train.shape[0], 1))
    cost = fn("cost_from_logits")
    assert abs(cost(w.T @ X_train, Y_train) - cost((w + flat).T @ X_train, Y_train)) < 1e-12


def test_two_starts_two_answers_same_training_predictions(faces, main_run):
    _, X_train, Y_train, X_test, _ = faces
    _, span = flat_part_basis(X_train)
    draw = np.random.default_rng(0).normal(size=(X_train.shape[0], 1))
    flat = draw - span @ (span.T @ draw)
    flat = 10 * flat / np.linalg.norm(flat)
    other, _, _ = fn("optimize")(flat, 0.0, X_train, Y_train, num_iterations=2000, learning_rate=RATE)
    w_zero, b_zero = main_run["w"], main_run["b"]
    distance = np.linalg.norm(w_zero - other["w"])
    assert abs(distance - 10) < 1e-9, "the second run ends where the first does, plus the flat vector"
    assert distance > np.linalg.norm(w_zero), "10 apart, further than the weights of the first run are long"
    cost = fn("cost_from_logits")
    assert abs(cost(w_zero.T @ X_train + b_zero, Y_train) - cost(other["w"].T @ X_train + other["b"], Y_train)) < 1e-9
    assert np.array_equal(labels(w_zero, b_zero, X_train), labels(other["w"], other["b"], X_train))
    differ = int(np.sum(labels(w_zero, b_zero, X_test) != labels(other["w"], other["b"], X_test)))
    assert 1 <= differ <= 5, "a few test predictions differ"


def test_any_start_keeps_its_flat_part(faces):
    """"Any start splits the same way: its part along the flat directions stays exactly as it was"."""
    _, X_train, Y_train, _, _ = faces
    _, span = flat_part_basis(X_train)
    start = np.random.default_rng(3).normal(scale=0.5, size=(X_train.shape[0], 1))
    end, _, _ = fn("optimize")(start, 0.3, X_train, Y_train, num_iterations=300, learning_rate=RATE)
    flat_start, flat_end = start - span @ (span.T @ start), end["w"] - span @ (span.T @ end["w"])
    assert np.allclose(flat_start, flat_end, atol=1e-10)
    assert np.linalg.norm(end["w"] - start) > 1, "the rest is trained"


def test_separable_training_set_has_no_lowest_point(faces):
    _, X_train, Y_train, _, _ = faces
    optimize, cost = fn("optimize"), fn("cost_from_logits")
    marks, w, b, done, costs, norms = [250, 500, 1000, 2000, 4000, 8000], np.zeros((289, 1)), 0.0, 0, [], []
    accuracy = {}
    for mark in marks:
        state, _, _ = optimize(w, b, X_train, Y_train, num_iterations=mark - done, learning_rate=RATE)
        w, b, done = state["w"], state["b"], mark
        costs.append(cost(w.T @ X_train + b, Y_train))
        norms.append(np.linalg.norm(w))
        accuracy[mark] = 100 * np.mean(labels(w, b, X_train) == Y_train)
    assert np.all(np.diff(costs) < 0) and np.all(np.diff(norms) > 0)
    assert accuracy[2000] < 100 and accuracy[4000] == 100 and accuracy[8000] == 100
    margins = (2 * Y_train - 1) * (w.T @ X_train + b)
    assert margins.min() > 0, "linearly separable: every training image on its correct side"
    scaled = [cost(factor * (w.T @ X_train + b), Y_train) for factor in (1, 2, 4, 8)]
    assert np.all(np.diff(scaled) < 0) and scaled[-1] < 0.01, "scaling w and b up lowers the cost towards 0"


# ----------------------------------------------------------------------------- agreement with scikit-learn

def unregularised_logistic_regression():
    """scikit-learn's LogisticRegression without a penalty (spelled C=inf from 1.8 on, penalty=None before)."""
    import sklearn
    from sklearn.linear_model import LogisticRegression

    major, minor = (int(p) for p in sklearn.__version__.split(".")[:2])
    options = {"C": np.inf} if (major, minor) >= (1, 8) else {"penalty": None}
    return LogisticRegression(**options, tol=1e-12, max_iter=10_000)


def test_model_agrees_with_scikit_learn_unregularised():
    rng = np.random.default_rng(0)
    n_x, m_train, m_test = 3, 400, 200
    true_w, true_b = np.array([[1.5], [-1.0], [0.5]]), 0.3
    X_train, X_test = rng.normal(size=(n_x, m_train)), rng.normal(size=(n_x, m_test))
    Y_train = (rng.random((1, m_train)) < 1 / (1 + np.exp(-(true_w.T @ X_train + true_b)))).astype(int)
    Y_test = (rng.random((1, m_test)) < 1 / (1 + np.exp(-(true_w.T @ X_test + true_b)))).astype(int)

    d = fn("model")(X_train, Y_train, X_test, Y_test, num_iterations=3000, learning_rate=1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = unregularised_logistic_regression().fit(X_train.T, Y_train.ravel())
    ref_w, ref_b = reference.coef_.reshape(n_x, 1), float(reference.intercept_[0])

    cost_from_logits = fn("cost_from_logits")
    our_cost = cost_from_logits(d["w"].T @ X_train + d["b"], Y_train)
    ref_cost = cost_from_logits(ref_w.T @ X_train + ref_b, Y_train)
    assert abs(our_cost - ref_cost) < 1e-9
    assert np.allclose(d["w"], ref_w, atol=1e-4) and abs(d["b"] - ref_b) < 1e-4
    assert np.array_equal(d["Y_prediction_train"].ravel(), reference.predict(X_train.T))
    assert np.array_equal(d["Y_prediction_test"].ravel(), reference.predict(X_test.T))
    assert d["test_accuracy"] == pytest.approx(100 * reference.score(X_test.T, Y_test.ravel()))


def test_loop_and_vectorised_agree_on_images():
    from utils.datasets import load_offcentre_faces

    split = load_offcentre_faces()
    X, Y = as_columns(split.train_images)[:, :40], split.train_labels.reshape(1, -1)[:, :40]
    w = np.random.default_rng(3).normal(scale=0.02, size=(X.shape[0], 1))
    (g_loop, c_loop), (g_vec, c_vec) = fn("gradients_loop")(w, 0.2, X, Y), fn("propagate")(w, 0.2, X, Y)
    assert np.allclose(g_loop["dw"], g_vec["dw"], rtol=0, atol=1e-10)
    assert abs(g_loop["db"] - g_vec["db"]) < 1e-10 and abs(c_loop - c_vec) < 1e-10


# ----------------------------------------------------------------------------- the visible checks

def checks():
    from utils.checks import logistic_regression_gradient_descent as module

    return module


@pytest.mark.parametrize("function", FUNCTIONS)
def test_check_passes_the_master_and_prints_one_line(function, capsys):
    getattr(checks(), f"check_{function}")(fn(function))
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.startswith("✔ " + function)


@pytest.mark.parametrize("function", FUNCTIONS)
def test_check_reports_the_unimplemented_stub(function):
    from utils.checks.core import NotImplementedYet

    def stub(*args, **kwargs):
        raise NotImplementedError()

    stub.__name__ = function
    with pytest.raises(NotImplementedYet, match="not implemented yet"):
        getattr(checks(), f"check_{function}")(stub)


# The mistakes the issue names, and a word the check's message must use for each.
NAMED_MISTAKES = [
    ("sigmoid_derivative", "returns_sigmoid", "sigmoid(0) itself"),
    ("sigmoid_derivative", "sign_error", "positive"),
    ("sigmoid_derivative", "forgot_sigmoid", "instead of a = sigmoid(z)"),
    ("sigmoid_derivative", "exp_formula_overflows", "overflows"),
    ("sigmoid_derivative", "mutates_z", "in place"),
    ("propagate", "missing_one_over_m", "Too large by a factor of m: dw and db. "),
    ("gradients_loop", "missing_one_over_m", "accumulated dw, db and the cost by m"),
    ("propagate", "wrong_transpose", "transposed"),
    ("propagate", "sign_error", "sign"),
    ("single_example_gradients", "dz_sign_error", "sign"),
    ("optimize", "sign_error", "AGAINST"),
    ("propagate", "cost_as_vector", "one number"),
    ("propagate", "forgot_b", "b = 0"),
    ("single_example_gradients", "forgot_b_in_z", "without b"),
    ("optimize", "forgot_b", "b never changed"),
    ("optimize", "cost_recorded_after_update", "BEFORE"),
    ("optimize", "mutates_callers_w", "in place"),
    ("propagate", "naive_log_cost", "cost_from_logits"),
    ("model", "accuracy_as_fraction", "percent"),
    ("model", "strict_threshold", "Use >=, not >"),
    ("model", "float_labels", "integer labels"),
    ("model", "boolean_labels", "integer labels"),
]


def test_the_m_times_message_names_only_what_is_m_times_too_large():
    from utils.checks.core import CheckFailed

    def summed(cost_is_summed):
        def propagate(w, b, X, Y):
            Z = w.T @ X + b
            losses = np.logaddexp(0.0, Z) - Y * Z
            dZ = 1 / (1 + np.exp(-Z)) - Y
            return {"dw": X @ dZ.T, "db": float(dZ.sum())}, float(losses.sum() if cost_is_summed else losses.mean())
        return propagate

    for cost_is_summed, named in ((False, "Too large by a factor of m: dw and db."),
                                  (True, "Too large by a factor of m: dw, db and the cost.")):
        with pytest.raises(CheckFailed) as failure:
            checks().check_propagate(summed(cost_is_summed))
        assert named in str(failure.value), str(failure.value)


def test_propagate_missing_one_over_m_is_not_told_about_accumulators():
    from utils.checks.core import CheckFailed

    namespace = with_mutant(mutants()["propagate"]["missing_one_over_m"])
    with pytest.raises(CheckFailed) as failure:
        checks().check_propagate(namespace["propagate"])
    assert "accumulat" not in str(failure.value), str(failure.value)


@pytest.mark.parametrize("function,mutant,word", NAMED_MISTAKES, ids=[f"{f}-{m}" for f, m, _ in NAMED_MISTAKES])
def test_check_names_the_likely_mistake(function, mutant, word):
    from utils.checks.core import CheckFailed

    namespace = with_mutant(mutants()[function][mutant])
    with pytest.raises(CheckFailed) as failure:
        getattr(checks(), f"check_{function}")(namespace[function])
    assert word in str(failure.value), str(failure.value)


def test_every_mutant_breaks_the_visible_check_or_is_left_to_hidden_tests():
    """Most wrong answers are already caught by the visible check; the rest must be listed here on purpose."""
    from utils.checks.core import CheckFailed

    hidden_only = set()  # (function, mutant) pairs only the hidden tests catch
    escaped = []
    for function, table in mutants().items():
        assert len(table) >= 5, f"{function} needs at least five mutants"
        for name, source in table.items():
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    getattr(checks(), f"check_{function}")(with_mutant(source)[function])
            except CheckFailed:
                continue
            if (function, name) not in hidden_only:
                escaped.append(f"{function}/{name}")
    assert not escaped, f"visible checks let these through: {escaped}"


VARIANTS_FILE = Path(__file__).parent / "variants" / f"{ASSIGNMENT}.py"


def test_every_correct_variant_passes_the_visible_check():
    variants = runpy.run_path(str(VARIANTS_FILE))["VARIANTS"]
    for function, table in variants.items():
        for source in table.values():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                getattr(checks(), f"check_{function}")(with_mutant(source)[function])


# ----------------------------------------------------------------------------- plotting and widgets

def test_plot_images_titles_each_image_and_rejects_mismatches():
    from utils.plotting.logistic_regression_gradient_descent import plot_images

    images = np.arange(3 * 4 * 4, dtype=np.uint8).reshape(3, 4, 4, 1)
    fig = plot_images(images, ["a", "b", "c"], columns=2, title="three")
    shown = [ax for ax in fig.axes if ax.images]
    assert len(shown) == 3 and [ax.get_title() for ax in shown] == ["a", "b", "c"]
    assert np.array_equal(shown[1].images[0].get_array(), images[1, ..., 0])
    assert len(fig.axes) == 4  # a 2 x 2 grid, the last panel left empty
    with pytest.raises(ValueError):
        plot_images(images, ["a"])
    with pytest.raises(ValueError):
        plot_images(images[:0], [])


def test_plot_cost_and_weight_norm_draws_both_curves():
    from utils.plotting.logistic_regression_gradient_descent import plot_cost_and_weight_norm

    fig = plot_cost_and_weight_norm([1, 2, 4], [0.5, 0.2, 0.1], [1.0, 2.0, 3.0])
    cost_ax, norm_ax = fig.axes
    assert list(cost_ax.lines[0].get_ydata()) == [0.5, 0.2, 0.1]
    assert list(norm_ax.lines[0].get_ydata()) == [1.0, 2.0, 3.0]
    with pytest.raises(ValueError):
        plot_cost_and_weight_norm([1, 2], [0.5], [1.0, 2.0])


def test_plot_cost_curves_side_by_side_and_marks_non_finite_costs():
    from matplotlib.figure import Figure

    from utils.plotting.logistic_regression_gradient_descent import plot_cost_curves

    fig = plot_cost_curves({"rate 0.1": [0.7, 0.5, 0.4], "rate 9": [0.7, math.inf, math.nan, 3.0]}, every=1)
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    assert "not finite from iteration 1" in fig.axes[1].get_title()
    assert "not finite" not in fig.axes[0].get_title()
    assert list(fig.axes[0].lines[0].get_xdata()) == [0, 1, 2]
    with pytest.raises(ValueError):
        plot_cost_curves({})


def test_plot_weights_image_folds_w_back_into_the_image():
    from utils.plotting.logistic_regression_gradient_descent import plot_weights_image

    w = np.arange(2 * 3 * 3, dtype=float).reshape(-1, 1) - 8
    fig = plot_weights_image(w, (2, 3, 3))
    images = [ax.images[0].get_array() for ax in fig.axes if ax.images]
    assert len(images) == 3 and images[0].shape == (2, 3)
    assert np.array_equal(images[1], w.reshape(2, 3, 3)[..., 1])
    assert len(plot_weights_image(np.ones((25 * 25, 1)), (25, 25, 1)).axes) == 2  # one image and its colour bar
    with pytest.raises(ValueError, match="pixels"):
        plot_weights_image(np.ones((10, 1)), (2, 3, 3))


def test_plot_weights_images_puts_each_weight_vector_on_its_own_scale():
    from utils.plotting.logistic_regression_gradient_descent import plot_weights_images

    small, large = np.linspace(-0.01, 0.02, 6).reshape(-1, 1), np.linspace(-50, 30, 6).reshape(-1, 1)
    fig = plot_weights_images({"small": small, "large": large}, (2, 3, 1))
    images = [image for ax in fig.axes for image in ax.images]
    assert [image.get_array().tolist() for image in images] == [small.reshape(2, 3).tolist(),
                                                                 large.reshape(2, 3).tolist()]
    assert [image.get_clim() for image in images] == [(-0.02, 0.02), (-50.0, 50.0)]
    assert sum(ax.get_label() == "<colorbar>" for ax in fig.axes) == 2
    colour = plot_weights_images({"small": np.ones((18, 1)), "large": np.ones((18, 1))}, (2, 3, 3))
    assert sum(len(ax.images) for ax in colour.axes) == 6  # a row of three channels for each
    with pytest.raises(ValueError, match="at least one"):
        plot_weights_images({}, (2, 3, 1))


def test_plot_decision_boundary_draws_the_line_w_dot_x_plus_b_equals_zero():
    from utils.plotting.logistic_regression_gradient_descent import plot_boundary_progress, plot_boundary_snapshot

    X = np.array([[-1.0, 1.0, 2.0, -2.0], [0.5, -0.5, 1.0, -1.0]])
    Y = np.array([[0, 1, 1, 0]])
    fig = plot_boundary_snapshot(X, Y, np.array([[1.0], [2.0]]), 0.5, iteration=7, cost=0.25)
    ax = fig.axes[0]
    xs, ys = ax.lines[0].get_data()
    assert np.allclose(1.0 * np.asarray(xs) + 2.0 * np.asarray(ys) + 0.5, 0)
    assert ax.get_title().startswith("iteration 7, cost 0.250")
    vertical = plot_boundary_snapshot(X, Y, np.array([[2.0], [0.0]]), -1.0).axes[0]
    assert np.allclose(vertical.lines[0].get_xdata(), 0.5)
    history = [(k, np.array([[1.0 + k], [1.0]]), 0.0, 1.0 / (k + 1)) for k in range(3)]
    assert len(plot_boundary_progress(X, Y, history).axes) == 3
    with pytest.raises(ValueError):
        plot_boundary_progress(X, Y, [])


def test_plot_computation_graph_writes_forward_and_backward_values():
    from utils.plotting.logistic_regression_gradient_descent import plot_computation_graph

    forward = {"x1": 1.0, "x2": 2.0, "w1": 0.5, "w2": -0.25, "b": 0.1, "z": 0.1, "a": 0.525, "y": 1, "L": 0.644}
    texts = [t.get_text() for t in plot_computation_graph(forward).axes[0].texts]
    assert "x1 = 1" in texts and not any(t.startswith("dz") for t in texts)
    backward = {"da": -1.905, "dz": -0.475, "dw1": -0.475, "dw2": -0.95, "db": -0.475}
    texts = [t.get_text() for t in plot_computation_graph(forward, backward).axes[0].texts]
    assert "dz = -0.475" in texts and any("dw2 = -0.95" in t for t in texts)


def test_widgets_redraw_precomputed_results_only(monkeypatch):
    import ipywidgets

    import utils.plotting.logistic_regression_gradient_descent as plotting
    from utils.widgets.logistic_regression_gradient_descent import boundary_progress_widget, weights_widget

    drawn = []
    monkeypatch.setattr(plotting, "plot_boundary_snapshot", lambda *args, **kwargs: drawn.append(kwargs["iteration"]))
    X, Y = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([[0, 1]])
    history = [(0, np.zeros((2, 1)), 0.0, 0.69), (10, np.ones((2, 1)), 0.1, 0.3), (50, np.ones((2, 1)), 0.2, 0.1)]
    widget = boundary_progress_widget(X, Y, history)
    assert isinstance(widget, ipywidgets.interactive)
    slider = widget.children[0]
    assert (slider.min, slider.max) == (0, 2)
    slider.value = 2
    widget.update()
    assert drawn[-1] == 50  # the slider picks a stored snapshot; nothing is trained

    menu = weights_widget({"rate 0.1": np.ones((4, 1)), "rate 1": -np.ones((4, 1))}, (2, 2, 1)).children[0]
    assert list(menu.options) == ["rate 0.1", "rate 1"]
    with pytest.raises(ValueError):
        boundary_progress_widget(X, Y, [])
