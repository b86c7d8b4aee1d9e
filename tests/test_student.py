"""tools/student.py: student copies with solutions removed, and that those copies run."""
import ast
import copy
import json
import re
import shutil
import subprocess
import sys

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import NOTEBOOKS, ROOT, load_tool

student = load_tool("student")

SETUP = """# Setup: make the `dezero_steps` package importable.
import sys
if "google.colab" in sys.modules:  # in Colab: install DeZero Steps from its repository
    %pip install --quiet git+https://github.com/dezero-steps/dezero-steps
else:  # in a checkout: the package sits beside the notebooks folder
    sys.path.insert(0, "..")"""

SOLUTION_CELL = """class Cube(Function):
    def forward(self, x):
        ### BEGIN SOLUTION
        # Hint: the cube of x is x ** 3.
        return x ** 3
        ### END SOLUTION

    def backward(self, gy):
        ### BEGIN SOLUTION
        x = self.input.data
        return 3 * x ** 2 * gy
        ### END SOLUTION"""

STUDENT_CELL = """class Cube(Function):
    def forward(self, x):
        # Hint: the cube of x is x ** 3.
        raise NotImplementedError

    def backward(self, gy):
        # Your code here
        raise NotImplementedError"""

PREDICTION_CELL = """def my_prediction():
    ### BEGIN SOLUTION
    return 3.0
    ### END SOLUTION"""

STUDENT_PREDICTION_CELL = """def my_prediction():
    # Your code here
    raise NotImplementedError"""

CHECK_CALL = re.compile(r"\bcheck_(forward|backward|value|raises)\(")
FIRST_EXERCISE_CELL = 5


def code(source, count=None, output=None):
    cell = nbformat.v4.new_code_cell(source, execution_count=count)
    if output is not None:
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=output)]
    return cell


def build(cells):
    """A notebook laid out like the project's notebooks (nbformat 4.4, no cell ids)."""
    nb = nbformat.v4.new_notebook()
    nb.nbformat_minor = 4
    nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                   "language_info": {"name": "python"}}
    nb.cells = cells
    for cell in nb.cells:
        cell.pop("id", None)
    return nb


def lesson_cells():
    """The part before the exercises: it must come through untouched."""
    return [
        nbformat.v4.new_markdown_cell("# Step 99: Cubes\n\nA cube ✓, façade, x³."),
        code(SETUP, 1),
        code("import numpy as np\nfrom dezero_steps.step06 import Variable, Function\n"
             "from dezero_steps import exercises", 2),
        code("print(Variable(np.array(2.0)).data ** 3)", 3, "8.0\n"),
    ]


def exercise_notebook():
    return build(lesson_cells() + [
        nbformat.v4.new_markdown_cell("## Exercises\n\n1. Write `Cube`, the function $x^3$."),
        code(SOLUTION_CELL, 4),
        code("exercises.check_forward(Cube, Variable, lambda x: x ** 3)", 5,
             "✓ Cube.forward matches the expected values at 3 points\n"),
        code("exercises.check_backward(Cube, Variable)", 6,
             "✓ Cube.backward matches the numerical derivative at 3 points\n"),
        nbformat.v4.new_markdown_cell("2. What is `x.grad` for $y = x^3$ at $x = -1$?"),
        code(PREDICTION_CELL, 7),
        code('exercises.check_value("x.grad at x = -1", my_prediction, 3.0)', 8,
             "✓ x.grad at x = -1: 3 is right\n"),
    ])


def write(nb, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


def make_copies(*argv):
    """Run the tool in this process; its exit code."""
    return student.main([str(arg) for arg in argv])


@pytest.fixture
def notebook(tmp_path):
    return write(exercise_notebook(), tmp_path / "src" / "step99.ipynb")


def test_solutions_become_hints_and_raise(tmp_path, notebook, capsys):
    assert make_copies(notebook, "--out", tmp_path / "out") == 0
    assert "wrote" in capsys.readouterr().out
    cells = json.loads((tmp_path / "out" / "step99.ipynb").read_text(encoding="utf-8"))["cells"]
    assert "".join(cells[FIRST_EXERCISE_CELL]["source"]) == STUDENT_CELL
    assert "".join(cells[9]["source"]) == STUDENT_PREDICTION_CELL


def test_copy_is_the_notebook_with_exercises_cleared(tmp_path, notebook):
    make_copies(notebook, "--out", tmp_path / "out")
    expected = copy.deepcopy(exercise_notebook())
    expected.cells[FIRST_EXERCISE_CELL].source = STUDENT_CELL
    expected.cells[9].source = STUDENT_PREDICTION_CELL
    for cell in expected.cells[FIRST_EXERCISE_CELL:]:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    text = (tmp_path / "out" / "step99.ipynb").read_text(encoding="utf-8")
    assert text == nbformat.writes(expected) + "\n"


def test_lesson_cells_are_unchanged(tmp_path, notebook):
    make_copies(notebook, "--out", tmp_path / "out")
    original = json.loads(notebook.read_text(encoding="utf-8"))
    result = json.loads((tmp_path / "out" / "step99.ipynb").read_text(encoding="utf-8"))
    assert result["cells"][:FIRST_EXERCISE_CELL] == original["cells"][:FIRST_EXERCISE_CELL]
    assert result["cells"][3]["outputs"][0]["text"] == ["8.0\n"]
    assert result["metadata"] == original["metadata"]


def test_notebook_without_exercises_is_copied_byte_for_byte(tmp_path):
    path = write(build(lesson_cells()), tmp_path / "src" / "plain.ipynb")
    assert make_copies(path, "--out", tmp_path / "out") == 0
    assert (tmp_path / "out" / "plain.ipynb").read_bytes() == path.read_bytes()


def test_cells_after_exercises_heading_are_cleared_without_markers(tmp_path):
    nb = build(lesson_cells() + [nbformat.v4.new_markdown_cell("## Exercises"),
                                 code("print(1)", 4, "1\n")])
    path = write(nb, tmp_path / "src" / "step99.ipynb")
    make_copies(path, "--out", tmp_path / "out")
    cells = json.loads((tmp_path / "out" / "step99.ipynb").read_text(encoding="utf-8"))["cells"]
    assert cells[-1]["outputs"] == [] and cells[-1]["execution_count"] is None
    assert cells[3]["execution_count"] == 3


def test_source_stored_as_one_string_stays_a_string(tmp_path):
    nb = json.loads(nbformat.writes(exercise_notebook()))
    nb["cells"][FIRST_EXERCISE_CELL]["source"] = SOLUTION_CELL
    path = tmp_path / "src" / "step99.ipynb"
    path.parent.mkdir()
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    make_copies(path, "--out", tmp_path / "out")
    cells = json.loads((tmp_path / "out" / "step99.ipynb").read_text(encoding="utf-8"))["cells"]
    assert cells[FIRST_EXERCISE_CELL]["source"] == STUDENT_CELL


def test_existing_copy_is_kept_without_force(tmp_path, notebook, capsys):
    target = tmp_path / "out" / "step99.ipynb"
    target.parent.mkdir()
    target.write_text("the teacher's edited copy", encoding="utf-8")
    assert make_copies(notebook, "--out", tmp_path / "out") == 0
    out = capsys.readouterr().out
    assert "skipped" in out and "step99.ipynb" in out and "--force" in out
    assert target.read_text(encoding="utf-8") == "the teacher's edited copy"

    assert make_copies(notebook, "--out", tmp_path / "out", "--force") == 0
    assert "wrote" in capsys.readouterr().out
    assert "".join(json.loads(target.read_text(encoding="utf-8"))["cells"][9]["source"]) \
        == STUDENT_PREDICTION_CELL


def test_copy_never_replaces_its_notebook(notebook, capsys):
    before = notebook.read_bytes()
    assert make_copies(notebook, "--out", notebook.parent, "--force") == 1
    assert "step99.ipynb" in capsys.readouterr().err
    assert notebook.read_bytes() == before


BROKEN = {
    "begin without end": ("def f():\n    ### BEGIN SOLUTION\n    return 1", "has no ### END SOLUTION"),
    "end without begin": ("def f():\n    return 1\n    ### END SOLUTION", "has no ### BEGIN SOLUTION"),
    "nested begin": ("def f():\n    ### BEGIN SOLUTION\n    ### BEGIN SOLUTION\n    return 1\n"
                     "    ### END SOLUTION\n    ### END SOLUTION", "line 3 is inside the region opened on line 2"),
    "top level": ("### BEGIN SOLUTION\nx = 1\n### END SOLUTION", "top level"),
    "indentation differs": ("def f():\n    ### BEGIN SOLUTION\n    return 1\n### END SOLUTION",
                            "not indented like"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_broken_markers_stop_everything(tmp_path, notebook, capsys, case):
    source, message = BROKEN[case]
    bad = write(build(lesson_cells()[:3] + [code(source, 3)]), tmp_path / "src" / "bad.ipynb")
    out = tmp_path / "out"
    assert make_copies(notebook, bad, "--out", out) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1
    assert "bad.ipynb cell 3" in lines[0] and message in lines[0]
    assert not out.exists()


def test_default_copies_every_notebook_with_a_solution(tmp_path, capsys):
    root = tmp_path / "repo"
    write(exercise_notebook(), root / "notebooks" / "step99.ipynb")
    write(build(lesson_cells()), root / "notebooks" / "step98.ipynb")
    assert student.main([], root=root) == 0
    assert sorted(p.name for p in (root / "student").iterdir()) == ["step99.ipynb"]


def test_command_line(tmp_path, notebook):
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "student.py"), str(notebook),
                             "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "step99.ipynb").exists()


def execute(path):
    """Run a notebook in a fresh kernel from its own folder; any untagged error fails the test."""
    nb = nbformat.read(str(path), as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def output_text(cell):
    return "".join(out.get("text", "") if out.get("output_type") == "stream"
                   else out.get("data", {}).get("text/plain", "") for out in cell.outputs)


def check_cells(nb):
    return [cell for cell in nb.cells if cell.cell_type == "code" and CHECK_CALL.search(cell.source)]


def solution_names(path):
    """Names of the classes and functions defined in cells with a solution region."""
    nb = nbformat.read(str(path), as_version=4)
    return {node.name for cell in nb.cells if cell.cell_type == "code" and "### BEGIN SOLUTION" in cell.source
            for node in ast.parse(cell.source).body if isinstance(node, (ast.ClassDef, ast.FunctionDef))}


def assert_student_copy_runs(source, tmp_path):
    """Make the student copy in tmp/notebooks/, beside a copy of the package, and execute it.

    Every check of the reader's code (a check cell naming a class or function that holds a
    solution) must say "not done yet"; a check of the lesson's own code must still print its verdict.
    """
    shutil.copytree(ROOT / "dezero_steps", tmp_path / "dezero_steps",
                    ignore=shutil.ignore_patterns("__pycache__"))
    assert make_copies(source, "--out", tmp_path / "notebooks") == 0
    checks = check_cells(execute(tmp_path / "notebooks" / source.name))
    names = solution_names(source)
    reader_checks = [cell for cell in checks
                     if any(re.search(rf"\b{re.escape(name)}\b", cell.source) for name in names)]
    assert reader_checks, f"{source.name} has solutions but no check cell uses them"
    for cell in checks:
        expected = "not done yet" if cell in reader_checks else ""
        assert output_text(cell).strip() and expected in output_text(cell), cell.source


def test_fixture_solution_passes_its_checks(tmp_path):
    shutil.copytree(ROOT / "dezero_steps", tmp_path / "dezero_steps",
                    ignore=shutil.ignore_patterns("__pycache__"))
    checks = check_cells(execute(write(exercise_notebook(), tmp_path / "notebooks" / "step99.ipynb")))
    assert [output_text(cell)[0] for cell in checks] == ["✓", "✓", "✓"]


def test_fixture_student_copy_runs_and_says_not_done(tmp_path, notebook):
    assert_student_copy_runs(notebook, tmp_path)


def has_solution(path):
    """True for a notebook with a code cell holding a `### BEGIN SOLUTION` line."""
    return any(cell.cell_type == "code" and "### BEGIN SOLUTION" in map(str.strip, cell.source.splitlines())
               for cell in nbformat.read(str(path), as_version=4).cells)


WITH_EXERCISES = [path for path in NOTEBOOKS if has_solution(path)]


@pytest.mark.parametrize("path", WITH_EXERCISES, ids=[path.name for path in WITH_EXERCISES])
def test_student_copy_runs_and_says_not_done(tmp_path, path):
    assert_student_copy_runs(path, tmp_path)
