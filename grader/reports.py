"""What the grader hands out: feedback HTML per student and lecture, the gradebook CSV and the per-notebook report."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import nbformat

from . import course, deadlines, lateness, review
from .assignment import Assignment
from .results import Result
from .store import CourseState, GradebookWriter, UsageError, atomic_write


class LeakError(RuntimeError):
    """A feedback file would have shown hidden-test code: it is not written."""


def _secret_lines(assignment_id: str) -> set[str]:
    return Assignment.load(assignment_id).secret_lines()


def render_feedback(result: Result) -> str:
    """The student's HTML report for one result (feedback_page: sanitised, offline, hidden tests absent)."""
    from .feedback_page import render
    from .feedback_text import say

    nb = nbformat.reads(result.feedback or "", as_version=4)
    html = render(nb, say(result.language, "page_title", lecture=result.assignment_id), result.language)
    text = _visible_text(html)
    leaked = [line for line in _secret_lines(result.assignment_id) if line in html or line in text]
    if leaked:
        raise LeakError(f"feedback for {result.student_id} / {result.assignment_id} would show hidden-test "
                        f"lines ({len(leaked)}): not written")
    return html


def _visible_text(page: str) -> str:
    """The page without its tags: highlighted code is split into <span>s, so a leaked line is only whole here."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]*>", "", page))


def feedback(state: CourseState, assignment_ids=None, student_ids=None, progress=None) -> tuple[list[Path], list[str]]:
    """Write feedback/<student>/<assignment>/<assignment>.html for every graded result; (written, errors).
    A course directory never graded is refused (UsageError) before anything is created."""
    state.require_graded()
    written, errors = [], []
    due_dates = deadlines.load(state.root)
    changes = review.reviewer_changes(state)  # scores and comments a reviewer gave in formgrader
    with state.locked():
        results = [r for r in state.all_results() if not r.failed and r.feedback
                   and (not assignment_ids or r.assignment_id in assignment_ids)
                   and (not student_ids or r.student_id in student_ids)]
        for result in results:
            target = state.root / "feedback" / result.student_id / result.assignment_id / f"{result.notebook}.html"
            try:
                reviewed = review.with_reviewer_changes(result, changes)
                atomic_write(target, render_feedback(lateness.with_lateness(reviewed, due_dates)).encode("utf-8"))
                written.append(target)
            except Exception as error:  # noqa: BLE001 - one bad report must not stop the others
                errors.append(f"{result.student_id} / {result.assignment_id}: {error}")
            if progress:
                progress.step(f"{result.student_id} / {result.assignment_id}")
    return written, errors


def _cell(value: str) -> str:
    """Spreadsheet-safe text: a leading =, +, -, @ would be read as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _protection(result: Result) -> str:
    kind = str((result.protection or {}).get("kind") or "unknown")
    return {"bubblewrap": "bubblewrap", "rlimits": "rlimits (weaker: no sandbox)"}.get(kind, kind)


def _rows_before(output: Path) -> tuple[int, int]:
    """(students in grades.csv, entries in report.json) of the export already in `output` (0 where none)."""
    try:
        students = max(len((output / "grades.csv").read_text(encoding="utf-8").splitlines()) - 1, 0)
    except FileNotFoundError:
        students = 0
    try:
        entries = len(json.loads((output / "report.json").read_text(encoding="utf-8")))
    except (FileNotFoundError, ValueError):
        entries = 0
    return students, entries


def _refuse_shrinking(output: Path, students: int, entries: int) -> None:
    """UsageError if the export in `output` has more students or report entries than the one about to replace it."""
    before = _rows_before(output)
    for what, old, new in (("student row(s) in grades.csv", before[0], students),
                           ("entries in report.json", before[1], entries)):
        if old > new:
            raise UsageError(f"{output} holds an export with {old} {what}; this one has {new}: {old - new} would be "
                             "lost. Nothing written: pass --force to replace it, or --output DIR to write elsewhere")


def export(state: CourseState, output: Path | None = None, assignment_ids=None, student_ids=None,
           force: bool = False) -> list[Path]:
    """grades.csv (one row per student, a column per lecture, totals, the protection their code ran under, inputs
    not graded, the editions they submitted) from the gradebook; report.json and report.csv (every result with its
    edition and protection, every lost point with its reason, every problem, every flag, every input left out at
    intake with a zero) from the results. `assignment_ids` / `student_ids` narrow it to those lectures' columns and
    those students' rows. An export with fewer students or report entries than the one in `output` is refused
    (UsageError) unless `force`."""
    state.require_graded()
    output = Path(output) if output else state.root / "exports"
    due_dates = deadlines.load(state.root)
    with state.locked():
        scores = GradebookWriter(state).scores()
        changes = review.reviewer_changes(state)
        results = [review.with_reviewer_changes(r, changes) for r in state.all_results()]
        skipped = state.skipped()
        late_work = lateness.assess_all(due_dates, results, scores)
        if state.db_path.exists():
            lateness.record_in_gradebook(state.db_url, due_dates, late_work)
    scores = {key: late_work[key].score if key in late_work else score for key, score in scores.items()}
    def chosen(student: str | None, lecture: str | None) -> bool:
        return (not student_ids or student in student_ids) and (not assignment_ids or lecture in assignment_ids)

    scores = {key: score for key, score in scores.items() if chosen(*key)}
    results = [r for r in results if chosen(r.student_id, r.assignment_id)]
    skipped = [item for item in skipped if chosen(item.get("student"), item.get("assignment"))]
    by_key = {(r.student_id, r.assignment_id): r for r in results}
    lectures = [lecture for lecture in course.assignments() if not assignment_ids or lecture in assignment_ids]
    maxima = {r.assignment_id: r.max_score for r in results if not r.failed and r.max_score}
    not_graded: dict[str, list[dict]] = {}
    for item in skipped:
        if item.get("student"):
            not_graded.setdefault(item["student"], []).append(item)
    students = sorted({s for s, _ in scores} | {s for s, _ in by_key} | set(not_graded))

    grades = io.StringIO()
    writer = csv.writer(grades, lineterminator="\n")
    writer.writerow(["student_id", *lectures, "total", "max_total", "flagged", "protection", "not_graded", "language",
                     *lateness.csv_header(due_dates, lectures)])
    max_total = sum(maxima.get(a, 0.0) for a in lectures)
    for student in students:
        row, total, flagged = [_cell(student)], 0.0, False
        left_out = {item.get("assignment") for item in not_graded.get(student, [])}
        for lecture in lectures:
            if (student, lecture) in scores:
                row.append(f"{scores[(student, lecture)]:g}")
                total += scores[(student, lecture)]
            else:
                row.append("0" if lecture in left_out else "")
            flagged |= (student, lecture) in by_key and by_key[(student, lecture)].flagged
        shields = sorted({_protection(r) for (s, _), r in by_key.items() if s == student})
        reasons = "; ".join(item["message"] for item in not_graded.get(student, []))
        editions = sorted({r.language for (s, _), r in by_key.items() if s == student})  # "en", "zh-CN", or both
        writer.writerow(row + [f"{total:g}", f"{max_total:g}", "yes" if flagged else "", "; ".join(shields),
                               _cell(reasons), "; ".join(editions),
                               *lateness.csv_cells(due_dates, late_work, student, lectures)])

    report = []
    for r in results:
        journal = r.to_json()
        report.append({
            "student_id": r.student_id, "assignment_id": r.assignment_id, "notebook": r.notebook,
            "source": r.source, "language": r.language, "status": r.status, "score": r.score,
            "max_score": r.max_score,
            "error": r.error, "protection": (r.protection or {}).get("summary"),
            "protection_kind": _protection(r),
            "lost_points": [{"grade_id": g, "lost": c.lost, "reason": c.reason}
                            for g, c in r.cells.items() if c.lost > 0],
            "problems": journal["problems"],
            "events": journal["events"],
            "flags": journal["flags"],
            "late": late_work[(r.student_id, r.assignment_id)].as_dict() if not r.failed else None,
        })
    for item in skipped:
        report.append({"student_id": item.get("student", ""), "assignment_id": item.get("assignment", ""),
                       "source": f"{item['source']}: {item.get('path', '')}", "status": "not-graded", "score": 0.0,
                       "kind": item["kind"], "reason": item["message"]})
    rows = io.StringIO()
    flat = csv.writer(rows, lineterminator="\n")
    flat.writerow(["student_id", "assignment_id", "kind", "grade_id", "points_lost", "detail", "score", "protection"])
    for item in report:
        sid, aid = _cell(item["student_id"]), item["assignment_id"]
        if item["status"] == "not-graded":
            flat.writerow([sid, aid, f"not-graded:{item['kind']}", "", "", _cell(f"{item['source']}: {item['reason']}"),
                           "0", ""])
            continue
        shield = item["protection_kind"]
        score = "" if item["status"] == "failed" else f"{item['score']:g} / {item['max_score']:g}"
        flat.writerow([sid, aid, "result", "", "", item["status"], score, shield])
        if item["late"] and item["late"]["due"]:
            flat.writerow([sid, aid, "late", "", f"{item['late']['penalty']:g}",
                           f"{item['late']['status']} ({item['late']['policy']})",
                           f"{item['late']['score']:g} / {item['max_score']:g}", shield])
        if item["status"] == "failed":
            flat.writerow([sid, aid, "failed-to-grade", "", "", _cell(item["error"] or ""), "", shield])
        for lost in item["lost_points"]:
            flat.writerow([sid, aid, "lost-points", lost["grade_id"], f"{lost['lost']:g}", _cell(lost["reason"]), "",
                           shield])
        for p in item["problems"]:
            flat.writerow([sid, aid, f"problem:{p['kind']}", p.get("grade_id", ""), "", _cell(p["message"]), "",
                           shield])
        for e in item["events"]:
            flat.writerow([sid, aid, f"event:{e['kind']}", e.get("grade_id") or "", "", _cell(e["message"]), "",
                           shield])
        for f in item["flags"]:
            flat.writerow([sid, aid, f"flag:{f['severity']}", "", "",
                           _cell(f"{f['where']}: {f['what']} ({f['detector']})"), "", shield])
    if not force:
        _refuse_shrinking(output, len(students), len(report))
    paths = [output / "grades.csv", output / "report.json", output / "report.csv"]
    atomic_write(paths[0], grades.getvalue().encode("utf-8"))
    atomic_write(paths[1], json.dumps(report, indent=1, sort_keys=True).encode("utf-8"))
    atomic_write(paths[2], rows.getvalue().encode("utf-8"))
    return paths
