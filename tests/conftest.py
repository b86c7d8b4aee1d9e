"""What several test files share: each notebook's run (notebook_runs.py), the snapshot of the
checkout that the run with --as-in-colab installs from, and the lines at the end of a run that
say how many gradient checks ran. Where things are in the checkout is in checkout.py; what the tests know
about the step modules themselves is in steps.py."""
from collections import Counter

import pytest

import notebook_runs


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
def snapshot(request):
    """The folder of notebook_runs.snapshot, made once per test process."""
    return notebook_runs.snapshot(request.config.scratch_folder)


@pytest.fixture(scope="session")
def notebook_run(request):
    """notebook_run(stem): the notebook's run (notebook_runs.the_run), in the checkout or with
    --as-in-colab as in Colab: nbval's run, or else one made there."""
    colab = notebook_runs.as_in_colab(request.config)
    return lambda stem: notebook_runs.the_run(stem, request.config.scratch_folder, colab)
