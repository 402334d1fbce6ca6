"""A corpus of bad submissions for lecture 2.1, built from its student copy and master.

`CASES` maps a student id to (files under <student>/2.1-binary-classification/, expectation). Each expectation says
which test cells must score (`scores`: grade_id -> points, or the whole total), and which problem kinds, execution
events and flags the report must carry. The static files next to this module (`invalid.ipynb`, `empty.ipynb`) are
part of the corpus too.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from grader import course, notebooks  # noqa: E402
from notebook_cases import completed_copy  # noqa: E402

ASSIGNMENT = "2.1-binary-classification"
POINTS = {"test_image_to_vector": 2.0, "test_dataset_dimensions": 1.0, "test_images_to_matrix": 2.0,
          "test_labels_to_row": 1.0, "test_normalize_pixels": 1.0}
FULL = sum(POINTS.values())


@dataclass
class Expect:
    total: float | None = None
    lost: tuple[str, ...] = ()  # grade_ids scoring 0; every other one full marks (when total is None)
    problems: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()  # substrings of some flag's "what"
    flagged: bool = False
    reason_contains: dict = field(default_factory=dict)  # grade_id -> substring of its reason

    def scores(self) -> dict[str, float]:
        return {g: (0.0 if g in self.lost else p) for g, p in POINTS.items()}


def _nb(nb: nbformat.NotebookNode) -> bytes:
    return nbformat.writes(nb).encode("utf-8")


def _index(nb, grade_id: str) -> int:
    return next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def _answer(nb, grade_id: str, source: str):
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    nb.cells[_index(nb, grade_id)].source = source
    return nb


def _insert_after(nb, grade_id: str, source: str):
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    nb.cells.insert(_index(nb, grade_id) + 1, nbformat.v4.new_code_cell(source))
    return nb


def _file(nb) -> dict[str, bytes]:
    return {f"{ASSIGNMENT}.ipynb": _nb(nb)}


def build() -> dict[str, tuple[dict[str, bytes], Expect]]:
    good = completed_copy(ASSIGNMENT)
    blank = notebooks.read(course.student_path(ASSIGNMENT))
    cases: dict[str, tuple[dict[str, bytes], Expect]] = {}

    def add(name, files, expect):
        cases[name] = (files, expect)

    add("good", _file(good), Expect())
    add("blank", _file(blank), Expect(lost=tuple(POINTS)))
    # --- unreadable files
    add("invalid-json", {f"{ASSIGNMENT}.ipynb": (HERE / "invalid.ipynb").read_bytes()},
        Expect(total=0, problems=("unreadable",), reason_contains={"test_image_to_vector": "not valid JSON"}))
    add("empty-file", {f"{ASSIGNMENT}.ipynb": (HERE / "empty.ipynb").read_bytes()},
        Expect(total=0, problems=("unreadable",), reason_contains={"test_image_to_vector": "empty"}))
    add("not-a-notebook", {f"{ASSIGNMENT}.ipynb": b'{"hello": [1, 2, 3]}'}, Expect(total=0, problems=("unreadable",)))
    v3 = nbformat.convert(nbformat.from_dict(json.loads(json.dumps(good))), 3)
    add("nbformat-3", {f"{ASSIGNMENT}.ipynb": nbformat.writes(v3, version=3).encode()},
        Expect(problems=("old-format",)))
    # --- which notebook
    add("missing-notebook", {"notes.txt": b"I forgot"}, Expect(total=0, problems=("missing-notebook",)))
    add("renamed-notebook", {f"{ASSIGNMENT}-Copy1.ipynb": _nb(good)}, Expect(problems=("renamed-notebook",)))
    add("extra-notebook", {**_file(good), "scratch.ipynb": _nb(blank)}, Expect(problems=("extra-notebook",)))
    # --- cells
    deleted = nbformat.from_dict(json.loads(json.dumps(good)))
    del deleted.cells[_index(deleted, "test_labels_to_row")]
    add("deleted-test-cell", _file(deleted), Expect(problems=("missing-test-cell",)))
    both = nbformat.from_dict(json.loads(json.dumps(good)))
    del both.cells[_index(both, "test_labels_to_row")]
    del both.cells[_index(both, "labels_to_row")]
    del both.cells[next(i for i, c in enumerate(both.cells) if c.source.startswith("labels_to_row(np.array"))]
    add("deleted-answer-and-test", _file(both),
        Expect(lost=("test_labels_to_row",), problems=("missing-test-cell", "missing-answer-cell")))
    edited = _answer(blank, "test_image_to_vector", "pass  # I promise it works")
    add("edited-locked-cell", _file(edited), Expect(lost=tuple(POINTS), problems=("locked-cell-edited",)))
    emptied = _answer(good, "test_normalize_pixels", "")
    emptied = _answer(emptied, "normalize_pixels", "def normalize_pixels(X):\n    return X // 255\n")
    add("emptied-locked-cell", _file(emptied),
        Expect(lost=("test_normalize_pixels",), problems=("locked-cell-edited",)))
    changed = nbformat.from_dict(json.loads(json.dumps(good)))
    i = _index(changed, "image_to_vector")
    changed.cells[i] = nbformat.v4.new_markdown_cell(changed.cells[i].source, metadata=changed.cells[i].metadata)
    add("changed-cell-type", _file(changed), Expect(problems=("cell-type",)))
    duplicated = nbformat.from_dict(json.loads(json.dumps(good)))
    for gid in ("test_images_to_matrix", "images_to_matrix"):
        j = _index(duplicated, gid)
        duplicated.cells.insert(j, nbformat.from_dict(json.loads(json.dumps(duplicated.cells[j]))))
    add("duplicated-cells", _file(duplicated), Expect(problems=("duplicated-cell",)))
    # --- runaway code
    add("loop-top-level", _file(_insert_after(good, "test_image_to_vector", "while True:\n    pass\n")),
        Expect(events=("timeout",)))
    add("loop-in-function", _file(_answer(good, "normalize_pixels",
                                          "def normalize_pixels(X):\n    while True:\n        pass\n")),
        Expect(lost=("test_normalize_pixels",), events=("timeout",),
               reason_contains={"test_normalize_pixels": "time limit"}))
    add("loop-ignoring-interrupt", _file(_insert_after(
        good, "test_image_to_vector",
        "while True:\n    try:\n        while True:\n            pass\n    except BaseException:\n        pass\n")),
        Expect(events=("timeout", "stuck")))
    add("memory-bomb", _file(_insert_after(_answer(
        good, "labels_to_row", "def labels_to_row(labels):\n    hog = bytearray(50 * 2**30)\n    return hog\n"),
        "test_image_to_vector",
        "def bomb():\n    hog = []\n    while True:\n        hog.append(bytearray(2**28))\nbomb()\n")),
        Expect(lost=("test_labels_to_row",)))
    add("output-flood", _file(_insert_after(good, "test_images_to_matrix", "while True:\n    print('spam' * 1000)\n")),
        Expect(events=("output-capped",)))
    add("sys-exit", _file(_insert_after(_answer(
        good, "dataset_dimensions", "import sys\ndef dataset_dimensions(a, b):\n    sys.exit(3)\n"),
        "test_image_to_vector", "import sys\nsys.exit(1)\n")), Expect(lost=("test_dataset_dimensions",)))
    add("os-exit", _file(_insert_after(good, "image_to_vector", "import os\nos._exit(0)\n")),
        Expect(events=("crash",), flags=("os._exit",)))
    add("kernel-crash", _file(_answer(good, "normalize_pixels",
                                      "import ctypes\ndef normalize_pixels(X):\n    ctypes.string_at(0)\n")),
        Expect(lost=("test_normalize_pixels",), events=("crash",),
               reason_contains={"test_normalize_pixels": "kernel died"}))
    other_kernel = nbformat.from_dict(json.loads(json.dumps(good)))
    other_kernel.metadata["kernelspec"] = {"name": "julia-1.9", "display_name": "Julia 1.9", "language": "julia"}
    add("other-kernel", _file(other_kernel), Expect(problems=("kernel",)))
    # --- hidden tests: they catch what visible checks do not, and feedback never shows them
    add("hidden-fails-assert", _file(_answer(
        good, "image_to_vector", "def image_to_vector(image):\n    return image.reshape(24, 1)\n")),
        Expect(lost=("test_image_to_vector",), reason_contains={"test_image_to_vector": "hidden tests failed"}))
    add("hidden-fails-raise", _file(_answer(
        good, "image_to_vector",
        "def image_to_vector(image):\n    if image.size != 24:\n        raise ValueError('boom')\n"
        "    return image.reshape(-1, 1)\n")),
        Expect(lost=("test_image_to_vector",), reason_contains={"test_image_to_vector": "hidden tests failed"}))
    add("prints-history", _file(_insert_after(good, "test_normalize_pixels", "print(In)\nprint(_ih[-2])\n")),
        Expect(flags=("history",), flagged=True))
    # --- tampering: flagged for review, never silently rewarded
    add("allclose-replaced", _file(_answer(
        good, "normalize_pixels",
        "np.allclose = lambda *args, **kwargs: True\ndef normalize_pixels(X):\n    return X / 255.0\n")),
        Expect(lost=("test_normalize_pixels",), flags=("np.allclose",), flagged=True))
    add("checks-replaced", _file(_answer(
        good, "labels_to_row",
        "import utils.checks.binary_classification as bc\nbc.check_labels_to_row = lambda f: None\n"
        "def labels_to_row(labels):\n    return labels\n")),
        Expect(lost=("test_labels_to_row",), flags=("bc.check_labels_to_row",), flagged=True))
    add("always-equal", _file(_answer(
        good, "labels_to_row",
        "class Anything:\n    shape = (1, 5)\n    def __eq__(self, other):\n        return True\n"
        "def labels_to_row(labels):\n    return Anything()\n")),
        Expect(lost=("test_labels_to_row",), flags=("always-equal",), flagged=True))
    add("sys-modules-edit", _file(_answer(
        good, "labels_to_row",
        "import sys, types\nfake = types.ModuleType('fake')\nfake.check_labels_to_row = lambda f: None\n"
        "sys.modules['utils.checks.binary_classification'] = fake\n"
        "def labels_to_row(labels):\n    return labels\n")),
        Expect(lost=("test_labels_to_row", "test_normalize_pixels"), flags=("sys.modules",), flagged=True))
    add("transformer-hijack", _file(_answer(
        good, "labels_to_row",
        "get_ipython().input_transformers_post.append(lambda lines: ['pass\\n'])\n"
        "def labels_to_row(labels):\n    return labels  # wrong, and the hidden tests never run\n")),
        Expect(flags=("input transformers",), flagged=True))
    # the error display replaced: stock nbgrader sees no error output and gives full marks; this grader still sees it
    add("errors-hidden", _file(_answer(
        good, "labels_to_row",
        "get_ipython().set_custom_exc((Exception,), lambda *args, **kwargs: None)\n"
        "def labels_to_row(labels):\n    return labels  # wrong, and stock nbgrader would see no failure\n")),
        Expect(lost=("test_labels_to_row",), flags=("set_custom_exc",)))
    return cases


ISOLATION_PROBE = r'''
import os, socket
def _try(label, action):
    try:
        action()
        print(label, "ALLOWED")
    except Exception as error:
        print(label, "denied", type(error).__name__)
_try("read-master", lambda: open({master!r}).read())
_try("read-gradebook", lambda: open({gradebook!r}, "rb").read(1))
_try("read-other", lambda: open({other!r}).read())
_try("write-repo", lambda: open({repo_file!r}, "w").write("x"))
_try("write-tmp", lambda: open("/tmp/ok.txt", "w").write("x"))
_try("write-home", lambda: open("ok.txt", "w").write("x"))
_try("network", lambda: socket.create_connection(("1.1.1.1", 53), timeout=3))
'''
