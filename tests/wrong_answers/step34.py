"""Plausible wrong answers to the exercises of notebooks/step34.ipynb (see tests/test_wrong_answers.py)."""

PAIR_CELL = '''class Sinh(Function):
    def forward(self, x):
        y = {sinh_forward}
        return y

    def backward(self, gy):
        x, = self.inputs
        gx = {sinh_backward}
        return gx


def sinh(x):
    return Sinh()(x)


class Cosh(Function):
    def forward(self, x):
        y = {cosh_forward}
        return y

    def backward(self, gy):
        x, = self.inputs
        gx = {cosh_backward}
        return gx


def cosh(x):
    return Cosh()(x)
'''
RIGHT_PAIR = dict(sinh_forward="np.sinh(x)", sinh_backward="gy * cosh(x)",
                  cosh_forward="np.cosh(x)", cosh_backward="gy * sinh(x)")


def pair_with(**change):
    return PAIR_CELL.format(**{**RIGHT_PAIR, **change})


WRONG_ANSWERS = {
    "ex1-answer": [
        "def my_prediction():\n    return float(-np.cos(0.5))  # the 6th derivative: one round short\n",
        "def my_prediction():\n    return float(np.cos(0.5))  # the 8th derivative: one round too many\n",
        "def my_prediction():\n    return float(-np.sin(0.5))  # a sign lost\n",
        "def my_prediction():\n    return float(np.sin(0.5 + 7 * np.pi / 2))  # sin's derivatives, not cos's\n",
        "def my_prediction():\n    return F.sin(Variable(np.array(0.5)))  # the right value, but a Variable, not a float\n",
    ],
    "ex2-answer": [
        # the classic: a backward on arrays, right once, but its result has no path back to x
        pair_with(sinh_backward="gy * np.cosh(x.data)"),
        # the same in the other function: the second pass leaves nothing for the third
        pair_with(cosh_backward="gy * np.sinh(x.data)"),
        # the right numbers wrapped in a new Variable: no graph behind them
        pair_with(sinh_backward="Variable(gy.data * np.cosh(x.data))",
                  cosh_backward="Variable(gy.data * np.sinh(x.data))"),
        # the minus sign of the cosine's derivative copied
        pair_with(cosh_backward="gy * -sinh(x)"),
        # each function taken for its own derivative
        pair_with(sinh_backward="gy * sinh(x)", cosh_backward="gy * cosh(x)"),
        # gy forgotten
        pair_with(cosh_backward="sinh(x)"),
        # the two forward passes swapped
        pair_with(sinh_forward="np.cosh(x)", cosh_forward="np.sinh(x)"),
        # the sine's forward for the hyperbolic sine
        pair_with(sinh_forward="np.sin(x)"),
    ],
}
