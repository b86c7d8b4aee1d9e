"""Test setup shared by the notebooks' runs and the tests.

Lying at the root, this file also puts the checkout on sys.path, so the tests import
`dezero_steps` without installing it.

The kernels that run the notebooks (nbval's, and those the tests start) inherit this
process's environment, so the part of it that changes what a notebook prints is set here,
the same whatever the shell had:

- MPLBACKEND is the inline backend, the one a Jupyter kernel picks when nothing is set
  (with MPLBACKEND=Agg, plt.show() would show nothing and its stored output would differ);
- PYTHONPATH is dropped: a kernel imports what this interpreter has installed, and
  `dezero_steps` from the checkout its setup cell finds (or the install it makes);
- the locale is C.UTF-8 and Python's UTF-8 mode is on;
- PYTHONHASHSEED is dropped, so each kernel hashes strings with a seed of its own, as in
  Colab (an output that depends on the order of a set of strings shows up as a failure);
- MATPLOTLIBRC is dropped and IPython gets an empty profile folder, so no personal
  settings or startup files reach the kernels.

Each test process has a scratch folder of its own (config.scratch_folder), removed at its end:
the kernels' IPython folder, and the notebooks' runs as in Colab.

nbval runs each notebook of notebooks/ once, with its student copy's exercises and its wrong answers:
its collector is tests/notebook_runs.py's NotebookRun, in the checkout, or with --as-in-colab
(NumPy 2, as Colab has) as in Colab. The tests that read that run come after it (notebooks/ is
collected before tests/, as pyproject.toml's testpaths say; else they run it again). The test
process itself draws figures with Agg, off screen. With pytest-xdist, every test of one notebook
runs on one worker: nbval's cells (run in order in one kernel) and the tests whose id names the
notebook (they read the same run). Every other test is scheduled on its own.
"""
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

import matplotlib
import numpy as np
import pytest

TESTS = Path(__file__).resolve().parent / "tests"
sys.path.append(str(TESTS))  # for notebook_runs, when no test of tests/ is collected

KERNEL_ENVIRONMENT = {"MPLBACKEND": "module://matplotlib_inline.backend_inline", "LC_ALL": "C.UTF-8",
                      "PYTHONUTF8": "1"}
NOT_INHERITED = ["PYTHONPATH", "PYTHONHASHSEED", "MATPLOTLIBRC"]
COLAB_NUMPY = 2  # the major version of NumPy that Colab has

collect_ignore = ["notebooks/student"]  # the copies' checks say "not done yet": notebook_runs runs them
matplotlib.use("Agg")


def pytest_addoption(parser):
    parser.addoption("--as-in-colab", action="store_true",
                     help="run each notebook as in Colab: its student-edition copy alone in an empty folder, "
                          "its setup cell installing the package with %%pip (needs NumPy 2, as Colab has)")


def pytest_configure(config):
    if config.getoption("as_in_colab") and int(np.__version__.split(".")[0]) < COLAB_NUMPY:
        raise pytest.UsageError(f"--as-in-colab needs NumPy {COLAB_NUMPY}, as Colab has; "
                                f"this environment has NumPy {np.__version__}")
    for name in NOT_INHERITED:
        os.environ.pop(name, None)
    os.environ.update(KERNEL_ENVIRONMENT)
    config.scratch_folder = Path(tempfile.mkdtemp(prefix="dezero-steps-tests-"))
    os.environ["IPYTHONDIR"] = str(config.scratch_folder / "ipython")
    # pyproject.toml names the sanitizing file relative to the checkout: find it from any folder
    sanitize = getattr(config.option, "nbval_sanitize_with", None)
    if sanitize and not Path(sanitize).is_absolute() and not Path(sanitize).exists():
        config.option.nbval_sanitize_with = str(config.rootpath / sanitize)


def pytest_unconfigure(config):
    shutil.rmtree(getattr(config, "scratch_folder", ""), ignore_errors=True)


@pytest.hookimpl(wrapper=True)
def pytest_collect_file(file_path, parent):
    """nbval's collector of a notebook of notebooks/ gives way to NotebookRun, nbval's collector
    with the run of tests/notebook_runs.py."""
    collectors = yield
    if file_path.suffix != ".ipynb" or file_path.parent.resolve() != TESTS.parent / "notebooks":
        return collectors
    import notebook_runs
    return [notebook_runs.NotebookRun.from_parent(parent, path=file_path)
            if type(collector) is notebook_runs.IPyNbFile else collector for collector in collectors]


try:
    from xdist.scheduler import LoadScopeScheduling
except ImportError:  # without pytest-xdist the tests run in one process
    pass
else:
    class NotebookScheduling(LoadScopeScheduling):
        """Every test of one notebook is one unit of work: nbval's cells, which run in order in one
        kernel, and the tests whose id names the notebook, which share its run
        (tests/notebook_runs.py). Every other test is a unit of its own."""

        def _split_scope(self, nodeid):
            named = re.search(r"([\w-]+\.ipynb)\b", nodeid)
            return named.group(1) if named else nodeid

    def pytest_xdist_make_scheduler(config, log):
        return NotebookScheduling(config, log)
