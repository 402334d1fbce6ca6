"""Fast checks of the grader's pieces (no kernels): intake, notebook repair, the tamper scan, hidden-test splitting."""

from __future__ import annotations

import io
import json
import stat
import zipfile

import nbformat
import pytest

from grader import cheating, course, intake, notebooks, submission_files, submitted_notebook
from grader.__main__ import build_parser
from grader.assignment import nbgrader_cells
from grader.reports import _cell
from notebook_cases import ASSIGNMENTS

pytestmark = pytest.mark.grader  # the grader's own machinery: in make test, not make check


@pytest.mark.parametrize("student_id", ["alice", "o'brien", "名前", "-rf", "a b", "=cmd|' -C calc'!A0", "x" * 100])
def test_odd_but_usable_student_ids(student_id):
    assert intake.check_student_id(student_id) is None


@pytest.mark.parametrize("student_id", ["", " ", ".", "..", ".hidden", "a/b", "a\\b", "a\x00b", "tab\there",
                                        "x" * 101, " padded"])
def test_unusable_student_ids(student_id):
    assert intake.check_student_id(student_id)


@pytest.mark.parametrize("name", ["../x.ipynb", "/etc/passwd", "a/../../b", "C:/x"])
def test_zip_names_that_escape_are_refused(name):
    assert submission_files._safe_member_name(name) is None


def test_zip_intake_skips_traversal_symlinks_and_bad_ids(tmp_path):
    a = ASSIGNMENTS[0]
    nb = course.student_path(a).read_bytes()
    archive = tmp_path / "class.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(f"submitted/alice/{a}/{a}.ipynb", nb)
        zf.writestr(f"../escape/{a}/{a}.ipynb", nb)
        zf.writestr(f"/abs/{a}/{a}.ipynb", nb)
        zf.writestr(f"submitted/.sneaky/{a}/{a}.ipynb", nb)
        link = zipfile.ZipInfo(f"submitted/linky/{a}/{a}.ipynb")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, str(course.master_path(a)))
        zf.writestr(f"submitted/bob/{a}/timestamp.txt", "2024-01-01 10:00:00 UTC")
        zf.writestr("submitted/carol/unknown-lecture/x.ipynb", nb)
    found = intake.collect(archive, ASSIGNMENTS)
    assert [(s.student_id, s.assignment_id) for s in found.submissions] == [("alice", a), ("bob", a)]
    assert found.submissions[1].content is None and found.submissions[1].timestamp
    kinds = sorted(p["kind"] for p in found.skipped)
    assert kinds == ["bad-student-id", "symlink", "unknown-layout", "unsafe-path", "unsafe-path"]
    link = next(p for p in found.skipped if p["kind"] == "symlink")
    assert (link["student"], link["assignment"]) == ("linky", a)
    assert not (tmp_path.parent / "escape").exists()


def test_folder_intake_ignores_symlinks(tmp_path):
    a = ASSIGNMENTS[0]
    (tmp_path / "alice" / a).mkdir(parents=True)
    (tmp_path / "alice" / a / f"{a}.ipynb").symlink_to(course.master_path(a))
    (tmp_path / "mallory").symlink_to(course.SOLUTIONS)
    found = intake.collect(tmp_path, ASSIGNMENTS)
    assert found.submissions == []
    assert {p["kind"] for p in found.skipped} == {"symlink"}


def test_every_input_left_out_is_reported_with_its_student(tmp_path):
    """A symlink, an unrecognised file and an empty folder are each a skipped input, named after its student."""
    a = ASSIGNMENTS[0]
    (tmp_path / "alice" / a).mkdir(parents=True)
    (tmp_path / "alice" / a / f"{a}.ipynb").write_bytes(course.student_path(a).read_bytes())
    (tmp_path / "bob" / a).mkdir(parents=True)
    (tmp_path / "bob" / a / f"{a}.ipynb").symlink_to(course.master_path(a))
    (tmp_path / "carol").mkdir()
    (tmp_path / "dave").mkdir()
    (tmp_path / "dave" / "homework.pdf").write_bytes(b"%PDF-1.4")
    found = intake.collect(tmp_path, ASSIGNMENTS)
    assert [s.student_id for s in found.submissions] == ["alice"]
    reported = {(p["kind"], p.get("student"), p.get("assignment")) for p in found.skipped}
    assert reported == {("symlink", "bob", a), ("no-notebook", "carol", None), ("unrecognised-file", "dave", None)}


@pytest.mark.parametrize("content, words", [(b"", "empty"), (b"  \n", "empty"), (b"{oops", "not valid JSON"),
                                            (b"\xff\xfe\x00", "UTF-8"), (b"[1, 2]", "not a notebook"),
                                            (b'{"nbformat": 4, "cells": 7}', "nbformat")])
def test_unreadable_notebooks(content, words):
    with pytest.raises(submitted_notebook.Unreadable, match=words):
        submitted_notebook.read_notebook(content)


def test_read_notebook_rebuilds_cells_and_keeps_nbgrader_metadata():
    a = ASSIGNMENTS[0]
    nb, problems = submitted_notebook.read_notebook(course.student_path(a).read_bytes())
    original = notebooks.read(course.student_path(a))
    assert not problems
    assert [c.source for c in nb.cells] == [c.source for c in original.cells]
    assert [c.metadata.get("nbgrader") for c in nb.cells] == [c.metadata.get("nbgrader") for c in original.cells]
    nbformat.validate(nb)


def test_read_notebook_upgrades_format_3():
    a = ASSIGNMENTS[0]
    v3 = nbformat.convert(notebooks.read(course.student_path(a)), 3)
    nb, problems = submitted_notebook.read_notebook(nbformat.writes(v3, version=3).encode())
    assert [p.kind for p in problems] == ["old-format"]
    assert any(c.metadata.get("nbgrader") for c in nb.cells)


@pytest.mark.parametrize("source, what", [
    ("np.allclose = lambda *a, **k: True", "np.allclose"),
    ("import numpy\nnumpy.testing.assert_allclose = print", "numpy.testing.assert_allclose"),
    ("import utils.checks.core as core\ncore.expect_close = lambda *a: None", "core.expect_close"),
    ("import sys\nsys.modules['numpy'] = None", "sys.modules"),
    ("setattr(np, 'array_equal', lambda *a: True)", "setattr"),
    ("class A:\n    def __eq__(self, other):\n        return True", "always-equal"),
    ("class A:\n    __eq__ = lambda self, other: True", "always-equal"),
    ("class A:\n    pass\nsetattr(A, '__eq__', lambda self, other: True)", "always-equal"),
    ("def yes(*args):\n    return 1\nclass A:\n    pass\nA.__eq__ = yes", "always-equal"),
    ("Anything = type('Anything', (), {'__eq__': lambda self, other: True})", "always-equal"),
    ("Anything = type('Anything', (object,), dict(__eq__=lambda s, o: True, shape=(1, 5)))", "always-equal"),
    ("%time np.allclose = lambda *a, **k: True", "np.allclose"),
    ("%%capture\nclass A:\n    __eq__ = lambda self, other: True", "always-equal"),
    ("print(In[3])", "history"),
    ("import builtins\nbuiltins.isinstance = lambda *a: True", "builtins.isinstance"),
])
def test_tampering_is_flagged(source, what):
    flags = cheating.scan_source(source)
    assert any(what in f[2] for f in flags), flags
    assert cheating.is_flagged([{"severity": f[1]} for f in flags])


@pytest.mark.parametrize("source", [
    "class A:\n    def __eq__(self, other):\n        return self.x == other.x",
    "class A:\n    __eq__ = lambda self, other: self.x == other.x",
    "A = type('A', (), {'__eq__': lambda self, other: False})",
    "%matplotlib inline\nimport numpy as np\n!ls",
])
def test_honest_code_is_not_flagged_as_tampering(source):
    assert not cheating.is_flagged([{"severity": f[1]} for f in cheating.scan_source(source)])


def test_probe_comparison_names_what_changed():
    assert cheating.compare_probe({"numpy.allclose": 1, "x.y": 2}, {"numpy.allclose": 3, "x.y": 2}) == \
        ["numpy.allclose was replaced or changed"]
    assert cheating.compare_probe({"a.b": 1}, None)
    assert cheating.compare_probe(None, {"a.b": 1}) == []


def test_csv_cells_cannot_become_formulas():
    assert _cell("=1+1") == "'=1+1" and _cell("-rf") == "'-rf" and _cell("alice") == "alice"


def test_help_says_where_the_course_state_lives(capsys):
    parser = build_parser()
    for command in ("autograde", "feedback", "export"):
        with pytest.raises(SystemExit) as exit_:
            parser.parse_args([command, "--help"])
        assert exit_.value.code == 0
        out = capsys.readouterr().out
        assert "--course DIR" in out and "./course" in out


def test_reconcile_reports_and_repairs(tmp_path):
    a = ASSIGNMENTS[0]
    release = notebooks.read(course.student_path(a))
    nb, _ = submitted_notebook.read_notebook(course.student_path(a).read_bytes())
    tests = [i for i, gid, meta in nbgrader_cells(nb) if meta.get("grade")]
    nb.cells[tests[0]].source = ""
    nb.cells.append(nbformat.v4.new_code_cell("x = 1", metadata={"nbgrader": {"grade_id": "bogus", "grade": True}}))
    nb.metadata["kernelspec"] = {"name": "ir", "display_name": "R"}
    _, problems = submitted_notebook.reconcile(nb, release)
    kinds = {p.kind for p in problems}
    assert {"locked-cell-edited", "unknown-cell", "kernel"} <= kinds
    assert "nbgrader" not in nb.cells[-1].metadata
    json.dumps([p.to_json() for p in problems])
    io.StringIO()
