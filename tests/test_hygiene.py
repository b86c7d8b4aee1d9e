"""Every notebook as stored: clean outputs, run top to bottom, and ready to open in Colab."""
import json
import re

import pytest

from checkout import NOTEBOOKS, ROOT, repository

# "/dir/dir/" or a usual top folder ("/tmp/x"), not preceded by a word, a dot, a colon, a slash
# or "~" (URLs and relative paths pass), or a Windows drive.
MACHINE_PATH = re.compile(r"(?<![\w.:/~])/(?:(?:[\w.-]+/){2,}|(?:home|root|work|tmp|Users|var|opt|mnt)/)"
                          r"|\b[A-Za-z]:\\")
ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,}")
SETUP = """# Setup: make the `dezero_steps` package importable.
import sys
from pathlib import Path
if "google.colab" in sys.modules:  # in Colab: install DeZero Steps from its repository
    %pip install --quiet git+{repository}
else:  # elsewhere: the checkout this notebook sits in, if any (else an installed package)
    sys.path[:0] = [str(p) for p in Path.cwd().parents if (p / "dezero_steps").is_dir()][:1]"""


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell):
    return "".join(cell.get("source", ""))


def code_cells(path):
    """(index, cell) of every code cell that holds code."""
    return [(index, cell) for index, cell in enumerate(cells(path))
            if cell["cell_type"] == "code" and source(cell).strip()]


def output_texts(cell):
    """The text a reader sees in each output (images are not text)."""
    for out in cell.get("outputs", []):
        if out["output_type"] == "stream":
            yield "".join(out["text"])
        elif out["output_type"] == "error":
            yield "\n".join([out["ename"], out["evalue"], *out["traceback"]])
        else:
            yield from ("".join(value) for mime, value in out.get("data", {}).items()
                        if mime.startswith("text/"))


def findings(path, pattern):
    return [f"{path.name} cell {index}: {match.group(0)!r}" for index, cell in code_cells(path)
            for text in output_texts(cell) if (match := pattern.search(text))]


each_notebook = pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)


@each_notebook
def test_no_machine_path_in_outputs(path):
    found = findings(path, MACHINE_PATH)
    assert not found, "outputs show a file path of this machine:\n" + "\n".join(found)


@each_notebook
def test_no_memory_address_in_outputs(path):
    found = findings(path, ADDRESS)
    assert not found, "outputs show a memory address; print what matters instead:\n" + "\n".join(found)


@each_notebook
def test_errors_are_tagged_raises_exception(path):
    untagged = [f"{path.name} cell {index}: {out['ename']}" for index, cell in code_cells(path)
                for out in cell.get("outputs", []) if out["output_type"] == "error"
                and "raises-exception" not in cell.get("metadata", {}).get("tags", [])]
    assert not untagged, "errors without the raises-exception tag:\n" + "\n".join(untagged)


@each_notebook
def test_executed_top_to_bottom(path):
    counts = [cell.get("execution_count") for _, cell in code_cells(path)]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: execution counts {counts}; run it top to bottom in a fresh kernel")


@each_notebook
def test_colab_badge_opens_the_student_edition(path):
    """The badge opens notebooks/student/NAME, the copy with the exercises left blank."""
    owner_name = repository().removeprefix("https://github.com/")
    badge = ("[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
             f"(https://colab.research.google.com/github/{owner_name}/blob/main/notebooks/student/{path.name})")
    markdown = [source(cell) for cell in cells(path) if cell["cell_type"] == "markdown"]
    assert any(badge in text.splitlines() for text in markdown), (
        f"{path.name}: no Colab badge line opening notebooks/student/{path.name}; expected:\n{badge}")


@each_notebook
def test_first_code_cell_is_the_setup_cell(path):
    code = code_cells(path)
    if not code:
        pytest.skip(f"{path.name} has no code")
    index, first = code[0]
    assert source(first) == SETUP.format(repository=repository()), (
        f"{path.name} cell {index}: the first code cell is not the setup cell")


@each_notebook
def test_readme_lists_the_notebook(path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"](notebooks/{path.name})" in readme, f"README.md's notebook table has no row for {path.name}"


@each_notebook
def test_links_to_other_notebooks_exist(path):
    linked = {name for cell in cells(path) if cell["cell_type"] == "markdown"
              for name in re.findall(r"\]\(([\w.-]+\.ipynb)\)", source(cell))}
    missing = sorted(name for name in linked if not (path.parent / name).exists())
    assert not missing, f"{path.name} links to notebooks that do not exist: {missing}"
