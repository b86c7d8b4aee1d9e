"""Grading: tools/mark_exercises.py (nbgrader's metadata, the exercise format) and tools/grade.py
(a table of scores for a folder of filled-in copies)."""
import csv
import subprocess
import sys

import nbformat
import pytest

from checkout import ROOT, load_tool
from test_student import (CUBE_ANSWER, build, code, exercise_notebook, lesson_cells, make_copies, markdown,
                          write)

mark = load_tool("mark_exercises")
grade = load_tool("grade")

ANSWER_CELLS, CHECK_CELLS = {7: "step99-ex1-answer", 11: "step99-ex2-answer"}, {
    8: "step99-ex1-check", 9: "step99-ex1-check2", 12: "step99-ex2-check"}


def stamp(*argv):
    return mark.main([str(arg) for arg in argv])


@pytest.fixture
def notebook(tmp_path):
    return write(exercise_notebook(), tmp_path / "step99.ipynb")


# ---------------------------------------------------------------------------------------------
# mark_exercises

def test_answer_and_check_cells_get_nbgraders_metadata(notebook):
    assert stamp(notebook) == 0
    cells = nbformat.read(str(notebook), as_version=4).cells
    for index, grade_id in ANSWER_CELLS.items():
        assert cells[index].metadata == {"nbgrader": {
            "grade": False, "grade_id": grade_id, "locked": False, "schema_version": 3, "solution": True,
            "task": False}}
    for index, grade_id in CHECK_CELLS.items():
        assert cells[index].metadata == {"nbgrader": {
            "grade": True, "grade_id": grade_id, "locked": True, "points": 1, "schema_version": 3,
            "solution": False, "task": False}}


def test_every_other_cell_is_left_alone(notebook):
    stamp(notebook)
    before, after = exercise_notebook().cells, nbformat.read(str(notebook), as_version=4).cells
    for index, (old, new) in enumerate(zip(before, after)):
        if index in ANSWER_CELLS or index in CHECK_CELLS:
            new.metadata.pop("nbgrader")
        assert new == old, index


def test_stamping_twice_changes_nothing(notebook, capsys):
    stamp(notebook)
    first = notebook.read_bytes()
    assert stamp(notebook) == 0
    assert "unchanged" in capsys.readouterr().out.splitlines()[-1]
    assert notebook.read_bytes() == first


def test_check_names_the_cells_to_stamp(notebook, capsys):
    assert stamp("--check", notebook) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.rsplit(" cell ", 1)[1] for line in lines] == [
        f"{index}: nbgrader metadata missing" for index in sorted({**ANSWER_CELLS, **CHECK_CELLS})]
    stamp(notebook)
    assert stamp("--check", notebook) == 0


def test_stale_metadata_is_reported_and_removed(notebook, capsys):
    stamp(notebook)
    nb = nbformat.read(str(notebook), as_version=4)
    nb.cells[3].metadata["nbgrader"] = {"grade": True, "grade_id": "old", "points": 1}
    nb.cells[8].metadata["nbgrader"]["points"] = 2
    write(nb, notebook)
    capsys.readouterr()
    assert stamp("--check", notebook) == 1
    assert [line.rsplit(" cell ", 1)[1] for line in capsys.readouterr().out.splitlines()] == [
        "3: nbgrader metadata stale (not an exercise cell)", "8: nbgrader metadata stale"]
    stamp(notebook)
    nb = nbformat.read(str(notebook), as_version=4)
    assert "nbgrader" not in nb.cells[3].metadata and nb.cells[8].metadata["nbgrader"]["points"] == 1


def test_a_check_shown_failing_on_purpose_is_not_graded(tmp_path):
    nb = exercise_notebook()
    nb.cells.append(code("exercises.check_backward(BrokenCube, Variable)"))
    nb.cells[-1].metadata["tags"] = ["raises-exception"]
    path = write(nb, tmp_path / "step99.ipynb")
    stamp(path)
    assert "nbgrader" not in nbformat.read(str(path), as_version=4).cells[-1].metadata


def test_notebook_without_exercises_is_unchanged(tmp_path):
    path = write(build(lesson_cells()), tmp_path / "plain.ipynb")
    before = path.read_bytes()
    assert stamp(path) == 0 and stamp("--check", path) == 0
    assert path.read_bytes() == before


def exercise(*cells):
    return lesson_cells() + [markdown("## Exercises"), code("from dezero_steps import exercises"),
                             markdown("### Exercise 1 (easy): Cube")] + list(cells)


CHECK = "exercises.check_backward(Cube, Variable)"
BROKEN = {
    "a markdown line that is a marker": (
        exercise(markdown("Write your answer between\n### BEGIN SOLUTION\nand the end marker."), code(CUBE_ANSWER)),
        "cell 7, line 2: a markdown line naming a solution marker"),
    "a marker named inline in markdown": (
        exercise(markdown("Write between `### BEGIN SOLUTION` and `### END SOLUTION`."), code(CUBE_ANSWER)),
        "cell 7, line 1: a markdown line naming a solution marker"),
    "a hint inside the region": (
        exercise(code("def f():\n    ### BEGIN SOLUTION\n    # Hint: return 1.\n    return 1\n    ### END SOLUTION")),
        "cell 7, line 3: a hint inside the solution region"),
    "two checks in one cell": (exercise(code(CUBE_ANSWER), code(CHECK + "\n" + CHECK)), "cell 8: 2 check calls"),
    "a check and other code": (exercise(code(CUBE_ANSWER), code("x = 1\n" + CHECK)),
                               "cell 8: a check cell holds one exercises.check_* call and nothing else"),
    "a check of a check's result": (exercise(code(CUBE_ANSWER), code(f"print({CHECK})")),
                                    "cell 8: a check cell holds one"),
    "a region at top level": (exercise(code("### BEGIN SOLUTION\nx = 1\n### END SOLUTION")),
                              "cell 7, line 1: ### BEGIN SOLUTION at top level"),
    "a marker with other text": (exercise(code("def f():\n    ### BEGIN SOLUTION here\n    return 1\n"
                                               "    ### END SOLUTION")), "cell 7, line 2: write a solution marker"),
    "an unclosed region": (exercise(code("def f():\n    ### BEGIN SOLUTION\n    return 1")),
                           "cell 7, line 2: ### BEGIN SOLUTION without an ### END SOLUTION"),
    "an answer outside an exercise": (lesson_cells() + [code(CUBE_ANSWER)], "cell 4: a solution region outside"),
    "a check outside an exercise": (exercise(code(CUBE_ANSWER), markdown("## Further reading"), code(CHECK)),
                                    "cell 9: a check cell outside an exercise"),
    "a check without an answer": (exercise(code(CHECK)), "cell 7: a check cell with no answer cell above it"),
    "a solution and a check in one cell": (exercise(code(CUBE_ANSWER + "\n\n\n" + CHECK)),
                                           "cell 7: a solution region and a check in one cell"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_broken_format_is_refused(tmp_path, capsys, case):
    cells, message = BROKEN[case]
    path = write(build(cells), tmp_path / "step99.ipynb")
    before = path.read_bytes()
    assert stamp(path) == 1
    err = capsys.readouterr().err
    assert f"step99.ipynb {message}" in err, err
    assert path.read_bytes() == before
    assert stamp("--check", path) == 1
    assert message in capsys.readouterr().out


def test_stamp_needs_notebooks(capsys):
    with pytest.raises(SystemExit):
        stamp()
    assert "--check" in capsys.readouterr().err


WITH_EXERCISES = [path for path in sorted((ROOT / "notebooks").glob("*.ipynb"))
                  if any(cell.cell_type == "code" and mark.marker_lines(cell.source)
                         for cell in nbformat.read(str(path), as_version=4).cells)]


@pytest.mark.parametrize("path", WITH_EXERCISES, ids=[path.name for path in WITH_EXERCISES])
def test_notebook_exercises_are_stamped(path):
    assert mark.problems(path) == []


# ---------------------------------------------------------------------------------------------
# grade.py

WRONG_CUBE = CUBE_ANSWER.replace("return 3 * x ** 2 * gy", "return 3 * x ** 2")


@pytest.fixture
def worked(tmp_path):
    """notebooks/step99.ipynb (stamped) in a checkout-like folder."""
    path = write(exercise_notebook(), tmp_path / "notebooks" / "step99.ipynb")
    stamp(path)
    return path


def submit(worked, target, answers=None, check=None):
    """A filled-in copy at target: the worked notebook with answer cells replaced ({index: source}),
    or the blank copy when answers is None."""
    if answers is None:
        make_copies(worked, "--out", target.parent / "blank-tmp", "--force")
        nb = nbformat.read(str(target.parent / "blank-tmp" / worked.name), as_version=4)
    else:
        nb = nbformat.read(str(worked), as_version=4)
        for index, source in answers.items():
            nb.cells[index].source = source
    if check is not None:
        nb.cells[12].source = check
    return write(nb, target)


def test_grade_a_class_in_both_layouts(tmp_path, worked, capsys):
    folder = tmp_path / "class"
    submit(worked, folder / "ana" / "step99.ipynb", {})
    submit(worked, folder / "ben_step99.ipynb", {7: WRONG_CUBE})
    submit(worked, folder / "cleo" / "week1" / "step99.ipynb")
    (folder / "notes.txt").parent.mkdir(exist_ok=True)
    (folder / "notes.txt").write_text("not a notebook", encoding="utf-8")
    columns, rows = grade.grade(folder, timeout=60, notebooks_dir=worked.parent, log=lambda *a, **k: None)
    assert grade.table(columns, rows) == [
        "student  step99 ex1  step99 ex2  points",
        "ana      ✓           ✓           3/3",
        "ben      ✗           ✓           2/3",
        "cleo     not done    not done    0/3",
        "passed   1/3         2/3",
    ]
    grade.write_csv(columns, rows, tmp_path / "scores.csv")
    with open(tmp_path / "scores.csv", newline="", encoding="utf-8") as file:
        assert list(csv.reader(file)) == [
            ["student", "step99-ex1-check", "step99-ex1-check2", "step99-ex2-check", "points", "max_points"],
            ["ana", "1", "1", "1", "3", "3"], ["ben", "1", "0", "1", "2", "3"], ["cleo", "0", "0", "0", "0", "3"]]


def test_an_edited_check_counts_for_nothing(tmp_path, worked):
    folder = tmp_path / "class"
    submit(worked, folder / "dan" / "step99.ipynb", {7: WRONG_CUBE}, check='print("✓ all right")')
    nb = nbformat.read(str(folder / "dan" / "step99.ipynb"), as_version=4)
    nb.cells[9].metadata = {}  # its grade_id lost too: found by its text
    nb.cells[9].source = "exercises.check_forward(Cube, Variable, lambda x: x ** 3)"
    write(nb, folder / "dan" / "step99.ipynb")
    columns, rows = grade.grade(folder, timeout=60, notebooks_dir=worked.parent, log=lambda *a, **k: None)
    assert rows[0][1]["step99"] == {"step99-ex1-check": "✓", "step99-ex1-check2": "✗", "step99-ex2-check": "✓"}


def test_a_copy_that_runs_forever_is_stopped(tmp_path, worked):
    folder = tmp_path / "class"
    submit(worked, folder / "eve" / "step99.ipynb", {11: "def my_prediction():\n    while True:\n        pass"})
    columns, rows = grade.grade(folder, timeout=3, notebooks_dir=worked.parent, log=lambda *a, **k: None)
    assert rows[0][1]["step99"] == {"step99-ex1-check": "✓", "step99-ex1-check2": "✓", "step99-ex2-check": "✗"}


def test_a_notebook_not_handed_in_is_missing(tmp_path, worked):
    other = write(exercise_notebook(), worked.parent / "step98.ipynb")
    stamp(other)
    folder = tmp_path / "class"
    submit(worked, folder / "fay" / "step99.ipynb", {})
    submit(other, folder / "gus" / "step98.ipynb", {})
    columns, rows = grade.grade(folder, timeout=60, notebooks_dir=worked.parent, log=lambda *a, **k: None)
    table = grade.table(columns, rows)
    assert table[0].split() == ["student", "step98", "ex1", "step98", "ex2", "step99", "ex1", "step99", "ex2",
                                "points"]
    assert table[1].split() == ["fay", "missing", "missing", "✓", "✓", "3/6"]
    assert table[2].split() == ["gus", "✓", "✓", "missing", "missing", "3/6"]


def test_command_line(tmp_path):
    folder = tmp_path / "class"
    blank = ROOT / "notebooks" / "student"
    copies = [path for path in sorted(blank.glob("step*.ipynb")) if mark.marker_lines(
        "".join(cell.source for cell in nbformat.read(str(ROOT / "notebooks" / path.name), as_version=4).cells
                if cell.cell_type == "code"))][:1]
    if not copies:
        pytest.skip("no notebook with exercises yet")
    (folder / "hal").mkdir(parents=True)
    (folder / "hal" / copies[0].name).write_bytes(copies[0].read_bytes())
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "grade.py"), str(folder), "--out",
                             str(tmp_path / "scores.csv")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    header, row = result.stdout.splitlines()[:2]
    assert header.startswith("student  ") and row.startswith("hal ") and " 0/" in row and "✓" not in row
    assert (tmp_path / "scores.csv").exists()


def test_an_empty_folder_is_an_error(tmp_path, capsys):
    assert grade.main([str(tmp_path)]) == 1
    assert "no copy of a notebook" in capsys.readouterr().err
    assert grade.main([str(tmp_path / "nowhere")]) == 1
