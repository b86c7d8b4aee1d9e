"""The exercise checks: one verdict line each, True/False, and never a traceback from the reader's code."""
import numpy as np
import pytest

from dezero_steps import exercises
from dezero_steps import step02
from dezero_steps.step06 import Function, Variable


class Cube(Function):
    def forward(self, x):
        return x ** 3

    def backward(self, gy):
        x = self.input.data
        return 3 * x ** 2 * gy


class HalfRightCube(Cube):
    """Right at x = -1 (3 = 3), wrong at x = 0.5 (-1.5 instead of 0.75)."""

    def backward(self, gy):
        return -3 * self.input.data * gy


class TodoCube(Cube):
    def backward(self, gy):
        raise NotImplementedError


class TodoForward(Function):
    def forward(self, x):
        raise NotImplementedError


class NoBackward(Function):
    """Forward only: backward is still the one of Function, which raises NotImplementedError."""

    def forward(self, x):
        return x ** 3


class DividingCube(Cube):
    def backward(self, gy):
        return 1 // 0


class ForgotReturn(Function):
    def forward(self, x):
        x ** 3


class OldCube(step02.Function):
    def forward(self, x):
        return x ** 3


def cube(x):
    return x ** 3


def verdict(capsys):
    """The printed lines of one check (it must print exactly one)."""
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_correct_class_passes_both_checks(capsys):
    assert exercises.check_forward(Cube, Variable, cube) is True
    assert verdict(capsys) == "✓ Cube.forward matches the expected values at 3 points"
    assert exercises.check_backward(Cube, Variable) is True
    assert verdict(capsys) == "✓ Cube.backward matches the numerical derivative at 3 points"


def test_points_are_the_given_ones(capsys):
    assert exercises.check_backward(HalfRightCube, Variable, points=(-1.0,)) is True
    assert verdict(capsys) == "✓ HalfRightCube.backward matches the numerical derivative at 1 point"


def test_wrong_backward_shows_expected_and_got(capsys):
    # d(x^3)/dx = 3x^2 = 0.75 at x = 0.5; the class returns -3x = -1.5 there.
    assert exercises.check_backward(HalfRightCube, Variable) is False
    assert verdict(capsys) == ("✗ HalfRightCube.backward at x = 0.5: "
                               "expected 0.75 (numerical derivative), got -1.5")


def test_wrong_forward_shows_first_wrong_point(capsys):
    assert exercises.check_forward(Cube, Variable, lambda x: x ** 2) is False
    assert verdict(capsys) == "✗ Cube.forward at x = -1: expected 1, got -1"


def test_forward_without_return_reports_none(capsys):
    assert exercises.check_forward(ForgotReturn, Variable, cube) is False
    assert verdict(capsys) == "✗ ForgotReturn.forward at x = -1: expected -1, got None"


def test_not_implemented_backward_is_not_done_yet(capsys):
    assert exercises.check_backward(TodoCube, Variable) is False
    assert verdict(capsys) == ("… not done yet: TodoCube.backward still raises NotImplementedError "
                               "(replace it with your code)")


def test_inherited_backward_is_not_done_yet(capsys):
    assert exercises.check_backward(NoBackward, Variable) is False
    assert verdict(capsys).startswith("… not done yet: NoBackward.backward still raises")


def test_not_implemented_forward_is_not_done_yet(capsys):
    assert exercises.check_forward(TodoForward, Variable, cube) is False
    assert verdict(capsys).startswith("… not done yet: TodoForward.forward still raises")
    assert exercises.check_backward(TodoForward, Variable) is False
    assert verdict(capsys).startswith("… not done yet: TodoForward.forward still raises")


def test_error_in_reader_code_is_one_line(capsys):
    assert exercises.check_backward(DividingCube, Variable) is False
    assert verdict(capsys) == ("✗ DividingCube.backward raised ZeroDivisionError: "
                               "integer division or modulo by zero")


def test_class_without_backward_gets_a_clear_message(capsys):
    assert exercises.check_backward(OldCube, step02.Variable) is False
    line = verdict(capsys)
    assert line.startswith("✗ OldCube has no backward method")
    assert "step 6" in line


def test_numbers_print_the_same_on_every_numpy(capsys):
    exercises.check_value("x.grad", lambda: np.float64(3.0), 3.0)
    assert verdict(capsys) == "✓ x.grad: 3 is right"
    exercises.check_value("y", lambda: np.array([0.1, 2.0]) / 3, np.array([1.0, 2.0]))
    assert verdict(capsys) == "✗ y: expected [1, 2], got [0.0333333, 0.666667]"


@pytest.mark.parametrize("answer, expected", [
    (lambda: 3.0000000001, 3.0),
    (lambda: np.exp(1.0), 2.718281828459045),
    (lambda: np.array([[1.0, 2.0]]), [[1.0, 2.0]]),
    (lambda: "forward", "forward"),
    (lambda: TypeError, TypeError),
])
def test_check_value_passes(capsys, answer, expected):
    assert exercises.check_value("answer", answer, expected) is True
    assert verdict(capsys).startswith("✓ answer: ")


@pytest.mark.parametrize("answer, expected, line", [
    (lambda: 3.1, 3.0, "✗ answer: expected 3, got 3.1"),
    (lambda: np.array([1.0, 2.0]), [[1.0, 2.0]], "✗ answer: expected [[1, 2]], got [1, 2]"),
    (lambda: "Forward", "forward", "✗ answer: expected 'forward', got 'Forward'"),
    (lambda: 3, "3", "✗ answer: expected '3', got 3"),
    (lambda: ValueError, TypeError, "✗ answer: expected TypeError, got ValueError"),
    (lambda: "TypeError", TypeError, "✗ answer: expected TypeError, got 'TypeError'"),
    (lambda: None, 1.0, "✗ answer: expected 1, got None"),
])
def test_check_value_fails(capsys, answer, expected, line):
    assert exercises.check_value("answer", answer, expected) is False
    assert verdict(capsys) == line


def test_check_value_tolerance(capsys):
    assert exercises.check_value("answer", lambda: 3.01, 3.0, tol=0.1) is True
    assert verdict(capsys) == "✓ answer: 3.01 is right"
    assert exercises.check_value("answer", lambda: 3.01, 3.0) is False
    assert verdict(capsys) == "✗ answer: expected 3, got 3.01"


def test_check_value_not_done_names_the_function(capsys):
    def my_prediction():
        raise NotImplementedError

    assert exercises.check_value("x.grad", my_prediction, 3.0) is False
    assert verdict(capsys) == ("… not done yet: my_prediction still raises NotImplementedError "
                               "(replace it with your code)")


def test_check_value_error_in_answer(capsys):
    def my_prediction():
        return undefined_name  # noqa: F821

    assert exercises.check_value("x.grad", my_prediction, 3.0) is False
    assert verdict(capsys) == "✗ my_prediction raised NameError: name 'undefined_name' is not defined"


def test_check_raises_passes_with_the_message(capsys):
    def make_variable():
        raise TypeError("data must be a numpy array")

    assert exercises.check_raises(make_variable, TypeError) is True
    assert verdict(capsys) == "✓ make_variable raised TypeError: data must be a numpy array"


def test_check_raises_accepts_a_subclass(capsys):
    assert exercises.check_raises(lambda: 1 / 0, ArithmeticError) is True
    assert verdict(capsys) == "✓ the code raised ZeroDivisionError: division by zero"


@pytest.mark.parametrize("action, line", [
    (lambda: None, "✗ the code should raise TypeError, but raised nothing"),
    (lambda: int("x"),
     "✗ the code should raise TypeError, but raised ValueError: invalid literal for int() with base 10: 'x'"),
])
def test_check_raises_fails(capsys, action, line):
    assert exercises.check_raises(action, TypeError) is False
    assert verdict(capsys) == line


def test_check_raises_not_done(capsys):
    def break_it():
        raise NotImplementedError

    assert exercises.check_raises(break_it, TypeError) is False
    assert verdict(capsys).startswith("… not done yet: break_it still raises NotImplementedError")


def test_not_done_names_the_unfinished_function_behind_a_lambda(capsys):
    def square_then_cube(x):
        raise NotImplementedError

    assert exercises.check_value("cube of square", lambda: square_then_cube(2.0), 64.0) is False
    assert verdict(capsys).startswith("… not done yet: square_then_cube still raises")
    assert exercises.check_value("numerical derivative of Cube",
                                 lambda: TodoForward()(Variable(np.array(2.0))).data, 8.0) is False
    assert verdict(capsys).startswith("… not done yet: TodoForward.forward still raises")


def test_not_done_falls_back_to_the_label(capsys):
    # Raised by top-level code, as in a notebook cell: no function to name.
    assert exercises.check_value("the answer", lambda: exec("raise NotImplementedError"), 1.0) is False
    assert verdict(capsys).startswith("… not done yet: the answer still raises")
