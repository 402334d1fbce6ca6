"""The student's feedback notebook: their autograded notebook with test cells as the release shows them, only the
visible checks' outputs, a line per test saying what it scored and why, a summary on top, and nothing of the hidden
tests (`feedback_page` turns it into the HTML page). Its words are in the submission's language (`feedback_text`)."""

from __future__ import annotations

import copy
import re

import nbformat
from nbformat import NotebookNode

from .assignment import has_hidden_tests, secret_lines, test_cells, visible_part
from .feedback_text import problem, say
from .record import CellRun, ExecutionRecord
from .results import Result


def feedback_notebook(autograded: NotebookNode, executed: ExecutionRecord, result: Result,
                      release: NotebookNode) -> NotebookNode:
    """The student's view of `autograded`; `executed` is GraderExecute's record, `release` the student copy."""
    nb = copy.deepcopy(autograded)
    secret = secret_lines(autograded, release)
    shown_tests = {gid: cell.source for gid, cell in test_cells(release).items()}
    for index, cell in enumerate(nb.cells):
        meta = cell.metadata.get("nbgrader", {})
        gid = meta.get("grade_id")
        if meta.get("grade") and gid in shown_tests:
            cell.source = shown_tests[gid]
            cell.outputs = _visible_outputs(cell, executed.cells.get(index, CellRun()),
                                            autograded.cells[index].source) + [score_line(gid, result)]
        elif cell.cell_type == "code" and has_hidden_tests(cell.source):
            cell.source = visible_part(cell.source)
            cell.outputs = []
    for cell in nb.cells:
        if not cell.metadata.get("nbgrader", {}).get("grade"):
            cell.source = _scrub(cell.source, secret)
        for output in cell.get("outputs", []):
            _scrub_output(output, secret)
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(summary_markdown(result)))
    nb.metadata = {k: v for k, v in nb.metadata.items() if k in ("kernelspec", "language_info")}
    for cell in nb.cells:
        cell.metadata = {k: v for k, v in cell.metadata.items() if k in ("tags",)}
    return nb


def summary_notebook(result: Result) -> str:
    """A feedback notebook that is only the summary (nothing ran: no notebook, or an unreadable one)."""
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell(summary_markdown(result)))
    return nbformat.writes(nb)


def _visible_outputs(cell: NotebookNode, run: CellRun, ran: str) -> list:
    """A test cell's outputs from its visible check only (none if the check and hidden tests ran as one)."""
    if run.split:
        return cell.get("outputs", [])[: run.visible_outputs]
    return [] if has_hidden_tests(ran) else list(cell.get("outputs", []))


def score_line(gid: str, result: Result) -> NotebookNode:
    """The line under a test cell: what it scored, and why it lost points."""
    line = result.cells.get(gid)
    fields = {"mark": say(result.language, "mark"), "grade_id": gid, "score": line.score if line else 0,
              "max_score": line.max_score if line else 0}
    text = say(result.language, "score_line_why", feedback=line.feedback, **fields) if line and line.feedback else \
        say(result.language, "score_line", **fields)
    return nbformat.v4.new_output("stream", name="stdout", text=text + "\n")


def _scrub(text: str, secret: set[str]) -> str:
    """`text` without the lines that hold a secret line."""
    if not secret or not isinstance(text, str):
        return text
    return "".join(line for line in text.splitlines(keepends=True) if not any(s in line for s in secret))


def _scrub_output(output: NotebookNode, secret: set[str]) -> None:
    if "text" in output:
        output.text = _scrub(output.text, secret)
    if "traceback" in output:
        output.traceback = [_scrub(t, secret) for t in output.traceback]
        output.evalue = _scrub(str(output.get("evalue", "")), secret)
    for mime, value in list(output.get("data", {}).items()):
        if mime.startswith("text/") and isinstance(value, str):
            output.data[mime] = _scrub(value, secret)


def summary_markdown(result: Result) -> str:
    """The summary on top of the feedback: the score (after a late penalty, when `result.late` has one), each test's
    line, and the problems found in the submission."""
    language = result.language
    late = result.late
    score = say(language, "score", score=late["score"] if late else result.score, max_score=result.max_score)
    if late:
        score += say(language, "late_note_penalty" if late["penalty"] else "late_note",
                     sentence=plain(late["summary"]), raw_score=result.score)
    lines = [f"# {job_title(result)}", "", score, ""]
    for gid, cell in result.cells.items():
        fields = {"grade_id": gid, "score": cell.score, "max_score": cell.max_score}
        lines.append(say(language, "summary_line_why", feedback=plain(cell.feedback), **fields) if cell.feedback
                     else say(language, "summary_line", **fields))
    if result.problems:
        lines += ["", say(language, "problems"), ""] + [f"- {plain(problem(language, p.kind, p.message, p.grade_id))}"
                                                      for p in result.problems]
    return "\n".join(lines)


def plain(text: str) -> str:
    """Plain text inside markdown, shown as it is: every ASCII punctuation mark backslash-escaped (CommonMark), so
    `<`, `*`, `_`, backticks and `$` are characters, not HTML, emphasis, code or mathematics."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)


def job_title(result: Result) -> str:
    """The feedback's heading: the lecture and the student."""
    return say(result.language, "title", lecture=result.assignment_id, student=plain(result.student_id))
