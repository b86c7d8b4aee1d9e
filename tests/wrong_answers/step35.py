"""Plausible wrong answers to the exercises of notebooks/step35.ipynb (see tests/test_wrong_answers.py)."""

SIGMOID_CELL = '''class Sigmoid(Function):
    def forward(self, x):
        y = 1 / (1 + np.exp(-x))
        return y

    def backward(self, gy):
{backward}


def sigmoid(x):
    return Sigmoid()(x)
'''


def sigmoid_with(*lines):
    return SIGMOID_CELL.format(backward="\n".join("        " + line for line in lines))


WRONG_ANSWERS = {
    "ex1-answer": [
        "def my_prediction():\n    return 8, 6, 7  # Sin and y counted in sin's graph\n",
        "def my_prediction():\n    return 6, 6, 6  # the constant 2 not counted\n",
        "def my_prediction():\n    return 5, 5, 6  # the seed not counted\n",
        "def my_prediction():\n    return 2, 2, 2  # functions only\n",
        "def my_prediction():\n    return 6, 4, 7  # Exp and y left out as for sin\n",
    ],
    "ex2-answer": [
        # the classic: a backward on arrays, right once, but its result has no path back to x
        sigmoid_with("y = self.outputs[0]().data", "gx = gy * y * (1 - y)", "return gx"),
        sigmoid_with("y = 1 / (1 + np.exp(-self.inputs[0].data))", "gx = gy * y * (1 - y)", "return gx"),
        sigmoid_with("y = self.outputs[0]()", "gx = y * (1 - y)  # gy forgotten", "return gx"),
        sigmoid_with("y = self.outputs[0]()", "gx = gy * (1 - y * y)  # tanh's derivative", "return gx"),
        sigmoid_with("x, = self.inputs", "gx = gy * x * (1 - x)  # the input, not the output", "return gx"),
        sigmoid_with("y = self.outputs[0]()", "gx = gy * y * (y - 1)  # a sign error", "return gx"),
        sigmoid_with("y = self.outputs[0]()", "gx = gy * y * 1 - y  # brackets lost: (gy * y) - y", "return gx"),
        # brackets lost in the forward pass: 1 / 1 + e^-x
        SIGMOID_CELL.replace("y = 1 / (1 + np.exp(-x))", "y = 1 / 1 + np.exp(-x)").format(
            backward="        y = self.outputs[0]()\n        gx = gy * y * (1 - y)\n        return gx"),
    ],
}
