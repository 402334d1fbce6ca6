"""Correct answers for lecture 2.8 written the way other students would; each must keep full marks."""

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


VARIANTS = {
    "backward": {
        "integers_and_paths_summed_separately": _backward('''
p = a + b
dq = 1
through_q = dq * c
direct = 1
dp = through_q + direct
return {"dq": dq, "dp": dp, "da": dp, "db": dp, "dc": dq * p}
'''),
        "numpy_scalars": _backward('''
import numpy as np
dq = np.float64(1.0)
dp = dq * c + np.float64(1.0)
return {"dq": dq, "dp": dp, "da": dp * 1, "db": dp * 1, "dc": dq * np.add(a, b)}
'''),
        "dict_filled_in_backward_order": _backward('''
grads = {"dq": 1.0}
grads["dp"] = grads["dq"] * c + 1.0
grads["da"] = grads["dp"]
grads["db"] = grads["dp"]
grads["dc"] = grads["dq"] * (a + b)
return grads
'''),
        "float32_numbers": _backward('''
import numpy as np
p = np.float32(a) + np.float32(b)
dq = np.float32(1)
dp = dq * np.float32(c) + np.float32(1)
return {"dq": dq, "dp": dp, "da": dp, "db": dp, "dc": dq * p}
'''),
    },
    "Value": {
        "recursive_depth_first_search": _value('''
topo, visited = [], set()

def build(node):
    if node not in visited:
        visited.add(node)
        for parent in node.parents:
            build(parent)
        topo.append(node)

build(self)
self.grad = 1.0
for node in reversed(topo):
    for parent, local in zip(node.parents, node.local_grads):
        parent.grad += local * node.grad
'''),
        "mutual_recursion_and_index_loop": _value('''
order, seen = [], set()

def visit(node):
    seen.add(id(node))
    visit_parents(node)
    order.append(node)

def visit_parents(node):
    for parent in node.parents:
        if id(parent) not in seen:
            visit(parent)

visit(self)
self.grad = 1.0
for node in order[::-1]:
    for i in range(len(node.parents)):
        node.parents[i].grad = node.parents[i].grad + node.local_grads[i] * node.grad
'''),
        "iterative_stack": _value('''
order, seen, stack = [], set(), [(self, False)]
while stack:
    node, expanded = stack.pop()
    if expanded:
        order.append(node)
    elif node not in seen:
        seen.add(node)
        stack.append((node, True))
        stack.extend((parent, False) for parent in node.parents)
self.grad = 1.0
for node in reversed(order):
    for parent, local in zip(node.parents, node.local_grads):
        parent.grad += local * node.grad
'''),
        "kahn_counts_the_users": _value('''
users, stack, seen = {}, [self], {self}
while stack:
    node = stack.pop()
    for parent in node.parents:
        users[parent] = users.get(parent, 0) + 1
        if parent not in seen:
            seen.add(parent)
            stack.append(parent)
self.grad = 1.0
ready = [self]
while ready:
    node = ready.pop()
    for parent, local in zip(node.parents, node.local_grads):
        parent.grad += local * node.grad
        users[parent] -= 1
        if users[parent] == 0:
            ready.append(parent)
'''),
        "numpy_scalar_gradients": _value('''
import numpy as np
order, seen = [], set()

def visit(node):
    if node in seen:
        return
    seen.add(node)
    for parent in node.parents:
        visit(parent)
    order.append(node)

visit(self)
self.grad = np.float64(1)
for node in reversed(order):
    for parent, local in zip(node.parents, node.local_grads):
        parent.grad = parent.grad + np.multiply(local, node.grad)
'''),
    },
}
