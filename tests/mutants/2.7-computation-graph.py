"""Plausible wrong answers for lecture 2.7; each must lose points through the autograder (most plausible first)."""

_FORWARD = '''
def forward(a, b, c):
    """The forward pass of J = 3(a + bc)."""
{body}
'''


def _forward(body: str) -> str:
    return _FORWARD.format(body="\n".join("    " + line for line in body.strip().splitlines()))


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

_ADD = '''
    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data + other.data, (self, other), "+")
'''
_MUL = '''
    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data * other.data, (self, other), "*")
'''
_RADD = '''
    def __radd__(self, other):
        return self + other
'''
_RMUL = '''
    def __rmul__(self, other):
        return self * other
'''


def _value(add: str = _ADD, mul: str = _MUL, radd: str = _RADD, rmul: str = _RMUL) -> str:
    return _VALUE_HEAD + add + mul + radd + rmul


MUTANTS = {
    "forward": {
        "three_a_plus_bc": _forward('''
u = b * c
v = a + u
J = 3 * a + u
return {"u": u, "v": v, "J": J}
'''),
        "u_is_a_sum": _forward('''
u = b + c
v = a + u
J = 3 * v
return {"u": u, "v": v, "J": J}
'''),
        "forgets_the_factor_3": _forward('''
u = b * c
v = a + u
J = v
return {"u": u, "v": v, "J": J}
'''),
        "v_is_a_product": _forward('''
u = b * c
v = a * u
J = 3 * v
return {"u": u, "v": v, "J": J}
'''),
        "returns_a_tuple": _forward('''
u = b * c
v = a + u
J = 3 * v
return u, v, J
'''),
        "lower_case_j": _forward('''
u = b * c
v = a + u
j = 3 * v
return {"u": u, "v": v, "j": j}
'''),
        "hard_coded_lecture_numbers": _forward('''
return {"u": 6, "v": 11, "J": 33}
'''),
    },
    "Value": {
        "plain_numbers_not_wrapped": _value(
            add='''
    def __add__(self, other):
        return Value(self.data + other.data, (self, other), "+")
''',
            mul='''
    def __mul__(self, other):
        return Value(self.data * other.data, (self, other), "*")
'''),
        "no_reflected_ops": _value(
            radd='''
    def __radd__(self, other):
        return NotImplemented
''',
            rmul='''
    def __rmul__(self, other):
        return NotImplemented
'''),
        "reflected_ops_return_floats": _value(
            radd='''
    def __radd__(self, other):
        return other + self.data
''',
            rmul='''
    def __rmul__(self, other):
        return other * self.data
'''),
        "updates_self_in_place": _value(
            add='''
    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        self.data = self.data + other.data
        self.op = "+"
        return self
'''),
        "mul_records_plus": _value(
            mul='''
    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data * other.data, (self, other), "+")
'''),
        "mul_adds": _value(
            mul='''
    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data + other.data, (self, other), "*")
'''),
        "parents_not_recorded": _value(
            add='''
    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data + other.data, op="+")
''',
            mul='''
    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data * other.data, op="*")
'''),
        "raw_number_as_parent": _value(
            add='''
    def __add__(self, other):
        number = other.data if isinstance(other, Value) else other
        return Value(self.data + number, (self, other), "+")
''',
            mul='''
    def __mul__(self, other):
        number = other.data if isinstance(other, Value) else other
        return Value(self.data * number, (self, other), "*")
'''),
        "returns_plain_numbers": _value(
            add='''
    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return self.data + other.data
''',
            mul='''
    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return self.data * other.data
'''),
    },
}
