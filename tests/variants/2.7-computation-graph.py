"""Correct answers for lecture 2.7 written the way other students would; each must keep full marks."""

_FORWARD = '''
def forward(a, b, c):
    """The forward pass of the drawn graph."""
{body}
'''


def _forward(body: str) -> str:
    return _FORWARD.format(body="\n".join("    " + line for line in body.strip().splitlines()))


# The given part of lecture 2.7's Value class (the same in the master).
_VALUE_HEAD = '''
class Value:
    """A node of a computation graph."""

    def __init__(self, data, parents=(), op="", label=""):
        self.data = float(data)
        self.parents = tuple(parents)
        self.op = op
        self.label = label

    def __repr__(self):
        name = f"{self.label} = " if self.label else ""
        return f"Value({name}{self.data:g})"
'''

VARIANTS = {
    "forward": {
        "dict_filled_step_by_step": _forward('''
nodes = {}
nodes["p"] = a + b
nodes["q"] = nodes["p"] * c
nodes["J"] = nodes["q"] + nodes["p"]
return nodes
'''),
        "numpy_scalars": _forward('''
import numpy as np
p = np.add(a, b)
q = np.multiply(p, c)
J = np.add(q, p)
return {"p": p, "q": q, "J": J}
'''),
        "floats_and_dict_call": _forward('''
p = float(a) + float(b)
q = p * float(c)
return dict(p=p, q=q, J=q + p)
'''),
        "float32_arithmetic": _forward('''
import numpy as np
p = np.float32(a) + np.float32(b)
q = p * np.float32(c)
return {"p": p, "q": q, "J": q + p}
'''),
        "zero_d_arrays": _forward('''
import numpy as np
p = np.array(a + b, dtype=float)
q = p * c
return {"J": q + p, "q": q, "p": p}
'''),
    },
    "Value": {
        "try_except_for_numbers": _VALUE_HEAD + '''
    def __add__(self, other):
        try:
            number = other.data
        except AttributeError:
            other = Value(other)
            number = other.data
        return Value(self.data + number, (self, other), "+")

    def __mul__(self, other):
        if not isinstance(other, Value):
            other = Value(other)
        return Value(self.data * other.data, parents=(self, other), op="*")

    def __radd__(self, other):
        return self.__add__(other)

    def __rmul__(self, other):
        return self.__mul__(other)
''',
        "reflected_ops_build_the_constant_first": _VALUE_HEAD + '''
    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data + other.data, (self, other), "+")

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data * other.data, (self, other), "*")

    def __radd__(self, other):
        return Value(other) + self

    def __rmul__(self, other):
        return Value(other) * self
''',
        "numpy_arithmetic_and_a_lift_helper": _VALUE_HEAD + '''
    @staticmethod
    def _lift(x):
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        import numpy as np
        other = Value._lift(other)
        return Value(np.add(self.data, other.data), (self, other), "+")

    def __mul__(self, other):
        import numpy as np
        other = Value._lift(other)
        return Value(np.multiply(self.data, other.data), (self, other), "*")

    __radd__ = __add__
    __rmul__ = __mul__
''',
    },
}
