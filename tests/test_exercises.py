"""The exercise checks: one ✓ line when right; Wrong or NotDone, shown as one line, when not.

tests/test_wrong_answers.py holds the batteries of plausible wrong answers per check; this file
tests the verdicts themselves: their wording, number formatting and how Jupyter shows them.
"""
import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient

from checkout import ROOT
from dezero_steps import exercises, step02, step24
from dezero_steps.exercises import NotDone, Wrong
from dezero_steps.step06 import Function, Variable

SCALARS = (-0.726077, 0.539573, -1.83611)  # the seeded scalar points for low=-2, high=2, as printed


class Cube(Function):
    def forward(self, x):
        return x ** 3

    def backward(self, gy):
        x = self.input.data
        return 3 * x ** 2 * gy


class TodoCube(Cube):
    def backward(self, gy):
        raise NotImplementedError()


class TodoForward(Function):
    def forward(self, x):
        raise NotImplementedError()


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


def verdict(capsys):
    """The printed lines of one passing check (it must print exactly one)."""
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def wrong(check, *args, **kwargs):
    """The message of the Wrong that the check raises (it must print nothing)."""
    with pytest.raises(Wrong) as info:
        check(*args, **kwargs)
    return str(info.value)


def not_done(check, *args, **kwargs):
    with pytest.raises(NotDone) as info:
        check(*args, **kwargs)
    return str(info.value)


def test_verdicts_are_assertion_errors_but_not_each_other():
    assert issubclass(Wrong, AssertionError) and issubclass(NotDone, AssertionError)
    assert not issubclass(NotDone, Wrong) and not issubclass(Wrong, NotDone)


def test_passing_checks_print_one_line_and_return_none(capsys):
    assert exercises.check_forward(Cube, Variable, lambda x: x ** 3) is None
    assert verdict(capsys) == ("✓ Cube.forward matches the expected values at 4 points "
                               "(3 numbers and a 2×3 array)")
    assert exercises.check_backward(Cube, Variable) is None
    assert verdict(capsys) == ("✓ Cube.backward matches the numerical gradient at 4 points "
                               "(3 numbers and a 2×3 array), with gy ≠ 1")


def test_points_cover_both_signs_numbers_and_an_array():
    seen = []
    exercises.check_forward(Cube, Variable, lambda x: seen.append(x) or x ** 3)
    assert [x.shape for x in seen] == [(), (), (), (2, 3)]
    assert seen[0] < 0 < seen[1]
    assert [format(float(x), ".6g") for x in seen[:3]] == [format(x, ".6g") for x in SCALARS]
    assert np.all((-2 <= seen[3]) & (seen[3] <= 2)) and seen[3].min() < 0 < seen[3].max()


def test_points_stay_in_the_range():
    seen = []
    exercises.check_forward(Cube, Variable, lambda x: seen.append(x) or x ** 3, low=0.5, high=3.0)
    assert all(np.all((0.5 <= x) & (x <= 3.0)) for x in seen)


def first_point():
    seen = []
    exercises.check_forward(Cube, Variable, lambda x: seen.append(x) or x ** 3)
    return float(seen[0])


def test_wrong_forward_names_the_first_wrong_point():
    # x ** 2 differs from x ** 3 at the first point already.
    x = first_point()
    assert wrong(exercises.check_forward, Cube, Variable, lambda x: x ** 2) == (
        f"✗ Cube.forward at x = {x:.6g}: expected {x ** 2:.6g}, got {x ** 3:.6g}")


def test_wrong_forward_on_the_array_names_the_element():
    def right_on_numbers(x):
        return x ** 3 if np.ndim(x) == 0 else x ** 3 + np.eye(2, 3)

    assert wrong(exercises.check_forward, Cube, Variable, right_on_numbers).startswith(
        "✗ Cube.forward at the 2×3 array point, element [0, 0] (x = ")


def test_forward_without_return_reports_none():
    x = first_point()
    assert wrong(exercises.check_forward, ForgotReturn, Variable, lambda x: x ** 3) == (
        f"✗ ForgotReturn.forward at x = {x:.6g}: expected {x ** 3:.6g}, got None")


def test_missing_gy_gets_a_hint():
    class NoGy(Cube):
        def backward(self, gy):
            return 3 * self.input.data ** 2

    x = first_point()
    message = wrong(exercises.check_backward, NoGy, Variable)
    assert message.startswith(f"✗ NoGy.backward at x = {x:.6g}, gy = ")
    assert message.endswith(f"got {3 * x ** 2:.6g} (the local derivative alone: multiply it by gy)")


def test_not_implemented_backward_is_not_done_yet():
    assert not_done(exercises.check_backward, TodoCube, Variable) == (
        "… not done yet: TodoCube.backward still raises NotImplementedError (replace it with your code)")


def test_inherited_backward_is_not_done_yet():
    assert not_done(exercises.check_backward, NoBackward, Variable).startswith(
        "… not done yet: NoBackward.backward still raises")


def test_not_implemented_forward_is_not_done_yet():
    assert not_done(exercises.check_forward, TodoForward, Variable, lambda x: x).startswith(
        "… not done yet: TodoForward.forward still raises")
    assert not_done(exercises.check_backward, TodoForward, Variable).startswith(
        "… not done yet: TodoForward.forward still raises")


def test_error_in_reader_code_is_one_line():
    assert wrong(exercises.check_backward, DividingCube, Variable) == (
        "✗ DividingCube.backward raised ZeroDivisionError: integer division or modulo by zero")


def test_class_without_backward_gets_a_clear_message():
    message = wrong(exercises.check_backward, OldCube, step02.Variable)
    assert message.startswith("✗ OldCube has no backward method") and "step 6" in message


@pytest.mark.parametrize("value, text", [
    (3, "3"), (3.0, "3.0"), (np.float64(3.0), "3.0"), (np.array(0.1) / 3, "0.0333333"), (1e-8, "1e-08"),
    (2 / 3, "0.666667"), (np.float32(0.5), "0.5"), (np.int64(7), "7"), (True, "True"), (np.True_, "True"),
    (np.array([0.1, 2.0]) / 3, "[0.0333333, 0.666667]"), (np.arange(4).reshape(2, 2), "[[0, 1], [2, 3]]"),
    ((1, 3, 2), "(1, 3, 2)"), ((1,), "(1,)"), ([1.5, "a"], "[1.5, 'a']"), (None, "None"),
    (TypeError, "TypeError"), (Variable(np.array(2.0)), "Variable(2.0)"), (float("inf"), "inf"),
    ({"x": 2.0, 3: None}, "{'x': 2.0, 3: None}"),
])
def test_numbers_print_the_same_on_every_numpy(value, text):
    assert exercises._fmt(value) == text


@pytest.mark.parametrize("answer, expected", [
    (3.0000000001, 3.0),
    (np.exp(1.0), 2.718281828459045),
    (np.array([[1.0, 2.0]]), np.array([[1.0, 2.0]])),
    ("forward", "forward"),
    (TypeError, TypeError),
    (np.float64(0.5), 0.5),  # numpy's float64 is a float
    (0.5, np.float64(0.5)),
    (np.array(0.5), 0.5),  # so is a 0-dimensional float array
    (np.int64(3), 3),
    (np.True_, True),
    ((1, 3, 2), (1, 3, 2)),
    ([np.array(2.25), np.array(5.0625)], [2.25, 5.0625]),
    (Variable(np.array(2.0)), Variable(np.array(2.0))),
    (None, None),
])
def test_check_value_passes(capsys, answer, expected):
    assert exercises.check_value("answer", lambda: answer, expected) is None
    assert verdict(capsys).startswith("✓ answer: ")


@pytest.mark.parametrize("answer, expected, line", [
    (3.1, 3.0, "✗ answer: expected 3.0, got 3.1"),
    (3.0, 3, "✗ answer: expected an int, got a float: 3.0"),
    (3, 3.0, "✗ answer: expected a float, got an int: 3"),
    ("3", 3, "✗ answer: expected an int, got a str: '3'"),
    (3, "3", "✗ answer: expected a str, got an int: 3"),
    (1, True, "✗ answer: expected a bool, got an int: 1"),
    (True, 1, "✗ answer: expected an int, got a bool: True"),
    ([1, 3, 2], (1, 3, 2), "✗ answer: expected a tuple of 3 items, got a list of 3 items: [1, 3, 2]"),
    ((1.0, 3.0, 2.0), (1, 3, 2), "✗ answer: expected (1, 3, 2), got (1.0, 3.0, 2.0)"),
    ((1, 3), (1, 3, 2), "✗ answer: expected a tuple of 3 items, got a tuple of 2 items: (1, 3)"),
    (np.array([1.0, 2.0]), np.array([[1.0, 2.0]]),
     "✗ answer: expected a float array of shape (1, 2), got a float array of shape (2,): [1.0, 2.0]"),
    ([1.0, 2.0], np.array([1.0, 2.0]), "✗ answer: expected a float array of shape (2,), got a list of 2 items: [1.0, 2.0]"),
    (np.array([1, 2]), np.array([1.0, 2.0]),
     "✗ answer: expected a float array of shape (2,), got an int array of shape (2,): [1, 2]"),
    (np.array([1.0, 2.5]), np.array([1.0, 2.0]), "✗ answer: expected [1.0, 2.0], got [1.0, 2.5]"),
    ("Forward", "forward", "✗ answer: expected 'forward', got 'Forward'"),
    (ValueError, TypeError, "✗ answer: expected TypeError, got ValueError"),
    ("TypeError", TypeError, "✗ answer: expected TypeError, got 'TypeError'"),
    (TypeError(), TypeError, "✗ answer: expected TypeError, got a TypeError object"),
    (None, 1.0, "✗ answer: expected a float, got None"),
    (np.array(2.0), Variable(np.array(2.0)), "✗ answer: expected a Variable, got a float: 2.0"),
    (Variable(np.array(3.0)), Variable(np.array(2.0)), "✗ answer: expected Variable(2.0), got Variable(3.0)"),
    ({"x": 1}, {"x": 2}, "✗ answer: expected {'x': 2}, got {'x': 1}"),
])
def test_check_value_fails(answer, expected, line):
    assert wrong(exercises.check_value, "answer", lambda: answer, expected) == line


def test_check_value_tolerance(capsys):
    exercises.check_value("answer", lambda: 3.01, 3.0, tol=0.1)
    assert verdict(capsys) == "✓ answer: 3.01 is right"
    assert wrong(exercises.check_value, "answer", lambda: 3.01, 3.0) == "✗ answer: expected 3.0, got 3.01"


def test_check_value_takes_a_function():
    with pytest.raises(TypeError, match="function of no arguments"):
        exercises.check_value("answer", 3.0, 3.0)


def test_check_value_not_done_names_the_function():
    def my_prediction():
        raise NotImplementedError()

    assert not_done(exercises.check_value, "x.grad", my_prediction, 3.0) == (
        "… not done yet: my_prediction still raises NotImplementedError (replace it with your code)")


def test_check_value_error_in_answer():
    def my_prediction():
        return undefined_name  # noqa: F821

    assert wrong(exercises.check_value, "x.grad", my_prediction, 3.0) == (
        "✗ my_prediction raised NameError: name 'undefined_name' is not defined")


def test_check_raises_passes_with_the_message(capsys):
    def make_variable():
        raise TypeError("data must be a numpy array")

    assert exercises.check_raises(make_variable, TypeError) is None
    assert verdict(capsys) == "✓ make_variable raised TypeError: data must be a numpy array"


def test_check_raises_accepts_a_subclass(capsys):
    exercises.check_raises(lambda: 1 / 0, ArithmeticError)
    assert verdict(capsys) == "✓ the code raised ZeroDivisionError: division by zero"


@pytest.mark.parametrize("action, line", [
    (lambda: None, "✗ the code should raise TypeError, but raised nothing"),
    (lambda: int("x"),
     "✗ the code should raise TypeError, but raised ValueError: invalid literal for int() with base 10: 'x'"),
])
def test_check_raises_fails(action, line):
    assert wrong(exercises.check_raises, action, TypeError) == line


def test_check_raises_not_done():
    def break_it():
        raise NotImplementedError()

    assert not_done(exercises.check_raises, break_it, TypeError).startswith(
        "… not done yet: break_it still raises NotImplementedError")


def test_check_true(capsys):
    exercises.check_true("the graph is a chain", lambda: np.True_, "it branches")
    assert verdict(capsys) == "✓ the graph is a chain"
    assert wrong(exercises.check_true, "the graph is a chain", lambda: False, "it branches at x") == (
        "✗ the graph is a chain: it branches at x")
    assert wrong(exercises.check_true, "the graph is a chain", lambda: 1, "it branches") == (
        "✗ the graph is a chain: expected True or False, got an int: 1")


def test_not_done_names_the_unfinished_function_behind_a_lambda():
    def square_then_cube(x):
        raise NotImplementedError()

    assert not_done(exercises.check_value, "cube of square", lambda: square_then_cube(2.0), 64.0).startswith(
        "… not done yet: square_then_cube still raises")
    assert not_done(exercises.check_true, "forward runs", lambda: TodoForward()(Variable(np.array(2.0))),
                    "").startswith("… not done yet: TodoForward.forward still raises")


def test_not_done_falls_back_to_the_label():
    # Raised by top-level code, as in a notebook cell: no function to name.
    assert not_done(exercises.check_value, "the answer", lambda: exec("raise NotImplementedError"), 1.0) \
        .startswith("… not done yet: the answer still raises")


def test_jupyter_shows_a_verdict_as_one_line_error(tmp_path):
    """What nbclient (and so nbval and nbgrader) records: an error output whose traceback is the verdict."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in [
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nimport numpy as np\n"
        "from dezero_steps import exercises\nfrom dezero_steps.step06 import Function, Variable",
        'exercises.check_value("x", lambda: 3.0, 3)',
        'def my_prediction():\n    raise NotImplementedError()\n\n\n'
        'exercises.check_value("x", my_prediction, 3)',
        'exercises.check_value("x", lambda: 3, 3)',
    ]]
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    wrong_output, not_done_output = nb.cells[1].outputs, nb.cells[2].outputs
    assert [(out.output_type, out.ename, out.traceback) for out in wrong_output] == [
        ("error", "Wrong", ["✗ x: expected an int, got a float: 3.0"])]
    assert [(out.output_type, out.ename, out.traceback) for out in not_done_output] == [
        ("error", "NotDone", ["… not done yet: my_prediction still raises NotImplementedError "
                              "(replace it with your code)"])]
    assert nb.cells[3].outputs[0].text == "✓ x: 3 is right\n"


def test_gradient_verdicts_name_the_inputs_as_the_reader_does():
    class Scaled(step24.Function):  # the gradient for b is twice what it should be
        def forward(self, a, b):
            return a * b

        def backward(self, gy):
            a, b = self.inputs
            return gy * b.data, 2 * gy * a.data

    line = wrong(exercises.check_backward, Scaled, step24.Variable, n_inputs=2)
    assert line.startswith("✗ Scaled.backward, gradient for b, at a = "), line
    line = wrong(exercises.check_gradient, "u v", lambda u, v: u * v, step24.Variable, n_inputs=2,
                 expected=lambda u, v: (v, 2 * u))
    assert line.startswith("✗ u v: v.grad at u = "), line
    line = wrong(exercises.check_gradient, "product", lambda *xs: xs[0] * xs[1], step24.Variable, n_inputs=2,
                 expected=lambda x0, x1: (2 * x1, x0))
    assert line.startswith("✗ product: x0.grad at x0 = "), line
