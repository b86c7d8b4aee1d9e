"""Plausible wrong answers to the exercises of notebooks/step34.ipynb (see tests/test_wrong_answers.py)."""

LOG_CELL = '''class Log(Function):
    def forward(self, x):
        y = np.log(x)
        return y

    def backward(self, gy):
{backward}


def log(x):
    return Log()(x)
'''


def log_with(*lines):
    return LOG_CELL.format(backward="\n".join("        " + line for line in lines))


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
        log_with("x = self.inputs[0].data", "gx = gy / x", "return gx"),
        log_with("x, = self.inputs", "gx = gy / x.data", "return gx"),
        log_with("x, = self.inputs", "gx = 1 / x  # gy forgotten", "return gx"),
        log_with("x, = self.inputs", "gx = -gy / x ** 2  # the second derivative", "return gx"),
        log_with("x, = self.inputs", "gx = gy * x", "return gx"),
        log_with("y = self.outputs[0]()", "gx = gy / y  # the output, not the input", "return gx"),
    ],
}
