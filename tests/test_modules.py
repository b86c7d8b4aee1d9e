"""Each step module reproduces its step's headline numbers, independently of the notebooks.

The expected values come from closed forms (d/dx of (e^{x^2})^2 is 4x e^{2x^2}) and from the
figures the curriculum states for each step.
"""
from pathlib import Path

import numpy as np
import pytest

from conftest import step_numbers
from dezero_steps import (step01, step02, step03, step04, step05, step06, step07, step08,
                          step09, step10)

X = 0.5
COMPOSITE = np.exp(X ** 2) ** 2  # y = (e^{x^2})^2
COMPOSITE_GRAD = 4 * X * np.exp(2 * X ** 2)


def composite(step):
    """Square -> Exp -> Square, built from a module's own classes."""
    return lambda x: step.Square()(step.Exp()(step.Square()(x)))


def body(module):
    """A module's code without its two header lines."""
    return "".join(Path(module.__file__).read_text(encoding="utf-8").splitlines(True)[2:])


def test_step01_variable_holds_its_data():
    data = np.array(1.0)
    x = step01.Variable(data)
    assert x.data is data and float(x.data) == 1.0


def test_step02_square_of_ten():
    y = step02.Square()(step02.Variable(np.array(10.0)))
    assert isinstance(y, step02.Variable)
    assert float(y.data) == 100.0


def test_step02_base_function_has_no_forward():
    with pytest.raises(NotImplementedError):
        step02.Function()(step02.Variable(np.array(1.0)))


def test_step03_composite_at_half():
    y = composite(step03)(step03.Variable(np.array(X)))
    assert float(y.data) == pytest.approx(COMPOSITE, rel=1e-15)
    assert float(y.data) == 1.648721270700128


@pytest.mark.parametrize("step", [step04, step05])
def test_numerical_diff(step):
    square_slope = step.numerical_diff(step.Square(), step.Variable(np.array(2.0)))
    composite_slope = step.numerical_diff(composite(step), step.Variable(np.array(X)))
    assert square_slope == pytest.approx(4.0, abs=1e-10)
    assert composite_slope == pytest.approx(COMPOSITE_GRAD, rel=1e-7)
    assert (square_slope, composite_slope) == (4.000000000004, 3.2974426293330694)


def test_step04_functions_keep_input_and_output():
    f = step04.Square()
    x = step04.Variable(np.array(3.0))
    y = f(x)
    assert f.input is x and f.output is y


def test_step05_adds_no_code_to_step04():
    assert body(step05) == body(step04)


def test_step06_backward_by_hand():
    A, B, C = step06.Square(), step06.Exp(), step06.Square()
    x = step06.Variable(np.array(X))
    a = A(x)
    b = B(a)
    y = C(b)
    y.grad = np.array(1.0)
    b.grad = C.backward(y.grad)
    a.grad = B.backward(b.grad)
    x.grad = A.backward(a.grad)
    assert float(x.grad) == pytest.approx(COMPOSITE_GRAD, rel=1e-15)
    assert float(x.grad) == 3.297442541400256


@pytest.mark.parametrize("step", [step07, step08])
def test_one_backward_call(step):
    x = step.Variable(np.array(X))
    y = composite(step)(x)
    assert y.creator.input.creator.input.creator.input is x
    y.grad = np.array(1.0)
    y.backward()
    assert float(x.grad) == 3.297442541400256


def negation_chain(step, depth):
    """x -> -x -> x -> ... : the gradient is (-1)^depth however deep the chain."""
    class Negate(step.Function):
        def forward(self, x):
            return -x

        def backward(self, gy):
            return -gy

    x = step.Variable(np.array(2.0))
    y = x
    for _ in range(depth):
        y = Negate()(y)
    y.grad = np.array(1.0)
    return x, y


def test_step07_recursion_fails_on_a_deep_chain():
    _, y = negation_chain(step07, 5000)
    with pytest.raises(RecursionError):
        y.backward()


def test_step08_loop_handles_a_deep_chain():
    x, y = negation_chain(step08, 5001)
    y.backward()
    assert float(x.grad) == -1.0


@pytest.mark.parametrize("step", [step09, step10])
def test_friendly_functions(step):
    x = step.Variable(np.array(X))
    y = step.square(step.exp(step.square(x)))
    y.backward()  # no seed needed: backward starts from ones
    assert float(x.grad) == 3.297442541400256
    assert isinstance(y.data, np.ndarray)  # as_array kept x ** 2 an array


@pytest.mark.parametrize("step", [step09, step10])
def test_variable_rejects_a_float_by_name(step):
    with pytest.raises(TypeError, match=r"\bfloat\b"):
        step.Variable(1.0)


def test_step10_adds_no_code_to_step09():
    assert body(step10) == body(step09)


def test_every_module_is_covered_here():
    assert step_numbers() == list(range(1, 11)), "a new step module needs its headline test here"
