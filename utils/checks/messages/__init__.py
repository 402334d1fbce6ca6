"""The words of the visible checks, one catalogue per language: `en.py` and `zh_CN.py`.

Each catalogue is a dict `MESSAGES` from a stable id ("2.1.vector_scaled", "display.passed") to a `str.format`
template; both catalogues have the same ids, and each id the same fields (tests/test_check_messages.py). Code, names
and formulas inside a message stay as they are, in backticks where the English has them.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import Any

from ...language import DEFAULT, current


@cache
def catalogue(language: str) -> dict[str, str]:
    """The messages of `language` (one of `utils.language.LANGUAGES`), read once."""
    return dict(import_module(f"{__name__}.{language.replace('-', '_')}").MESSAGES)


def say(message_id: str, /, **fields: Any) -> str:
    """The message `message_id` in the edition's language, its fields filled in; the English one where that
    language lacks it or its template does not fit the fields (tests/test_check_messages.py keeps the catalogues
    equal, so this only guards a student's check, and grade, against a translation slip)."""
    language = current()
    if language != DEFAULT:
        try:
            return catalogue(language)[message_id].format(**fields)
        except (KeyError, IndexError, ValueError):
            pass
    return catalogue(DEFAULT)[message_id].format(**fields)
