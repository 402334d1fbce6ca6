"""Plausible wrong answers for lecture 2.7; each must lose points through the autograder (most plausible first)."""

_FORWARD = '''
def forward(a, b, c):
    """The forward pass of the drawn graph."""
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
        "p_is_a_product": _forward('''
p = a * b
q = p * c
J = q + p
return {"p": p, "q": q, "J": J}
'''),
        "q_is_a_sum": _forward('''
p = a + b
q = p + c
J = q + p
return {"p": p, "q": q, "J": J}
'''),
        "q_from_b_and_c": _forward('''
p = a + b
q = b * c
J = q + p
return {"p": p, "q": q, "J": J}
'''),
        "misses_the_long_arrow": _forward('''
p = a + b
q = p * c
J = q
return {"p": p, "q": q, "J": J}
'''),
        "J_adds_c": _forward('''
p = a + b
q = p * c
J = q + c
return {"p": p, "q": q, "J": J}
'''),
        "J_is_a_product": _forward('''
p = a + b
q = p * c
J = q * p
return {"p": p, "q": q, "J": J}
'''),
        "returns_a_tuple": _forward('''
p = a + b
q = p * c
J = q + p
return p, q, J
'''),
        "lower_case_j": _forward('''
p = a + b
q = p * c
j = q + p
return {"p": p, "q": q, "j": j}
'''),
        "hard_coded_drawing_numbers": _forward('''
return {"p": 8, "q": 16, "J": 24}
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
