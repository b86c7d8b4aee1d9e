"""Checks for the exercises at the end of a DeZero Steps notebook.

A check runs the reader's code. When the answer is right it prints one line and returns None:

    ✓ Cube.backward matches the numerical gradient at 4 points (3 numbers and a 2×3 array), with gy ≠ 1

When it is wrong it raises `Wrong`, and while the reader's code still raises NotImplementedError it
raises `NotDone`. Both are AssertionErrors (so a graded check fails under nbgrader, and Run All stops
there) that Jupyter and Colab show as their one-line message, without a traceback:

    ✗ Cube.backward at x = 0.5, gy = -1.9: expected -1.425, got 0.75 (the local derivative alone: multiply it by gy)
    … not done yet: Cube.backward still raises NotImplementedError (replace it with your code)

The checks:

    check_forward(function_class, variable_class, expected, n_inputs=1, low=-2.0, high=2.0)
    check_backward(function_class, variable_class, n_inputs=1, low=-2.0, high=2.0)
    check_gradient(label, formula, variable_class, n_inputs=1, expected=None, low=-2.0, high=2.0)
    check_value(label, answer, expected, tol=1e-6)
    check_raises(action, exception)
    check_true(label, condition, explanation)

Functions and gradients are tried at seeded random points drawn from [low, high]: a number from its
lower half, one from its upper half, one from anywhere, and a 2×3 array. The upstream gradient gy is
random too, never 1, so a backward that forgets `* gy` fails. Every call gets fresh Variables holding
copies of the points, and a Function that changes its input (or gy) in place fails.

The checks work with every version of the framework the steps build, and tell them apart by the
objects themselves: `__call__(self, input)` takes one Variable (steps 2-10), `__call__(self, inputs)`
a list (step 11), `__call__(self, *inputs)` several (step 12 on); backward returns a single gradient,
or one per input in a tuple when the Function keeps `inputs` (step 13 on); and gradients are Variables
when `Variable.backward` seeds a Variable gradient (step 32 on), so gy is then passed as a Variable and
the gradients must be Variables.

Types are checked before values. A number is a bool, an int or a float whatever its flavour: Python's
float, numpy's float64 and a 0-dimensional float array are all the same float (numpy itself turns one
into the other in arithmetic), but a float is not an int, an int is not a bool, and numbers are not
strings. Arrays with dimensions must be arrays of the same shape and kind (bool, int or float); a tuple is
not a list; a Variable must be a Variable (of the expected class), compared by its data.
Numbers are printed with six significant digits, floats always with a decimal point or an exponent
(`3.0`, `0.75`, `1e-08`), the same on every numpy version.
"""
import inspect
import math

import numpy as np

PASS, FAIL, NOT_DONE = "✓", "✗", "… not done yet:"
EPS = 1e-4  # step of the central difference
FORWARD_TOL = 1e-9  # forward values are computed exactly, up to rounding
GRADIENT_TOL = 1e-4  # the central difference is itself an approximation
ARRAY_SHAPE = (2, 3)
POINTS_TEXT = "4 points (3 numbers and a 2×3 array)"


class _Verdict(AssertionError):
    """A check's verdict on the reader's answer; Jupyter shows just its message."""

    def _render_traceback_(self):
        # IPython (Jupyter, Colab) calls this to show an exception: one line instead of a traceback.
        return [str(self)]


class Wrong(_Verdict):
    """The answer is wrong; the message (starting with ✗) says what was expected and what came."""


class NotDone(_Verdict):
    """The reader's code still raises NotImplementedError: the exercise is not done yet."""


# ---------------------------------------------------------------------------------------------
# Describing values in a verdict

def _fmt(value):
    """A value as verdict text: numbers with six significant digits, containers item by item."""
    if value is None:
        return "None"
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, type):
        return value.__name__
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        text = format(float(value), ".6g")
        return text if any(c in text for c in ".ein") else text + ".0"
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return _fmt(value[()])
        return "[" + ", ".join(_fmt(item) for item in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(_fmt(item) for item in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, list):
        return "[" + ", ".join(_fmt(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_fmt(key)}: {_fmt(item)}" for key, item in value.items()) + "}"
    if _is_variable_like(value):
        return f"{type(value).__name__}({_fmt(value.data)})"
    return f"a {type(value).__name__} object"


def _is_variable_like(value):
    return hasattr(value, "data") and not isinstance(value, (np.ndarray, np.generic))


def _number_kind(value):
    """'bool', 'int' or 'float' for a number in any flavour (0-dimensional arrays included), else None."""
    if isinstance(value, np.ndarray):
        if value.ndim > 0:
            return None
        value = value[()]
    if isinstance(value, (bool, np.bool_)):
        return "bool"
    if isinstance(value, (int, np.integer)):
        return "int"
    if isinstance(value, (float, np.floating)):
        return "float"
    return None


ARRAY_KINDS = {"b": "bool", "i": "int", "u": "int", "f": "float"}


def _describe(value):
    """What a value is, as a verdict names it: 'an int', 'a float array of shape (2, 3)', 'a Variable'."""
    kind = _number_kind(value)
    if kind is not None:
        return f"an {kind}" if kind == "int" else f"a {kind}"
    if value is None:
        return "None"
    if isinstance(value, np.ndarray):
        kind = ARRAY_KINDS.get(value.dtype.kind, str(value.dtype))
        return f"{_article(kind)} {kind} array of shape {value.shape}"
    if isinstance(value, type):
        return f"the class {value.__name__}"
    if isinstance(value, (tuple, list)):
        items = "1 item" if len(value) == 1 else f"{len(value)} items"
        return f"a {type(value).__name__} of {items}"
    name = type(value).__name__
    return f"{_article(name)} {name}"


def _article(word):
    return "an" if word[:1].lower() in "aeiou" else "a"


def _other_type(got, want):
    text = f"expected {_describe(want)}, got {_describe(got)}"
    return text if got is None or isinstance(got, type) else f"{text}: {_fmt(got)}"


def _mismatch(got, want, tol):
    """None when `got` is `want` (same type, value within `tol`), else the text 'expected ..., got ...'."""
    expected, came = f"expected {_fmt(want)}", f"got {_fmt(got)}"
    if isinstance(want, type):
        return None if got is want else f"{expected}, {came}"
    kind = _number_kind(want)
    if kind is not None:
        if _number_kind(got) != kind:
            return _other_type(got, want)
        want, got = np.asarray(want)[()], np.asarray(got)[()]
        same = math.isclose(got, want, rel_tol=tol, abs_tol=tol) if kind == "float" else got == want
        return None if same else f"{expected}, {came}"
    if isinstance(want, np.ndarray):
        if not isinstance(got, np.ndarray) or _describe(got) != _describe(want):
            return _other_type(got, want)
        same = np.allclose(got, want, rtol=tol, atol=tol) if want.dtype.kind == "f" else np.array_equal(got, want)
        return None if same else f"{expected}, {came}"
    if isinstance(want, (tuple, list)):
        if type(got) is not type(want) or len(got) != len(want):
            return _other_type(got, want)
        if any(_mismatch(g, w, tol) for g, w in zip(got, want)):
            return f"{expected}, {came}"
        return None
    if _is_variable_like(want):
        if not isinstance(got, type(want)):
            return _other_type(got, want)
        return None if _mismatch(got.data, want.data, tol) is None else f"{expected}, {came}"
    if type(got) is not type(want):
        return _other_type(got, want)
    return None if got == want else f"{expected}, {came}"


# ---------------------------------------------------------------------------------------------
# Running the reader's code

def _run(label, action):
    """Call the reader's code; a NotImplementedError or any other error becomes the verdict."""
    try:
        return action()
    except NotImplementedError as exc:
        raise NotDone(_not_done(exc, label)) from None
    except _Verdict:
        raise
    except Exception as exc:
        raise Wrong(f"{FAIL} {label} raised {_describe_error(exc)}") from None


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


def _points(n_inputs, low, high):
    """The seeded input points: each a tuple of n_inputs float arrays (three 0-dimensional, one 2×3)."""
    rng = np.random.default_rng(0)
    middle = (low + high) / 2
    ranges = [(low, middle, ()), (middle, high, ()), (low, high, ()), (low, high, ARRAY_SHAPE)]
    return [tuple(np.array(rng.uniform(a, b, size=shape)) for _ in range(n_inputs)) for a, b, shape in ranges]


def _upstream_gradient(shape, seed):
    """A random gy of `shape`: sizes 1.5 to 2.5 with random signs, so never 1."""
    rng = np.random.default_rng(100 + seed)
    return np.array(rng.uniform(1.5, 2.5, size=shape) * rng.choice([-1.0, 1.0], size=shape))


def _input_names(n_inputs, parameters=()):
    """How verdicts name the inputs: by the reader's own parameter names when there are n_inputs of
    them (`def f(a, b)` gives a and b), else x for one input and x0, x1, ... for several."""
    if len(parameters) == n_inputs:
        return list(parameters)
    return ["x"] if n_inputs == 1 else [f"x{i}" for i in range(n_inputs)]


def _parameters(function):
    """The names of a function's positional parameters ([] when it has no signature to read)."""
    try:
        return [p.name for p in inspect.signature(function).parameters.values()
                if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        return []


def _forward_names(function_class, n_inputs):
    """The input names of a Function, read from its forward(self, x0, x1)."""
    return _input_names(n_inputs, _parameters(getattr(function_class, "forward", None))[1:])


def _at(names, arrays, index, gy=None):
    """'x0 = 0.3, x1 = -1.2, gy = 2.1': the inputs (and gy) at element `index` of the point."""
    parts = [f"{name} = {_fmt(array[index])}" for name, array in zip(names, arrays)]
    if gy is not None and np.shape(gy) in ((), arrays[0].shape):
        parts.append(f"gy = {_fmt(np.asarray(gy)[index if np.ndim(gy) else ()])}")
    text = ", ".join(parts)
    if arrays[0].ndim:
        return f"the 2×3 array point, element {list(index)} ({text})"
    return text


def _first_difference(got, want, tol):
    """The index of the first element where `got` and `want` differ by more than `tol`."""
    close = np.isclose(got, want, rtol=tol, atol=tol)
    return tuple(int(i) for i in np.argwhere(~np.asarray(close))[0]) if np.ndim(close) else ()


def _calls_with(function_class, n_inputs):
    """How the framework's Function takes its inputs, read from the signature of `__call__`."""
    parameters = list(inspect.signature(function_class.__call__).parameters.values())[1:]
    if any(p.kind is p.VAR_POSITIONAL for p in parameters):
        return lambda f, variables: f(*variables)  # step 12 on: f(x0, x1)
    if n_inputs == 1 and parameters and parameters[0].name != "inputs":
        return lambda f, variables: f(variables[0])  # steps 2-10: f(x)
    return lambda f, variables: f(list(variables))  # step 11: f([x0, x1])


def _one_output(label, output, variable_class):
    """The output Variable of a call (unwrapping step 11's list of one), or Wrong."""
    if isinstance(output, (list, tuple)) and len(output) == 1:
        output = output[0]
    if not isinstance(output, variable_class):
        raise Wrong(f"{FAIL} {label} returned {_describe(output)}, not a {variable_class.__name__}")
    return output


def _gradients_are_variables(variable_class):
    """True for a framework whose gradients are Variables (step 32 on), seen from the gradient
    Variable.backward gives a lone variable."""
    lone = variable_class(np.array(1.0))
    try:
        lone.backward()
    except Exception:  # a variable without a creator trips some versions of backward, after the seed
        pass
    return isinstance(getattr(lone, "grad", None), variable_class)


def _unchanged(label, names, variables, points, gy=None, gy_given=None):
    """Wrong when the reader's code changed an input (or gy) in place."""
    for name, variable, point in zip(names, variables, points):
        if not (isinstance(variable.data, np.ndarray) and np.array_equal(variable.data, point)):
            raise Wrong(f"{FAIL} {label} changed its input {name} in place (as `{name} += ...` or "
                        f"`{name} *= ...` do): compute a new array instead")
    if gy is not None and not np.array_equal(gy_given, gy):
        raise Wrong(f"{FAIL} {label} changed gy in place (as `gy *= ...` does): compute a new array instead")


def _gradient(label, name, got, shape, grads_are_variables, variable_class):
    """The array of one reader's gradient, once its type and shape are right, or Wrong."""
    if grads_are_variables:
        if not isinstance(got, variable_class):
            raise Wrong(f"{FAIL} {label}: the gradient for {name} must be a {variable_class.__name__} "
                        f"(gradients are Variables from step 32 on), got {_describe(got)}")
        got = got.data
    elif not (isinstance(got, (np.ndarray, np.generic, int, float)) and np.asarray(got).dtype.kind in "iuf"):
        raise Wrong(f"{FAIL} {label}: the gradient for {name} must be a numpy array, got {_describe(got)}")
    if np.shape(got) != shape:
        raise Wrong(f"{FAIL} {label}: the gradient for {name} must have the shape of {name}, {shape}, "
                    f"got shape {np.shape(got)}")
    return np.asarray(got, dtype=float)


def _numerical_gradients(evaluate, point, gy):
    """Central differences of sum(gy * evaluate(*arrays)) with respect to each array of the point."""
    grads = []
    for i, array in enumerate(point):
        grad = np.zeros(array.shape)
        for index in np.ndindex(array.shape):
            def shifted(step):
                arrays = [a.copy() for a in point]
                arrays[i][index] += step
                return np.sum(gy * np.asarray(evaluate(*arrays), dtype=float))
            grad[index] = (shifted(EPS) - shifted(-EPS)) / (2 * EPS)
        grads.append(grad)
    return grads


def _compare_gradients(subject, names, point, gy, gots, wants, how):
    """Wrong at the first element where a gradient differs from the expected one;
    `subject(name)` says whose gradient it is in the verdict."""
    for name, got, want in zip(names, gots, wants):
        if np.allclose(got, want, rtol=GRADIENT_TOL, atol=GRADIENT_TOL):
            continue
        index = _first_difference(got, want, GRADIENT_TOL)
        where = _at(names, point, index, gy)
        hint = ""
        local = np.divide(want, gy, out=np.zeros_like(want), where=gy != 0) if np.shape(gy) == np.shape(want) else None
        if local is not None and np.allclose(got, local, rtol=GRADIENT_TOL, atol=GRADIENT_TOL):
            hint = " (the local derivative alone: multiply it by gy)"
        raise Wrong(f"{FAIL} {subject(name)} at {where}: expected {_fmt(want[index])} ({how}), "
                    f"got {_fmt(got[index])}{hint}")


# ---------------------------------------------------------------------------------------------
# The checks

def check_forward(function_class, variable_class, expected, n_inputs=1, low=-2.0, high=2.0):
    """Check `function_class()(*variables).data` against `expected(*arrays)` (numpy) at seeded points.

    Prints one ✓ line when it matches everywhere; raises Wrong or NotDone otherwise.
    """
    label = f"{function_class.__name__}.forward"
    call = _calls_with(function_class, n_inputs)
    names = _forward_names(function_class, n_inputs)
    for point in _points(n_inputs, low, high):
        want = np.asarray(expected(*[a.copy() for a in point]), dtype=float)
        variables = [variable_class(a.copy()) for a in point]
        output = _one_output(f"{function_class.__name__}()", _run(label, lambda: call(function_class(), variables)),
                             variable_class)
        _unchanged(label, names, variables, point)
        got = output.data
        if _number_kind(got) is None and not (isinstance(got, np.ndarray) and got.dtype.kind in ARRAY_KINDS):
            raise Wrong(f"{FAIL} {label} at {_at(names, point, ())}: expected {_fmt(want)}, got {_describe(got)}")
        got = np.asarray(got, dtype=float)
        if got.shape != want.shape:
            raise Wrong(f"{FAIL} {label} at {_at(names, point, ())}: expected a result of shape {want.shape}, "
                        f"got shape {got.shape}")
        if not np.allclose(got, want, rtol=FORWARD_TOL, atol=FORWARD_TOL):
            index = _first_difference(got, want, FORWARD_TOL)
            raise Wrong(f"{FAIL} {label} at {_at(names, point, index)}: expected {_fmt(want[index])}, "
                        f"got {_fmt(got[index])}")
    print(f"{PASS} {label} matches the expected values at {POINTS_TEXT}")


def check_backward(function_class, variable_class, n_inputs=1, low=-2.0, high=2.0):
    """Check `backward(gy)` against central differences of the function's own forward, at seeded points.

    At each point the function is called once, then its backward with a random gy ≠ 1; the gradients
    (a single one for one input, a tuple of one per input for several) must match the central
    differences of forward, each evaluated on a fresh instance. Prints one ✓ line, or raises.
    """
    name = function_class.__name__
    if not callable(getattr(function_class, "backward", None)):
        raise Wrong(f"{FAIL} {name} has no backward method: this check needs a Function with "
                    "backward(gy), as built in step 6")
    call = _calls_with(function_class, n_inputs)
    names = _forward_names(function_class, n_inputs)
    variable_grads = _gradients_are_variables(variable_class)
    label = f"{name}.backward"

    def forward_data(*arrays):
        return _run(f"{name}.forward", lambda: call(function_class(), [variable_class(a) for a in arrays]).data)

    for number, point in enumerate(_points(n_inputs, low, high)):
        f = function_class()
        variables = [variable_class(a.copy()) for a in point]
        output = _one_output(f"{name}()", _run(f"{name}.forward", lambda: call(f, variables)), variable_class)
        _unchanged(f"{name}.forward", names, variables, point)
        gy = _upstream_gradient(np.shape(output.data), number)
        given = variable_class(gy.copy()) if variable_grads else gy.copy()
        got = _run(label, lambda: f.backward(given))
        _unchanged(label, names, variables, point, gy, given.data if variable_grads else given)
        if n_inputs == 1 and isinstance(got, tuple) and len(got) == 1 and hasattr(f, "inputs"):
            got = got[0]  # from step 13 on, one gradient may come in a tuple of one
        if n_inputs > 1 and not (isinstance(got, tuple) and len(got) == n_inputs):
            raise Wrong(f"{FAIL} {label} must return a tuple of {n_inputs} gradients (one per input), "
                        f"got {_describe(got)}")
        gots = [got] if n_inputs == 1 else list(got)
        gots = [_gradient(label, n, g, a.shape, variable_grads, variable_class) for n, g, a in zip(names, gots, point)]
        wants = _numerical_gradients(forward_data, point, gy)
        _compare_gradients(lambda n: label if n_inputs == 1 else f"{label}, gradient for {n},",
                           names, point, gy, gots, wants, "numerical gradient")
    print(f"{PASS} {label} matches the numerical gradient at {POINTS_TEXT}, with gy ≠ 1")


def check_gradient(label, formula, variable_class, n_inputs=1, expected=None, low=-2.0, high=2.0):
    """Check the gradients the framework's `y.backward()` gives for `y = formula(*variables)`.

    `y.grad` is seeded with a random gy ≠ 1 before `y.backward()`; every input's `.grad` must match
    central differences of the formula and, when given, `expected(*arrays)`: the closed-form
    derivatives dy/dx (a tuple, one per input; a single array for one input), which the check
    multiplies by gy (so they must be element-wise, or y a single number). The central differences
    catch a wrong forward pass even behind a right backward. Prints ✓, or raises.
    """
    names = _input_names(n_inputs, _parameters(formula))
    variable_grads = _gradients_are_variables(variable_class)
    how = "numerical gradient" if expected is None else "closed form"
    for number, point in enumerate(_points(n_inputs, low, high)):
        variables = [variable_class(a.copy()) for a in point]
        y = _run(label, lambda: formula(*variables))
        if not isinstance(y, variable_class):
            raise Wrong(f"{FAIL} {label}: the formula returned {_describe(y)}, not a {variable_class.__name__}")
        gy = _upstream_gradient(np.shape(y.data), number)
        seed = variable_class(gy.copy()) if variable_grads else gy.copy()
        y.grad = seed
        _run(f"{label}: y.backward()", y.backward)
        _unchanged(label, names, variables, point)
        if not np.array_equal(seed.data if variable_grads else seed, gy):
            raise Wrong(f"{FAIL} {label}: y.backward() changed y.grad in place (as `gy *= ...` or "
                        "`x.grad += gx` do): compute a new array instead")
        gots = []
        for name, variable, array in zip(names, variables, point):
            if variable.grad is None:
                raise Wrong(f"{FAIL} {label}: {name}.grad is None after y.backward() "
                            f"(the gradient never reached {name})")
            gots.append(_gradient(label, name, variable.grad, array.shape, variable_grads, variable_class))
        if expected is not None:
            closed = expected(*[a.copy() for a in point])
            closed = closed if isinstance(closed, tuple) else (closed,)
            wants = [np.broadcast_to(gy * np.asarray(d, dtype=float), a.shape) for d, a in zip(closed, point)]
            _compare_gradients(lambda n: f"{label}: {n}.grad", names, point, gy, gots, wants, "closed form")

        def formula_data(*arrays):
            return _run(label, lambda: formula(*[variable_class(a) for a in arrays]).data)
        # Even when the gradients match a closed form, a wrong forward pass shows here.
        wants = _numerical_gradients(formula_data, point, gy)
        _compare_gradients(lambda n: f"{label}: {n}.grad", names, point, gy, gots, wants,
                           "numerical gradient of the forward pass")
    print(f"{PASS} {label}: the gradients match the {how} at {POINTS_TEXT}, with y.grad ≠ 1")


def check_value(label, answer, expected, tol=1e-6):
    """Call `answer()` (the reader's zero-argument function) and compare its result with `expected`.

    The type must be right first (see the module's description), then the value: numbers and float
    arrays within `tol` (relative and absolute), everything else exactly. An exception class (for
    "which error is raised?") must be returned as the class itself, e.g. `return TypeError`.
    Prints one ✓ line, starting with `label`, or raises Wrong or NotDone.
    """
    if not callable(answer):
        raise TypeError("check_value takes the answer as a function of no arguments, e.g. my_prediction "
                        "or lambda: ...")
    got = _run(_name(answer, label), answer)
    problem = _mismatch(got, expected, tol)
    if problem:
        raise Wrong(f"{FAIL} {label}: {problem}")
    print(f"{PASS} {label}: {_fmt(got)} is right")


def check_raises(action, exception):
    """Call `action()` (zero arguments) and pass when it raises `exception` (or a subclass).

    Prints one ✓ line with the error message, or raises Wrong or NotDone.
    """
    label = _name(action, "the code")
    try:
        action()
    except exception as exc:
        print(f"{PASS} {label} raised {_describe_error(exc)}")
        return
    except NotImplementedError as exc:
        raise NotDone(_not_done(exc, label)) from None
    except Exception as exc:
        raise Wrong(f"{FAIL} {label} should raise {exception.__name__}, but raised {_describe_error(exc)}") from None
    raise Wrong(f"{FAIL} {label} should raise {exception.__name__}, but raised nothing")


def check_true(label, condition, explanation):
    """Pass when `condition()` returns True; otherwise `explanation` is the verdict.

    For checks that fit none of the others. Prints one ✓ line, or raises Wrong or NotDone.
    """
    result = _run(label, condition)
    if _number_kind(result) != "bool":
        raise Wrong(f"{FAIL} {label}: expected True or False, got {_describe(result)}: {_fmt(result)}")
    if not result:
        raise Wrong(f"{FAIL} {label}: {explanation}")
    print(f"{PASS} {label}")
