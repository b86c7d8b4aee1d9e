"""What holds across the steps: one headline derivative, and steps that stay independent.

The expected derivative comes from the closed form: y = (e^{x^2})^2 = e^{2x^2}, so
dy/dx = 4x e^{2x^2}, which is 3.297442541400256 at x = 0.5.
"""
import ast
import json
import re
import subprocess
import sys

import numpy as np
import pytest

from steps import ROOT, Step, steps

X = 0.5
EXPECTED = 4 * X * np.exp(2 * X ** 2)


def test_closed_form_is_the_curriculum_value():
    assert float(EXPECTED) == pytest.approx(3.297442541400256, rel=1e-15)


def composite_gradient(step):
    """d/dx of Square(Exp(Square(x))) at X with the step's own classes: each backward called by
    hand where Variable has no backward yet (step 6), else one backward() call."""
    Square, Exp = step.function("Square"), step.function("Exp")
    x = step.variable(X)
    A, B, C = Square(), Exp(), Square()
    [a] = step.apply(A, x)
    [b] = step.apply(B, a)
    [y] = step.apply(C, b)
    if not callable(getattr(step.Variable, "backward", None)):
        [ga] = step.backward_by_hand(C, [np.array(1.0)])
        [gx] = step.backward_by_hand(A, step.backward_by_hand(B, [ga]))
        return gx
    step.backpropagate(y)
    return step.grad(x)


WITH_COMPOSITE = [step for step in steps() if step.function("Exp") in step.backward_functions
                  and step.function("Square") in step.backward_functions]


@pytest.mark.parametrize("step", WITH_COMPOSITE, ids=lambda step: step.id)
def test_square_exp_square_at_half(step):
    grad = composite_gradient(step)
    assert float(grad) == pytest.approx(float(EXPECTED), rel=1e-12), (
        f"{step.id}: x.grad is {float(grad)!r}, closed form {float(EXPECTED)!r}")


FINGERPRINTS = """
import json, sys
sys.path[:0] = [{tests!r}]
from steps import Step, step_numbers

def fingerprint(step):
    # every class and function of every file of the step: its attributes, and where each comes from
    seen = {{}}
    for module in step.modules:
        for name, value in sorted(vars(module).items()):
            if isinstance(value, type) or callable(value):
                where = getattr(value, "__module__", None)
                attributes = sorted(f"{{key}}:{{getattr(item, '__module__', type(item).__name__)}}"
                                    for key, item in vars(value).items()) if isinstance(value, type) else []
                seen[f"{{module.__name__}}.{{name}}"] = [where, attributes]
    return seen

numbers = {numbers}
alone = {{}}
for number in numbers:  # each taken right after its import, before any later step is imported
    alone[number] = fingerprint(Step(number))
together = {{number: fingerprint(Step(number)) for number in numbers}}
print(json.dumps({{"alone": alone, "together": together}}))
"""


def test_later_steps_leave_earlier_ones_alone():
    """In a fresh interpreter, each step is described right after its import and again once
    every later step is imported too: no later step adds to, or replaces, anything of an
    earlier one (a class attribute, an operator, a function)."""
    numbers = [step.number for step in steps()]
    result = subprocess.run([sys.executable, "-c", FINGERPRINTS.format(tests=str(ROOT / "tests"), numbers=numbers)],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    seen = json.loads(result.stdout)
    changed = [f"step {number}: {name}" for number in map(str, numbers)
               for name in sorted(set(seen["alone"][number]) | set(seen["together"][number]))
               if seen["alone"][number].get(name) != seen["together"][number].get(name)]
    assert not changed, "importing later steps changed earlier ones:\n" + "\n".join(changed)
    for number in map(str, numbers):
        foreign = [name for name, (where, _) in seen["alone"][number].items()
                   if where and re.search(r"\.step\d\d", where) and not where.startswith(f"dezero_steps.step{int(number):02d}")]
        assert not foreign, f"step {number} holds objects of another step: {foreign}"


ISOLATION = """
import json
import numpy as np
from dezero_steps import {newest} as newest
from dezero_steps import step06
A, B, C = step06.Square(), step06.Exp(), step06.Square()
x = step06.Variable(np.array(0.5))
y = C(B(A(x)))
print(json.dumps({{
    "variable attributes": sorted(vars(x)),
    "variable has backward": hasattr(x, "backward"),
    "grad": float(A.backward(B.backward(C.backward(np.array(1.0))))),
}}))
"""


def test_newest_step_leaves_step06_alone():
    """Importing the newest step first changes nothing in step 6 (fresh interpreter)."""
    result = subprocess.run([sys.executable, "-c", ISOLATION.format(newest=steps()[-1].name)], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    seen = json.loads(result.stdout)
    assert "creator" not in seen["variable attributes"]  # links arrive in step 7
    assert not seen["variable has backward"]
    assert seen["grad"] == pytest.approx(float(EXPECTED), rel=1e-12)


def imported_names(tree):
    """Every module an import statement names, relative imports as (level, name)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((0, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            yield node.level, base
            yield from ((node.level, f"{base}.{alias.name}".lstrip(".")) for alias in node.names)


def foreign_imports(step, path):
    """The imports in one file of a step that reach another step (or out of its own package)."""
    found = set()
    for level, name in imported_names(ast.parse(path.read_text(encoding="utf-8"))):
        if level > 1 or (level == 1 and not step.is_package):
            found.add("." * level + name)  # above the step's own package
        elif level == 0:
            named = re.search(r"(?:^|\.)(step\d\d)(?:$|\.)", name)
            if named and named.group(1) != step.name:
                found.add(name)
    return found


@pytest.mark.parametrize("step", steps(), ids=lambda step: step.id)
def test_step_imports_no_other_step(step):
    found = {f"{path.name}: {name}" for path in step.files for name in foreign_imports(step, path)}
    assert not found, (f"{step.name} imports {', '.join(sorted(found))}; each step stands alone "
                       "(a package imports only its own files)")


def test_import_check_catches_another_step(tmp_path):
    """The check above sees each way a file can reach another step."""
    step = Step(steps()[-1].number)
    path = tmp_path / "core.py"
    for line in ["from dezero_steps.step02 import Variable", "import dezero_steps.step03",
                 "from dezero_steps import step04", "from .. import step05", "from ..step06 import x"]:
        path.write_text(line + "\n", encoding="utf-8")
        assert foreign_imports(step, path), line
    path.write_text(f"from dezero_steps.{step.name} import core\nimport numpy as np\n", encoding="utf-8")
    assert not foreign_imports(step, path)
