"""Check results in JupyterLab as a student sees them: a passed check is a green box saying what was checked; a failed
one a red box saying what is wrong, code in code style, and where ("your cell [N], line L", never a temporary path),
with one short error line under it; an exercise not written yet, called from a demo cell, is named with its cell.

Screenshots of the three cells go to screenshots/checks/ (after-passed.png, after-failed.png, after-not-written.png).

The Chinese copy of the lecture shows the same boxes in Chinese: its kernel reads the language from the notebook's
metadata (`utils.language`, through JupyterLab's JPY_SESSION_NAME), with no setting anywhere else. Screenshot:
screenshots/checks/zh-CN-failed.png, copied to /work/notes/s21/checks/ when that folder exists.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from grader import course, notebooks
from lab_driver import Lab
from lab_server import JupyterServer
from notebook_cases import answer_cells, completed_copy, with_answer
from test_zh_cn_notebooks import MISSING_GLYPHS_JS

pytestmark = pytest.mark.browser

LECTURE = "2.1-binary-classification"
# A typo in the last line but one: the check crashes inside the student's function, at line 4 of their cell.
WRONG = '''def dataset_dimensions(train_images, test_images):
    m_train, m_test = train_images.shape[0], test_images.shape[0]
    height, width, channels = train_images.shape[1:]
    n_x = height * width * channel
    return m_train, m_test, n_x
'''
RED, GREEN = "rgb(253, 236, 234)", "rgb(232, 245, 233)"  # the boxes' backgrounds (utils.checks.display)
STDERR = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
NOTES = Path("/work/notes/s21/checks")  # the session's notes, where they exist


@pytest.fixture(scope="module")
def wrong_copy(workspace: Path) -> str:
    """A student copy: image_to_vector right, dataset_dimensions wrong, images_to_matrix not written yet."""
    blank = answer_cells(notebooks.read(course.student_path(LECTURE)))
    nb = with_answer(completed_copy(LECTURE), "dataset_dimensions", WRONG)
    nb = with_answer(nb, "images_to_matrix", blank["images_to_matrix"].source)
    folder = workspace / "checks" / LECTURE
    shutil.copytree(course.student_path(LECTURE).parent, folder, ignore=shutil.ignore_patterns("*.ipynb"))
    notebooks.write(nb, folder / f"{LECTURE}.ipynb")
    return f"checks/{LECTURE}/{LECTURE}.ipynb"


@pytest.fixture(scope="module")
def wrong_chinese_copy(workspace: Path) -> str:
    """The Chinese student copy with the master's answers, but the same wrong dataset_dimensions."""
    chinese = notebooks.read(course.NOTEBOOKS / "zh-CN" / LECTURE / f"{LECTURE}.ipynb")
    assert chinese.metadata["language"] == "zh-CN"
    for grade_id, cell in answer_cells(completed_copy(LECTURE)).items():
        chinese = with_answer(chinese, grade_id, cell.source)
    folder = workspace / "checks-zh-CN" / LECTURE
    folder.mkdir(parents=True)
    notebooks.write(with_answer(chinese, "dataset_dimensions", WRONG), folder / f"{LECTURE}.ipynb")
    return f"checks-zh-CN/{LECTURE}/{LECTURE}.ipynb"


def index_of(cells, grade_id: str) -> int:
    return next(c.index for c in cells if c.nbgrader and c.nbgrader.get("grade_id") == grade_id)


def run_cell(lab: Lab, index: int) -> None:
    """Select the cell by its prompt, as a student clicks beside it, and run it with Shift+Enter."""
    lab.cell(index).locator(".jp-InputPrompt").first.click()
    lab.page.keyboard.press("Shift+Enter")
    lab.wait_until_done(120)


def box_background(box) -> str:
    return box.evaluate("(e) => getComputedStyle(e).backgroundColor")


def code_fonts(box) -> list[str]:
    return box.locator("code").evaluate_all("(codes) => codes.map((c) => getComputedStyle(c).fontFamily)")


def test_check_results_are_green_and_red_boxes(lab: Lab, wrong_copy: str, screenshots_dir: Path) -> None:
    lab.open(wrong_copy)
    lab.clear_and_run_all()
    cells = lab.cells()
    folder = screenshots_dir / "checks"
    folder.mkdir(parents=True, exist_ok=True)

    # The passed check: a green box saying what was checked, and nothing else.
    passed = lab.cell(index_of(cells, "test_image_to_vector"))
    box = passed.locator(".nn-check-passed")
    assert box.count() == 1 and box.is_visible()
    assert box_background(box) == GREEN
    assert box.inner_text().split("\n") == ["✔ image_to_vector: all visible checks passed.",
                                            "Checked: a (2, 4, 3) image became a (24, 1) column."]
    assert "monospace" in code_fonts(box)[0]
    assert passed.locator(STDERR).count() == 0
    passed.screenshot(path=str(folder / "after-passed.png"))

    # The failed check: Run All stopped there; a red box with the message, code styled, and the student's line.
    answer = cells[index_of(cells, "dataset_dimensions")]
    check_index = index_of(cells, "test_dataset_dimensions")
    assert [c.index for c in cells if c.errors][0] == check_index
    failed = lab.cell(check_index)
    box = failed.locator(".nn-check-failed")
    assert box.count() == 1 and box.is_visible()
    assert box_background(box) == RED
    text = box.inner_text()
    assert text.startswith("✘ Check failed\n")
    assert "raised NameError: name 'channel' is not defined." in text
    where = f"your cell [{answer.execution_count}], line 4, in dataset_dimensions\nn_x = height * width * channel"
    assert where in text
    fonts = code_fonts(box)
    assert len(fonts) >= 3 and all("monospace" in font for font in fonts), fonts  # call, function name, line
    assert "`" not in text and "`" not in failed.locator(STDERR).inner_text()
    everything = failed.locator(".jp-Cell-outputArea").inner_text()
    assert "/tmp" not in everything and "ipykernel" not in everything and "Traceback" not in everything
    error_line = failed.locator(STDERR).inner_text().strip()
    assert error_line.startswith("Check failed: dataset_dimensions(<array of shape (5, 4, 4, 3)")
    assert "\n" not in error_line
    box_area, page_area = box.bounding_box(), lab.notebook.bounding_box()
    assert box_area and page_area and box_area["width"] <= page_area["width"]  # the text wraps inside the page
    failed.screenshot(path=str(folder / "after-failed.png"))

    # A demo cell calling an exercise not written yet: the box names it and the cell to write it in.
    stub_index = index_of(cells, "images_to_matrix")
    demo_index = next(c.index for c in cells[stub_index + 1:] if c.cell_type == "code" and not c.nbgrader)
    for index in (check_index + 1, stub_index, demo_index):  # the demo's data, the stub, the demo
        if cells[index].cell_type == "code":
            run_cell(lab, index)
    stub = lab.cells()[stub_index]
    demo = lab.cell(demo_index)
    box = demo.locator(".nn-check-failed")
    assert box.count() == 1 and box.is_visible()
    text = box.inner_text()
    assert text.startswith("✘ Not written yet\nimages_to_matrix is not written yet.")
    assert f"write it in your cell [{stub.execution_count}]" in text
    assert re.search(rf"your cell \[{stub.execution_count}\], line \d+, in images_to_matrix\n"
                     r"raise NotImplementedError\(\)", text), text
    assert demo.locator(STDERR).inner_text().strip() == (
        f"NotImplementedError: images_to_matrix is not written yet (cell [{stub.execution_count}])")
    demo.screenshot(path=str(folder / "after-not-written.png"))
    assert not lab.page_errors, lab.page_errors


def test_a_chinese_copy_shows_its_boxes_in_chinese(lab: Lab, jupyter: JupyterServer, wrong_chinese_copy: str,
                                                   screenshots_dir: Path) -> None:
    assert "COURSE_LANGUAGE" not in jupyter.environment()  # the notebook's own metadata must choose the language
    lab.open(wrong_chinese_copy)
    lab.clear_and_run_all()
    cells = lab.cells()

    passed = lab.cell(index_of(cells, "test_image_to_vector")).locator(".nn-check-passed")
    assert passed.inner_text().split("\n") == ["✔ image_to_vector：所有可见检查都通过了。",
                                                "检查了：一张 (2, 4, 3) 的图片变成了 (24, 1) 的列向量。"]

    answer = cells[index_of(cells, "dataset_dimensions")]
    failed = lab.cell(index_of(cells, "test_dataset_dimensions"))
    box = failed.locator(".nn-check-failed")
    assert box.count() == 1 and box_background(box) == RED
    text = box.inner_text()
    assert text.startswith("✘ 检查未通过\n") and "抛出了 NameError：name 'channel' is not defined。" in text
    assert f"你的代码出错的位置：\n你的单元格 [{answer.execution_count}]，第 4 行，在 dataset_dimensions 中" in text
    assert "should" not in text and "Where your code" not in text
    assert failed.locator(STDERR).inner_text().strip().startswith("检查未通过：dataset_dimensions(<形状为 (5, 4, 4, 3)")
    assert box.evaluate_all(MISSING_GLYPHS_JS) == [], "Chinese drawn as empty boxes: run scripts/install-cjk-font.sh"
    folder = screenshots_dir / "checks"
    folder.mkdir(parents=True, exist_ok=True)
    failed.screenshot(path=str(folder / "zh-CN-failed.png"))
    if NOTES.is_dir():
        shutil.copy(folder / "zh-CN-failed.png", NOTES / "zh-CN-failed.png")
    assert not lab.page_errors, lab.page_errors
