"""The project's setup files agree with each other and the packages import as the notebooks need."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

from grader import course


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ :]", requirement.strip(), maxsplit=1)[0].lower()


def _environment_yml_dependencies() -> dict[str, str]:
    """Conda dependencies of environment.yml (name -> its comment), without python, pip and the -e install."""
    deps, in_deps = {}, False
    for line in (course.REPO / "environment.yml").read_text().splitlines():
        if line.startswith("dependencies:"):
            in_deps = True
        elif in_deps and re.match(r"^  - [A-Za-z]", line):
            spec, _, comment = line[4:].partition("#")
            if _name(spec) not in ("python", "pip"):
                deps[_name(spec)] = comment.strip()
    return deps


def test_environment_yml_and_pyproject_name_the_same_dependencies():
    project = tomllib.loads((course.REPO / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + [d for extra in project["optional-dependencies"].values() for d in extra]
    assert {_name(d) for d in declared} == set(_environment_yml_dependencies())


def test_every_conda_dependency_says_what_needs_it():
    missing = [name for name, comment in _environment_yml_dependencies().items() if len(comment) < 10]
    assert not missing, f"environment.yml: add a comment saying what needs {missing}"


def test_utils_and_grader_come_from_the_installed_project():
    code = "import utils, grader; print(utils.__file__); print(grader.__file__)"
    out = subprocess.run([sys.executable, "-c", code], cwd="/", capture_output=True, text=True, check=True).stdout
    assert all(line.startswith(str(course.REPO)) for line in out.split()), out


def test_no_notebook_edits_sys_path():
    for path in list(course.SOLUTIONS.rglob("*.ipynb")) + list(course.NOTEBOOKS.rglob("*.ipynb")):
        assert "sys.path" not in path.read_text(), f"{path} edits sys.path; import utils through the installed project"


def test_importing_utils_is_cheap_and_has_no_side_effects():
    code = (
        "import sys, utils, utils.checks.core, utils.datasets, utils.plotting, utils.widgets\n"
        "heavy = [m for m in ('matplotlib', 'ipywidgets', 'skimage', 'h5py') if m in sys.modules]\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", f"`import utils` pulled in heavy modules: {out}"


def test_readme_test_command_is_what_ci_runs():
    readme = (course.REPO / "README.md").read_text()
    ci = (course.REPO / ".ci" / "run").read_text()
    assert "make test" in readme and "make lab" in readme
    assert re.search(r"^make test\b", ci, re.MULTILINE)
