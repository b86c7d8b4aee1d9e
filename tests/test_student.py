"""tools/student.py: the student edition and handouts, and that every blank copy runs.

The fixture notebook built here (`exercise_notebook`) is laid out as the step notebooks are;
tests/test_grading.py uses it too.
"""
import re
import subprocess
import sys

import nbformat
import pytest

import notebook_runs
from checkout import ROOT, load_tool

student = load_tool("student")

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EDITION = ROOT / "notebooks" / "student"

CUBE_ANSWER = """class Cube(Function):
    def forward(self, x):
        # Hint: Square.forward returns x ** 2.
        ### BEGIN SOLUTION
        return x ** 3
        ### END SOLUTION

    def backward(self, gy):
        ### BEGIN SOLUTION
        x = self.input.data
        return 3 * x ** 2 * gy
        ### END SOLUTION"""

# What nbgrader's generate_assignment makes of it: each region becomes its two-line stub,
# indented like the marker. (.ci/nbgrader compares the real thing with the student edition.)
CUBE_BLANK = """class Cube(Function):
    def forward(self, x):
        # Hint: Square.forward returns x ** 2.
        # YOUR CODE HERE
        raise NotImplementedError()

    def backward(self, gy):
        # YOUR CODE HERE
        raise NotImplementedError()"""

PREDICTION_ANSWER = """def my_prediction():
    # Hint: 3x^2 at x = -1.
    ### BEGIN SOLUTION
    return 3.0
    ### END SOLUTION"""

PREDICTION_BLANK = """def my_prediction():
    # Hint: 3x^2 at x = -1.
    # YOUR CODE HERE
    raise NotImplementedError()"""

CHECKS = ["exercises.check_forward(Cube, Variable, lambda x: x ** 3)",
          "exercises.check_backward(Cube, Variable)",
          'exercises.check_value("x.grad of x ** 3 at x = -1", my_prediction, 3.0)']
FIRST_EXERCISE_CELL = 4


def code(source, count=None, output=None):
    cell = nbformat.v4.new_code_cell(source, execution_count=count)
    if output is not None:
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=output)]
    return cell


def markdown(source):
    return nbformat.v4.new_markdown_cell(source)


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
        markdown("# Step 99: Cubes\n\nA cube ✓, façade, x³. See [the README](../README.md) and "
                 "[step 98](step98.ipynb)."),
        code(f"import sys\nsys.path.insert(0, {str(ROOT)!r})", 1),
        code("import numpy as np\nfrom dezero_steps.step06 import Variable, Function", 2),
        code("print(Variable(np.array(2.0)).data ** 3)", 3, "8.0\n"),
    ]


def exercise_cells():
    return [
        markdown("## Exercises\n\nTry each exercise, then run the check below it."),
        code("from dezero_steps import exercises", 4),
        markdown("### Exercise 1 (easy): Cube\n\nWrite `Cube`, the function $x^3$."),
        code(CUBE_ANSWER, 5),
        code(CHECKS[0], 6, "✓ Cube.forward matches\n"),
        code(CHECKS[1], 7, "✓ Cube.backward matches\n"),
        markdown("### Exercise 2 (medium): Predict\n\nWhat is `x.grad` for $y = x^3$ at $x = -1$?"),
        code(PREDICTION_ANSWER, 8),
        code(CHECKS[2], 9, "✓ x.grad of x ** 3 at x = -1: 3.0 is right\n"),
    ]


def exercise_notebook():
    return build(lesson_cells() + exercise_cells())


def write(nb, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


def make_copies(*argv, root=ROOT):
    """Run the tool in this process; its exit code."""
    return student.main([str(arg) for arg in argv], root=root)


def cells_of(path):
    return nbformat.read(str(path), as_version=4).cells


@pytest.fixture
def notebook(tmp_path):
    return write(exercise_notebook(), tmp_path / "src" / "step99.ipynb")


# ---------------------------------------------------------------------------------------------
# Handouts

def test_solutions_become_nbgraders_stub(tmp_path, notebook):
    assert make_copies(notebook, "--out", tmp_path / "out") == 0
    cells = cells_of(tmp_path / "out" / "step99.ipynb")
    assert cells[7].source == CUBE_BLANK
    assert cells[11].source == PREDICTION_BLANK


def test_copy_is_the_notebook_with_exercises_cleared(tmp_path, notebook):
    make_copies(notebook, "--out", tmp_path / "out")
    expected = exercise_notebook()
    expected.cells[7].source, expected.cells[11].source = CUBE_BLANK, PREDICTION_BLANK
    for cell in expected.cells[FIRST_EXERCISE_CELL:]:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    assert (tmp_path / "out" / "step99.ipynb").read_text(encoding="utf-8") == nbformat.writes(expected) + "\n"


def test_lesson_cells_and_metadata_are_unchanged(tmp_path, notebook):
    original = nbformat.read(str(notebook), as_version=4)
    original.cells[7].metadata["nbgrader"] = {"solution": True, "grade_id": "step99-ex1-answer"}
    write(original, notebook)
    make_copies(notebook, "--out", tmp_path / "out")
    result = nbformat.read(str(tmp_path / "out" / "step99.ipynb"), as_version=4)
    assert result.cells[:FIRST_EXERCISE_CELL] == original.cells[:FIRST_EXERCISE_CELL]
    assert result.cells[3].outputs[0].text == "8.0\n"
    assert result.metadata == original.metadata
    assert result.cells[7].metadata == original.cells[7].metadata


def test_notebook_without_exercises_is_copied_byte_for_byte(tmp_path):
    path = write(build(lesson_cells()), tmp_path / "src" / "plain.ipynb")
    assert make_copies(path, "--out", tmp_path / "out") == 0
    assert (tmp_path / "out" / "plain.ipynb").read_bytes() == path.read_bytes()


def test_existing_handout_is_kept_without_force(tmp_path, notebook, capsys):
    target = tmp_path / "out" / "step99.ipynb"
    target.parent.mkdir()
    target.write_text("the teacher's edited copy", encoding="utf-8")
    assert make_copies(notebook, "--out", tmp_path / "out") == 0
    out = capsys.readouterr().out
    assert "skipped" in out and "step99.ipynb" in out and "--force" in out
    assert target.read_text(encoding="utf-8") == "the teacher's edited copy"
    assert make_copies(notebook, "--out", tmp_path / "out", "--force") == 0
    assert cells_of(target)[11].source == PREDICTION_BLANK


def refused(capsys, *argv, root=ROOT):
    """The one-line message of a refused request (exit code 1, nothing on stdout)."""
    assert make_copies(*argv, root=root) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.splitlines()) == 1, captured
    return captured.err


def test_copy_never_replaces_its_notebook(notebook, capsys):
    before = notebook.read_bytes()
    assert "replace the notebook itself" in refused(capsys, notebook, "--out", notebook.parent, "--force")
    assert notebook.read_bytes() == before


def test_handouts_never_go_inside_notebooks(tmp_path, notebook, capsys):
    root = tmp_path / "repo"
    (root / "notebooks" / "student").mkdir(parents=True)
    for out in (root / "notebooks", root / "notebooks" / "student", root / "notebooks" / "class"):
        assert "inside notebooks/" in refused(capsys, notebook, "--out", out, root=root)
    assert not (root / "notebooks" / "class").exists()


def test_two_notebooks_with_one_name_are_refused(tmp_path, notebook, capsys):
    other = write(exercise_notebook(), tmp_path / "elsewhere" / "step99.ipynb")
    assert "would both be copied" in refused(capsys, notebook, other, "--out", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_out_that_is_a_file_is_refused(tmp_path, notebook, capsys):
    (tmp_path / "out").write_text("not a folder", encoding="utf-8")
    assert "is a file" in refused(capsys, notebook, "--out", tmp_path / "out")


def test_notebooks_and_out_go_together(tmp_path, notebook, capsys):
    with pytest.raises(SystemExit):
        make_copies(notebook)
    with pytest.raises(SystemExit):
        make_copies("--out", tmp_path / "out")
    assert "--out" in capsys.readouterr().err


def test_a_file_that_is_not_a_notebook_is_refused(tmp_path, notebook, capsys):
    bad = tmp_path / "src" / "bad.ipynb"
    bad.write_text('{"cells": "none"}', encoding="utf-8")
    assert "bad.ipynb: not a readable notebook" in refused(capsys, notebook, bad, "--out", tmp_path / "out")
    assert not (tmp_path / "out").exists()


BROKEN = {
    "begin without end": ("def f():\n    ### BEGIN SOLUTION\n    return 1", "without an ### END SOLUTION"),
    "end without begin": ("def f():\n    return 1\n    ### END SOLUTION", "without a ### BEGIN SOLUTION"),
    "nested begin": ("def f():\n    ### BEGIN SOLUTION\n    ### BEGIN SOLUTION\n    return 1\n"
                     "    ### END SOLUTION\n    ### END SOLUTION", "line 3: ### BEGIN SOLUTION inside the region"),
    "top level": ("### BEGIN SOLUTION\nx = 1\n### END SOLUTION", "at top level"),
    "indentation differs": ("def f():\n    ### BEGIN SOLUTION\n    return 1\n### END SOLUTION",
                            "not indented like"),
    "hint inside": ("def f():\n    ### BEGIN SOLUTION\n    # Hint: one\n    return 1\n    ### END SOLUTION",
                    "a hint inside the solution region"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_broken_markers_stop_every_handout(tmp_path, notebook, capsys, case):
    source, message = BROKEN[case]
    bad = write(build(lesson_cells() + [markdown("### Exercise 1 (easy): f"), code(source, 3)]),
                tmp_path / "src" / "bad.ipynb")
    line = refused(capsys, notebook, bad, "--out", tmp_path / "out")
    assert "bad.ipynb cell 5" in line and message in line
    assert not (tmp_path / "out").exists()


def test_command_line(tmp_path, notebook):
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "student.py"), str(notebook),
                             "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "step99.ipynb").exists()


# ---------------------------------------------------------------------------------------------
# The student edition

@pytest.fixture
def repo(tmp_path):
    """A checkout with two notebooks, one with exercises."""
    root = tmp_path / "repo"
    write(exercise_notebook(), root / "notebooks" / "step99.ipynb")
    write(build(lesson_cells()[:1] + [markdown("Read [the code](../dezero_steps/step98.py#L3).")]),
          root / "notebooks" / "step98.ipynb")
    return root


def test_edition_copies_every_notebook(repo, capsys):
    assert make_copies(root=repo) == 0
    assert sorted(p.name for p in (repo / "notebooks" / "student").iterdir()) == ["step98.ipynb", "step99.ipynb"]
    assert cells_of(repo / "notebooks" / "student" / "step99.ipynb")[7].source == CUBE_BLANK
    assert "2 of 2 notebooks copied, 2 files changed" in capsys.readouterr().out
    assert make_copies("--check", root=repo) == 0
    assert make_copies(root=repo) == 0
    assert "0 files changed" in capsys.readouterr().out


def test_edition_links_that_leave_notebooks_are_rewritten(repo):
    make_copies(root=repo)
    assert cells_of(repo / "notebooks" / "student" / "step99.ipynb")[0].source == (
        "# Step 99: Cubes\n\nA cube ✓, façade, x³. See [the README](../../README.md) and [step 98](step98.ipynb).")
    assert cells_of(repo / "notebooks" / "student" / "step98.ipynb")[1].source == (
        "Read [the code](../../dezero_steps/step98.py#L3).")


@pytest.mark.parametrize("link, expected", [
    ("[a](../README.md)", "[a](../../README.md)"),
    ("[a](step07.ipynb)", "[a](step07.ipynb)"),
    ("[a](step07.ipynb#7.2-a-section)", "[a](step07.ipynb#7.2-a-section)"),
    ("[a](./step07.ipynb)", "[a](./step07.ipynb)"),
    ("[a](figures/graph.png)", "[a](../figures/graph.png)"),
    ("![a](../docs/a.png)", "![a](../../docs/a.png)"),
    ('<img src="../docs/a.png" width="200">', '<img src="../../docs/a.png" width="200">'),
    ('[a](../README.md "the title")', '[a](../../README.md "the title")'),
    ("[ref]: ../README.md", "[ref]: ../../README.md"),
    ("[a](https://github.com/x/y/blob/main/README.md)", "[a](https://github.com/x/y/blob/main/README.md)"),
    ("[a](#exercises)", "[a](#exercises)"),
    ("[a](mailto:someone@example.org)", "[a](mailto:someone@example.org)"),
    ("`f(x)` and (../README.md) in prose", "`f(x)` and (../README.md) in prose"),
])
def test_relink(tmp_path, link, expected):
    notebooks = tmp_path / "notebooks"
    assert student.relink(link, notebooks, notebooks / "student") == expected


def test_edition_check_names_stale_missing_and_left_over_copies(repo, capsys):
    make_copies(root=repo)
    edition = repo / "notebooks" / "student"
    nb = exercise_notebook()
    nb.cells[3].source = "print('changed')"
    write(nb, repo / "notebooks" / "step99.ipynb")
    (edition / "step98.ipynb").unlink()
    write(build(lesson_cells()), edition / "step97.ipynb")
    capsys.readouterr()
    assert make_copies("--check", root=repo) == 1
    lines = capsys.readouterr().out.splitlines()
    assert sorted(lines) == sorted([f"{edition / 'step98.ipynb'}: missing", f"{edition / 'step99.ipynb'}: stale",
                                    f"{edition / 'step97.ipynb'}: left over (no notebooks/step97.ipynb)"])
    assert make_copies(root=repo) == 0
    assert "removed" in capsys.readouterr().out and not (edition / "step97.ipynb").exists()
    assert make_copies("--check", root=repo) == 0


def test_a_broken_notebook_keeps_its_old_copy_and_the_others_are_written(repo, capsys):
    make_copies(root=repo)
    old = (repo / "notebooks" / "student" / "step99.ipynb").read_bytes()
    write(build(lesson_cells() + [markdown("Write between\n### BEGIN SOLUTION\nand the end.")]),
          repo / "notebooks" / "step99.ipynb")
    (repo / "notebooks" / "student" / "step98.ipynb").unlink()
    assert make_copies(root=repo) == 1
    assert "step99.ipynb cell 4, line 2: a markdown line naming a solution marker" in capsys.readouterr().err
    assert (repo / "notebooks" / "student" / "step99.ipynb").read_bytes() == old
    assert (repo / "notebooks" / "student" / "step98.ipynb").exists()


def test_the_student_edition_is_up_to_date(capsys):
    code = make_copies("--check")
    assert code == 0, capsys.readouterr().out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def test_badge_opens_the_student_edition(path):
    """The "Open in Colab" badge of the title cell opens the blank copy, not the worked one."""
    repository = re.search(r'^Repository\s*=\s*"https://github.com/([^"]+)"',
                           (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.MULTILINE).group(1)
    badge = (f"(https://colab.research.google.com/github/{repository}/blob/main/notebooks/student/"
             f"{path.name})")
    title = nbformat.read(str(path), as_version=4).cells[0].source
    assert "colab-badge.svg" in title and badge in title, title


def test_nbval_does_not_collect_the_student_edition(tmp_path):
    """Whatever folder pytest starts in: conftest.py's collect_ignore, not a path relative to it."""
    collect = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0", "-p", "no:cacheprovider"]
    result = subprocess.run([*collect, str(ROOT / "notebooks")], cwd=tmp_path, capture_output=True, text=True)
    assert "notebooks/step" in result.stdout, result.stdout[-2000:]
    assert "notebooks/student" not in result.stdout


# ---------------------------------------------------------------------------------------------
# Every student-edition notebook runs, and stops at its exercises with "not done yet"
# (its run is notebook_runs.the_run, where nbval compares the lesson's outputs)

def assert_says_not_done(run):
    """Every check cell of the copy ends in NotDone."""
    for index in run.checks:
        errors = [(out.ename, out.evalue) for out in run.notebook.cells[index].outputs if out.output_type == "error"]
        assert errors and errors[0][0] == "NotDone", f"{run.name} cell {index}: {errors}"


def fixture_run(worked, folder):
    """The fixture's student copy, then its worked exercises, run in one kernel from this checkout."""
    make_copies(worked, "--out", folder)
    run = notebook_runs.plan(worked, folder / worked.name, {}, probe=False)
    return notebook_runs.execute(run, folder, timeout=60)


def test_fixture_runs_blank_and_worked(tmp_path, notebook):
    run = fixture_run(notebook, tmp_path / "out")
    assert len(run.checks) == 3
    assert_says_not_done(run)
    worked = [run.notebook.cells[run.worked[index]].outputs[0].text[0] for index in run.checks]
    assert worked == ["✓", "✓", "✓"]


def test_fixture_check_that_passes_blank_fails_this_test(tmp_path):
    """A check of the lesson's own code would pass in a blank copy; the test must notice."""
    nb = exercise_notebook()
    nb.cells[12].source = 'exercises.check_value("x.grad of x ** 3 at x = -1", lambda: 3.0, 3.0)'
    run = fixture_run(write(nb, tmp_path / "src" / "step99.ipynb"), tmp_path / "out")
    with pytest.raises(AssertionError, match="cell 12"):
        assert_says_not_done(run)


EDITION_COPIES = sorted(EDITION.glob("*.ipynb"))


@pytest.mark.parametrize("path", EDITION_COPIES, ids=[path.name for path in EDITION_COPIES])
def test_student_edition_runs_and_says_not_done(path, notebook_run):
    worked = ROOT / "notebooks" / path.name
    if not worked.exists() or path.read_text(encoding="utf-8") != student.edition_copy(worked, EDITION):
        pytest.fail(f"{path.name} is stale or left over: run `python tools/student.py`", pytrace=False)
    assert_says_not_done(notebook_run(path.stem))
