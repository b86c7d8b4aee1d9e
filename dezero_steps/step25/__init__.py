# Generated from notebooks/step25.ipynb by tools/export.py: do not edit by hand.
# DeZero Steps, Step 25: Drawing graphs (1) (the framework as it stands after this step).

is_simple_core = True


if is_simple_core:
    from .core_simple import Variable
    from .core_simple import Function
    from .core_simple import using_config
    from .core_simple import no_grad
    from .core_simple import as_array
    from .core_simple import as_variable
    from .core_simple import setup_variable


setup_variable()
