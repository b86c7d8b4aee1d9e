# Generated from notebooks/step35.ipynb by tools/export.py: do not edit by hand.
# DeZero Steps, Step 35: The graph of a higher derivative (the framework as it stands after this step).

import numpy as np
from .core import Function


class Square(Function):
    def forward(self, x):
        return x ** 2

    def backward(self, gy):
        x, = self.inputs
        return 2 * x * gy


class Exp(Function):
    def forward(self, x):
        return np.exp(x)

    def backward(self, gy):
        y = self.outputs[0]()  # the output is held through a weak reference
        return gy * y


def square(x):
    return Square()(x)


def exp(x):
    return Exp()(x)


class Sin(Function):
    def forward(self, x):
        y = np.sin(x)
        return y

    def backward(self, gy):
        x, = self.inputs
        gx = gy * cos(x)
        return gx


def sin(x):
    return Sin()(x)


class Cos(Function):
    def forward(self, x):
        y = np.cos(x)
        return y

    def backward(self, gy):
        x, = self.inputs
        gx = gy * -sin(x)
        return gx


def cos(x):
    return Cos()(x)


class Tanh(Function):
    def forward(self, x):
        y = np.tanh(x)
        return y

    def backward(self, gy):
        y = self.outputs[0]()  # the output is held through a weak reference
        gx = gy * (1 - y * y)
        return gx


def tanh(x):
    return Tanh()(x)
