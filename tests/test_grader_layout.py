"""The grader's layout as CONTRIBUTING.md writes it down: every module of `grader/`, and only those."""

from __future__ import annotations

import re
from pathlib import Path

import grader

PACKAGE = Path(grader.__file__).parent
CONTRIBUTING = PACKAGE.parent / "CONTRIBUTING.md"


def _layout_section() -> str:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    start = text.index("## The grader's layout")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else None]


def test_the_layout_names_every_grader_module_once():
    section = _layout_section()
    documented = re.findall(r"`(\w+)`(?=[:,]| and )", section)
    modules = sorted(path.stem for path in PACKAGE.glob("*.py") if path.stem != "__init__")
    assert sorted(set(documented)) == modules
    assert len(documented) == len(set(documented)), "a module is described twice"
