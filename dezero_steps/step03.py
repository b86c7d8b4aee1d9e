# Generated from notebooks/step03.ipynb by tools/export.py: do not edit by hand.
# DeZero Steps, Step 3: Chaining functions (the framework as it stands after this step).

import numpy as np


class Variable:
    def __init__(self, data):
        self.data = data


class Function:
    def __call__(self, input):
        x = input.data
        y = self.forward(x)
        output = Variable(y)
        return output

    def forward(self, x):
        raise NotImplementedError()


class Square(Function):
    def forward(self, x):
        return x ** 2


class Exp(Function):
    def forward(self, x):
        return np.exp(x)
