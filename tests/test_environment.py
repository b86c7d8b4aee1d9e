"""The suite gives the same verdict whatever environment it starts in (see conftest.py at the root):
a notebook with a figure passes with MPLBACKEND=Agg, a stray PYTHONPATH, another locale and
hash seed, run by pytest from another working directory. The run as in Colab refuses a NumPy
older than Colab's, and a kernel that dies at its start is started once more."""
import json
import os
import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import pytest

import notebook_runs
from checkout import NOTEBOOKS, ROOT


def shows_a_figure(path):
    """True for a notebook with an image among its stored outputs (plt.show() or a Figure)."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return any("image/png" in out.get("data", {}) for cell in cells for out in cell.get("outputs", []))


def smallest(paths):
    return min(paths, key=lambda path: len(json.loads(path.read_text(encoding="utf-8"))["cells"]))


WITH_FIGURE = [path for path in NOTEBOOKS if shows_a_figure(path)]


def pytest_run(args, cwd, **environment):
    """pytest in a fresh process, in one process (no workers), with these environment variables."""
    env = dict(os.environ, **environment)
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0", *map(str, args)],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


@pytest.mark.skipif(not WITH_FIGURE, reason="no notebook shows a figure yet")
def test_a_notebook_with_figures_passes_in_a_hostile_environment_from_another_folder(tmp_path):
    decoy = tmp_path / "decoy" / "dezero_steps"
    decoy.mkdir(parents=True)
    (decoy / "__init__.py").write_text('raise ImportError("the decoy on PYTHONPATH was imported")\n')
    said = pytest_run([smallest(WITH_FIGURE), ROOT / "tests" / "test_step10.py"], cwd=tmp_path, MPLBACKEND="Agg",
                      PYTHONPATH=str(decoy.parent), PYTHONHASHSEED="12345", LC_ALL="C", LANG="C")
    assert " passed" in said


def test_as_in_colab_refuses_numpy_1(request, monkeypatch):
    root_conftest = request.config.pluginmanager.get_plugin(str(request.config.rootpath / "conftest.py"))
    monkeypatch.setattr(np, "__version__", "1.26.4")
    config = SimpleNamespace(getoption=lambda name: name == "as_in_colab")
    with pytest.raises(pytest.UsageError, match="needs NumPy 2, as Colab has; this environment has NumPy 1.26.4"):
        root_conftest.pytest_configure(config)


@pytest.mark.parametrize("errors, starts, raised", [
    ([notebook_runs.KERNEL_DIED], 2, None),  # another process took a port chosen for the first kernel
    ([notebook_runs.KERNEL_DIED, notebook_runs.KERNEL_DIED], 2, notebook_runs.KERNEL_DIED),
    (["No such kernel named python3"], 1, "No such kernel"),
], ids=["died once", "died twice", "another error"])
def test_a_kernel_that_dies_at_its_start_is_started_once_more(errors, starts, raised):
    errors, started = list(errors), []

    def start_kernel():
        started.append(True)
        if errors:
            raise RuntimeError(errors.pop(0))

    collector = SimpleNamespace(start_kernel=start_kernel)  # all that setup() uses of nbval's collector
    if raised is None:
        notebook_runs.NotebookRun.setup(collector)
    else:
        with pytest.raises(RuntimeError, match=raised):
            notebook_runs.NotebookRun.setup(collector)
    assert len(started) == starts
