"""Check results as a person reads them: a green box for a passed check, a red box for a failed one.

`show_check_boxes()` (run by `utils.setup_notebook()`, which every lecture's setup cell calls) registers an IPython
handler (`InteractiveShell.set_custom_exc`) for `CheckFailed` and for the `NotImplementedError` of an exercise that is
not written yet. The handler displays the box: one MIME bundle, HTML for the notebook and its plain text for terminals,
nbval and feedback pages. Then it ends the cell with a one-line error, so the cell still fails for nbgrader, nbval and
the grader, and nbgrader's Validate lists one short line per failing test. Without the handler (plain Python, a
notebook whose setup cell did not run) a passed check prints its line and a failed one shows its message as text.
"""

from __future__ import annotations

import html
import linecache
import re
import traceback
from types import TracebackType
from typing import Any, NamedTuple

from .core import SHORT_LINE, CheckFailed, Place, cell_name, ipython_shell, places
from .messages import say

HANDLED = (CheckFailed, NotImplementedError)
# Inline styles: they survive JupyterLab's sanitiser and the feedback page's (grader/feedback_page.py allows them).
_BOX = ("border-left: 5px solid {edge}; background-color: {fill}; color: #1f1f1f; padding: 6px 12px; "
        "margin: 2px 0; border-radius: 3px; overflow-wrap: anywhere")
FAILED_COLOURS = {"edge": "#c62828", "fill": "#fdecea"}
PASSED_COLOURS = {"edge": "#2e7d32", "fill": "#e8f5e9"}


def show_check_boxes() -> None:
    """Show check results in this IPython session as boxes (nothing happens outside IPython)."""
    shell = ipython_shell()
    if shell is not None:
        shell.set_custom_exc(HANDLED, _show_failure)


def boxes_shown() -> bool:
    """Whether this session shows check results as boxes (`show_check_boxes` ran in it)."""
    shell = ipython_shell()
    return shell is not None and getattr(shell, "custom_exceptions", ()) == HANDLED


def show_passed(name: str, detail: str = "") -> None:
    """The success of the check of `name`: a green box, or one printed line outside a set-up notebook."""
    text = say("passed", name=name, detail=say("passed_detail", detail=detail) if detail else "")
    if not boxes_shown():
        print(text)
        return
    from IPython.display import display

    checked = f'<div style="margin-top: 2px">{_inline(say("checked", detail=detail))}</div>' if detail else ""
    title = _say_html("passed", {"name": name}, detail="")
    box = (f'<div class="nn-check nn-check-passed" style="{_BOX.format(**PASSED_COLOURS)}">'
           f'<strong>{title}</strong>{checked}</div>')
    display({"text/plain": text, "text/html": box}, raw=True)


class Failure(NamedTuple):
    """A failure as the red box tells it, and the one line that ends the cell."""

    title: str
    message: str
    places: tuple[Place, ...]
    short: str


def failure_bundle(failure: Failure) -> dict[str, str]:
    """The red box of a failure, as a MIME bundle: HTML, and the same words as plain text."""
    text = f"✘ {failure.title}{say('colon')}{failure.message}"
    rows = ""
    if failure.places:
        text += f"\n\n{say('place.where_raised')}\n" + "".join(
            f"  {place.described}\n    {place.code}\n" for place in failure.places).rstrip("\n")
        rows = f'<div style="margin-top: 6px">{html.escape(say("place.where_raised"))}</div>' + "".join(
            f'<div style="margin-left: 16px">{_html_place(place)}</div>' for place in failure.places)
    box = (f'<div class="nn-check nn-check-failed" style="{_BOX.format(**FAILED_COLOURS)}">'
           f'<strong style="color: #b71c1c">✘ {html.escape(failure.title)}</strong>'
           f'<div style="margin-top: 2px">{_inline(failure.message)}</div>{rows}</div>')
    return {"text/plain": text, "text/html": box}


def stub_failure(error: NotImplementedError, tb: TracebackType | None) -> Failure | None:
    """What to tell a student whose cell called an exercise that still raises `NotImplementedError`.

    None when the error does not come from an exercise's stub in a notebook cell (a library's NotImplementedError
    keeps IPython's usual traceback).
    """
    frames = list(traceback.walk_tb(tb))
    if not frames:
        return None
    frame, line = frames[-1]
    filename = frame.f_code.co_filename
    cell = cell_name(filename)
    code = linecache.getline(filename, line).strip()
    if frame.f_code.co_name == "<module>" or cell is None or not code.startswith("raise NotImplementedError"):
        return None
    name = getattr(frame.f_code, "co_qualname", frame.f_code.co_name)
    in_cells = tuple(place for place in places(tb) if place.in_cell)
    return Failure(say("not_written.title"), say("not_written", name=name, cell=cell), in_cells,
                   say("not_written.short", name=name, cell=cell_name(filename, yours=False)))


def _show_failure(shell: Any, etype: type, value: BaseException, tb: TracebackType | None,
                  tb_offset: int | None = None) -> None:
    """IPython's handler for `HANDLED`: the red box, then a one-line error that fails the cell."""
    try:
        failure: Failure | None = None
        if isinstance(value, CheckFailed):
            failure = Failure(say("check_failed"), str(value), value.places, value.headline)
        elif isinstance(value, NotImplementedError):
            failure = stub_failure(value, tb)
        if failure is None:
            shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
            return
        from IPython.display import display

        display(failure_bundle(failure), raw=True)
        # what showtraceback() ends with: sends the error (ipykernel) or prints it (a terminal)
        shell._showtraceback(etype, value, [f"\x1b[31m{failure.short[:SHORT_LINE]}\x1b[0m"])
    except Exception:  # noqa: BLE001 - never lose the error: show IPython's own traceback of it
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)


def _html_place(place: Place) -> str:
    """The place on one line, its line of code in code style on the next."""
    label = html.escape(place.label)
    if place.function != "<module>":
        label = _say_html("place.in_function", {"function": place.function}, place=place.label)
    code = f'<div style="margin-left: 16px"><code>{html.escape(place.code)}</code></div>' if place.code else ""
    return label + code


def _say_html(key: str, code: dict[str, str], **fields: Any) -> str:
    """The message `key` as HTML: escaped, the fields in `code` in code style."""
    marks = {field: f"\x00{number}\x00" for number, field in enumerate(code)}
    text = html.escape(say(key, **marks, **fields), quote=False)
    for field, mark in marks.items():
        text = text.replace(mark, f"<code>{html.escape(code[field])}</code>")
    return text


def _inline(text: str) -> str:
    """Plain text with `backticks` as HTML: escaped, the quoted parts in code style."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text, quote=False))
