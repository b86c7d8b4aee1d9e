"""Checks for the exercises at the end of a DeZero Steps notebook.

Each check runs the reader's code, prints one short verdict and returns True or False:

    ✓ Cube.forward matches the expected values at 3 points
    ✗ Cube.backward at x = 0.5: expected 0.75 (numerical derivative), got 1.5
    … not done yet: Cube.backward still raises NotImplementedError (replace it with your code)

An error raised by the reader's code becomes a one-line verdict, never a traceback.
Numbers are printed with six significant digits, the same on every numpy version.
"""
import functools

import numpy as np

PASS, FAIL, NOT_DONE = "✓", "✗", "… not done yet:"
POINTS = (-1.0, 0.5, 2.0)
EPS = 1e-4  # step of the central difference
FORWARD_TOL = {"rtol": 1e-6, "atol": 1e-9}  # forward values are computed exactly
BACKWARD_TOL = {"rtol": 1e-4, "atol": 1e-6}  # the central difference is itself an approximation


class _Verdict(Exception):
    """Ends a check early; the message is the verdict to print."""


def _verdict(check):
    """Turn a check that returns (or raises) its verdict into one that prints it and returns True/False."""
    @functools.wraps(check)
    def run(*args, **kwargs):
        try:
            message = check(*args, **kwargs)
        except _Verdict as verdict:
            message = str(verdict)
        print(message)
        return message.startswith(PASS)
    return run


def _run(label, action):
    """Call the reader's code; a NotImplementedError or any other error ends the check with a verdict."""
    try:
        return action()
    except NotImplementedError as exc:
        raise _Verdict(_not_done(exc, label)) from None
    except Exception as exc:
        raise _Verdict(f"{FAIL} {label} raised {_describe_error(exc)}") from None


def _not_done(exc, label):
    """The verdict for a NotImplementedError, naming the function that raised it (`Cube.backward`)."""
    where = exc.__traceback__
    while where.tb_next is not None:
        where = where.tb_next
    name = where.tb_frame.f_code.co_name
    owner = where.tb_frame.f_locals.get("self")
    if name.startswith("<"):  # raised in a lambda or a cell: the check's own label says more
        name = label
    elif owner is not None:
        name = f"{type(owner).__name__}.{name}"
    return f"{NOT_DONE} {name} still raises NotImplementedError (replace it with your code)"


def _describe_error(exc):
    message = str(exc)
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _name(action, default):
    """How a verdict names a callable: its own name, or `default` for a lambda."""
    name = getattr(action, "__name__", "")
    return name if name.isidentifier() else default


def _fmt(value):
    """A value as verdict text: numbers and arrays with six significant digits."""
    if value is None:
        return "None"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, type):
        return value.__name__
    try:
        array = np.asarray(value)
    except ValueError:  # a ragged list
        return f"a {type(value).__name__} object"
    if array.dtype.kind not in "biuf":
        return f"a {type(value).__name__} object"
    if array.ndim > 0:
        return "[" + ", ".join(_fmt(item) for item in array) + "]"
    if array.dtype.kind == "b":
        return str(bool(array))
    return format(float(array), ".6g")


def _count(points):
    return "1 point" if len(points) == 1 else f"{len(points)} points"


def _close(got, expected, tol):
    """True when `got` is a number or array of the same shape as `expected` and within `tol`."""
    try:
        got = np.asarray(got, dtype=float)
        expected = np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return False
    return got.shape == expected.shape and bool(np.allclose(got, expected, **tol))


def _forward(function_class, variable_class, x):
    """`.data` of a fresh `function_class()` applied to `variable_class(np.array(x))`."""
    return function_class()(variable_class(np.array(x))).data


def _numerical_derivative(function_class, variable_class, x):
    """Central difference of the forward pass at x."""
    return (_forward(function_class, variable_class, x + EPS)
            - _forward(function_class, variable_class, x - EPS)) / (2 * EPS)


@_verdict
def check_forward(function_class, variable_class, expected, points=POINTS):
    """Compare `function_class()(variable_class(np.array(x))).data` with `expected(x)` at each point.

    Prints one verdict and returns True when every point matches.
    """
    label = f"{function_class.__name__}.forward"
    for x in points:
        got = _run(label, lambda: _forward(function_class, variable_class, x))
        want = expected(x)
        if not _close(got, want, FORWARD_TOL):
            return f"{FAIL} {label} at x = {_fmt(x)}: expected {_fmt(want)}, got {_fmt(got)}"
    return f"{PASS} {label} matches the expected values at {_count(points)}"


@_verdict
def check_backward(function_class, variable_class, points=POINTS):
    """Compare `backward(np.array(1.0))` with the numerical derivative of the function's forward pass.

    At each point the function is called once (so it keeps its input, as from step 6 on), then
    its backward result is compared with the central difference (step 1e-4) of `forward`,
    each evaluation on a fresh instance. Prints one verdict and returns True when every point matches.
    """
    name = function_class.__name__
    if not callable(getattr(function_class, "backward", None)):
        return (f"{FAIL} {name} has no backward method: this check needs a Function with "
                "backward(gy), as built in step 6")
    for x in points:
        f = function_class()
        _run(f"{name}.forward", lambda: f(variable_class(np.array(x))))
        got = _run(f"{name}.backward", lambda: f.backward(np.array(1.0)))
        want = _run(f"{name}.forward", lambda: _numerical_derivative(function_class, variable_class, x))
        if not _close(got, want, BACKWARD_TOL):
            return (f"{FAIL} {name}.backward at x = {_fmt(x)}: "
                    f"expected {_fmt(want)} (numerical derivative), got {_fmt(got)}")
    return f"{PASS} {name}.backward matches the numerical derivative at {_count(points)}"


@_verdict
def check_value(label, answer, expected, tol=1e-6):
    """Call `answer()` (the reader's zero-argument function) and compare its result with `expected`.

    - a number or array: equal within `tol` (relative and absolute) and of the same shape;
    - a string: exactly equal;
    - an exception class (for "which error is raised?"): `answer` must return that class itself,
      e.g. `return TypeError`.
    Prints one verdict, starting with `label`, and returns True when the answer is right.
    """
    got = _run(_name(answer, label), answer)
    if isinstance(expected, type) and issubclass(expected, BaseException):
        right = got is expected
    elif isinstance(expected, str):
        right = isinstance(got, str) and got == expected
    else:
        right = _close(got, expected, {"rtol": tol, "atol": tol})
    if right:
        return f"{PASS} {label}: {_fmt(got)} is right"
    return f"{FAIL} {label}: expected {_fmt(expected)}, got {_fmt(got)}"


@_verdict
def check_raises(action, exception):
    """Call `action()` (zero arguments) and pass when it raises `exception` (or a subclass).

    Prints one verdict, with the error message when it was raised, and returns True or False.
    """
    label = _name(action, "the code")
    try:
        action()
    except exception as exc:
        return f"{PASS} {label} raised {_describe_error(exc)}"
    except NotImplementedError as exc:
        return _not_done(exc, label)
    except Exception as exc:
        return f"{FAIL} {label} should raise {exception.__name__}, but raised {_describe_error(exc)}"
    return f"{FAIL} {label} should raise {exception.__name__}, but raised nothing"
