"""What several test files share: the notebooks and tools, found by name, each notebook's run
as in Colab (notebook_runs.py), and the lines at the end of a run that say how many gradient
checks ran. What the tests know about the step modules themselves is in steps.py."""
import importlib.util
import os
import tomllib
from collections import Counter

import numpy as np
import pytest

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


@pytest.fixture(scope="session")
def snapshot(tmp_path_factory):
    """The folder of notebook_runs.make_snapshot, made once for all workers."""
    import notebook_runs  # it imports this file
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the folder all workers' temporary folders share
    notebook_runs.once_per_run(shared / "colab", notebook_runs.make_snapshot)
    return shared / "colab"


@pytest.fixture(scope="session")
def alone(snapshot, tmp_path_factory):
    """alone(stem): the notebook's run as in Colab (notebook_runs.run_alone), once per worker.
    Colab has NumPy 2: with an older NumPy there is no run as in Colab (nbval still compares every
    output of the checkout's notebooks)."""
    import notebook_runs
    if int(np.__version__.split(".")[0]) < 2:
        pytest.skip(f"the run as in Colab needs NumPy 2, as Colab has; this environment has NumPy {np.__version__}")
    runs = {}

    def run(stem):
        if stem not in runs:
            try:
                runs[stem] = notebook_runs.run_alone(stem, snapshot, tmp_path_factory.mktemp(stem) / "alone")
            except Exception as exc:  # every test of the notebook reports it, without a second run
                runs[stem] = exc
        if isinstance(runs[stem], Exception):
            raise runs[stem]
        return runs[stem]
    return run
