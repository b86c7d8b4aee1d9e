"""Bad input gets a clear error, and backward keeps its promises, in every step from the one
where the behaviour starts.

Each case below says from which steps it applies (read off tests/steps.py) and checks one
step; a case no step has reached yet shows up as one skipped test. (The exporter's side, a
malformed notebook leaving every module untouched, is in test_export.py.)
"""
import numpy as np
import pytest

from steps import steps

CASES = []


def case(applies):
    """Register a check(step) that runs for every step where applies(step) holds."""
    def register(check):
        CASES.append((check, applies))
        return check
    return register


def raised(kind, call):
    """The message of the exception of type `kind` that call() raises (fail if none)."""
    with pytest.raises(kind) as info:
        call()
    return str(info.value)


def assert_names(message, *names):
    """The message names each of `names` and is the framework's own, not numpy's."""
    for name in names:
        assert name in message, f"the error does not name {name}: {message!r}"
    assert "ufunc" not in message, f"numpy's message came through instead of the framework's: {message!r}"


def square(step):
    """A squaring Function of the step (its own Square when it has one with a backward)."""
    own = step.function("Square")
    if own in step.backward_functions:
        return own
    return step.unary("Square", lambda x: x ** 2, lambda x: 2 * x)


def checks_types(step):
    return step.numbers in ("refused", "accepted")


@case(checks_types)
def variable_names_the_type_it_refuses(step):
    for value, name in [(1.0, "float"), ("text", "str"), ([1, 2], "list")]:
        assert_names(raised(TypeError, lambda: step.Variable(value)), name)


@case(lambda step: step.numbers == "refused" and step.functions)
def function_names_the_type_it_refuses(step):
    for cls in step.functions:
        for value, name in [(1.0, "float"), (np.array(1.0), "ndarray")]:
            assert_names(raised(TypeError, lambda: step.apply(cls(), *[value] * step.inputs_of(cls))), name)


@case(lambda step: step.numbers == "accepted")
def operators_refuse_what_is_not_a_number(step):
    x = step.variable(2.0)
    assert_names(raised(TypeError, lambda: x + "a"), "str")
    assert_names(raised(TypeError, lambda: x * [1, 2]), "list")


@case(lambda step: step.numbers == "accepted")
def operators_name_shapes_that_do_not_fit(step):
    a, b = step.Variable(np.ones((2, 3))), step.Variable(np.ones((3, 2)))
    assert_names(raised(ValueError, lambda: a + b), "(2, 3)", "(3, 2)")


@case(lambda step: step.find("add") is not None)
def add_with_one_argument(step):
    x = step.variable(1.0)
    assert_names(raised(TypeError, lambda: step.find("add")(x)))


@case(lambda step: step.seeds_itself)
def backward_on_a_variable_no_function_made(step):
    for shape in [(), (2, 3)]:
        x = step.Variable(np.arange(1.0, 1.0 + np.prod(shape)).reshape(shape))
        x.backward()
        grad = step.grad(x)
        assert isinstance(grad, np.ndarray) and grad.shape == shape and (grad == 1.0).all()


@case(lambda step: step.backpropagates)
def a_variable_off_the_path_keeps_no_gradient(step):
    x, unused = step.variable(3.0), step.variable(5.0)
    Add = step.function("Add")
    if Add in step.backward_functions:  # two inputs: both on the path
        other = step.variable(4.0)
        [y] = step.apply(Add(), x, other)
        step.backpropagate(y)
        assert step.grad(other) == 1.0
    else:
        [y] = step.apply(square(step)(), x)
        step.backpropagate(y)
    assert step.grad(x) is not None and unused.grad is None


@case(lambda step: step.backpropagates and step.has_cleargrad)
def backward_twice_adds_up_until_cleargrad(step):
    x = step.variable(2.0)
    [y] = step.apply(square(step)(), x)
    step.backpropagate(y)
    step.backpropagate(y)
    assert step.grad(x) == 2 * (2 * 2.0)  # d(x^2)/dx = 2x, twice
    x.cleargrad()
    [y] = step.apply(square(step)(), x)
    step.backpropagate(y)
    assert step.grad(x) == 2 * 2.0


def params():
    found = []
    for check, applies in CASES:
        chosen = [step for step in steps() if applies(step)]
        found += [pytest.param(check, step, id=f"{check.__name__}-{step.id}") for step in chosen]
        if not chosen:
            found.append(pytest.param(check, None, id=check.__name__,
                                      marks=pytest.mark.skip(reason="no step has this behaviour yet")))
    return found


@pytest.mark.parametrize("check, step", params())
def test_error_case(check, step):
    check(step)
