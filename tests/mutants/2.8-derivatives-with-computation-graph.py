"""Plausible wrong answers for lecture 2.8; each must lose points through the autograder (most plausible first)."""

import json
from pathlib import Path

_BACKWARD = '''
def backward(a, b, c):
    """The backward pass of p = a + b, q = p*c, J = q + p."""
{body}
'''

_MASTER = Path(__file__).resolve().parents[2] / "solutions" / "2.8-derivatives-with-computation-graph" / \
    "2.8-derivatives-with-computation-graph.ipynb"


def _given_part_of_value() -> str:
    """The master's Value answer cell up to `### BEGIN SOLUTION`: everything but the body of backward."""
    for cell in json.loads(_MASTER.read_text())["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "Value":
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            return source.split("### BEGIN SOLUTION")[0].rstrip() + "\n"
    raise LookupError(f"no Value answer cell in {_MASTER}")


_VALUE_HEAD = _given_part_of_value()


def _indent(body: str, spaces: int) -> str:
    return "\n".join((" " * spaces + line) if line.strip() else "" for line in body.strip("\n").splitlines())


def _backward(body: str) -> str:
    return _BACKWARD.format(body=_indent(body, 4))


def _value(body: str) -> str:
    return _VALUE_HEAD + _indent(body, 8) + "\n"


_TOPO = '''
order, seen = [], set()

def visit(node):
    if node not in seen:
        seen.add(node)
        for parent in node.parents:
            visit(parent)
        order.append(node)

visit(self)
'''

MUTANTS = {
    "backward": {
        "only_the_path_through_q": _backward('''
p = a + b
dq = 1.0
dp = dq * c
da = dp
db = dp
dc = dq * p
return {"dq": dq, "dp": dp, "da": da, "db": db, "dc": dc}
'''),
        "only_the_direct_path": _backward('''
p = a + b
dq = 1.0
dp = 1.0
da = dp
db = dp
dc = dq * p
return {"dq": dq, "dp": dp, "da": da, "db": db, "dc": dc}
'''),
        "dc_uses_q": _backward('''
p = a + b
q = p * c
dq = 1.0
dp = dq * c + 1.0
da = dp
db = dp
dc = dq * q
return {"dq": dq, "dp": dp, "da": da, "db": db, "dc": dc}
'''),
        "dc_through_dp": _backward('''
p = a + b
dq = 1.0
dp = dq * c + 1.0
da = dp
db = dp
dc = dp * p
return {"dq": dq, "dp": dp, "da": da, "db": db, "dc": dc}
'''),
        "local_derivatives_only": _backward('''
p = a + b
dq = 1.0
dp = dq * c + 1.0
da = 1.0
db = 1.0
dc = p
return {"dq": dq, "dp": dp, "da": da, "db": db, "dc": dc}
'''),
        "db_as_in_the_lecture_graph": _backward('''
p = a + b
dq = 1.0
dp = dq * c + 1.0
da = dp
db = dp * c
dc = dq * p
return {"dq": dq, "dp": dp, "da": da, "db": db, "dc": dc}
'''),
        "dq_is_c": _backward('''
p = a + b
dq = c
dp = dq * c + 1.0
da = dp
db = dp
dc = dq * p
return {"dq": dq, "dp": dp, "da": da, "db": db, "dc": dc}
'''),
        "hard_coded_drawing_numbers": _backward('''
return {"dq": 1.0, "dp": 3.0, "da": 3.0, "db": 3.0, "dc": 8.0}
'''),
    },
    "Value": {
        "overwrites_instead_of_accumulating": _value(_TOPO + '''
self.grad = 1.0
for node in reversed(order):
    for parent, local in zip(node.parents, node.local_grads):
        parent.grad = local * node.grad
'''),
        "preorder_instead_of_topological": _value('''
order, seen = [], set()

def visit(node):
    if node not in seen:
        seen.add(node)
        order.append(node)
        for parent in node.parents:
            visit(parent)

visit(self)
self.grad = 1.0
for node in order:
    for parent, local in zip(node.parents, node.local_grads):
        parent.grad += local * node.grad
'''),
        "topological_order_not_reversed": _value(_TOPO + '''
self.grad = 1.0
for node in order:
    for parent, local in zip(node.parents, node.local_grads):
        parent.grad += local * node.grad
'''),
        "breadth_first_order": _value('''
order, seen, queue = [], {self}, [self]
while queue:
    node = queue.pop(0)
    order.append(node)
    for parent in node.parents:
        if parent not in seen:
            seen.add(parent)
            queue.append(parent)
self.grad = 1.0
for node in order:
    for parent, local in zip(node.parents, node.local_grads):
        parent.grad += local * node.grad
'''),
        "recursion_without_ordering": _value('''
self.grad = 1.0

def push(node):
    for parent, local in zip(node.parents, node.local_grads):
        parent.grad += local * node.grad
        push(parent)

push(self)
'''),
        "missing_upstream_factor": _value(_TOPO + '''
self.grad = 1.0
for node in reversed(order):
    for parent, local in zip(node.parents, node.local_grads):
        parent.grad += local
'''),
        "missing_local_factor": _value(_TOPO + '''
self.grad = 1.0
for node in reversed(order):
    for parent in node.parents:
        parent.grad += node.grad
'''),
        "output_not_seeded": _value(_TOPO + '''
for node in reversed(order):
    for parent, local in zip(node.parents, node.local_grads):
        parent.grad += local * node.grad
'''),
        "no_visited_set": _value('''
order = []

def visit(node):
    for parent in node.parents:
        visit(parent)
    order.append(node)

visit(self)
self.grad = 1.0
for node in reversed(order):
    for parent, local in zip(node.parents, node.local_grads):
        parent.grad += local * node.grad
'''),
        "assumes_two_parents": _value(_TOPO + '''
self.grad = 1.0
for node in reversed(order):
    if node.parents:
        left, right = node.parents
        d_left, d_right = node.local_grads
        left.grad += d_left * node.grad
        right.grad += d_right * node.grad
'''),
    },
}
