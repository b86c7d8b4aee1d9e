"""Plausible wrong answers that every exercise check must reject, and right ones it must accept.

The answers are written as a reader writes them in a notebook (source text, run with `exec`) and
tried on every framework the steps build: each dezero_steps.stepNN whose own Square has a working
backward. The reader's code reads its input as that framework does: `self.input.data` (steps 6-10),
`self.inputs[0].data` (step 13 on), or `x, = self.inputs` where gradients are Variables. Until a
step module with Variable gradients exists, a small framework written as the book writes it at
that point (below) stands in for it.

The second part runs the real exercises of the notebooks with their answer cells replaced by
wrong answers (the table WRONG_ANSWERS) and requires each check cell to end in a Wrong.
"""
import importlib
import inspect
import re

import nbformat
import numpy as np
import pytest

import notebook_runs
from checkout import ROOT, load_tool
from dezero_steps import exercises
from dezero_steps.exercises import NotDone, Wrong
from notebook_runs import WRONG_ANSWERS, error_name, wrong_answer_table

mark = load_tool("mark_exercises")


# ---------------------------------------------------------------------------------------------
# The frameworks

class BookVariableGradients:
    """The framework as the book has it once gradients are Variables: just enough of it
    (Add, Mul, Neg, Pow and their operators) for the answers below."""

    @staticmethod
    def build():
        def as_array(x):
            return np.array(x) if np.isscalar(x) else x

        def as_variable(obj):
            return obj if isinstance(obj, Variable) else Variable(as_array(obj))

        class Variable:
            __array_priority__ = 200

            def __init__(self, data):
                self.data, self.grad, self.creator = data, None, None

            def backward(self, retain_grad=False, create_graph=False):
                if self.grad is None:
                    self.grad = Variable(np.ones_like(self.data))
                funcs = [self.creator] if self.creator is not None else []
                while funcs:
                    f = funcs.pop()
                    gxs = f.backward(*[output.grad for output in f.outputs])
                    if not isinstance(gxs, tuple):
                        gxs = (gxs,)
                    for x, gx in zip(f.inputs, gxs):
                        x.grad = gx if x.grad is None else x.grad + gx
                        if x.creator is not None:
                            funcs.append(x.creator)

            def __add__(self, other):
                return Add()(self, other)

            def __mul__(self, other):
                return Mul()(self, other)

            def __neg__(self):
                return Neg()(self)

            def __pow__(self, c):
                return Pow(c)(self)

            __radd__, __rmul__ = __add__, __mul__

        class Function:
            def __call__(self, *inputs):
                inputs = [as_variable(x) for x in inputs]
                ys = self.forward(*[x.data for x in inputs])
                ys = ys if isinstance(ys, tuple) else (ys,)
                outputs = [Variable(as_array(y)) for y in ys]
                for output in outputs:
                    output.creator = self
                self.inputs, self.outputs = inputs, outputs
                return outputs if len(outputs) > 1 else outputs[0]

            def forward(self, *xs):
                raise NotImplementedError()

            def backward(self, gy):
                raise NotImplementedError()

        class Add(Function):
            def forward(self, x0, x1):
                return x0 + x1

            def backward(self, gy):
                return gy, gy

        class Mul(Function):
            def forward(self, x0, x1):
                return x0 * x1

            def backward(self, gy):
                x0, x1 = self.inputs
                return gy * x1, gy * x0

        class Neg(Function):
            def forward(self, x):
                return -x

            def backward(self, gy):
                return -gy

        class Pow(Function):
            def __init__(self, c):
                self.c = c

            def forward(self, x):
                return x ** self.c

            def backward(self, gy):
                x, = self.inputs
                return self.c * x ** (self.c - 1) * gy

        class Square(Function):
            def forward(self, x):
                return x ** 2

            def backward(self, gy):
                x, = self.inputs
                return 2 * x * gy

        return {"Variable": Variable, "Function": Function, "Square": Square, "np": np}


def step_modules():
    """Every dezero_steps.stepNN that imports (single modules and packages alike), in step order."""
    names = sorted({match.group(1) for path in (ROOT / "dezero_steps").iterdir()
                    if (match := re.fullmatch(r"(step\d\d)(\.py)?", path.name))})
    modules = []
    for name in names:
        try:
            modules.append(importlib.import_module(f"dezero_steps.{name}"))
        except ImportError:
            continue
    return modules


def style(namespace):
    """How a reader's backward reads its inputs in this framework, or None without a backward."""
    Variable, Function, Square = (namespace.get(name) for name in ("Variable", "Function", "Square"))
    if Variable is None or Function is None or Square is None:
        return None
    x, gy = np.array([0.5, -1.5]), np.array([3.0, -2.0])
    try:
        f = Square()
        parameters = inspect.signature(Function.__call__).parameters.values()
        if any(p.kind is p.VAR_POSITIONAL for p in parameters):
            f(Variable(x))
            if exercises._gradients_are_variables(Variable):
                return "variables" if np.allclose(f.backward(Variable(gy)).data, 2 * x * gy) else None
            return "inputs" if np.allclose(f.backward(gy), 2 * x * gy) else None
        if list(parameters)[1].name == "input":
            f(Variable(x))
            return "input" if np.allclose(f.backward(gy), 2 * x * gy) else None
    except Exception:  # a step whose backward does not work yet (steps 11-12)
        return None
    return None


def frameworks():
    """(id, namespace, style) of every framework with a working Function.backward."""
    found = []
    for module in step_modules():
        namespace = dict(vars(module), np=np)
        if (kind := style(namespace)) is not None:
            found.append((module.__name__.rpartition(".")[2], namespace, kind))
    if not any(kind == "variables" for _, _, kind in found):
        found.append(("book-variable-gradients", BookVariableGradients.build(), "variables"))
    return found


FRAMEWORKS = frameworks()
MULTI_INPUT = [fw for fw in FRAMEWORKS if fw[2] != "input"]
WITH_VARIABLE_BACKWARD = [fw for fw in FRAMEWORKS if callable(getattr(fw[1]["Variable"], "backward", None))]
READ_INPUT = {"input": "self.input.data", "inputs": "self.inputs[0].data", "variables": "self.inputs[0]"}
READ_INPUTS = {"inputs": "self.inputs[0].data, self.inputs[1].data", "variables": "self.inputs"}


def ids(items):
    return [item[0] for item in items]


def define(source, framework, name):
    """Run a reader's cell in the framework's namespace; the class or function it defines."""
    _, namespace, kind = framework
    source = source.replace("{x}", READ_INPUT[kind]).replace("{xs}", READ_INPUTS.get(kind, ""))
    namespace = dict(namespace)
    exec(source, namespace)
    return namespace[name]


def first_point():
    """The first input point the checks use (low=-2, high=2), seen through `expected`."""
    from dezero_steps import step06
    seen = []
    exercises.check_forward(step06.Square, step06.Variable, lambda x: seen.append(x) or x ** 2)
    return float(seen[0])


# ---------------------------------------------------------------------------------------------
# One input: Cube

CUBE = """
class Cube(Function):
    def forward(self, x):
        {forward}

    def backward(self, gy):
        x = {x}
        {backward}
"""
RIGHT_FORWARD = "return x ** 3"
RIGHT_BACKWARD = "return 3 * x ** 2 * gy"
ARRAY_STYLES = {"input", "inputs"}
ALL_STYLES = {"input", "inputs", "variables"}

# name: (forward, backward, styles where the answer is wrong)
WRONG_CUBES = {
    "missing * gy": (RIGHT_FORWARD, "return 3 * x ** 2", ALL_STYLES),
    "sign error": (RIGHT_FORWARD, "return -3 * x ** 2 * gy", ALL_STYLES),
    "power rule without its factor": (RIGHT_FORWARD, "return x ** 2 * gy", ALL_STYLES),
    "right at gy = 1 only": (RIGHT_FORWARD, "return 3 * x ** 2 * gy ** 2", ALL_STYLES),
    "adds gy instead of multiplying": (RIGHT_FORWARD, "return 3 * x ** 2 + gy - 1", ALL_STYLES),
    "right for x > 0 only": (RIGHT_FORWARD, "return 3 * x * abs(x) * gy", ARRAY_STYLES),
    "hard-coded number": (RIGHT_FORWARD, "return 82.3871", ALL_STYLES),
    "summed gradient": (RIGHT_FORWARD, "return np.sum(3 * x ** 2 * gy)", ARRAY_STYLES),
    "numbers only, not arrays": (RIGHT_FORWARD, "return 3 * float(x) ** 2 * gy", ALL_STYLES),
    "a list of one gradient": (RIGHT_FORWARD, "return [3 * x ** 2 * gy]", ALL_STYLES),
    "a tuple of one gradient before step 13": (RIGHT_FORWARD, "return (3 * x ** 2 * gy,)", {"input"}),
    "changes x in place in backward": (RIGHT_FORWARD, "x **= 2\n        return 3 * x * gy", ARRAY_STYLES),
    "changes gy in place": (RIGHT_FORWARD, "gy *= 3 * x ** 2\n        return gy", ARRAY_STYLES),
    "an array where a Variable is required": (RIGHT_FORWARD, "return 3 * x.data ** 2 * gy.data", {"variables"}),
    "a Variable where an array is required": (RIGHT_FORWARD, "return Variable(np.asarray(3 * x ** 2 * gy))",
                                              ARRAY_STYLES),
    "changes x in place in forward": ("x **= 3\n        return x", RIGHT_BACKWARD, ALL_STYLES),
}
WRONG_FORWARDS = {
    "square for cube": "return x ** 2",
    "right for x > 0 only": "return abs(x) ** 3",
    "sign error": "return -x ** 3",
    "hard-coded number": "return 82.3871",
    "hard-coded number right at one point": "return {first}",
    "no return": "x ** 3",
    "numbers only, not arrays": "return float(x) ** 3",
    "a list": "return [x ** 3]",
    "changes x in place": "x **= 3\n        return x",
}
RIGHT_CUBES = {
    "x ** 3": (RIGHT_FORWARD, RIGHT_BACKWARD, ALL_STYLES),
    "x * x * x": ("return x * x * x", "return 3 * x * x * gy", ALL_STYLES),
    "gy first, new array": (RIGHT_FORWARD, "return gy * (3 * x ** 2)", ALL_STYLES),
    "numpy power": ("return np.power(x, 3)", "return 3 * np.square(x) * gy", ARRAY_STYLES),
    "a tuple of one gradient from step 13 on": (RIGHT_FORWARD, "return (3 * x ** 2 * gy,)", {"inputs", "variables"}),
}


def cube(framework, forward=RIGHT_FORWARD, backward=RIGHT_BACKWARD):
    source = CUBE.replace("{forward}", forward).replace("{backward}", backward)
    return define(source.replace("{first}", repr(first_point() ** 3)), framework, "Cube")


def cases(table, frameworks_list):
    return [pytest.param(fw, name, id=f"{fw[0]}: {name}") for fw in frameworks_list for name, entry in table.items()
            if fw[2] in entry[-1]]


@pytest.mark.parametrize("framework, name", cases(WRONG_CUBES, FRAMEWORKS))
def test_check_backward_rejects(framework, name):
    forward, backward, _ = WRONG_CUBES[name]
    with pytest.raises(Wrong):
        exercises.check_backward(cube(framework, forward, backward), framework[1]["Variable"])


@pytest.mark.parametrize("framework, name", cases(WRONG_CUBES, WITH_VARIABLE_BACKWARD))
def test_check_gradient_rejects(framework, name):
    forward, backward, _ = WRONG_CUBES[name]
    Cube = cube(framework, forward, backward)
    with pytest.raises(Wrong):
        exercises.check_gradient("cube", lambda x: Cube()(x), framework[1]["Variable"])


@pytest.mark.parametrize("framework, name", [pytest.param(fw, name, id=f"{fw[0]}: {name}")
                                             for fw in FRAMEWORKS for name in WRONG_FORWARDS])
def test_check_forward_rejects(framework, name):
    with pytest.raises(Wrong):
        exercises.check_forward(cube(framework, WRONG_FORWARDS[name]), framework[1]["Variable"], lambda x: x ** 3)


@pytest.mark.parametrize("framework, name", cases(RIGHT_CUBES, FRAMEWORKS))
def test_right_cubes_pass(framework, name, capsys):
    forward, backward, _ = RIGHT_CUBES[name]
    Cube, Variable = cube(framework, forward, backward), framework[1]["Variable"]
    exercises.check_forward(Cube, Variable, lambda x: x ** 3)
    exercises.check_backward(Cube, Variable)
    closed_forms = [None, lambda x: 3 * x ** 2] if "backward" in dir(Variable) else []
    for expected in closed_forms:
        exercises.check_gradient("cube", lambda x: Cube()(x), Variable, expected=expected)
    assert all(line.startswith("✓ ") for line in capsys.readouterr().out.splitlines())


@pytest.mark.parametrize("framework", FRAMEWORKS, ids=ids(FRAMEWORKS))
def test_unfinished_cube_is_not_done(framework):
    todo = "raise NotImplementedError()"
    Variable = framework[1]["Variable"]
    for forward, backward in [(todo, RIGHT_BACKWARD), (RIGHT_FORWARD, todo)]:
        Cube = cube(framework, forward, backward)
        with pytest.raises(NotDone):
            exercises.check_backward(Cube, Variable)
        if callable(getattr(Variable, "backward", None)):
            with pytest.raises(NotDone):
                exercises.check_gradient("cube", lambda x: Cube()(x), Variable)
    with pytest.raises(NotDone):
        exercises.check_forward(cube(framework, todo), Variable, lambda x: x ** 3)


def test_hard_coded_number_is_right_at_the_first_point():
    """The hard-coded forward above fails for the right reason: it is right at one point only."""
    Cube = cube(FRAMEWORKS[0], WRONG_FORWARDS["hard-coded number right at one point"])
    with pytest.raises(Wrong) as info:
        exercises.check_forward(Cube, FRAMEWORKS[0][1]["Variable"], lambda x: x ** 3)
    assert "x = " in str(info.value) and f"x = {first_point():.6g}" not in str(info.value)


def test_every_kind_of_framework_is_covered():
    assert {kind for _, _, kind in FRAMEWORKS} == {"input", "inputs", "variables"}
    assert "step06" in ids(FRAMEWORKS) and "step10" in ids(FRAMEWORKS)


# ---------------------------------------------------------------------------------------------
# Two inputs: Mul and Sub

MUL = """
class Mul(Function):
    def forward(self, x0, x1):
        return x0 * x1

    def backward(self, gy):
        x0, x1 = {xs}
        {backward}
"""
SUB = """
class Sub(Function):
    def forward(self, x0, x1):
        {forward}

    def backward(self, gy):
        {backward}
"""
WRONG_MULS = {
    "gradient for only one input": "return gy * x1",
    "swapped gradients": "return gy * x0, gy * x1",
    "missing * gy": "return x1, x0",
    "missing * gy on one input": "return gy * x1, x0",
    "sign error": "return gy * x1, -gy * x0",
    "the same gradient twice": "return gy * x1, gy * x1",
    "a list for a tuple": "return [gy * x1, gy * x0]",
    "hard-coded numbers": "return 1.5, -0.5",
}
WRONG_SUBS = {
    "b - a for a - b (forward)": ("return x1 - x0", "return gy, -gy"),
    "b - a for a - b (backward)": ("return x0 - x1", "return -gy, gy"),
    "minus sign lost": ("return x0 - x1", "return gy, gy"),
}


def mul(framework, backward):
    return define(MUL.replace("{backward}", backward), framework, "Mul")


def sub(framework, forward, backward):
    return define(SUB.replace("{forward}", forward).replace("{backward}", backward), framework, "Sub")


@pytest.mark.parametrize("framework, name", [pytest.param(fw, name, id=f"{fw[0]}: {name}")
                                             for fw in MULTI_INPUT for name in WRONG_MULS])
def test_two_input_checks_reject_mul(framework, name):
    Mul, Variable = mul(framework, WRONG_MULS[name]), framework[1]["Variable"]
    with pytest.raises(Wrong):
        exercises.check_backward(Mul, Variable, n_inputs=2)
    with pytest.raises(Wrong):
        exercises.check_gradient("x0 * x1", lambda x0, x1: Mul()(x0, x1), Variable, n_inputs=2)


@pytest.mark.parametrize("framework, name", [pytest.param(fw, name, id=f"{fw[0]}: {name}")
                                             for fw in MULTI_INPUT for name in WRONG_SUBS])
def test_two_input_checks_reject_sub(framework, name):
    forward, backward = WRONG_SUBS[name]
    Sub, Variable = sub(framework, forward, backward), framework[1]["Variable"]
    if forward != "return x0 - x1":
        with pytest.raises(Wrong):
            exercises.check_forward(Sub, Variable, lambda x0, x1: x0 - x1, n_inputs=2)
    if backward != "return gy, -gy":
        with pytest.raises(Wrong):
            exercises.check_backward(Sub, Variable, n_inputs=2)
        with pytest.raises(Wrong):
            exercises.check_gradient("x0 - x1", lambda x0, x1: Sub()(x0, x1), Variable, n_inputs=2,
                                     expected=lambda x0, x1: (np.ones_like(x0), -np.ones_like(x1)))


@pytest.mark.parametrize("framework", MULTI_INPUT, ids=ids(MULTI_INPUT))
def test_two_input_right_answers_pass(framework, capsys):
    Variable = framework[1]["Variable"]
    Mul, Sub = mul(framework, "return gy * x1, gy * x0"), sub(framework, "return x0 - x1", "return gy, -gy")
    exercises.check_forward(Mul, Variable, lambda x0, x1: x0 * x1, n_inputs=2)
    exercises.check_backward(Mul, Variable, n_inputs=2)
    exercises.check_gradient("x0 * x1", lambda x0, x1: Mul()(x0, x1), Variable, n_inputs=2)
    exercises.check_gradient("x0 * x1", lambda x0, x1: Mul()(x0, x1), Variable, n_inputs=2,
                             expected=lambda x0, x1: (x1, x0))
    exercises.check_forward(Sub, Variable, lambda x0, x1: x0 - x1, n_inputs=2)
    exercises.check_backward(Sub, Variable, n_inputs=2)
    assert all(line.startswith("✓ ") for line in capsys.readouterr().out.splitlines())


def test_a_list_taking_function_is_called_with_a_list(capsys):
    """Step 11's Function takes a list of inputs and returns a list of outputs."""
    step11 = pytest.importorskip("dezero_steps.step11")
    namespace = dict(vars(step11))
    exec("class Add(Function):\n    def forward(self, xs):\n        x0, x1 = xs\n        return (x0 + x1,)\n",
         namespace)
    exercises.check_forward(namespace["Add"], step11.Variable, lambda x0, x1: x0 + x1, n_inputs=2)
    assert capsys.readouterr().out.startswith("✓ Add.forward")


def test_overwritten_gradients_fail_where_a_variable_is_used_twice():
    """x + x: step 13's backward overwrites x.grad (gradient 1), step 14's accumulates (gradient 2)."""
    step13 = pytest.importorskip("dezero_steps.step13")
    step14 = pytest.importorskip("dezero_steps.step14")
    with pytest.raises(Wrong):
        exercises.check_gradient("x + x", lambda x: step13.add(x, x), step13.Variable)
    exercises.check_gradient("x + x", lambda x: step14.add(x, x), step14.Variable,
                             expected=lambda x: 2 * np.ones_like(x))


def test_a_formula_must_build_a_variable():
    for _, namespace, kind in WITH_VARIABLE_BACKWARD:
        with pytest.raises(Wrong, match="not a Variable"):
            exercises.check_gradient("x squared", lambda x: x.data ** 2, namespace["Variable"])


# ---------------------------------------------------------------------------------------------
# check_value, check_raises, check_true

def variable(data):
    from dezero_steps.step09 import Variable
    return Variable(np.array(data))


WRONG_VALUES = {
    "a string '3' for an int": ("3", 3),
    "a float for an int": (3.0, 3),
    "an int for a float": (3, 3.0),
    "a bool for an int": (True, 1),
    "an int for a bool": (1, True),
    "a list for a tuple": ([1, 3, 2], (1, 3, 2)),
    "a tuple of floats for a tuple of ints": ((1.0, 3.0, 2.0), (1, 3, 2)),
    "a tuple in the wrong order": ((2, 3, 1), (1, 3, 2)),
    "a list for an array": ([1.0, 2.0], np.array([1.0, 2.0])),
    "an array of the wrong shape": (np.array([1.0, 2.0]), np.array([[1.0, 2.0]])),
    "an int array for a float array": (np.array([1, 2]), np.array([1.0, 2.0])),
    "a numpy array for a Variable": (np.array(2.0), variable(2.0)),
    "a Variable for a numpy array": (variable([1.0, 2.0]), np.array([1.0, 2.0])),
    "a Variable with the wrong data": (variable(3.0), variable(2.0)),
    "the name of an exception for its class": ("TypeError", TypeError),
    "an exception object for its class": (TypeError(), TypeError),
    "a neighbouring exception class": (ValueError, TypeError),
    "a parent exception class": (Exception, TypeError),
    "None for a number": (None, 1.0),
    "a number for None": (0.0, None),
    "a close but wrong number": (3.00001, 3.0),
    "a hard-coded number from another point": (82.3871, 82.3872),
    "a string with other case": ("Central", "central"),
    "a string with spaces": (" central", "central"),
    "an array that is wrong in one element": (np.array([1.0, 2.0, 3.5]), np.array([1.0, 2.0, 3.0])),
}
RIGHT_VALUES = {
    "numpy's float64 for a float": (np.float64(0.25), 0.25),
    "a float for numpy's float64": (0.25, np.float64(0.25)),
    "a 0-d array for a float": (np.array(0.25), 0.25),
    "numpy's int64 for an int": (np.int64(3), 3),
    "numpy's bool for a bool": (np.False_, False),
    "a float within the tolerance": (3.0 + 1e-9, 3.0),
    "a tuple": ((1, 3, 2), (1, 3, 2)),
    "a list of 0-d arrays for a list of floats": ([np.array(2.25), np.array(5.0625)], [2.25, 5.0625]),
    "an exception class": (AttributeError, AttributeError),
    "a Variable": (variable(2.0), variable(2.0)),
    "an array": (np.arange(6.0).reshape(2, 3), np.arange(6.0).reshape(2, 3)),
}


@pytest.mark.parametrize("name", WRONG_VALUES)
def test_check_value_rejects(name):
    answer, expected = WRONG_VALUES[name]
    with pytest.raises(Wrong):
        exercises.check_value("answer", lambda: answer, expected)


@pytest.mark.parametrize("name", RIGHT_VALUES)
def test_check_value_accepts(name, capsys):
    answer, expected = RIGHT_VALUES[name]
    exercises.check_value("answer", lambda: answer, expected)
    assert capsys.readouterr().out.startswith("✓ answer: ")


def unfinished():
    raise NotImplementedError()


@pytest.mark.parametrize("check", [
    lambda: exercises.check_value("answer", unfinished, 1.0),
    lambda: exercises.check_raises(unfinished, TypeError),
    lambda: exercises.check_true("answer", unfinished, "no"),
    lambda: exercises.check_value("answer", lambda: unfinished() + 1, 1.0),
], ids=["check_value", "check_raises", "check_true", "behind a lambda"])
def test_unfinished_answers_are_not_done(check):
    with pytest.raises(NotDone):
        check()


@pytest.mark.parametrize("action", [lambda: None, lambda: int("x"), lambda: [][0]],
                         ids=["raises nothing", "ValueError", "IndexError"])
def test_check_raises_rejects(action):
    with pytest.raises(Wrong):
        exercises.check_raises(action, TypeError)


@pytest.mark.parametrize("result", [False, np.False_, 1, None, "True"])
def test_check_true_rejects(result):
    with pytest.raises(Wrong):
        exercises.check_true("answer", lambda: result, "it is not")


# ---------------------------------------------------------------------------------------------
# The notebooks' own exercises, with wrong answers in place of the worked ones
#
# tests/wrong_answers/<notebook>.py holds WRONG_ANSWERS = {"ex1-answer": [source, ...], ...}: for
# each answer cell (its nbgrader grade_id without the notebook's name) the whole cell sources of
# plausible wrong answers. Each replaces the answer cell in turn; the exercise's cells then run again
# in the notebook's run (notebook_runs.the_run, after the lesson and the worked exercises),
# and at least one of its checks must end in Wrong (none in NotDone). The exercise's worked cells
# run again after each (its checks aside), so that the next starts from the worked state.

def verdicts(run, key, i):
    """The check verdicts with wrong answer i of `key`: the error name of each check cell, None for ✓."""
    return {index: error_name(run.notebook.cells[at]) for index, at in run.wrong[key, i].items()}


def worked_verdicts(run):
    return {index: error_name(run.notebook.cells[run.worked[index]]) for index in run.checks}


def assert_rejected(run, key, i):
    wrong = verdicts(run, key, i)
    found = set(wrong.values())
    assert "Wrong" in found and "NotDone" not in found, f"{key} wrong answer #{i}: check cells ended in {wrong}"


NOTEBOOK_ROWS = [pytest.param(path.stem, key, i, id=f"{path.stem}.ipynb {key} #{i}")
                 for path in sorted(WRONG_ANSWERS.glob("*.py"))
                 for key, sources in wrong_answer_table(path.stem).items() for i in range(len(sources))]


@pytest.mark.parametrize("stem, key, i", NOTEBOOK_ROWS)
def test_notebook_check_rejects_wrong_answer(stem, key, i, notebook_run):
    run = notebook_run(stem)
    worked = worked_verdicts(run)
    assert set(worked.values()) == {None}, f"{stem}: the worked notebook fails its own checks: {worked}"
    assert_rejected(run, key, i)


WITH_EXERCISES = [path for path in sorted((ROOT / "notebooks").glob("*.ipynb"))
                  if any(cell.cell_type == "code" and mark.marker_lines(cell.source)
                         for cell in nbformat.read(str(path), as_version=4).cells)]


@pytest.mark.parametrize("path", WITH_EXERCISES, ids=[path.name for path in WITH_EXERCISES])
def test_every_answer_cell_has_wrong_answers(path):
    roles = mark.exercise_cells(nbformat.read(str(path), as_version=4), path.stem)
    keys = [grade_id[len(path.stem) + 1:] for _, role, grade_id in roles if role == "answer"]
    table = wrong_answer_table(path.stem)
    missing = [key for key in keys if not table.get(key)]
    assert not missing, (f"add wrong answers for {missing} to tests/wrong_answers/{path.stem}.py "
                         "(see tests/test_wrong_answers.py)")


def test_the_notebook_rows_can_fail(tmp_path):
    """A 'wrong' answer that is right, or one that is not done, fails the row; a wrong one passes."""
    from test_student import exercise_notebook, write
    path = write(exercise_notebook(), tmp_path / "step99.ipynb")
    table = {"ex1-answer": [RIGHT_CUBE_CELL.replace("x ** 2 * gy", "x ** 2"), RIGHT_CUBE_CELL,
                            RIGHT_CUBE_CELL.replace("return 3 * x ** 2 * gy", "raise NotImplementedError()")],
             "ex2-answer": ["def my_prediction():\n    return 3"]}
    run = notebook_runs.plan(path, path, table, probe=False)
    notebook_runs.execute(run, tmp_path, timeout=60)
    assert set(worked_verdicts(run).values()) == {None}
    assert_rejected(run, "ex1-answer", 0)
    assert_rejected(run, "ex2-answer", 0)
    for i in (1, 2):
        with pytest.raises(AssertionError):
            assert_rejected(run, "ex1-answer", i)


RIGHT_CUBE_CELL = """
class Cube(Function):
    def forward(self, x):
        return x ** 3

    def backward(self, gy):
        x = self.input.data
        return 3 * x ** 2 * gy
"""
