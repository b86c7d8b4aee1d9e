"""Bad input gets a clear error from step 9 on: a TypeError that names what was passed.

(The exporter's side, a malformed notebook leaving every module untouched, is in test_export.py.)
"""
import numpy as np
import pytest

from conftest import defined_functions, short_name, step_modules

CHECKED = step_modules(first=9)
NOT_ARRAYS = [(1.0, "float"), ("text", "str"), ([1, 2], "list")]


@pytest.mark.parametrize("module", CHECKED, ids=short_name)
@pytest.mark.parametrize("value, type_name", NOT_ARRAYS, ids=[name for _, name in NOT_ARRAYS])
def test_variable_names_the_type_it_refuses(module, value, type_name):
    with pytest.raises(TypeError, match=rf"\b{type_name}\b"):
        module.Variable(value)


@pytest.mark.parametrize("module", CHECKED, ids=short_name)
@pytest.mark.parametrize("value, type_name", [(1.0, "float"), (np.array(1.0), "ndarray")],
                         ids=["float", "ndarray"])
def test_function_names_the_type_it_refuses(module, value, type_name):
    functions = defined_functions(module)
    assert functions, f"{module.__name__} defines no Function to call"
    for cls in functions:
        with pytest.raises(TypeError, match=rf"\b{type_name}\b"):
            cls()(value)


@pytest.mark.parametrize("module", CHECKED, ids=short_name)
@pytest.mark.parametrize("shape", [(), (2, 3)], ids=["scalar", "matrix"])
def test_backward_on_a_variable_no_function_made(module, shape):
    x = module.Variable(np.arange(1.0, 1.0 + np.prod(shape)).reshape(shape))
    x.backward()
    assert isinstance(x.grad, np.ndarray) and x.grad.shape == shape
    assert (x.grad == 1.0).all()
