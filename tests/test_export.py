"""The exporter: notebooks in, step modules out, and --check catching any drift."""
import json
import subprocess
import sys

import pytest

from conftest import ROOT, load_tool, step_numbers

export = load_tool("export")


def write_notebook(path, *cells):
    """A minimal notebook: a title cell, then the given code cells."""
    title = {"cell_type": "markdown", "metadata": {}, "source": [f"# Step {path.stem[4:]}: Test"]}
    code = [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
             "source": source} for source in cells]
    path.write_text(json.dumps({"cells": [title] + code, "metadata": {}, "nbformat": 4,
                                "nbformat_minor": 4}), encoding="utf-8")


@pytest.fixture
def project(tmp_path):
    """A tiny project: step 1 defines two names, step 2 redefines one and adds one."""
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "dezero_steps").mkdir()
    write_notebook(tmp_path / "notebooks" / "step01.ipynb",
                   "#| export\nimport math",
                   "#| export\ndef area(r):\n    return math.pi * r * r",
                   "print('not exported')",
                   "#| export\n# Half of a number.\ndef half(x):\n    return x / 2")
    write_notebook(tmp_path / "notebooks" / "step02.ipynb",
                   "#| export\ndef area(r):\n    return 3 * r * r  # new",
                   "#| export\nTWO = 2")
    return tmp_path


def load(path):
    namespace = {}
    exec(path.read_text(encoding="utf-8"), namespace)
    return namespace


def test_export_writes_one_module_per_step(project):
    assert export.main([], root=project) == 0
    step1 = load(project / "dezero_steps" / "step01.py")
    step2 = load(project / "dezero_steps" / "step02.py")
    assert step1["area"](1.0) == pytest.approx(3.141592653589793)
    assert step2["area"](1.0) == 3  # the redefinition wins
    assert step2["half"](5) == 2.5  # kept from step 1 without being redefined
    assert step2["TWO"] == 2 and "TWO" not in step1


def test_module_holds_only_the_final_definition(project):
    export.main([], root=project)
    text = (project / "dezero_steps" / "step02.py").read_text(encoding="utf-8")
    assert text.count("def area") == 1
    assert "# new" not in text and "not exported" not in text
    assert "# Half of a number." in text  # a comment above a definition travels with it


def test_module_header_names_its_notebook(project):
    export.main([], root=project)
    first_line = (project / "dezero_steps" / "step02.py").read_text(encoding="utf-8").splitlines()[0]
    assert "notebooks/step02.ipynb" in first_line and "do not edit" in first_line


def test_check_passes_after_export_and_catches_a_hand_edit(project, capsys):
    export.main([], root=project)
    assert export.main(["--check"], root=project) == 0
    module = project / "dezero_steps" / "step01.py"
    module.write_text(module.read_text(encoding="utf-8").replace("r * r", "r ** 2"), encoding="utf-8")
    assert export.main(["--check"], root=project) == 1
    assert "step01.py: differs" in capsys.readouterr().err


def test_check_names_missing_and_orphan_modules(project, capsys):
    export.main([], root=project)
    (project / "dezero_steps" / "step02.py").unlink()
    (project / "dezero_steps" / "step07.py").write_text("", encoding="utf-8")
    assert export.main(["--check"], root=project) == 1
    err = capsys.readouterr().err
    assert "step02.py: missing" in err
    assert "step07.py: no notebook" in err


@pytest.mark.parametrize("broken, message", [
    ("{ this is not json", "step02.ipynb: not a readable notebook"),
    ("syntax", "step02.ipynb cell 1: syntax error in export cell"),
])
def test_malformed_notebook_leaves_every_module_untouched(project, capsys, broken, message):
    export.main([], root=project)
    before = {p.name: p.read_text(encoding="utf-8") for p in (project / "dezero_steps").iterdir()}
    notebook = project / "notebooks" / "step02.ipynb"
    if broken == "syntax":
        write_notebook(notebook, "#| export\ndef area(r:\n    return r")
    else:
        notebook.write_text(broken, encoding="utf-8")
    assert export.main([], root=project) == 1
    assert message in capsys.readouterr().err
    after = {p.name: p.read_text(encoding="utf-8") for p in (project / "dezero_steps").iterdir()}
    assert after == before


def test_statement_without_a_name_is_refused(project, capsys):
    write_notebook(project / "notebooks" / "step02.ipynb", "#| export\nprint('side effect')")
    assert export.main([], root=project) == 1
    assert "step02.ipynb cell 1: line 1 defines no name" in capsys.readouterr().err


def test_repository_modules_match_their_notebooks():
    result = subprocess.run([sys.executable, "tools/export.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("number", [n for n in step_numbers() if n >= 2], ids=lambda n: f"step{n:02d}")
def test_code_so_far_is_the_previous_module(number):
    """A step notebook opens with the framework exactly as the previous step's module has it."""
    cells = json.loads((ROOT / "notebooks" / f"step{number:02d}.ipynb").read_text(encoding="utf-8"))["cells"]
    sources = ["".join(cell["source"]) for cell in cells]
    heading = next(i for i, (cell, text) in enumerate(zip(cells, sources))
                   if cell["cell_type"] == "markdown" and text.startswith("## The code so far"))
    shown = next(text for cell, text in zip(cells[heading:], sources[heading:]) if cell["cell_type"] == "code")
    module = (ROOT / "dezero_steps" / f"step{number - 1:02d}.py").read_text(encoding="utf-8")
    assert shown.strip() == "".join(module.splitlines(True)[2:]).strip(), (
        f"step{number:02d}.ipynb: the code-so-far cell differs from dezero_steps/step{number - 1:02d}.py")
