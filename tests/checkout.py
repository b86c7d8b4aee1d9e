"""Where things are in the checkout: its root, the notebooks, the tools by name, and the
repository address the notebooks install from, for the test files and tests/notebook_runs.py
(which conftest.py at the root imports: nothing here may need tests/conftest.py)."""
import importlib.util
import tomllib

from steps import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def load_tool(name):
    """tools/NAME.py imported as a module (tools/ is a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def repository():
    """The repository address, from the one place it is kept: pyproject.toml's [project.urls]."""
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["project"]["urls"]["Repository"]
