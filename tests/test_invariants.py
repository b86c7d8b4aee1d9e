"""What holds across the steps: one headline derivative, and modules that stay independent.

The expected derivative comes from the closed form: y = (e^{x^2})^2 = e^{2x^2}, so
dy/dx = 4x e^{2x^2}, which is 3.297442541400256 at x = 0.5.
"""
import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import ROOT, short_name, step_modules

X = 0.5
EXPECTED = 4 * X * np.exp(2 * X ** 2)


def test_closed_form_is_the_curriculum_value():
    assert float(EXPECTED) == pytest.approx(3.297442541400256, rel=1e-15)


def gradient_by_hand(module):
    """Step 6: call each function's backward, from the output side."""
    A, B, C = module.Square(), module.Exp(), module.Square()
    x = module.Variable(np.array(X))
    y = C(B(A(x)))
    y.grad = np.array(1.0)
    x.grad = A.backward(B.backward(C.backward(y.grad)))
    return x.grad


def gradient_seeded(module):
    """Steps 7 and 8: seed the output's gradient, then one backward() call."""
    x = module.Variable(np.array(X))
    y = module.Square()(module.Exp()(module.Square()(x)))
    y.grad = np.array(1.0)
    y.backward()
    return x.grad


def gradient_friendly(module):
    """Step 9 on: the function helpers, and backward() seeds itself."""
    x = module.Variable(np.array(X))
    y = module.square(module.exp(module.square(x)))
    y.backward()
    return x.grad


def own_api(number):
    if number == 6:
        return gradient_by_hand
    return gradient_seeded if number < 9 else gradient_friendly


@pytest.mark.parametrize("module", step_modules(first=6), ids=short_name)
def test_square_exp_square_at_half(module):
    number = int(short_name(module)[4:])
    grad = own_api(number)(module)
    assert float(grad) == pytest.approx(float(EXPECTED), rel=1e-12), (
        f"{module.__name__}: x.grad is {float(grad)!r}, closed form {float(EXPECTED)!r}")


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
    "square from": step06.Square.__module__,
    "square shared": step06.Square is newest.Square,
    "grad": float(A.backward(B.backward(C.backward(np.array(1.0))))),
}}))
"""


def test_newest_step_leaves_step06_alone():
    """Importing the newest module first changes nothing in step 6 (fresh interpreter)."""
    newest = short_name(step_modules()[-1])
    result = subprocess.run([sys.executable, "-c", ISOLATION.format(newest=newest)], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    seen = json.loads(result.stdout)
    assert "creator" not in seen["variable attributes"]  # links arrive in step 7
    assert not seen["variable has backward"]
    assert seen["square from"] == "dezero_steps.step06"
    assert not seen["square shared"]
    assert seen["grad"] == pytest.approx(float(EXPECTED), rel=1e-12)


STEP_MODULE = re.compile(r"(^|\.)step\d\d($|\.)")


def imported_names(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield node.module or ""
            yield from (f"{node.module or ''}.{alias.name}" for alias in node.names)


@pytest.mark.parametrize("module", step_modules(), ids=short_name)
def test_step_module_imports_no_other_step(module):
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    found = sorted({name for name in imported_names(tree) if STEP_MODULE.search(name)})
    assert not found, f"{module.__name__} imports {', '.join(found)}; each step module stands alone"
