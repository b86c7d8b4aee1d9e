"""Every notebook runs on its own, as in Colab, and reproduces every stored output.

Each notebook is copied alone into an empty folder and run in a fresh kernel that believes it
runs in Colab (an IPython startup file puts a stand-in `google.colab` module in sys.modules),
so its setup cell takes the %pip branch. Git rewrites the repository address of
pyproject.toml to a snapshot of this checkout (the files on disk, committed in a temporary
repository), so pip clones what is on disk, with no network. The package lands in a prefix of
its own, which is on the kernel's PYTHONPATH; the checkout is not. numpy and matplotlib come
from the environment, as they do in Colab.

The snapshot is made once per test run, whatever the number of pytest-xdist workers, and
built into a wheel once, the way Colab builds it: `pip wheel` in an isolated build
environment holding only what pyproject.toml's [build-system] asks for (and the wheel must
hold every file of the package). Each notebook's own %pip install then clones and builds
the snapshot for real, but with the build tools of this environment instead of a fresh
isolated one, from no package index, and without pip's check of every other installed
package: the part of a Colab install that the one-time build covers, and most of its time.

The same run checks that the outputs are deterministic: every output equals the stored one
after the sanitizing of notebooks/sanitize.cfg, figures compared by their pixels (PNG bytes
also carry the matplotlib version). Left out: the setup cell, whose branch differs here on
purpose, and, as nbval leaves them out, cells tagged nbval-ignore-output or nbval-skip (such as
a plot of rounding errors, whose last digits differ between numpy versions and processors).
"""
import base64
import configparser
import copy
import io
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import time
import zipfile
from pathlib import Path

import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from PIL import Image

from conftest import NOTEBOOKS, ROOT, repository

PIXEL_RMS = 1.0  # largest root-mean-square pixel difference (0-255 scale) of an unchanged figure
# one statement, so that the startup file leaves no name behind in the notebook's namespace
COLAB_STAND_IN = ('__import__("sys").modules["google.colab"] = '
                  '__import__("types").ModuleType("google.colab")\n')
PICTURES = {"image/png", "image/jpeg"}  # compared by their pixels; every other output as text
NOT_COMPARED = {"nbval-ignore-output", "nbval-skip"}  # the cell tags for which nbval compares nothing
PROBE = "import dezero_steps\nprint(dezero_steps.__file__)"


def git(*args, cwd):
    env = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True).stdout


def once_per_run(folder, make):
    """make(folder) once per test run: the first worker to create `folder` fills it, the others
    wait for it (and fail as it failed)."""
    done, failed = folder / ".done", folder / ".failed"
    try:
        folder.mkdir()
    except FileExistsError:
        deadline = time.monotonic() + 900
        while not done.exists():
            assert time.monotonic() < deadline, f"{folder} was not ready after 15 minutes"
            time.sleep(0.2)
        if failed.exists():
            pytest.fail(failed.read_text(encoding="utf-8"), pytrace=False)
        return
    try:
        make(folder)
    except BaseException as exc:
        failed.write_text(f"making {folder.name} failed: {exc}", encoding="utf-8")
        raise
    finally:
        done.touch()


def make_snapshot(base):
    """A git repository of the checkout's files as they are on disk, git told to serve it in
    place of the repository address, and the IPython startup file that plays Colab."""
    snapshot = base / "repository"
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for name in listed.split("\0"):
        if name and (ROOT / name).is_file():  # a file deleted on disk is left out, as a commit would
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, snapshot / name)
    git("init", "--quiet", cwd=snapshot)
    git("add", "--all", cwd=snapshot)
    git("-c", "user.name=DeZero Steps", "-c", "user.email=tests@dezero-steps.invalid",
        "commit", "--quiet", "--message", "working tree", cwd=snapshot)
    # a plain path, not a file:// address: git then clones by linking files, not by packing them
    (base / "gitconfig").write_text(f'[url "{snapshot}"]\n\tinsteadOf = {repository()}\n', encoding="utf-8")
    startup = base / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-colab.py").write_text(COLAB_STAND_IN, encoding="utf-8")


@pytest.fixture(scope="session")
def snapshot(tmp_path_factory):
    """The folder of make_snapshot, made once for all workers."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the folder all workers' temporary folders share
    once_per_run(shared / "colab", make_snapshot)
    return shared / "colab"


@pytest.fixture(scope="session")
def colab(snapshot):
    """Environment variables for a kernel that plays Colab, given a fresh install prefix and the
    site-packages folder inside it."""
    base = snapshot
    kept = {key: value for key, value in os.environ.items()
            if key != "PYTHONPATH" and not key.startswith("PIP_")}

    def environment(prefix, site):
        return dict(kept, IPYTHONDIR=str(base / "ipython"), GIT_CONFIG_GLOBAL=str(base / "gitconfig"),
                    GIT_CONFIG_NOSYSTEM="1", PIP_PREFIX=str(prefix), PYTHONPATH=str(site),
                    PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1",
                    # pip reads the variable of a --no-... option inverted: "0" turns the option on
                    PIP_NO_BUILD_ISOLATION="0", PIP_NO_WARN_CONFLICTS="0")
    return environment


def is_setup(cell):
    return cell.cell_type == "code" and '"google.colab" in sys.modules' in cell.source


def sanitizer():
    """The replacements of notebooks/sanitize.cfg, read the way nbval reads them."""
    config = configparser.ConfigParser()
    config.read(ROOT / "notebooks" / "sanitize.cfg", encoding="utf-8")
    rules = [(re.compile(config[name]["regex"]), config[name]["replace"]) for name in config.sections()]

    def sanitize(value):
        if isinstance(value, str):
            for pattern, replacement in rules:
                value = pattern.sub(replacement, value)
        return value
    return sanitize


def comparable(outputs, sanitize):
    """(kind, key, value) triples: streams merged per name as nbval does, every MIME type of a
    result, errors by name and message (tracebacks hold paths); metadata left out."""
    items, streams = [], {}
    for out in outputs:
        if out.output_type == "stream":
            if out.name not in streams:
                streams[out.name] = len(items)
                items.append(["stream", out.name, ""])
            items[streams[out.name]][2] += out.text
        elif out.output_type == "error":
            items.append(["error", out.ename, out.evalue])
        else:
            items += [[out.output_type, mime, value] for mime, value in sorted(out.data.items())]
    return [(kind, key, value if key in PICTURES else sanitize(value))
            for kind, key, value in items]


def pixels(encoded):
    with Image.open(io.BytesIO(base64.b64decode(encoded))) as image:
        return np.asarray(image.convert("RGBA"), dtype=np.float64)


def difference(key, stored, fresh):
    """None when an output is unchanged, else what changed."""
    if key in PICTURES:
        a, b = pixels(stored), pixels(fresh)
        if a.shape != b.shape:
            return f"figure of {a.shape[1]}x{a.shape[0]} pixels is now {b.shape[1]}x{b.shape[0]}"
        rms = np.sqrt(np.mean((a - b) ** 2))
        return None if rms <= PIXEL_RMS else f"figure pixels differ (RMS {rms:.1f} on a 0-255 scale)"
    return None if stored == fresh else f"stored: {stored!r:.300}\n  fresh:  {fresh!r:.300}"


def differences(name, stored_cells, fresh_cells):
    """One line per code cell whose fresh outputs differ from the stored ones."""
    sanitize = sanitizer()
    found = []
    for index, (stored, fresh) in enumerate(zip(stored_cells, fresh_cells)):
        if (stored.cell_type != "code" or is_setup(stored)
                or NOT_COMPARED & set(stored.metadata.get("tags", []))):
            continue
        old, new = comparable(stored.outputs, sanitize), comparable(fresh.outputs, sanitize)
        if len(old) != len(new):
            found.append(f"{name} cell {index}: stored outputs {[o[:2] for o in old]}, "
                         f"fresh run {[n[:2] for n in new]}")
            continue
        found += [f"{name} cell {index}: {kind} {key} differs:\n  {change}"
                  for (kind, key, a), (_, _, b) in zip(old, new) if (change := difference(key, a, b))]
    return found


def execute(notebook, folder, env):
    """Run every cell in a fresh kernel; None, or the error and what the setup cell printed."""
    client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})
    try:
        client.execute(env=env)
    except CellExecutionError as error:
        said = "".join(out.get("text", "") for cell in notebook.cells if is_setup(cell)
                       for out in cell.outputs)
        return f"{error}\nThe setup cell printed:\n{said}"
    return None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_runs_alone_and_reproduces_its_outputs(path, colab, tmp_path):
    folder = tmp_path / "alone"
    folder.mkdir()
    shutil.copy2(path, folder / path.name)
    prefix = tmp_path / "prefix"
    # where pip puts a package under --prefix; made now so that it is on the kernel's sys.path
    site = Path(sysconfig.get_path("purelib", vars={"base": str(prefix), "platbase": str(prefix)}))
    site.mkdir(parents=True)
    notebook = nbformat.read(folder / path.name, as_version=4)
    stored = copy.deepcopy(notebook.cells)
    notebook.cells.append(nbformat.v4.new_code_cell(PROBE))

    problem = execute(notebook, folder, colab(prefix, site))
    if problem:
        pytest.fail(f"{path.name} failed when run on its own: {problem}", pytrace=False)

    imported_from = Path(notebook.cells[-1].outputs[0].text.strip())
    assert imported_from.is_relative_to(prefix), (
        f"{path.name}: dezero_steps came from {imported_from}, not from the setup cell's install")
    found = differences(path.name, stored, notebook.cells[:-1])
    assert not found, "outputs differ from the stored ones:\n" + "\n".join(found)


def test_the_package_builds_as_in_colab_and_holds_every_file(snapshot, tmp_path):
    """pip builds the repository in an isolated environment from [build-system] alone, and the
    wheel has every file of dezero_steps/, the step packages' files included."""
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir",
                            str(tmp_path), f"git+{repository()}"], capture_output=True, text=True,
                           env=dict(os.environ, GIT_CONFIG_GLOBAL=str(snapshot / "gitconfig"), GIT_CONFIG_NOSYSTEM="1"))
    assert built.returncode == 0, f"the package does not build as Colab builds it:\n{built.stderr}"
    [wheel] = tmp_path.glob("dezero_steps-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        installed = {name for name in archive.namelist() if name.startswith("dezero_steps/")}
    package = snapshot / "repository"
    expected = {path.relative_to(package).as_posix() for path in (package / "dezero_steps").rglob("*.py")}
    assert not expected - installed, f"the wheel lacks {sorted(expected - installed)}"
