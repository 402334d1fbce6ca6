"""Check results as boxes: in a real kernel, a failed check is a red box plus one short error line (so the cell still
fails), a passed one a green box; an unwritten exercise called from a demo cell is named with its cell; nbgrader's
Validate lists one short line per failing test; the feedback page keeps the boxes readable."""

from __future__ import annotations

import re

import nbformat
import pytest
from nbclient import NotebookClient

from grader import course
from grader.feedback_page import render
from utils.checks.core import SHORT_LINE, CheckFailed, first_sentence

v4 = nbformat.v4
SETUP = "from utils import setup_notebook\nsetup_notebook()"
WRONG = "def image_to_vector(image):\n    flat = image.ravel()\n    return flat.reshape(5, 5)"
CHECK = "from utils.checks.binary_classification import check_image_to_vector\ncheck_image_to_vector(image_to_vector)"
RIGHT = "def image_to_vector(image):\n    return image.reshape(-1, 1)"
STUB = 'def slope(f, a, h=0.001):\n    """Forward nudge."""\n    # YOUR CODE HERE\n    raise NotImplementedError()'
DEMO = "print('slope of 3a:')\nslope(lambda a: 3 * a, 2.0)"
LIBRARY = "import numbers\nraise NotImplementedError('a library says no')"


def run(*sources: str) -> list[list[dict]]:
    """Each cell's outputs after running `sources` as cells of one notebook in a real kernel."""
    nb = v4.new_notebook(cells=[v4.new_code_cell(source) for source in sources])
    NotebookClient(nb, allow_errors=True, kernel_name="python3", timeout=120).execute()
    return [cell.outputs for cell in nb.cells]


def only(outputs: list[dict], output_type: str) -> dict:
    found = [o for o in outputs if o["output_type"] == output_type]
    assert len(found) == 1, outputs
    return found[0]


def code_line(code: str) -> str:
    """A line of the student's code as the red box shows it: on a line of its own, in code style."""
    return f'<div style="margin-left: 16px"><code>{code}</code></div>'


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">")


@pytest.fixture(scope="module")
def with_boxes() -> list[list[dict]]:
    return run(SETUP, WRONG, CHECK, RIGHT, CHECK, STUB, DEMO, LIBRARY)


def test_a_failed_check_is_a_red_box_and_one_short_error_line(with_boxes):
    outputs = with_boxes[2]
    assert [o.output_type for o in outputs] == ["display_data", "error"]
    box = outputs[0].data["text/html"]
    assert 'class="nn-check nn-check-failed"' in box and "#c62828" in box
    assert "<code>image_to_vector(&lt;array of shape (2, 4, 3), dtype int64&gt;)</code> raised ValueError" in box
    assert "your cell [2], line 3, in <code>image_to_vector</code>" + code_line("return flat.reshape(5, 5)") in box
    assert "/tmp" not in box and "ipykernel" not in box and "`" not in box
    text = outputs[0].data["text/plain"]
    assert text.startswith("✘ Check failed: `image_to_vector(") and "your cell [2], line 3, in image_to_vector" in text
    error = outputs[1]
    assert error.ename == "CheckFailed" and "cannot reshape array of size 24" in error.evalue  # what the grader reads
    assert len(error.traceback) == 1 and len(error.traceback[0]) <= SHORT_LINE + len("\x1b[31m\x1b[0m")
    assert "Check failed: image_to_vector(<array of shape (2, 4, 3), dtype int64>) raised ValueError." in \
        error.traceback[0]


def test_a_passed_check_is_a_green_box_saying_what_was_checked(with_boxes):
    bundle = only(with_boxes[4], "display_data").data
    assert bundle["text/plain"] == ("✔ image_to_vector: all visible checks passed (a (2, 4, 3) image became a (24, 1) "
                                    "column).")
    assert 'class="nn-check nn-check-passed"' in bundle["text/html"] and "#2e7d32" in bundle["text/html"]
    assert plain(bundle["text/html"]) == ("✔ image_to_vector: all visible checks passed."
                                          "Checked: a (2, 4, 3) image became a (24, 1) column.")
    assert not [o for o in with_boxes[4] if o.output_type in ("stream", "error")]


def test_a_cell_calling_an_unwritten_exercise_names_it_and_its_cell(with_boxes):
    outputs = with_boxes[6]
    assert [o.output_type for o in outputs] == ["stream", "display_data", "error"]
    box = outputs[1].data["text/html"]
    assert "✘ Not written yet" in box and "<code>slope</code> is not written yet" in box
    assert "write it in your cell [6]" in box  # the cell that defines it, by the number in its prompt
    assert "your cell [7], line 2" + code_line("slope(lambda a: 3 * a, 2.0)") in box
    assert "your cell [6], line 4, in <code>slope</code>" + code_line("raise NotImplementedError()") in box
    assert "interactiveshell" not in box and "/tmp" not in box
    assert outputs[2].ename == "NotImplementedError"
    assert outputs[2].traceback == ["\x1b[31mNotImplementedError: slope is not written yet (cell [6])\x1b[0m"]


def test_a_notimplementederror_that_is_no_exercise_keeps_its_traceback(with_boxes):
    error = only(with_boxes[7], "error")
    assert not [o for o in with_boxes[7] if o.output_type == "display_data"]
    assert error.evalue == "a library says no" and "Traceback" in "".join(error.traceback)


def test_without_the_setup_call_checks_print_text():
    _, _, failed, _, ok = run("pass", WRONG, CHECK, RIGHT, CHECK)
    assert only(ok, "stream").text.startswith("✔ image_to_vector: all visible checks passed")
    error = only(failed, "error")
    assert not [o for o in failed if o.output_type == "display_data"]
    text = "\n".join(error.traceback)
    assert "Check failed:" in text and "your cell [2], line 3, in image_to_vector" in text and "/tmp" not in text


@pytest.mark.parametrize("message, line", [
    ("`f` is not implemented yet: replace `raise NotImplementedError()` in its cell with your code, run that cell, "
     "then run this check again.", "`f` is not implemented yet."),
    ("Y should have shape (1, 5), but it has shape (5,). A rank-1 array is not a row vector.",
     "Y should have shape (1, 5), but it has shape (5,)."),
    ("Work on a copy (e.g. `w = w - 1`), not on w. Then run it again.", "Work on a copy (e.g. `w = w - 1`), not on w."),
    ("x" * 200, "x" * 97 + "..."),
])
def test_the_short_line_is_the_first_sentence(message, line):
    assert first_sentence(message) == line
    assert len(CheckFailed(message).headline) <= SHORT_LINE


def test_validate_lists_one_short_line_per_failing_check():
    """nbgrader's own Validator on the blank student copy of 2.5 (what the Validate button runs)."""
    from nbgrader.validator import Validator

    results = Validator().validate(str(course.student_path("2.5-derivatives")))
    failed = results["failed"]
    assert len(failed) == 2
    for cell in failed:
        lines = cell["raw_error"].splitlines()
        assert len(lines) == 1 and len(re.sub(r"\x1b\[[0-9;]*m", "", lines[0])) <= SHORT_LINE, lines
        assert "not implemented yet" in lines[0]


def test_the_feedback_page_keeps_the_boxes_readable(with_boxes):
    cell = v4.new_code_cell(CHECK, outputs=with_boxes[2])
    passed = v4.new_code_cell(CHECK, outputs=with_boxes[4])
    hostile = v4.new_code_cell("x", outputs=[v4.new_output("display_data", data={
        "text/html": '<div style="background-image: url(https://example.com/x.png); color: red">x</div>',
        "text/plain": "x"})])
    nb = v4.new_notebook(cells=[cell, passed, hostile], metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"}})
    page = render(nb, "Feedback: test")
    assert re.search(r'class="nn-check nn-check-failed" style="border-left:5px solid #c62828;'
                     r'background-color:#fdecea;[^"]*"', page)
    assert re.search(r'class="nn-check nn-check-passed" style="border-left:5px solid #2e7d32;', page)
    assert "your cell [2], line 3, in <code>image_to_vector</code>" in page
    assert '<div style="color:red">x</div>' in page and "example.com" not in page
