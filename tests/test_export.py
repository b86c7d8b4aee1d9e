"""The exporter: notebooks in, step snapshots out, and --check catching any drift."""
import json
import re
import shutil
import subprocess
import sys

import pytest

from checkout import ROOT, load_tool

export = load_tool("export")


def write_notebook(path, *cells):
    """A minimal notebook: a title cell, then the given code cells (cell 1 is the first of them)."""
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


def snapshot_files(project):
    """{path below dezero_steps/: text} of every file there, packages included."""
    folder = project / "dezero_steps"
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def fails(project, capsys, argv=()):
    """Run the exporter, expect it to fail, and return what it printed on stderr."""
    assert export.main(list(argv), root=project) == 1
    return capsys.readouterr().err


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


def test_comments_after_a_cells_last_statement_stay_with_it(project):
    write_notebook(project / "notebooks" / "step02.ipynb",
                   "#| export\nTWO = 2\n# Later steps count on TWO.\n\n")
    export.main([], root=project)
    text = (project / "dezero_steps" / "step02.py").read_text(encoding="utf-8")
    assert text.endswith("TWO = 2\n# Later steps count on TWO.\n")


def test_module_header_names_its_notebook(project):
    export.main([], root=project)
    first_line = (project / "dezero_steps" / "step02.py").read_text(encoding="utf-8").splitlines()[0]
    assert "notebooks/step02.ipynb" in first_line and "do not edit" in first_line


def test_check_passes_after_export_and_catches_a_hand_edit(project, capsys):
    export.main([], root=project)
    assert export.main(["--check"], root=project) == 0
    module = project / "dezero_steps" / "step01.py"
    module.write_text(module.read_text(encoding="utf-8").replace("r * r", "r ** 2"), encoding="utf-8")
    assert "step01.py: differs" in fails(project, capsys, ["--check"])


def test_check_names_missing_and_orphan_modules(project, capsys):
    export.main([], root=project)
    (project / "dezero_steps" / "step02.py").unlink()
    (project / "dezero_steps" / "step07.py").write_text("", encoding="utf-8")
    err = fails(project, capsys, ["--check"])
    assert "step02.py: missing" in err
    assert "step07.py: no notebook" in err


@pytest.mark.parametrize("broken, message", [
    ("{ this is not json", "step02.ipynb: not a readable notebook"),
    ("syntax", "step02.ipynb cell 1: syntax error in export cell"),
])
def test_malformed_notebook_leaves_every_module_untouched(project, capsys, broken, message):
    export.main([], root=project)
    before = snapshot_files(project)
    notebook = project / "notebooks" / "step02.ipynb"
    if broken == "syntax":
        write_notebook(notebook, "#| export\ndef area(r:\n    return r")
    else:
        notebook.write_text(broken, encoding="utf-8")
    assert message in fails(project, capsys)
    assert snapshot_files(project) == before


@pytest.mark.parametrize("notebook, message", [
    ({"cells": [1, "x"], "metadata": {}, "nbformat": 4, "nbformat_minor": 4},
     "cells[0]: 1 is not of type 'object'"),
    ({"cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": None}],
      "metadata": {}, "nbformat": 4, "nbformat_minor": 4}, "cells[0].source: None is not valid"),
    ({"metadata": {}, "nbformat": 4, "nbformat_minor": 4}, "'cells' is a required property"),
], ids=["cells not objects", "source null", "no cells"])
def test_an_odd_notebook_is_a_one_line_error(project, capsys, notebook, message):
    (project / "notebooks" / "step02.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    err = fails(project, capsys)
    assert f"step02.ipynb: not a readable notebook ({message}" in err
    assert len(err.strip().splitlines()) == 1


def test_syntax_error_gives_the_line_as_the_cell_shows_it(project, capsys):
    write_notebook(project / "notebooks" / "step02.ipynb", "#| export\n\nTWO = 2\nTHREE = = 3")
    assert "step02.ipynb cell 1: syntax error in export cell, line 4:" in fails(project, capsys)


@pytest.mark.parametrize("source, line", [
    ("#|export\nTWO = 2", 1),
    ("# | export\nTWO = 2", 1),
    ("#|  export\nTWO = 2", 1),
    ("#| exports\nTWO = 2", 1),
    ("#| default_exp\nTWO = 2", 1),
    ("\n#| export\nTWO = 2", 2),
    ("# The number two.\n#| export\nTWO = 2", 2),
])
def test_a_malformed_marker_is_an_error(project, capsys, source, line):
    write_notebook(project / "notebooks" / "step02.ipynb", source)
    err = fails(project, capsys)
    assert f"step02.ipynb cell 1: line {line} `{source.splitlines()[line - 1]}` is not a valid marker" in err
    assert ("write it exactly `#| export`" if line == 1 else "must be the cell's first line") in err


def test_a_step_that_exports_a_name_twice_is_an_error(project, capsys):
    write_notebook(project / "notebooks" / "step02.ipynb", "#| export\nTWO = 2", "x = 1", "#| export\nTWO = 3")
    assert "step02.ipynb: cells 1 and 3 both export TWO; export only its final version" in fails(project, capsys)


def test_a_step_missing_from_the_middle_is_an_error(project, capsys):
    write_notebook(project / "notebooks" / "step03.ipynb", "#| export\nTHREE = 3")
    (project / "notebooks" / "step02.ipynb").unlink()
    assert "notebooks/step02.ipynb is missing" in fails(project, capsys)


def test_a_redefinition_moves_below_the_new_class_it_derives_from(project):
    write_notebook(project / "notebooks" / "step01.ipynb",
                   "#| export\nclass Function:\n    pass",
                   "#| export\nclass Square(Function):\n    pass",
                   "#| export\nclass Cube(Square):\n    pass",
                   "#| export\nclass Exp(Function):\n    pass")
    write_notebook(project / "notebooks" / "step02.ipynb",
                   "#| export\nclass Unary(Function):\n    pass",
                   "#| export\nclass Square(Unary):\n    pass")
    assert export.main([], root=project) == 0
    text = (project / "dezero_steps" / "step02.py").read_text(encoding="utf-8")
    assert re.findall(r"^class (\w+)", text, re.M) == ["Function", "Exp", "Unary", "Square", "Cube"]
    step2 = load(project / "dezero_steps" / "step02.py")
    assert issubclass(step2["Cube"], step2["Unary"])


def test_a_module_that_would_not_import_is_an_error(project, capsys):
    export.main([], root=project)
    before = snapshot_files(project)
    write_notebook(project / "notebooks" / "step02.ipynb", "#| export\nclass Square(Unary):\n    pass")
    err = fails(project, capsys)
    assert "step02.py would not import: NameError: name 'Unary' is not defined" in err
    assert snapshot_files(project) == before


def test_patches_tuples_guards_and_calls_export_and_import(project):
    write_notebook(project / "notebooks" / "step01.ipynb",
                   "#| export\nclass Variable:\n    def __init__(self, data):\n        self.data = data",
                   "#| export\ndef add(a, b):\n    return Variable(a.data + b.data)\n\n\n"
                   "Variable.__add__ = add\nVariable.__array_priority__ = 200\nLOW, HIGH = -1, 1",
                   "#| export\ntry:\n    import a_module_that_is_not_installed as accelerator\n"
                   "except ImportError:\n    accelerator = None",
                   "#| export\ndef setup_variable():\n    Variable.ready = True\n\n\nsetup_variable()")
    write_notebook(project / "notebooks" / "step02.ipynb",
                   "#| export\ndef add(a, b):\n    return Variable(a.data + b.data + 1)",
                   "#| export\nLOW, HIGH = -2, 2\nVariable.__array_priority__ = 300")
    assert export.main([], root=project) == 0
    text = (project / "dezero_steps" / "step02.py").read_text(encoding="utf-8")
    assert text.count("Variable.__array_priority__ =") == 1 and text.count("LOW, HIGH =") == 1
    assert "Variable.__add__ = add\nVariable.__array_priority__ = 300\nLOW, HIGH = -2, 2\n" in text
    assert text.count("\nsetup_variable()\n") == 1 and text.index("def add") < text.index("Variable.__add__ = add")
    step1 = load(project / "dezero_steps" / "step01.py")
    step2 = load(project / "dezero_steps" / "step02.py")
    Variable = step2["Variable"]
    assert (Variable(2) + Variable(3)).data == 6 and (step1["Variable"](2) + step1["Variable"](3)).data == 5
    assert (Variable.__array_priority__, step2["LOW"], step2["HIGH"]) == (300, -2, 2)
    assert step2["accelerator"] is None and Variable.ready is True


@pytest.fixture
def package_project(tmp_path):
    """Step 1 is a module; step 2 makes a package (default file core, plus __init__ and utils);
    step 3 redefines Variable in core and imports an earlier step's module in utils."""
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "dezero_steps").mkdir()
    write_notebook(tmp_path / "notebooks" / "step01.ipynb", "#| export\nimport math",
                   "#| export\nclass Variable:\n    def __init__(self, data):\n        self.data = data")
    write_notebook(tmp_path / "notebooks" / "step02.ipynb",
                   "#| default_exp core",
                   "#| export\ndef double(x):\n    return Variable(2 * x.data)",
                   "#| export __init__\nfrom dezero_steps.step02.core import Variable, double",
                   "#| export utils\nfrom dezero_steps.step02.core import Variable\n\n\n"
                   "def show(v):\n    return f'variable({v.data})'")
    write_notebook(tmp_path / "notebooks" / "step03.ipynb",
                   "#| export\nclass Variable:\n    def __init__(self, data):\n"
                   "        self.data = data\n        self.grad = None",
                   "#| export utils\nfrom dezero_steps.step01 import Variable as FirstVariable")
    return tmp_path


def run_python(project, code):
    return subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("setup, blocker", [("project", "step02.py"), ("package_project", "step03")])
def test_a_write_that_fails_leaves_every_snapshot_as_it_was(request, capsys, setup, blocker):
    """A folder where module step02.py goes, or a file where package step03/ goes: one message, and
    every snapshot stays as it was, the ones that could be written included."""
    project = request.getfixturevalue(setup)
    assert export.main([], root=project) == 0
    write_notebook(project / "notebooks" / "step01.ipynb", "#| export\nimport math",
                   "#| export\nclass Variable:\n    def __init__(self, data):\n        self.data = data + 0")
    target = project / "dezero_steps" / blocker
    if target.is_dir():
        shutil.rmtree(target)
        target.write_text("in the way\n", encoding="utf-8")
    else:
        target.unlink()
        target.mkdir()
    before = snapshot_files(project)
    err = fails(project, capsys)
    assert f"could not write dezero_steps/{blocker}:" in err and len(err.strip().splitlines()) == 1
    assert snapshot_files(project) == before
    assert not list((project / "dezero_steps").glob(".export-*"))


def test_default_exp_makes_a_package_that_carries_its_files_forward(package_project):
    assert export.main([], root=package_project) == 0
    files = snapshot_files(package_project)
    assert sorted(files) == ["step01.py", "step02/__init__.py", "step02/core.py", "step02/utils.py",
                             "step03/__init__.py", "step03/core.py", "step03/utils.py"]
    assert "import math" in files["step02/core.py"] and "class Variable" in files["step02/core.py"]
    assert "from .core import Variable, double" in files["step03/__init__.py"]  # rewritten, carried forward
    assert "from .core import Variable\n" in files["step03/utils.py"]
    assert "from dezero_steps.step01 import Variable as FirstVariable" in files["step03/utils.py"]
    assert files["step02/__init__.py"].startswith("# Generated from notebooks/step02.ipynb")
    out = run_python(package_project, "from dezero_steps.step03 import Variable, double\n"
                                      "from dezero_steps.step03.utils import show\n"
                                      "y = double(Variable(2))\n"
                                      "print(type(y).__module__, show(y), y.grad)")
    assert out == "dezero_steps.step03.core variable(4) None\n"


def test_a_new_default_file_takes_the_unmarked_cells(package_project):
    write_notebook(package_project / "notebooks" / "step04.ipynb",
                   "#| default_exp functions",
                   "#| export\nfrom dezero_steps.step04.core import Variable\n\n\n"
                   "def triple(x):\n    return Variable(3 * x.data)")
    assert export.main([], root=package_project) == 0
    files = snapshot_files(package_project)
    assert "def triple" in files["step04/functions.py"] and "def triple" not in files["step04/core.py"]
    assert files["step04/core.py"].split("\n", 2)[2] == files["step03/core.py"].split("\n", 2)[2]
    out = run_python(package_project, "from dezero_steps.step04.functions import triple, Variable\n"
                                      "print(triple(Variable(2)).data)")
    assert out == "6\n"


def test_default_exp_from_starts_the_new_file_as_a_copy(package_project):
    write_notebook(package_project / "notebooks" / "step04.ipynb",
                   "#| default_exp core2 from core",
                   "#| export\nclass Variable:\n    def __init__(self, data):\n        self.data = -data")
    assert export.main([], root=package_project) == 0
    files = snapshot_files(package_project)
    assert "def double" in files["step04/core2.py"] and "-data" in files["step04/core2.py"]
    assert files["step04/core.py"].split("\n", 2)[2] == files["step03/core.py"].split("\n", 2)[2]


def test_default_exp_from_a_missing_file_is_an_error(package_project, capsys):
    write_notebook(package_project / "notebooks" / "step04.ipynb", "#| default_exp core2 from nothing")
    assert "step04.ipynb: `#| default_exp core2 from nothing`: the package has no nothing.py" in fails(
        package_project, capsys)


def test_remove_takes_units_out_of_the_cells_file(package_project):
    write_notebook(package_project / "notebooks" / "step04.ipynb",
                   "#| export utils\n#| remove show\nVERSION = 4")
    assert export.main([], root=package_project) == 0
    files = snapshot_files(package_project)
    assert "show" not in files["step04/utils.py"] and "#| remove" not in files["step04/utils.py"]
    assert "VERSION = 4" in files["step04/utils.py"] and "def show" in files["step03/utils.py"]


def test_removing_what_another_file_imports_fails_the_import_check(package_project, capsys):
    write_notebook(package_project / "notebooks" / "step04.ipynb", "#| export\n#| remove double Variable")
    err = fails(package_project, capsys)
    assert "step04/__init__.py would not import: ImportError: cannot import name 'Variable'" in err


def test_removing_what_is_not_there_is_an_error(project, capsys):
    write_notebook(project / "notebooks" / "step03.ipynb", "#| export\n#| remove volume")
    assert "step03.ipynb cell 1: `#| remove volume`: the snapshot has no volume" in fails(project, capsys)


def test_own_package_imports_inside_a_block_become_relative(package_project):
    write_notebook(package_project / "notebooks" / "step04.ipynb",
                   "#| export __init__\nif True:\n    from dezero_steps.step04.core import Variable")
    assert export.main([], root=package_project) == 0
    assert "    from .core import Variable" in snapshot_files(package_project)["step04/__init__.py"]


def test_check_compares_packages_file_by_file(package_project, capsys):
    export.main([], root=package_project)
    folder = package_project / "dezero_steps"
    (folder / "step02" / "utils.py").unlink()
    (folder / "step02" / "old.py").write_text("", encoding="utf-8")
    (folder / "step03" / "core.py").write_text("", encoding="utf-8")
    (folder / "step03.py").write_text("", encoding="utf-8")
    (folder / "step03" / "__pycache__").mkdir()
    err = fails(package_project, capsys, ["--check"])
    assert err.splitlines() == ["step02/utils.py: missing (run python tools/export.py)",
                                "step03/core.py: differs from what its notebook exports",
                                "step02/old.py: not exported by notebooks/step02.ipynb (stale)",
                                "step03.py: stale, notebooks/step03.ipynb exports step03/"]
    assert export.main([], root=package_project) == 0  # a package is written whole: old.py goes
    assert not (folder / "step02" / "old.py").exists() and not (folder / "step03.py").exists()
    assert export.main(["--check"], root=package_project) == 0


def test_export_file_needs_a_package(project, capsys):
    write_notebook(project / "notebooks" / "step02.ipynb", "#| export utils\nTWO = 2")
    assert "step02.ipynb cell 1: `#| export utils` needs a package" in fails(project, capsys)


def test_notebooks_read_and_written_back_stay_byte_for_byte():
    notebook_io = load_tool("notebook_io")
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        notebook = notebook_io.read_notebook(path)
        assert notebook_io.notebook_text(notebook) == path.read_text(encoding="utf-8"), path.name
        assert all(isinstance(notebook_io.source_of(cell), str) for cell in notebook.cells)


def test_repository_modules_match_their_notebooks():
    result = subprocess.run([sys.executable, "tools/export.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


STEPS = sorted(int(path.stem[4:]) for path in (ROOT / "notebooks").glob("step*.ipynb")
               if re.fullmatch(r"step\d\d", path.stem) and path.stem != "step00")


@pytest.mark.parametrize("number", STEPS[1:], ids=lambda n: f"step{n:02d}")
def test_code_so_far_is_the_previous_snapshot(number):
    """A step notebook opens with the framework as the previous step left it: the code of its
    module, or an import of the previous snapshot (the only way once that is a package)."""
    cells = json.loads((ROOT / "notebooks" / f"step{number:02d}.ipynb").read_text(encoding="utf-8"))["cells"]
    sources = ["".join(cell["source"]) for cell in cells]
    heading = next(i for i, (cell, text) in enumerate(zip(cells, sources))
                   if cell["cell_type"] == "markdown" and text.startswith("## The code so far"))
    shown = next(text for cell, text in zip(cells[heading:], sources[heading:]) if cell["cell_type"] == "code")
    previous = f"step{number - 1:02d}"
    if re.search(rf"^from dezero_steps\.{previous} import ", shown, re.M):
        return
    module = ROOT / "dezero_steps" / f"{previous}.py"
    assert module.is_file(), f"step{number:02d}.ipynb: the code so far must import dezero_steps.{previous}"
    assert shown.strip() == "".join(module.read_text(encoding="utf-8").splitlines(True)[2:]).strip(), (
        f"step{number:02d}.ipynb: the code-so-far cell differs from dezero_steps/{previous}.py")
