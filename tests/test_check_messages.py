"""The check messages' catalogues: the same ids and the same format fields in every language, no id unused, and a
real kernel shows a failing check in the notebook's language (English by default)."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from utils.checks import messages
from utils.language import LANGUAGES

CHECKS = Path(messages.__file__).parent.parent
CATALOGUES = {language: messages.catalogue(language) for language in LANGUAGES}


def fields(template: str) -> set[str]:
    """The names of the `str.format` fields of `template`."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_every_message_exists_in_every_language(language: str) -> None:
    english, other = CATALOGUES["en"], CATALOGUES[language]
    assert sorted(english.keys() - other.keys()) == [], f"in English only ({language} lacks them)"
    assert sorted(other.keys() - english.keys()) == [], f"in {language} only (English lacks them)"


@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_translations_have_the_english_fields(language: str) -> None:
    differ = {key: (fields(text), fields(CATALOGUES[language][key])) for key, text in CATALOGUES["en"].items()
              if fields(text) != fields(CATALOGUES[language].get(key, text))}
    assert differ == {}


def test_the_chinese_messages_are_chinese() -> None:
    """A copied English text is not a translation (ids whose text is code only are the exception)."""
    same = [key for key, text in CATALOGUES["zh-CN"].items()
            if not re.search(r"[\u4e00-\u9fff]", text) and re.search(r"[a-z]{4,} [a-z]{3,}", text)]
    assert same == []


def test_every_message_is_used() -> None:
    """Every id is named as a string in a check module, so no message is left behind when a check changes."""
    source = "\n".join(path.read_text() for path in CHECKS.glob("*.py"))
    unused = [key for key in CATALOGUES["en"] if f'"{key}"' not in source and f"'{key}'" not in source]
    assert unused == []


SETUP = "from utils import setup_notebook\nsetup_notebook()"
WRONG = "def image_to_vector(image):\n    return image.reshape(-1)"
CHECK = "from utils.checks.binary_classification import check_image_to_vector\ncheck_image_to_vector(image_to_vector)"
STUB = "def image_to_vector(image):\n    raise NotImplementedError()"


def failing_check(tmp_path: Path, metadata_language: str | None, monkeypatch: pytest.MonkeyPatch) -> str:
    """The plain text of the red box a wrong answer gets, run in a real kernel from a notebook file whose metadata
    holds `metadata_language`; the kernel finds the file as under JupyterLab (JPY_SESSION_NAME)."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in (SETUP, WRONG, CHECK)])
    if metadata_language:
        nb.metadata["language"] = metadata_language
    path = tmp_path / "lecture.ipynb"
    path.write_text(json.dumps(nb))
    monkeypatch.setenv("JPY_SESSION_NAME", str(path))
    NotebookClient(nb, allow_errors=True, kernel_name="python3", timeout=120,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    box = next(output for output in nb.cells[2].outputs if output.output_type == "display_data")
    return str(box.data["text/plain"])


def test_a_chinese_notebook_shows_the_chinese_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COURSE_LANGUAGE", raising=False)
    text = failing_check(tmp_path, "zh-CN", monkeypatch)
    assert text == ("✘ 检查未通过：一张 (2, 4, 3) 图片的特征向量 的形状应该是 (24, 1)，但实际是 (24,)。"
                    "形状为 (24,) 的秩为 1 的数组既不是行向量也不是列向量：把它 reshape 成 (24, 1)。")


def test_an_english_notebook_shows_the_english_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COURSE_LANGUAGE", raising=False)
    text = failing_check(tmp_path, None, monkeypatch)
    assert text.startswith("✘ Check failed: The feature vector of a (2, 4, 3) image should have shape (24, 1), but it "
                           "has shape (24,). A rank-1 array")


def test_the_grader_setting_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """COURSE_LANGUAGE (the grader's setting for a Chinese submission) overrides the metadata."""
    monkeypatch.setenv("COURSE_LANGUAGE", "zh-CN")
    assert failing_check(tmp_path, "en", monkeypatch).startswith("✘ 检查未通过：")


def test_a_translation_slip_falls_back_to_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """A missing or mistyped translation must not turn a correct answer's check into an error (and lost points)."""
    from utils import language

    english = messages.catalogue("en")
    missing, mistyped = [key for key, template in english.items() if fields(template)][:2]
    monkeypatch.setattr(language, "_chosen", "zh-CN")
    chinese = messages.catalogue("zh-CN")
    monkeypatch.delitem(chinese, missing)
    monkeypatch.setitem(chinese, mistyped, "{a_field_nobody_passes}")
    for key in (missing, mistyped):
        values = {name: "x" for name in fields(english[key])}
        assert messages.say(key, **values) == english[key].format(**values)
