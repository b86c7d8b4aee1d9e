"""Every backward in every step module agrees with central differences of its own forward.

The functions are found, not listed: each `Function` subclass a step module defines and
whose `backward` differs from the base class is checked, so a function a new step adds is
checked from that step on. A step module with nothing to check shows up as a skipped test.

The check runs the step's own API: `f = Cls(); y = f(Variable(x)); gx = f.backward(gy)`.
The upstream gradient `gy` is random, so a backward that ignores it fails.
"""
import numpy as np
import pytest

from conftest import defined_functions, short_name, step_modules

EPS = 1e-6
SHAPES = [(), (3,), (2, 3)]  # a scalar, a vector and a matrix for each function


def inputs(rng):
    """One x per shape, |x| in [0.2, 1.5], either sign: away from 0, where functions such as abs
    or ReLU have a kink, and small enough that exp and its compositions stay far from overflow."""
    return [np.asarray(rng.choice([-1.0, 1.0], size=shape) * rng.uniform(0.2, 1.5, size=shape))
            for shape in SHAPES]


def backward_functions(module):
    """The functions of `module` that override the base class's backward (if it has one)."""
    base = getattr(getattr(module, "Function", None), "backward", None)
    return [cls for cls in defined_functions(module)
            if getattr(cls, "backward", None) not in (None, base)]


def cases():
    """One test per (module, function) pair; one skipped test per module without any."""
    found = []
    for module in step_modules():
        functions = backward_functions(module)
        found += [pytest.param(module, cls, id=f"{short_name(module)}.{cls.__name__}")
                  for cls in functions]
        if not functions:
            found.append(pytest.param(module, None, id=short_name(module)))
    return found


def numerical_gradient(forward, x, gy):
    """d/dx of sum(gy * forward(x)), one element of x at a time, by central differences."""
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[index] = EPS
        change = forward(np.asarray(x + step)) - forward(np.asarray(x - step))
        grad[index] = np.sum(gy * change) / (2 * EPS)
    return grad


def assert_matches_numerical(label, forward, x, gy, gx):
    """Fail, naming the place, unless backward's `gx` agrees with central differences of `forward`."""
    numerical = numerical_gradient(forward, x, gy)
    gx = np.asarray(gx)
    if not (gx.shape == x.shape and np.allclose(gx, numerical, rtol=1e-6, atol=1e-8)):
        pytest.fail(f"{label} at x={x.tolist()}: backward gave {gx.tolist()}, numerical {numerical.tolist()}",
                    pytrace=False)


@pytest.mark.parametrize("module, cls", cases())
def test_backward_matches_numerical(module, cls, record_property):
    if cls is None:
        record_property("no backward", short_name(module))
        pytest.skip(f"{short_name(module)}: no Function has backward yet")
    record_property("gradient check", f"{short_name(module)}.{cls.__name__}")
    rng = np.random.default_rng(0)

    def forward(x):
        return np.asarray(cls()(module.Variable(x)).data)

    for x in inputs(rng):
        f = cls()
        y = f(module.Variable(x))
        gy = rng.uniform(0.5, 1.5, size=np.shape(y.data))
        assert_matches_numerical(f"{module.__name__}.{cls.__name__}.backward", forward, x, gy, f.backward(gy))


@pytest.mark.parametrize("module", [m for m in step_modules() if backward_functions(m)],
                         ids=short_name)
def test_square_exp_square_chain(module):
    """The chain rule across three functions, each backward called by hand."""
    names = {cls.__name__ for cls in backward_functions(module)}
    if not {"Square", "Exp"} <= names:
        pytest.skip(f"{short_name(module)}: no Square and Exp with backward")
    rng = np.random.default_rng(0)

    def forward(x):
        return np.asarray(module.Square()(module.Exp()(module.Square()(module.Variable(x)))).data)

    for x in inputs(rng):
        A, B, C = module.Square(), module.Exp(), module.Square()
        y = C(B(A(module.Variable(x))))
        gy = rng.uniform(0.5, 1.5, size=np.shape(y.data))
        assert_matches_numerical(f"{module.__name__} Square-Exp-Square backward", forward, x, gy,
                                 A.backward(B.backward(C.backward(gy))))
