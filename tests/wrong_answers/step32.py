"""Plausible wrong answers to the exercises of notebooks/step32.ipynb (see tests/test_wrong_answers.py)."""

LOG = '''class Log(Function):
    def forward(self, x):
        return np.log(x)

    def backward(self, gy):
{body}


def log(x):
    return Log()(x)'''

WRONG_ANSWERS = {
    "ex1-answer": [
        "def my_prediction():\n    return 12.0",  # thinks the second pass gives the second derivative 6x
        "def my_prediction():\n    return 0.0",  # the derivative of a constant, but no backward pass reaches x
        'def my_prediction():\n    return "None"',  # the word, not the value
        "def my_prediction():\n    return Variable(np.array(0.0))",  # a zero gradient, as if x were reached
    ],
    "ex2-answer": [
        "def my_prediction():\n    return 18.0",  # the second derivative alone, as if x.grad had been cleared
        "def my_prediction():\n    return 27.0",  # the first derivative alone
        "def my_prediction():\n    return 45",  # an int for a float
        "def my_prediction():\n    return 54.0",  # f'(3) counted twice, as if the second pass repeated the first
    ],
    "ex3-answer": [
        # the classic bug: computes with the array, so its part of the second derivative is lost
        LOG.format(body="        x = self.inputs[0].data\n        return gy / x"),
        # the same bug, written inside the formula
        LOG.format(body="        x, = self.inputs\n        return gy * (1 / x.data)"),
        # missing * gy
        LOG.format(body="        x, = self.inputs\n        return 1 / x"),
        # a sign error
        LOG.format(body="        x, = self.inputs\n        return -gy / x"),
        # multiplies by x instead of dividing
        LOG.format(body="        x, = self.inputs\n        return gy * x"),
        # the derivative of 1/x confused with that of log x
        LOG.format(body="        x, = self.inputs\n        return gy / x ** 2"),
        # divides by the output, log x, instead of the input
        LOG.format(body="        y = self.outputs[0]()\n        return gy / y"),
        # the result wrapped into a new Variable: right values, no graph
        LOG.format(body="        x, = self.inputs\n        return Variable(gy.data / x.data)"),
        # a hard-coded slope
        LOG.format(body="        return gy * 0.5"),
    ],
}
