"""Benchmark for lecture 2.9: how fast is the course's logistic regression, and against what?

Prints, in one run:
1. the time per `propagate` call on the course's shape (n_x, m) = (12288, 209) against the floor set by the two
   matrix products it cannot avoid (w.T @ X and X @ dZ.T), and their ratio (target: within 1.5x);
2. the explicit loop (`gradients_loop`) against the vectorised `propagate` on the same data;
3. `model` against scikit-learn's unregularised LogisticRegression reaching the same training cost.

The functions are the master notebook's own (its given helper cell and its answer cells), so the numbers describe
exactly what the notebook teaches. With the course's cat pictures in ../shared/data/catvnoncat the benchmark uses
them; otherwise random pixels of the same shape (and the notebook's default data, the off-centre faces, for the model
comparison).

Run: .venv/bin/python bench/propagate.py [--repeats N]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import nbformat
import numpy as np

REPO = Path(__file__).resolve().parent.parent
ASSIGNMENT = "2.9-logistic-regression-gradient-descent"
MASTER = REPO / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
CATVNONCAT = REPO.parent / "shared" / "data" / "catvnoncat"


def master_namespace() -> dict:
    """The master's given helpers (sigmoid, cost_from_logits) and its answer functions, executed."""
    nb = nbformat.read(MASTER, as_version=4)
    namespace: dict = {"np": np}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        is_answer = meta.get("solution") and not meta.get("grade")
        if cell.cell_type == "code" and (is_answer or "def sigmoid(" in cell.source):
            with contextlib.redirect_stdout(io.StringIO()):  # the helper cell's own demo prints
                exec(compile(cell.source, f"<{MASTER.name}>", "exec"), namespace)
    return namespace


def timings(function: Callable[[], object], repeats: int) -> tuple[float, float]:
    """(fastest, median) of `repeats` calls, in seconds. The minimum is the least noisy estimate of the cost of the
    work itself on a shared machine; the median shows what a typical call sees under the current load."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def load_data() -> tuple[str, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(description, X_train, Y_train, X_test, Y_test) with pixels scaled to [0, 1], images as columns."""
    from utils.datasets import load_catvnoncat, load_offcentre_faces

    if (CATVNONCAT / "train_catvnoncat.h5").is_file():
        split, name = load_catvnoncat(CATVNONCAT), "cat / non-cat (the course's data)"
    else:
        split, name = load_offcentre_faces(), "off-centre face / non-face (cat / non-cat files not found)"
    columns = [s.reshape(s.shape[0], -1).T / 255.0 for s in (split.train_images, split.test_images)]
    return name, columns[0], split.train_labels.reshape(1, -1), columns[1], split.test_labels.reshape(1, -1)


def course_shape_data(name: str, X: np.ndarray, Y: np.ndarray) -> tuple[str, np.ndarray, np.ndarray]:
    if X.shape == (12288, 209):
        return name, X, Y
    rng = np.random.default_rng(0)
    # One image per row, then transposed: the same memory layout as X built from real images in the notebook.
    return ("random pixels", rng.integers(0, 256, size=(209, 12288)).T / 255.0,
            (rng.random((1, 209)) < 0.35).astype(np.int64))


def unregularised_logistic_regression(max_iter: int):
    import sklearn
    from sklearn.linear_model import LogisticRegression

    major, minor = (int(p) for p in sklearn.__version__.split(".")[:2])
    options = {"C": np.inf} if (major, minor) >= (1, 8) else {"penalty": None}
    return LogisticRegression(**options, solver="lbfgs", tol=0.0, max_iter=max_iter)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=100, help="timed calls per measurement")
    args = parser.parse_args()
    ns = master_namespace()
    propagate, gradients_loop, model = ns["propagate"], ns["gradients_loop"], ns["model"]
    cost_from_logits = ns["cost_from_logits"]

    name, X_train, Y_train, X_test, Y_test = load_data()
    shape_name, X, Y = course_shape_data(name, X_train, Y_train)
    n_x, m = X.shape
    rng = np.random.default_rng(1)
    w, b = rng.normal(scale=0.01, size=(n_x, 1)), 0.1
    dZ = rng.random((1, m)) - Y

    print(f"1. propagate on (n_x, m) = ({n_x}, {m}), {shape_name}; {args.repeats} calls each: best / median")
    # Interleaved, so that both see the same load on a shared machine.
    pairs = [(timings(lambda: propagate(w, b, X, Y), 1)[0], timings(lambda: (w.T @ X, X @ dZ.T), 1)[0])
             for _ in range(args.repeats)]
    t_propagate, med_propagate = min(p for p, _ in pairs), statistics.median(p for p, _ in pairs)
    t_floor, med_floor = min(f for _, f in pairs), statistics.median(f for _, f in pairs)
    t_forward, _ = timings(lambda: w.T @ X, args.repeats)
    t_backward, _ = timings(lambda: X @ dZ.T, args.repeats)
    ratio = t_propagate / t_floor
    print(f"   {'propagate':<34}{1e3 * t_propagate:9.3f} ms / {1e3 * med_propagate:.3f} ms")
    print(f"   {'floor: w.T @ X and X @ dZ.T':<34}{1e3 * t_floor:9.3f} ms / {1e3 * med_floor:.3f} ms"
          f"   (best: w.T @ X {1e3 * t_forward:.3f} ms, X @ dZ.T {1e3 * t_backward:.3f} ms)")
    print(f"   {'ratio propagate / floor':<34}{ratio:9.2f} x   (ratio of medians {med_propagate / med_floor:.2f} x)   "
          f"target <= 1.5 x: {'met' if ratio <= 1.5 else 'NOT met'}")

    print(f"\n2. loop against vectorised on the same ({n_x}, {m}) data")
    start = time.perf_counter()
    grads_loop, cost_loop = gradients_loop(w, b, X, Y)
    t_loop = time.perf_counter() - start
    grads_vec, cost_vec = propagate(w, b, X, Y)
    agree = (np.allclose(grads_loop["dw"], grads_vec["dw"], rtol=0, atol=1e-10)
             and abs(grads_loop["db"] - grads_vec["db"]) < 1e-10 and abs(cost_loop - cost_vec) < 1e-10)
    print(f"   {'gradients_loop (one call)':<34}{1e3 * t_loop:9.1f} ms")
    print(f"   {'propagate':<34}{1e3 * t_propagate:9.3f} ms")
    print(f"   {'speed-up':<34}{t_loop / t_propagate:9.0f} x   results agree to 1e-10: {agree}")

    print(f"\n3. model (2000 iterations, learning rate 0.005) against scikit-learn, {name}")
    start = time.perf_counter()
    d = model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.005)
    t_model = time.perf_counter() - start
    target = cost_from_logits(d["w"].T @ X_train + d["b"], Y_train)

    def sklearn_fit(max_iter: int):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            start = time.perf_counter()
            fitted = unregularised_logistic_regression(max_iter).fit(X_train.T, Y_train.ravel())
            elapsed = time.perf_counter() - start
        cost = cost_from_logits(fitted.coef_ @ X_train + fitted.intercept_[0], Y_train)
        return fitted, cost, elapsed

    max_iter, (fitted, cost, t_sklearn) = 1, sklearn_fit(1)
    while cost > target and max_iter < 10_000:
        max_iter += 1 if max_iter < 20 else max_iter // 10
        fitted, cost, t_sklearn = sklearn_fit(max_iter)
    sk_train = 100 * fitted.score(X_train.T, Y_train.ravel())
    sk_test = 100 * fitted.score(X_test.T, Y_test.ravel())
    print(f"   {'model':<34}{t_model:9.3f} s   ({1e3 * t_model / 2000:.2f} ms per iteration) "
          f"training cost {target:.6f}, "
          f"train {d['train_accuracy']:.2f} %, test {d['test_accuracy']:.2f} %")
    print(f"   {f'scikit-learn lbfgs, {max_iter} iterations':<34}{t_sklearn:9.3f} s   training cost {cost:.6f}, "
          f"train {sk_train:.2f} %, test {sk_test:.2f} %")
    print(f"   {'time ratio model / scikit-learn':<34}{t_model / t_sklearn:9.1f} x   (same training cost or lower)")


if __name__ == "__main__":
    main()
