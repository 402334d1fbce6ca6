"""Detect tampering with the tests, for a person to review.

Test cells run after student code in the same kernel, so student code could replace what the tests rely on
(`np.allclose = lambda *a, **k: True`, the check helpers in `utils`, `sys.modules` entries, IPython's execution
machinery) or return objects that compare equal to anything. Two independent detectors, both only *flag*; nothing
here changes a score:

- `scan(sources)`: a static look at the student's code (AST), which runtime tricks cannot hide;
- `PROBE` / `compare_probe`: run in the kernel once before any student code (the baseline) and again before every
  test cell; any key object (numpy's comparison functions, the `utils.checks` functions and modules, builtins,
  `sys` hooks, IPython's transformers and run methods) that is no longer the same object is reported.
"""

from __future__ import annotations

import ast

# Modules whose attributes student code has no business assigning.
PROTECTED_MODULES = {"np", "numpy", "utils", "sys", "builtins", "math", "IPython", "ipykernel", "nbgrader", "json",
                     "importlib", "inspect", "types", "unittest", "pytest", "operator", "functools", "__builtins__"}
SUSPICIOUS_CALLS = {
    "exec": "calls exec()", "eval": "calls eval()", "compile": "calls compile()", "__import__": "calls __import__()",
    "setattr": "calls setattr()", "delattr": "calls delattr()", "get_ipython": "uses get_ipython()",
    "globals": "uses globals()", "vars": "uses vars()",
}
SUSPICIOUS_ATTRIBUTES = {
    "settrace": "installs a trace function (sys.settrace)", "setprofile": "installs a profiler (sys.setprofile)",
    "_getframe": "inspects the call stack (sys._getframe)", "currentframe": "inspects the call stack",
    "stack": None, "f_back": "walks up the call stack (f_back)", "f_locals": "reads another frame's variables",
    "f_globals": "reads another frame's globals", "get_referrers": "searches the heap (gc.get_referrers)",
    "get_objects": "searches the heap (gc.get_objects)", "displayhook": "touches sys.displayhook",
    "excepthook": "touches sys.excepthook", "input_transformers_cleanup": "edits IPython's input transformers",
    "input_transformers_post": "edits IPython's input transformers",
    "ast_transformers": "edits IPython's AST transformers",
    "run_cell": "touches IPython's run_cell", "showtraceback": "touches IPython's error display",
    "set_custom_exc": "replaces IPython's error display (set_custom_exc)",
    "CustomTB": "replaces IPython's error display (CustomTB)",
    "custom_exceptions": "touches IPython's error display (custom_exceptions)",
    "register": None, "modules": None, "reload": "reloads a module (importlib.reload)", "_exit": None,
    "__code__": "rewrites or reads function code objects (__code__)", "__globals__": "reads a function's globals",
    "__builtins__": "touches __builtins__", "__class__": "reassigns or inspects __class__",
}
ALWAYS_EQUAL_DUNDERS = {"__eq__", "__ne__", "__bool__", "__array_ufunc__", "__array_function__", "__instancecheck__",
                        "__subclasscheck__", "__array_priority__", "__len__", "__float__", "__abs__", "__lt__",
                        "__le__", "__gt__", "__ge__"}
SUSPICIOUS_IMPORTS = {"builtins": "imports builtins", "ctypes": "imports ctypes", "gc": "imports gc",
                      "inspect": "imports inspect", "importlib": "imports importlib", "IPython": "imports IPython",
                      "unittest.mock": "imports unittest.mock", "traceback": None, "signal": "imports signal",
                      "nbgrader": "imports nbgrader", "grader": "imports the grader",
                      "subprocess": "imports subprocess", "socket": "imports socket"}
MAGIC_RUNNERS = {"run_line_magic", "run_cell_magic", "system", "getoutput"}  # what IPython turns magics into
HISTORY_NAMES = {"In", "Out", "_ih", "_oh", "_i", "_ii", "_iii", "_dh"}


def _root_name(node: ast.AST) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def _always_true(node: ast.AST, truthy_names: set[str]) -> bool:
    """Whether `node` is a callable that answers a truthy constant whatever it is given: a lambda returning one, or
    the name of a function (def or lambda) of the cell that does."""
    if isinstance(node, ast.Lambda):
        return _truthy_constant(node.body)
    return isinstance(node, ast.Name) and node.id in truthy_names


def _truthy_constant(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and bool(node.value)


def _returns_truthy_constant(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Every `return` of `function` (not of functions nested in it) gives a truthy constant, and there is one."""
    returns: list[ast.Return] = []
    todo: list[ast.AST] = list(function.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Return):
            returns.append(node)
        elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            todo.extend(ast.iter_child_nodes(node))
    return bool(returns) and all(_truthy_constant(r.value) for r in returns)


def _truthy_functions(tree: ast.AST) -> set[str]:
    """Names bound in `tree` to functions answering a truthy constant (`def yes(*a): return True`,
    `yes = lambda: 1`)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _returns_truthy_constant(node):
            names.add(node.name)
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Lambda) and _truthy_constant(node.value.body):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return names


def _dunder_definitions(tree: ast.AST) -> list[tuple[int, str, str, ast.AST]]:
    """(line, owner, dunder, value) for every way the cell gives a class a comparison or truth dunder: `def` or
    assignment in a class body, assignment to an attribute, `setattr(owner, "__eq__", value)`, and the namespace
    of `type(name, bases, {...})` or `type(name, bases, dict(...))`."""
    found: list[tuple[int, str, str, ast.AST]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name in ALWAYS_EQUAL_DUNDERS:
                    found.append((item.lineno, f"class {node.name}", item.name, item))
                if isinstance(item, ast.Assign):
                    targets, assigned = item.targets, item.value
                elif isinstance(item, ast.AnnAssign) and item.value:
                    targets, assigned = [item.target], item.value
                else:
                    continue
                found += [(item.lineno, f"class {node.name}", target.id, assigned) for target in targets
                          if isinstance(target, ast.Name) and target.id in ALWAYS_EQUAL_DUNDERS]
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr in ALWAYS_EQUAL_DUNDERS:
                    found.append((node.lineno, _dotted(target.value) or "an object", target.attr, node.value))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            args = node.args
            if node.func.id == "setattr" and len(args) == 3 and isinstance(args[1], ast.Constant) \
                    and args[1].value in ALWAYS_EQUAL_DUNDERS:
                found.append((node.lineno, _dotted(args[0]) or "an object", args[1].value, args[2]))
            if node.func.id == "type" and len(args) == 3:
                owner = f"type {args[0].value!r}" if isinstance(args[0], ast.Constant) else "a class made by type()"
                for key, value in _namespace_items(args[2]):
                    if key in ALWAYS_EQUAL_DUNDERS:
                        found.append((node.lineno, owner, key, value))
    return found


def _namespace_items(node: ast.AST) -> list[tuple[str, ast.AST]]:
    if isinstance(node, ast.Dict):
        return [(k.value, v) for k, v in zip(node.keys, node.values, strict=True)
                if isinstance(k, ast.Constant) and isinstance(k.value, str)]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict":
        return [(k.arg, k.value) for k in node.keywords if k.arg]
    return []


def _as_python(source: str) -> str:
    """The cell as IPython runs it: magics and shell escapes become calls such as `get_ipython().run_line_magic()`."""
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        return TransformerManager().transform_cell(source)
    except Exception:  # noqa: BLE001 - then the plain source is all there is to parse
        return source


def scan_source(source: str) -> list[tuple[int, str, str]]:
    """(line, severity, what) for each suspicious construct in `source`; severity is "tamper" or "review"."""
    try:
        tree = ast.parse(_as_python(source))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    found: list[tuple[int, str, str]] = []
    magic_receivers = set()
    for node in ast.walk(tree):  # code inside magics (`%time np.allclose = ...`, `%%capture` bodies) is code too
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MAGIC_RUNNERS:
            magic_receivers.add(id(node.func.value))
            for arg in node.args[1:]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found += [(node.lineno + line - 1, severity, what)
                              for line, severity, what in scan_source(arg.value)]
    module_aliases = set(PROTECTED_MODULES)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for alias in getattr(node, "names", []):
                if isinstance(node, ast.Import) and alias.name.split(".")[0] in {m for m in PROTECTED_MODULES}:
                    module_aliases.add(alias.asname or alias.name.split(".")[0])
            for name in names:
                for prefix, what in SUSPICIOUS_IMPORTS.items():
                    if what and (name == prefix or name.startswith(prefix + ".")):
                        found.append((node.lineno, "review", what))
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            line = node.lineno
        for target in targets:
            for sub in ast.walk(target):
                if isinstance(sub, (ast.Attribute, ast.Subscript)) and _root_name(sub) in module_aliases:
                    found.append((line, "tamper", f"assigns to {_dotted(sub) or ast.unparse(sub)} "
                                                  f"(replaces part of a module the tests use)"))
                    break
                if isinstance(sub, ast.Name) and sub.id in ("__builtins__", "AssertionError", "isinstance", "type"):
                    found.append((line, "tamper", f"rebinds {sub.id}"))
        if isinstance(node, ast.Call):
            callee = node.func.id if isinstance(node.func, ast.Name) else None
            if callee in SUSPICIOUS_CALLS and id(node) not in magic_receivers:
                severity = "tamper" if callee in ("setattr", "delattr") and node.args and \
                    _root_name(node.args[0]) in module_aliases else "review"
                found.append((node.lineno, severity, SUSPICIOUS_CALLS[callee]))
            dotted = _dotted(node.func)
            if dotted.endswith(("sys.modules.__setitem__", "sys.modules.update", "sys.modules.pop")):
                found.append((node.lineno, "tamper", f"edits sys.modules ({dotted})"))
        if isinstance(node, ast.Attribute):
            what = SUSPICIOUS_ATTRIBUTES.get(node.attr)
            if node.attr == "modules" and _root_name(node) == "sys":
                what = "uses sys.modules"
            if node.attr == "_exit" and _root_name(node) == "os":
                what = "calls os._exit()"
            if what:
                found.append((node.lineno, "review", what))
        if isinstance(node, ast.Name) and node.id in HISTORY_NAMES and isinstance(node.ctx, ast.Load):
            found.append((node.lineno, "tamper", f"reads IPython's input history ({node.id}), which holds the tests"))
    truthy = _truthy_functions(tree)
    for line, owner, dunder, value in _dunder_definitions(tree):
        always = dunder == "__eq__" and (_returns_truthy_constant(value) if isinstance(
            value, (ast.FunctionDef, ast.AsyncFunctionDef)) else _always_true(value, truthy))
        found.append((line, "tamper" if always else "review", f"{owner} defines {dunder}"
                      + (" returning True for anything (an always-equal object)" if always else "")))
    seen, unique = set(), []
    for item in sorted(found):
        if item not in seen:
            seen.add(item)
            unique.append(item)
    return unique


# --------------------------------------------------------------------------- runtime probe
PROBE_RESULT = "_grader_probe_result"
PROBE = r'''
def __grader_probe():
    import builtins, importlib, json, pkgutil, sys
    out = {}
    def keep(name, obj):
        out[name] = id(obj)
    np = importlib.import_module("numpy")
    keep("sys.modules[numpy]", sys.modules.get("numpy"))
    for name in ("allclose", "array_equal", "isclose", "all", "any", "abs", "asarray", "ndarray", "float64",
                 "issubdtype", "floating", "isfinite", "array", "shape"):
        keep("numpy." + name, getattr(np, name, None))
    keep("numpy.testing.assert_allclose", getattr(np.testing, "assert_allclose", None))
    keep("numpy.ndarray.__eq__", np.ndarray.__eq__)
    checks = importlib.import_module("utils.checks")
    for info in pkgutil.iter_modules(checks.__path__):
        modname = "utils.checks." + info.name
        module = importlib.import_module(modname)
        keep("sys.modules[" + modname + "]", sys.modules.get(modname))
        for attr, value in sorted(vars(module).items()):
            if callable(value) and not attr.startswith("__"):
                keep(modname + "." + attr, value)
    for name in ("isinstance", "type", "len", "abs", "all", "any", "float", "int", "print", "__import__", "id",
                 "AssertionError", "Exception", "hasattr", "getattr", "tuple", "list", "dict", "bool", "round",
                 "sum", "min", "max", "range", "zip", "repr", "str"):
        keep("builtins." + name, getattr(builtins, name, None))
    keep("sys.displayhook", sys.displayhook)
    out["sys.gettrace()"] = repr(sys.gettrace())
    out["sys.getprofile()"] = repr(sys.getprofile())
    try:
        ip = get_ipython()
        out["ipython.input_transformers_cleanup"] = len(ip.input_transformers_cleanup)
        out["ipython.input_transformers_post"] = len(ip.input_transformers_post)
        out["ipython.ast_transformers"] = len(ip.ast_transformers)
        out["ipython.events"] = sorted(
            getattr(f, "__qualname__", repr(f)) for v in ip.events.callbacks.values() for f in v
            if not str(getattr(f, "__module__", "")).startswith(
                ("IPython", "ipykernel", "matplotlib", "matplotlib_inline", "ipywidgets", "comm")))
        out["ipython.instance overrides"] = sorted(k for k in vars(ip) if k.startswith(("run_", "show", "transform")))
        for name in ("run_cell", "run_cell_async", "run_ast_nodes", "run_code", "showtraceback", "transform_cell"):
            keep("ipython class." + name, getattr(type(ip), name, None))
    except Exception as error:
        out["ipython"] = repr(error)
    return json.dumps(out)
_grader_probe_result = __grader_probe()
del __grader_probe
'''


def is_flagged(flags: list[dict]) -> bool:
    """Whether a submission needs a person's review: some flag is tampering, not merely unusual code."""
    return any(f.get("severity") == "tamper" for f in flags)


def compare_probe(baseline: dict | None, now: dict | None) -> list[str]:
    """What changed since the baseline probe, in words."""
    if baseline is None or baseline.get("unreadable"):
        return []
    if now is None:
        return ["the kernel did not answer the tamper probe before this test"]
    if now.get("unreadable"):
        return ["the tamper probe's answer was unreadable (its machinery was tampered with)"]
    changed = []
    for key, value in baseline.items():
        if key not in now:
            changed.append(f"{key} is missing")
        elif now[key] != value:
            changed.append(f"{key} was replaced or changed" if isinstance(value, int) and key.count(".") else
                           f"{key} changed from {value!r} to {now[key]!r}")
    if len(changed) > 12:
        changed = changed[:12] + [f"... and {len(changed) - 12} more objects replaced"]
    return changed
