# Generated from notebooks/step33.ipynb by tools/export.py: do not edit by hand.
# DeZero Steps, Step 33: Newton's method, automatically (the framework as it stands after this step).

import numpy as np
import heapq
import weakref
import contextlib


class Variable:
    def __init__(self, data, name=None):
        if data is not None and not isinstance(data, np.ndarray):
            raise TypeError(f"Variable takes a numpy.ndarray (or None), not {type(data).__name__}; "
                            "wrap the value first, e.g. Variable(np.array(1.0))")
        self.data = data
        self.name = name
        self.grad = None
        self.creator = None
        self.generation = 0

    @property
    def shape(self):
        return self.data.shape

    @property
    def ndim(self):
        return self.data.ndim

    @property
    def size(self):
        return self.data.size

    @property
    def dtype(self):
        return self.data.dtype

    def __len__(self):
        return len(self.data)

    def __repr__(self):
        if self.data is None:
            return "variable(None)"
        p = str(self.data).replace("\n", "\n" + " " * 9)
        return "variable(" + p + ")"

    def set_creator(self, func):
        self.creator = func
        self.generation = func.generation + 1

    def cleargrad(self):
        self.grad = None

    def backward(self, retain_grad=False, create_graph=False):
        if self.grad is None:
            self.grad = Variable(np.ones_like(self.data))  # new: the gradient is a Variable

        funcs = []
        seen = set()

        def add_func(f):
            if f not in seen:
                heapq.heappush(funcs, (-f.generation, -len(seen), f))
                seen.add(f)

        if self.creator is not None:
            add_func(self.creator)
        with using_config("enable_backprop", create_graph):  # new: once for the whole pass
            while funcs:
                f = heapq.heappop(funcs)[-1]
                gys = [output().grad for output in f.outputs]
                gxs = f.backward(*gys)
                if not isinstance(gxs, tuple):
                    gxs = (gxs,)
                for x, gx in zip(f.inputs, gxs):
                    if x.grad is None:
                        x.grad = gx
                    else:
                        x.grad = x.grad + gx
                    if x.creator is not None:
                        add_func(x.creator)
                if not retain_grad:
                    for y in f.outputs:
                        y().grad = None


class Function:
    def __call__(self, *inputs):
        for x in inputs:
            check_input(self, x)
        inputs = [as_variable(x) for x in inputs]
        xs = [x.data for x in inputs]
        if len(xs) > 1:
            check_shapes(self, xs)
        ys = self.forward(*xs)
        if not isinstance(ys, tuple):
            ys = (ys,)
        outputs = [Variable(as_array(y)) for y in ys]
        if Config.enable_backprop:
            self.generation = max([x.generation for x in inputs])
            for output in outputs:
                output.set_creator(self)
            self.inputs = inputs
            self.outputs = [weakref.ref(output) for output in outputs]
        return outputs if len(outputs) > 1 else outputs[0]

    def forward(self, xs):
        raise NotImplementedError()

    def backward(self, gys):
        raise NotImplementedError()


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
    if isinstance(x, (int, float, np.number, np.ndarray)) and np.asarray(x).dtype.kind in "biuf":
        return  # new: a number or an array of numbers becomes a Variable
    what = f"a numpy array of {x.dtype}" if isinstance(x, np.ndarray) else type(x).__name__
    hint = f"; make it an array first, e.g. np.array({x!r})" if isinstance(x, (list, tuple)) else ""
    raise TypeError(f"{name} takes a Variable, a numpy array or a number, not {what}{hint}")


class Add(Function):
    def forward(self, x0, x1):
        y = x0 + x1
        return y

    def backward(self, gy):
        return gy, gy


def add(x0, x1):
    return Add()(x0, x1)


class Config:
    enable_backprop = True


@contextlib.contextmanager
def using_config(name, value):
    old_value = getattr(Config, name)
    setattr(Config, name, value)
    try:
        yield
    finally:
        setattr(Config, name, old_value)


def no_grad():
    return using_config("enable_backprop", False)


class Mul(Function):
    def forward(self, x0, x1):
        y = x0 * x1
        return y

    def backward(self, gy):
        x0, x1 = self.inputs  # new: Variables, not their data
        return gy * x1, gy * x0


def mul(x0, x1):
    return Mul()(x0, x1)


def as_variable(obj):
    if isinstance(obj, Variable):
        return obj
    return Variable(as_array(obj))


def check_shapes(function, xs):
    shapes = [x.shape for x in xs]
    if len(set(shapes)) == 1:  # new: equal shapes always fit
        return
    try:
        np.broadcast_shapes(*shapes)
    except ValueError:
        shapes = " and ".join(str(shape) for shape in shapes)
        raise ValueError(f"{type(function).__name__} got inputs of shapes {shapes}, which do not fit together "
                         "element by element; give them the same shape, or use a number") from None


Variable.__array_priority__ = 200


class Neg(Function):
    def forward(self, x):
        return -x

    def backward(self, gy):
        return -gy


def neg(x):
    return Neg()(x)


class Sub(Function):
    def forward(self, x0, x1):
        y = x0 - x1
        return y

    def backward(self, gy):
        return gy, -gy


def sub(x0, x1):
    return Sub()(x0, x1)


def rsub(x0, x1):
    return Sub()(x1, x0)


class Div(Function):
    def forward(self, x0, x1):
        y = x0 / x1
        return y

    def backward(self, gy):
        x0, x1 = self.inputs
        gx0 = gy / x1
        gx1 = gy * (-x0 / x1 ** 2)
        return gx0, gx1


def div(x0, x1):
    return Div()(x0, x1)


def rdiv(x0, x1):
    return Div()(x1, x0)


class Pow(Function):
    def __init__(self, c):
        self.c = c

    def forward(self, x):
        y = x ** self.c
        return y

    def backward(self, gy):
        x, = self.inputs
        c = self.c
        gx = c * x ** (c - 1) * gy
        return gx


def pow(x, c):
    return Pow(c)(x)


def setup_variable():
    Variable.__add__ = add
    Variable.__radd__ = add
    Variable.__mul__ = mul
    Variable.__rmul__ = mul
    Variable.__neg__ = neg
    Variable.__sub__ = sub
    Variable.__rsub__ = rsub
    Variable.__truediv__ = div
    Variable.__rtruediv__ = rdiv
    Variable.__pow__ = pow
