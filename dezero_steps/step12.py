# Generated from notebooks/step12.ipynb by tools/export.py: do not edit by hand.
# DeZero Steps, Step 12: Many inputs, nicer (the framework as it stands after this step).

import numpy as np


class Variable:
    def __init__(self, data):
        if data is not None and not isinstance(data, np.ndarray):
            raise TypeError(f"Variable takes a numpy.ndarray (or None), not {type(data).__name__}; "
                            "wrap the value first, e.g. Variable(np.array(1.0))")
        self.data = data
        self.grad = None
        self.creator = None

    def set_creator(self, func):
        self.creator = func

    def backward(self):
        if self.grad is None:
            self.grad = np.ones_like(self.data)
        funcs = [] if self.creator is None else [self.creator]
        while funcs:
            f = funcs.pop()
            x, y = f.input, f.output
            x.grad = f.backward(y.grad)
            if x.creator is not None:
                funcs.append(x.creator)


class Function:
    def __call__(self, *inputs):
        for x in inputs:
            check_input(self, x)
        xs = [x.data for x in inputs]
        ys = self.forward(*xs)
        if not isinstance(ys, tuple):
            ys = (ys,)
        outputs = [Variable(as_array(y)) for y in ys]
        for output in outputs:
            output.set_creator(self)
        self.inputs = inputs
        self.outputs = outputs
        return outputs if len(outputs) > 1 else outputs[0]

    def forward(self, xs):
        raise NotImplementedError()

    def backward(self, gys):
        raise NotImplementedError()


class Square(Function):
    def forward(self, x):
        return x ** 2


class Exp(Function):
    def forward(self, x):
        return np.exp(x)


def numerical_diff(f, x, eps=1e-4):
    x0 = Variable(as_array(x.data - eps))
    x1 = Variable(as_array(x.data + eps))
    y0 = f(x0)
    y1 = f(x1)
    return (y1.data - y0.data) / (2 * eps)


def as_array(x):
    if np.isscalar(x):
        return np.array(x)
    return x


def check_input(function, x):
    if isinstance(x, Variable):
        return
    name = type(function).__name__
    if type(x).__name__ == "Variable":  # made by an earlier run of the cell that defines Variable
        raise TypeError(f"{name} got a Variable made before the class Variable was defined again; "
                        "run again the cell that created this variable")
    raise TypeError(f"{name} takes a Variable, not {type(x).__name__}; "
                    "wrap the value first, e.g. Variable(np.array(1.0))")


def square(x):
    return Square()(x)


def exp(x):
    return Exp()(x)


class Add(Function):
    def forward(self, x0, x1):
        y = x0 + x1
        return y


def add(x0, x1):
    return Add()(x0, x1)
