"""`--lecture ID` (make check LECTURE=ID): that lecture's tests and those about no lecture, nothing of another."""

from __future__ import annotations

import re
import subprocess
import sys

from grader import course

CHOSEN = "2.5-derivatives"


def _collected(*args: str) -> list[str]:
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args,
                           "tests/test_widgets_render.py", "tests/test_logistic_regression_model.py",
                           "tests/test_derivatives_utils.py", "solutions/"],
                          cwd=course.REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return [line for line in done.stdout.splitlines() if "::" in line]


def test_one_lecture_keeps_its_own_tests_and_those_of_no_lecture():
    everything, chosen = _collected(), _collected("--lecture", CHOSEN)
    number = CHOSEN.split("-")[0]
    others = [lecture for lecture in course.assignments() if lecture != CHOSEN]
    names_another = re.compile("|".join(re.escape(lecture.split("-")[0]) + r"\b" for lecture in others))
    assert not [test for test in chosen if names_another.search(test)]
    assert not [test for test in chosen if "test_logistic_regression_model" in test]  # marked as 2.9's
    assert any(f"solutions/{CHOSEN}/" in test for test in chosen)  # nbval of the master
    assert any(f"[{number}]" in test or f"[{CHOSEN}]" in test for test in chosen if "widgets_render" in test)
    about_none = [test for test in everything if not names_another.search(test) and number not in test
                  and "test_logistic_regression_model" not in test]
    assert about_none and set(about_none) <= set(chosen)
    assert len(chosen) < len(everything)
