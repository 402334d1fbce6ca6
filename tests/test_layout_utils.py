"""The layout of `utils`: a lecture's checks, figures and widgets are found together, and every name means one thing.

- `utils/checks/`, `utils/plotting/` and `utils/widgets/` hold one module per lecture, named after the lecture
  (`2.5-derivatives` -> `derivatives.py`), besides their shared machinery;
- a master imports checks, figures and widgets from its own lecture's modules, or from an earlier lecture's (what
  two lectures use lives in the earlier one's module);
- no public name is defined in two modules of `utils` (two `plot_cost_curves` drawing different things once sent a
  reader to the wrong one).
"""

from __future__ import annotations

import ast
import collections
import json
from pathlib import Path

from grader import course

ASSIGNMENTS = course.assignments()
UTILS = course.REPO / "utils"
PACKAGES = ("checks", "plotting", "widgets")
SHARED = {"checks": {"core", "display"}, "plotting": {"style"}, "widgets": {"core"}}  # machinery, not a lecture's

# Names defined in two modules on purpose, each with its reason.
SAME_NAME = {
    # a check is named after its exercise's grade_id: 2.7 (forward operations) and 2.8 (backward()) both grade a
    # class `Value`, each in its own lecture's module
    "check_Value": {"checks/computation_graph.py", "checks/derivatives_with_computation_graph.py"},
    # one message catalogue per language, the same shape by design
    "MESSAGES": {"checks/messages/en.py", "checks/messages/zh_CN.py"},
}


def lecture_module(assignment_id: str) -> str:
    """`2.5-derivatives` -> `derivatives`."""
    return assignment_id.split("-", 1)[1].replace("-", "_")


def modules(package: str) -> set[str]:
    return {path.stem for path in (UTILS / package).glob("*.py") if path.stem != "__init__"}


def test_checks_plotting_and_widgets_hold_one_module_per_lecture():
    lectures = {lecture_module(a) for a in ASSIGNMENTS}
    assert len(lectures) == len(ASSIGNMENTS) == 9
    for package in PACKAGES:
        assert modules(package) - SHARED[package] == lectures, package


def _utils_imports(source: str) -> list[tuple[str, str]]:
    """(package, module) of every `from utils.<package>.<module> import ...` of checks, plotting and widgets."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    found = []
    for node in ast.walk(ast.parse("\n".join(lines))):
        if isinstance(node, ast.ImportFrom) and node.module:
            parts = node.module.split(".")
            if len(parts) == 3 and parts[0] == "utils" and parts[1] in PACKAGES:
                found.append((parts[1], parts[2]))
    return found


def test_a_master_imports_its_own_lectures_modules_or_an_earlier_ones():
    order = [lecture_module(a) for a in sorted(ASSIGNMENTS)]
    problems = []
    for assignment_id in sorted(ASSIGNMENTS):
        nb = json.loads(course.master_path(assignment_id).read_text(encoding="utf-8"))
        own = order.index(lecture_module(assignment_id))
        imported = [pair for cell in nb["cells"] if cell["cell_type"] == "code"
                    for pair in _utils_imports("".join(cell["source"]))]
        assert any(package == "plotting" for package, _ in imported), f"{assignment_id} imports no figures"
        for package, module in imported:
            if module in SHARED[package]:
                continue
            if module not in order or order.index(module) > own:
                problems.append(f"{assignment_id} imports utils.{package}.{module}")
    assert not problems, problems


def public_definitions(path: Path) -> list[str]:
    """The public names a module defines at its top level: functions, classes and assigned names."""
    names = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [target.id for target in node.targets if isinstance(target, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.append(node.target.id)
    return [name for name in names if not name.startswith("_")]


def defined_twice(root: Path) -> dict[str, set[str]]:
    """Every public name defined in more than one module under `root`, with the modules (relative paths)."""
    where = collections.defaultdict(set)
    for path in sorted(root.rglob("*.py")):
        for name in public_definitions(path):
            where[name].add(path.relative_to(root).as_posix())
    return {name: paths for name, paths in where.items() if len(paths) > 1}


def test_no_public_name_is_defined_in_two_modules_of_utils():
    twice = defined_twice(UTILS)
    unexpected = {name: sorted(paths) for name, paths in twice.items() if SAME_NAME.get(name) != paths}
    assert not unexpected, f"one name, two definitions: {unexpected}"


def test_a_name_defined_twice_is_found(tmp_path):
    """The check above would catch the old pair: `plot_cost_curves` in 2.3's and 2.9's figure modules."""
    (tmp_path / "a.py").write_text("def plot_cost_curves(w):\n    pass\n\n\ndef _helper():\n    pass\n")
    (tmp_path / "b.py").write_text("from a import plot_cost_curves\n\nplot_cost_curves = None\n_helper = 1\n")
    (tmp_path / "c.py").write_text("from a import plot_cost_curves\n")
    assert defined_twice(tmp_path) == {"plot_cost_curves": {"a.py", "b.py"}}
