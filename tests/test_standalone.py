"""Every notebook's run reproduces every stored output, figures included, imports the
`dezero_steps` it should, and keeps to its time budget (RUN_BUDGET: CI runs it four times).

The run is notebook_runs.the_run: the notebook's student-edition copy, then the worked notebook's
exercise cells; nbval's own run of the notebook, when it has run it in this process. By default
it runs in the checkout, and `dezero_steps` must come from the checkout. With --as-in-colab the
copy (what a badge opens) runs alone in an empty folder, in a kernel that plays Colab, its setup
cell installing the package with %pip, and `dezero_steps` must come from that install. The
lesson's outputs and the worked exercises' outputs must equal the stored ones after the
sanitizing of notebooks/sanitize.cfg, figures compared by their pixels (PNG bytes also carry the
matplotlib version; nbval compares no figures). Left out: the setup cell, whose branch differs
on purpose in the run as in Colab, and, as nbval leaves them out, cells tagged nbval-ignore-output or
nbval-skip (such as a plot of rounding errors, whose last digits differ between numpy versions
and processors). The text is compared here too, so that the test holds on its own (pytest
tests/test_standalone.py).
"""
import base64
import configparser
import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import numpy as np
import pytest
from PIL import Image

from checkout import NOTEBOOKS, ROOT, repository
from notebook_runs import is_setup, setup_said

PIXEL_RMS = 1.0  # largest root-mean-square pixel difference (0-255 scale) of an unchanged figure
PICTURES = {"image/png", "image/jpeg"}  # compared by their pixels; every other output as text
NOT_COMPARED = {"nbval-ignore-output", "nbval-skip"}  # the cell tags for which nbval compares nothing
# seconds of processor time in the kernel of one notebook's run, its start included (not its
# subprocesses, such as the %pip install as in Colab): step 16, the heaviest, takes about 20
RUN_BUDGET = 60


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


def differences(name, pairs):
    """One line per code cell whose fresh outputs differ from the stored ones; `pairs` holds
    (index, stored cell, fresh cell)."""
    sanitize = sanitizer()
    found = []
    for index, stored, fresh in pairs:
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


def probe_said(run):
    """Where the run's kernel imported `dezero_steps` from, and its processor time in seconds."""
    said = "".join(out.text for out in run.notebook.cells[run.probe].outputs
                   if out.output_type == "stream" and out.name == "stdout").splitlines()
    if len(said) != 2:
        pytest.fail(f"{run.name} cannot import dezero_steps (or stopped before it); the probe printed "
                    f"{said}, the setup cell:\n{setup_said(run)}", pytrace=False)
    return Path(said[0]), float(said[1])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_run_reproduces_its_outputs(path, notebook_run):
    run = notebook_run(path.stem)
    stored = nbformat.read(str(path), as_version=4).cells
    fresh = run.notebook.cells
    imported_from, _ = probe_said(run)
    where, what = ((run.prefix, "the setup cell's install") if run.prefix
                   else (ROOT / "dezero_steps", "the checkout"))
    assert imported_from.is_relative_to(where), (
        f"{path.name}: dezero_steps came from {imported_from}, not from {what} ({where})")
    pairs = [(index, stored[index], fresh[index]) for index in range(run.lesson)]
    pairs += [(index, stored[index], fresh[at]) for index, at in run.worked.items()]
    found = differences(path.name, pairs)
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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_run_keeps_to_its_time_budget(path, notebook_run):
    _, seconds = probe_said(notebook_run(path.stem))
    assert seconds <= RUN_BUDGET, (
        f"{path.name}: its run took {seconds:.1f} s of processor time in its kernel, over the budget of "
        f"{RUN_BUDGET} s. CI runs every notebook four times (README, Versions): make its heavy cells "
        f"lighter (smaller sizes, fewer iterations).")
