"""utils.language: the edition's language is chosen from COURSE_LANGUAGE, else the notebook's metadata, else English."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from utils import language


@pytest.fixture(autouse=True)
def fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts with nothing chosen and no JupyterLab session."""
    monkeypatch.setattr(language, "_chosen", None)
    monkeypatch.delenv(language.ENVIRONMENT_VARIABLE, raising=False)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    yield


def notebook(folder: Path, metadata: dict[str, object]) -> Path:
    path = folder / "lecture.ipynb"
    path.write_text(json.dumps({"cells": [], "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}))
    return path


def test_english_without_any_hint() -> None:
    assert language.choose() == "en"
    assert language.current() == "en"


def test_the_environment_variable_wins_over_the_notebook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JPY_SESSION_NAME", str(notebook(tmp_path, {"language": "en"})))
    monkeypatch.setenv(language.ENVIRONMENT_VARIABLE, "zh-CN")
    assert language.choose() == "zh-CN"


def test_current_follows_the_environment_before_anything_is_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(language.ENVIRONMENT_VARIABLE, "zh-CN")
    assert language.current() == "zh-CN"


@pytest.mark.parametrize("absolute", [True, False], ids=["absolute path", "path relative to the server root"])
def test_the_notebook_metadata_names_the_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  absolute: bool) -> None:
    path = notebook(tmp_path, {"language": "zh-CN"})
    monkeypatch.chdir(tmp_path)  # a kernel runs in its notebook's folder
    monkeypatch.setenv("JPY_SESSION_NAME", str(path) if absolute else f"some/folder/{path.name}")
    assert language.choose() == "zh-CN"
    assert language.pick({"en": "cost", "zh-CN": "代价"}) == "代价"


def test_a_notebook_without_language_is_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JPY_SESSION_NAME", str(notebook(tmp_path, {})))
    assert language.choose() == "en"


@pytest.mark.parametrize("where", ["environment", "metadata"])
def test_an_unknown_language_warns_once_and_gives_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str], where: str) -> None:
    if where == "environment":
        monkeypatch.setenv(language.ENVIRONMENT_VARIABLE, "fr")
    else:
        monkeypatch.setenv("JPY_SESSION_NAME", str(notebook(tmp_path, {"language": "fr"})))
    assert language.choose() == "en"
    warning = capsys.readouterr().err
    assert warning.count("\n") == 1 and "'fr'" in warning and "en, zh-CN" in warning


def test_set_language_names_the_choices() -> None:
    with pytest.raises(ValueError, match="en, zh-CN"):
        language.set_language("zh")
    language.set_language("zh-CN")
    assert language.current() == "zh-CN"


def test_pick_demands_every_language() -> None:
    assert language.pick({"en": "cost", "zh-CN": "代价"}) == "cost"
    with pytest.raises(ValueError, match="zh-CN"):
        language.pick({"en": "cost"})
