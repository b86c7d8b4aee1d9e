"""What several test files share: the step modules, notebooks and tools, found by name, and
the line at the end of a run that says how many gradient checks ran."""
import importlib
import importlib.util
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def step_numbers():
    """NN of every dezero_steps/stepNN.py, in step order."""
    return sorted(int(match.group(1)) for path in (ROOT / "dezero_steps").glob("step*.py")
                  if (match := re.fullmatch(r"step(\d\d)\.py", path.name)))


def step_modules(first=1):
    """Every dezero_steps/stepNN.py with NN >= first, imported, in step order."""
    return [importlib.import_module(f"dezero_steps.step{n:02d}") for n in step_numbers() if n >= first]


def load_tool(name):
    """tools/NAME.py imported as a module (tools/ is a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def short_name(module):
    """'step06' for dezero_steps.step06: the id of a module's tests."""
    return module.__name__.rpartition(".")[2]


def defined_functions(module):
    """The Function subclasses that `module` itself defines (not the base class)."""
    base = getattr(module, "Function", None)
    return [value for value in vars(module).values()
            if isinstance(value, type) and base is not None and issubclass(value, base)
            and value is not base and value.__module__ == module.__name__]


def repository():
    """The repository address, from the one place it is kept: pyproject.toml's [project.urls]
    (read by pattern: tomllib arrives only with Python 3.11)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return re.search(r'^Repository\s*=\s*"([^"]+)"', text, re.MULTILINE).group(1)


def pytest_terminal_summary(terminalreporter):
    """Say how many (module, function) pairs the gradient checks covered, and which step
    modules have no backward to check yet."""
    outcomes, without = Counter(), []
    for reports in terminalreporter.stats.values():
        for report in reports:
            if getattr(report, "when", None) != "call":
                continue
            for key, value in report.user_properties:
                if key == "gradient check":
                    outcomes[report.outcome] += 1
                elif key == "no backward":
                    without.append(value)
    if not outcomes and not without:
        return
    terminalreporter.write_sep("-", "gradient checks")
    counts = ", ".join(f"{number} {outcome}" for outcome, number in sorted(outcomes.items()))
    terminalreporter.write_line(f"{sum(outcomes.values())} (module, function) pairs checked"
                                f" against central differences ({counts or 'none run'})")
    if without:
        terminalreporter.write_line(f"no Function with a backward yet in: {', '.join(sorted(without))}")
