"""Plausible wrong answers for lecture 2.8; each must lose points through the autograder (most plausible first)."""

_BACKWARD = '''
def backward(a, b, c):
    """The backward pass of J = 3(a + bc)."""
{body}
'''

_NUMERICAL = '''
def numerical_gradients(f, inputs, h=1e-6):
    """Centred-difference estimates of every partial derivative of f."""
{body}
'''

# The given part of lecture 2.8's Value class (everything but the body of backward).
_VALUE_HEAD = '''
class Value:
    """A node of a computation graph that also carries a gradient.

    data: float, the value of the node
    grad: float, dJ/d(this node) once backward() has run on the output J (0.0 until then)
    parents: tuple of Value, the nodes it was computed from (empty for an input or a constant)
    local_grads: tuple of float, d(this node)/d(parent) for each parent, in the same order as parents
    op: str, "+" or "*" ("" for an input or a constant); label: str, an optional name for drawings
    """

    def __init__(self, data, parents=(), local_grads=(), op="", label=""):
        self.data = float(data)
        self.grad = 0.0
        self.parents = tuple(parents)
        self.local_grads = tuple(float(g) for g in local_grads)
        self.op = op
        self.label = label

    def __repr__(self):
        name = f"{self.label}: " if self.label else ""
        return f"Value({name}data={self.data:g}, grad={self.grad:g})"

    @staticmethod
    def lift(x):
        """A Value stays as it is; a plain number becomes a constant Value."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        o = Value.lift(other)
        # d(s + o)/ds = 1 and d(s + o)/do = 1
        return Value(self.data + o.data, parents=(self, o), local_grads=(1.0, 1.0), op="+")

    def __mul__(self, other):
        o = Value.lift(other)
        # d(s * o)/ds = o and d(s * o)/do = s
        return Value(self.data * o.data, parents=(self, o), local_grads=(o.data, self.data), op="*")

    __radd__ = __add__  # 1 + x: addition does not care about the order
    __rmul__ = __mul__  # 3 * v: nor does multiplication

    def backward(self):
        """Set .grad of every node this one depends on to d(self)/d(node); self.grad becomes 1.0.

        Assumes every .grad is still 0.0 (a freshly built graph). Returns None.
        """
'''


def _indent(body: str, spaces: int) -> str:
    return "\n".join((" " * spaces + line) if line.strip() else "" for line in body.strip("\n").splitlines())


def _backward(body: str) -> str:
    return _BACKWARD.format(body=_indent(body, 4))


def _numerical(body: str) -> str:
    return _NUMERICAL.format(body=_indent(body, 4))


def _value(body: str) -> str:
    return _VALUE_HEAD.rstrip() + "\n" + _indent(body, 8) + "\n"


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
        "missing_dJ_du_factor": _backward('''
dv = 3.0
da = dv * 1.0
du = dv * 1.0
db = float(c)
dc = float(b)
return {"dv": dv, "da": da, "du": du, "db": db, "dc": dc}
'''),
        "db_dc_swapped": _backward('''
dv = 3.0
da = dv
du = dv
db = du * b
dc = du * c
return {"dv": dv, "da": da, "du": du, "db": db, "dc": dc}
'''),
        "dv_is_one": _backward('''
dv = 1.0
da = dv * 1.0
du = dv * 1.0
db = du * c
dc = du * b
return {"dv": dv, "da": da, "du": du, "db": db, "dc": dc}
'''),
        "local_derivatives_only": _backward('''
dv = 3.0
da = 1.0
du = 1.0
db = du * c
dc = du * b
return {"dv": dv, "da": da, "du": du, "db": db, "dc": dc}
'''),
        "integer_arithmetic": _backward('''
dv = 3
da = dv * 1
du = dv * 1
db = du * c
dc = du * b
return {"dv": dv, "da": da, "du": du, "db": db, "dc": dc}
'''),
        "hard_coded_lecture_numbers": _backward('''
return {"dv": 3.0, "da": 3.0, "du": 3.0, "db": 6.0, "dc": 9.0}
'''),
    },
    "numerical_gradients": {
        "forward_difference": _numerical('''
grads = {}
for name, value in inputs.items():
    plus = dict(inputs)
    plus[name] = value + h
    grads[name] = float((f(**plus) - f(**inputs)) / h)
return grads
'''),
        "divides_by_h": _numerical('''
grads = {}
for name, value in inputs.items():
    plus, minus = dict(inputs), dict(inputs)
    plus[name], minus[name] = value + h, value - h
    grads[name] = float((f(**plus) - f(**minus)) / h)
return grads
'''),
        "nudges_every_input_at_once": _numerical('''
plus = {name: value + h for name, value in inputs.items()}
minus = {name: value - h for name, value in inputs.items()}
slope = float((f(**plus) - f(**minus)) / (2 * h))
return {name: slope for name in inputs}
'''),
        "ignores_h": _numerical('''
step = 1e-6
grads = {}
for name, value in inputs.items():
    plus, minus = dict(inputs), dict(inputs)
    plus[name], minus[name] = value + step, value - step
    grads[name] = float((f(**plus) - f(**minus)) / (2 * step))
return grads
'''),
        "nudges_inputs_in_place": _numerical('''
grads = {}
for name in inputs:
    value = inputs[name]
    inputs[name] = value + h
    up = f(**inputs)
    inputs[name] = value - h
    down = f(**inputs)
    grads[name] = float((up - down) / (2 * h))
return grads
'''),
        "backward_difference": _numerical('''
grads = {}
for name, value in inputs.items():
    minus = dict(inputs)
    minus[name] = value - h
    grads[name] = float((f(**inputs) - f(**minus)) / h)
return grads
'''),
        "returns_a_list": _numerical('''
grads = []
for name, value in inputs.items():
    plus, minus = dict(inputs), dict(inputs)
    plus[name], minus[name] = value + h, value - h
    grads.append(float((f(**plus) - f(**minus)) / (2 * h)))
return grads
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
        "integer_seed": _value(_TOPO + '''
self.grad = 1
for node in reversed(order):
    for parent, local in zip(node.parents, node.local_grads):
        parent.grad += local * node.grad
'''),
    },
}
