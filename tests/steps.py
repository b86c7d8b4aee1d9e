"""What the tests (and tools/bench.py) know about each step's framework, in one place.

`Step(NN)` wraps `dezero_steps.stepNN` (a module for steps 1-22, a package from step 23 on)
and says how to use it: how a function is called, how its backward is called, whether
gradients are arrays or Variables. Almost all of it is read off the objects themselves (a
method that exists, a parameter of a signature); the table `API` holds the little that
cannot be, as rows "from step N on". A new step needs no change here unless it changes one
of those facts, and then it needs one row.
"""
import importlib
import inspect
import pkgutil
import re
import weakref
from functools import cached_property
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "dezero_steps"

# From step N on (until a later row says otherwise):
API = {
    2: {"call": "one", "numbers": "unchecked"},  # f(x) returns y; anything is stored
    9: {"numbers": "refused"},  # Variable(1.0) and f(1.0) raise a TypeError naming float
    11: {"call": "list"},  # f([x0, x1]) returns [y]; Function.__call__'s signature reads like step 2's
    21: {"numbers": "accepted"},  # x + 3.0 and f(3.0) work: numbers become Variables
}


def step_numbers():
    """NN of every dezero_steps/stepNN.py and dezero_steps/stepNN/ package, in step order."""
    found = set()
    for path in PACKAGE.glob("step*"):
        match = re.fullmatch(r"step(\d\d)(\.py)?", path.name)
        if match and (match.group(2) or (path / "__init__.py").is_file()):
            found.add(int(match.group(1)))
    return sorted(found)


def steps(first=1):
    """A Step for every step module with NN >= first, in step order."""
    return [Step(number) for number in step_numbers() if number >= first]


def fact(number, name):
    """The value of an API fact at step `number`: the latest row at or before it."""
    rows = [row[name] for step, row in sorted(API.items()) if step <= number and name in row]
    return rows[-1] if rows else None


class Step:
    """One step's framework: its modules, its Function classes, and its API."""

    def __init__(self, number, core=None):
        self.number = number
        self.name = f"step{number:02d}"
        self.module = importlib.import_module(f"dezero_steps.{self.name}")
        # The module that defines Variable and Function: the step module itself, or a file of the
        # package (core_simple.py, core.py). A package can hold two cores (the book keeps
        # core_simple.py beside core.py); `cores` gives a Step for each.
        self.core = core or importlib.import_module(self.module.Variable.__module__)

    def __repr__(self):
        return f"Step({self.number})" if self.is_main_core else f"Step({self.number}, {self.core_name})"

    @property
    def id(self):
        """'step13', or 'step32.core_simple' for a second core of a package: test ids."""
        return self.name if self.is_main_core else f"{self.name}.{self.core_name}"

    @property
    def core_name(self):
        return self.core.__name__.rpartition(".")[2]

    @property
    def is_main_core(self):
        return self.core is self.module or self.core.Variable is getattr(self.module, "Variable", None)

    @property
    def is_package(self):
        return hasattr(self.module, "__path__")

    # Files and names -----------------------------------------------------

    @cached_property
    def modules(self):
        """The step module, then (for a package) each of its files, imported."""
        if not self.is_package:
            return [self.module]
        return [self.module] + [importlib.import_module(f"{self.module.__name__}.{info.name}")
                                for info in pkgutil.iter_modules(self.module.__path__)]

    @property
    def files(self):
        return [Path(module.__file__) for module in self.modules]

    def owns(self, obj):
        """True for an object defined in this step's files (not re-exported from elsewhere)."""
        module = getattr(obj, "__module__", None) or ""
        return module == self.module.__name__ or module.startswith(self.module.__name__ + ".")

    def find(self, name):
        """The object called `name` in the step (the package's namespace first, then its files)."""
        for module in [self.core] + self.modules:
            if hasattr(module, name):
                return getattr(module, name)
        return None

    @cached_property
    def cores(self):
        """A Step for each file of the step that defines its own Variable and Function."""
        found = [module for module in self.modules
                 if isinstance(vars(module).get("Variable"), type) and vars(module)["Variable"].__module__ == module.__name__]
        return [self if module is self.core else Step(self.number, core=module) for module in found]

    @property
    def Variable(self):
        return self.core.Variable

    @property
    def Function(self):
        return getattr(self.core, "Function", None)  # step 1 has none

    @cached_property
    def functions(self):
        """The Function subclasses defined in this step's files for this core, each once."""
        found = {}
        for module in self.modules if self.Function else []:
            for value in vars(module).values():
                if (isinstance(value, type) and issubclass(value, self.Function) and value is not self.Function
                        and self.owns(value)):
                    found.setdefault(id(value), value)
        return list(found.values())

    @cached_property
    def backward_functions(self):
        """The functions that override the base class's backward."""
        base = getattr(self.Function, "backward", None)
        return [cls for cls in self.functions if getattr(cls, "backward", None) not in (None, base)]

    def function(self, name):
        """The step's own Function subclass called `name`, or None."""
        return next((cls for cls in self.functions if cls.__name__ == name), None)

    # Facts ---------------------------------------------------------------

    @cached_property
    def call(self):
        """How a function is called: 'one' (f(x) -> y), 'list' (f([x]) -> [y]) or 'star' (f(*xs))."""
        parameters = inspect.signature(self.Function.__call__).parameters.values()
        if any(p.kind is p.VAR_POSITIONAL for p in parameters):
            return "star"
        return fact(self.number, "call")

    @property
    def numbers(self):
        """What a plain number gets: 'unchecked', 'refused' (TypeError) or 'accepted'."""
        return fact(self.number, "numbers")

    @property
    def backpropagates(self):
        """Variable.backward() runs the whole graph (a step whose functions have a backward)."""
        return callable(getattr(self.Variable, "backward", None)) and bool(self.backward_functions)

    @cached_property
    def seeds_itself(self):
        """backward() starts from a gradient of ones when none is set (step 9 on)."""
        x = self.Variable(np.array(1.0))
        try:
            x.backward()
        except Exception:  # steps 7 and 8 need the seed (step 8 fails without one)
            return False
        return x.grad is not None

    @property
    def has_cleargrad(self):
        return hasattr(self.Variable, "cleargrad")

    @cached_property
    def has_generation(self):
        return hasattr(self.Variable(np.array(1.0)), "generation")

    def backward_parameter(self, name):
        backward = getattr(self.Variable, "backward", None)
        return callable(backward) and name in inspect.signature(backward).parameters

    @property
    def has_no_grad(self):
        return self.find("no_grad") is not None

    @property
    def variable_grads(self):
        """Gradients are Variables, and a function's backward takes and returns Variables (step 32 on)."""
        return self.backward_parameter("create_graph")

    def inputs_of(self, cls):
        """How many inputs a Function subclass takes, read from its forward's signature."""
        if self.call == "list":
            return 1
        parameters = list(inspect.signature(cls.forward).parameters.values())[1:]
        if any(p.kind is p.VAR_POSITIONAL for p in parameters):
            return 2
        return sum(p.default is p.empty and p.kind is p.POSITIONAL_OR_KEYWORD for p in parameters)

    # Using it ------------------------------------------------------------

    def variable(self, value):
        return self.Variable(np.array(value, dtype=np.float64))

    def apply(self, function, *inputs):
        """Call a Function instance on Variables the step's way; its outputs, as a list."""
        if self.call == "one":
            return [function(*inputs)]
        if self.call == "list":
            return list(function(list(inputs)))
        outputs = function(*inputs)
        return list(outputs) if isinstance(outputs, (list, tuple)) else [outputs]

    def apply_arrays(self, cls, arrays, args=()):
        """The output arrays of a fresh cls(*args) applied to Variables holding `arrays`."""
        return [np.asarray(y.data) for y in self.apply(cls(*args), *[self.Variable(np.asarray(a)) for a in arrays])]

    def backward_by_hand(self, function, gys):
        """Call one function's own backward with the output gradients `gys` (arrays); one array
        per input. The function must have been applied and its outputs still be alive."""
        if self.variable_grads:
            gys = [self.Variable(np.asarray(gy)) for gy in gys]
        if hasattr(function, "inputs"):  # step 13 on: one gradient per input
            gxs = function.backward(*gys)
            gxs = gxs if isinstance(gxs, tuple) else (gxs,)
        else:
            gxs = (function.backward(*gys),)
        return [None if gx is None else self.array(gx) for gx in gxs]

    def array(self, value):
        """The array in a gradient, which is a Variable from step 32 on."""
        return np.asarray(value.data if isinstance(value, self.Variable) else value)

    def grad(self, x):
        """x.grad as an array, or None."""
        return None if x.grad is None else self.array(x.grad)

    def backpropagate(self, y, **options):
        """y.backward(**options), seeding y.grad with ones first where the step does not."""
        if not self.seeds_itself:
            y.grad = np.ones_like(y.data)
        y.backward(**options)

    def outputs_of(self, function):
        """A function's live outputs, whether it holds them directly or through weak references."""
        held = getattr(function, "outputs", None)
        if held is None:
            held = [function.output]
        return [y() if isinstance(y, weakref.ref) else y for y in held]

    def unary(self, name, forward, derivative):
        """A Function subclass of this step: y = forward(x), dy/dx = derivative(x), both on arrays.
        Its backward multiplies the incoming gradient, so it works with array and Variable gradients."""
        def backward(function, gy):
            x = function.inputs[0] if hasattr(function, "inputs") else function.input
            return gy * derivative(x.data)
        return type(name, (self.Function,), {"forward": lambda function, x: forward(x), "backward": backward})
