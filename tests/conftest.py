"""What several test files share: the notebooks and tools, found by name, and the lines at the
end of a run that say how many gradient checks ran. What the tests know about the step
modules themselves is in steps.py."""
import importlib.util
import tomllib
from collections import Counter

from steps import ROOT, step_numbers  # noqa: F401 (step_numbers: for the test files)

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


def pytest_terminal_summary(terminalreporter):
    """Say how many (step, function) pairs the gradient checks covered, first and second
    derivatives, and which steps have no backward to check yet."""
    outcomes = {"gradient check": Counter(), "second derivative check": Counter()}
    without = []
    for reports in terminalreporter.stats.values():
        for report in reports:
            if getattr(report, "when", None) != "call":
                continue
            for key, value in report.user_properties:
                if key in outcomes:
                    outcomes[key][report.outcome] += 1
                elif key == "no backward":
                    without.append(value)
    if not any(outcomes.values()) and not without:
        return
    terminalreporter.write_sep("-", "gradient checks")
    for key, what in [("gradient check", "against central differences"),
                      ("second derivative check", "for second derivatives (backward of backward)")]:
        counts = ", ".join(f"{number} {outcome}" for outcome, number in sorted(outcomes[key].items()))
        if counts or key == "gradient check":
            terminalreporter.write_line(f"{sum(outcomes[key].values())} (module, function) pairs checked"
                                        f" {what} ({counts or 'none run'})")
    if without:
        terminalreporter.write_line(f"no Function with a backward yet in: {', '.join(sorted(without))}")
