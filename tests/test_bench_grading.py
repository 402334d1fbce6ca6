"""The benchmarks on a tiny class: bench/grading.py (stock nbgrader and this grader give the same score to every
cell) and bench/term.py (every command of a term runs and produces its pages and rows)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from grader import course

pytestmark = [pytest.mark.slow, pytest.mark.grader]  # the grader's own machinery: in make test, not make check


def test_benchmark_scores_agree_with_stock_nbgrader_on_a_tiny_class():
    done = subprocess.run([sys.executable, str(course.REPO / "bench" / "grading.py"), "--students", "2",
                           "--lectures", "2.1-binary-classification"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 student(s) x 1 lecture(s) = 2 submissions" in done.stdout
    assert "scores agree per student, lecture and cell: yes (2 submissions" in done.stdout, done.stdout
    assert "throughput ratio" in done.stdout


def test_term_benchmark_runs_every_command_of_a_term_on_a_tiny_class():
    done = subprocess.run([sys.executable, str(course.REPO / "bench" / "term.py"), "--students", "3",
                           "--lectures", "2.5-derivatives"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    for command in ("autograde", "review", "feedback", "export"):
        assert done.stdout.count(f"\n{command} ") == 1, done.stdout
    assert "produced: 3 feedback pages, 3 rows in grades.csv" in done.stdout, done.stdout
