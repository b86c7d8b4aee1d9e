"""Stamp nbgrader's cell metadata on the exercises of DeZero Steps notebooks.

Usage:
    python tools/mark_exercises.py NOTEBOOK ...           stamp the metadata, saving notebooks that change
    python tools/mark_exercises.py --check [NOTEBOOK ...]  exit 1 naming every cell whose metadata is missing
                                                           or stale (default: every notebooks/*.ipynb)

Under a heading `### Exercise N (...)`:
- a code cell with a solution region (from a line `### BEGIN SOLUTION` to a line `### END SOLUTION`)
  is an answer cell: an nbgrader solution cell, grade_id `stepNN-exN-answer`;
- a code cell that is one `exercises.check_*(...)` call and nothing else is a check cell: a locked
  nbgrader grade cell worth 1 point, grade_id `stepNN-exN-check`.
Further answer or check cells of the same exercise get `-answer2`, `-check2`, ... A check cell tagged
`raises-exception` shows a check failing on purpose and is not graded. Every other cell is left alone,
except that stale nbgrader metadata on it is removed. Running the tool twice changes nothing.

Nothing is written, and both modes exit 1 naming the cell, when a notebook breaks the exercise
format: a markdown line naming a marker (nbgrader treats any line containing BEGIN SOLUTION or
END SOLUTION as one), a marker not on a line of its own, unbalanced or nested markers, a solution
region at top level (the blank copy would not run) or not closed at its own indentation, a hint line
(`# Hint`) inside a region (nbgrader deletes the region, hints go above it), a check cell with more
than one check call or with other code, an answer or check cell outside an exercise, or a check
cell with no answer cell above it in its exercise (it would pass in the blank copy).
"""
import argparse
import ast
import copy
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
DELIMITERS = ("BEGIN SOLUTION", "END SOLUTION")  # what nbgrader looks for, anywhere in a line
HINT = "# Hint"
EXERCISE_HEADING = re.compile(r"#{1,3}\s+Exercise\s+(\d+)\b")
HEADING = re.compile(r"#{1,3}\s")
DEMONSTRATION_TAG = "raises-exception"


class FormatError(Exception):
    """A notebook that breaks the exercise format; the message is one line naming the notebook and cell."""


def read_notebook(path):
    """The notebook at `path`, validated against the notebook format, or FormatError."""
    try:
        notebook = nbformat.read(str(path), as_version=4)
        nbformat.validate(notebook)
    except (OSError, ValueError, nbformat.ValidationError) as exc:
        reason = getattr(exc, "message", None) or getattr(exc, "strerror", None) or str(exc)
        raise FormatError(f"{shown(path)}: not a readable notebook ({reason.splitlines()[0]})") from None
    return notebook


def shown(path):
    """A path as printed: relative to the current folder when it lies below it."""
    path = Path(path).resolve()
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def marker_lines(source):
    """(line number, line) of every line nbgrader would take for a solution marker."""
    return [(number, line) for number, line in enumerate(source.split("\n"), start=1)
            if any(delimiter in line for delimiter in DELIMITERS)]


def check_regions(source, where):
    """FormatError unless the solution regions of a code cell follow the format."""
    begin = None  # (line number, indentation) of the open region
    for number, line in enumerate(source.split("\n"), start=1):
        text, indent = line.strip(), line[:len(line) - len(line.lstrip())]
        if any(delimiter in line for delimiter in DELIMITERS) and text not in (BEGIN, END):
            raise FormatError(f"{where}, line {number}: write a solution marker alone on its line, "
                              f"exactly `{BEGIN}` or `{END}` (nbgrader takes any line containing "
                              "BEGIN SOLUTION or END SOLUTION for one)")
        if text == BEGIN:
            if begin:
                raise FormatError(f"{where}, line {number}: {BEGIN} inside the region opened on line "
                                  f"{begin[0]} (regions cannot nest)")
            if not indent:
                raise FormatError(f"{where}, line {number}: {BEGIN} at top level; put the solution inside "
                                  "a function or method body, so the blank copy still runs")
            begin = (number, indent)
        elif text == END:
            if not begin:
                raise FormatError(f"{where}, line {number}: {END} without a {BEGIN} before it")
            if indent != begin[1]:
                raise FormatError(f"{where}, line {number}: {END} not indented like its {BEGIN} "
                                  f"on line {begin[0]}")
            begin = None
        elif begin and text.startswith(HINT):
            raise FormatError(f"{where}, line {number}: a hint inside the solution region; nbgrader "
                              f"deletes the region, so put hints above the {BEGIN} line")
    if begin:
        raise FormatError(f"{where}, line {begin[0]}: {BEGIN} without an {END} after it")


def python_of(source):
    """A cell's source with IPython's magic and shell lines blanked, so that `ast` can read it."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n"))


def check_calls(tree):
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute) and node.func.attr.startswith("check_")
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "exercises"]


def parsed(source):
    """The syntax tree of a cell that may call a check, else None (None too for a cell that is not
    Python: the kernel will say so)."""
    if "exercises.check_" not in source:
        return None
    try:
        return ast.parse(python_of(source))
    except SyntaxError:
        return None


def is_check_cell(source, where):
    """True for a cell that is one `exercises.check_*(...)` call; FormatError for a cell that calls
    checks in any other way."""
    tree = parsed(source)
    calls = check_calls(tree) if tree else []
    if not calls:
        return False
    if len(calls) > 1:
        raise FormatError(f"{where}: {len(calls)} check calls in one cell; give each check its own cell "
                          "(a graded check cell holds exactly one exercises.check_* call)")
    if not (len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr) and tree.body[0].value is calls[0]):
        raise FormatError(f"{where}: a check cell holds one exercises.check_* call and nothing else; "
                          "move the other code to the answer cell or to a cell of its own")
    return True


def headings(markdown):
    """The heading lines (levels 1-3) of a markdown cell, outside fenced code blocks."""
    found, fenced = [], False
    for line in markdown.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and HEADING.match(line):
            found.append(line)
    return found


def exercise_cells(notebook, name, shown_as=None):
    """[(cell index, role, grade_id)] for the answer and check cells of a notebook, after checking the
    whole notebook against the format (FormatError otherwise). `name` is the notebook's file stem,
    `shown_as` how errors name the notebook (default: its file name)."""
    found, exercise, counts = [], None, {}
    for index, cell in enumerate(notebook.cells):
        where = f"{shown_as or name + '.ipynb'} cell {index}"
        if cell.cell_type == "markdown":
            for number, line in marker_lines(cell.source):
                raise FormatError(f"{where}, line {number}: a markdown line naming a solution marker; "
                                  "nbgrader would take it for one, so refer to \"the solution markers\" instead")
            for line in headings(cell.source):
                match = EXERCISE_HEADING.match(line)
                exercise = int(match.group(1)) if match else None
            continue
        if cell.cell_type != "code":
            continue
        answer = bool(marker_lines(cell.source))
        if answer:
            check_regions(cell.source, where)
            if (tree := parsed(cell.source)) and check_calls(tree):
                raise FormatError(f"{where}: a solution region and a check in one cell; put the check in the "
                                  "cell below")
        check = not answer and is_check_cell(cell.source, where) and \
            DEMONSTRATION_TAG not in cell.metadata.get("tags", [])
        if not (answer or check):
            continue
        role = "answer" if answer else "check"
        if exercise is None:
            raise FormatError(f"{where}: {'a solution region' if answer else 'a check cell'} outside an "
                              "exercise (no `### Exercise N` heading above it in this section)")
        if check and not counts.get((exercise, "answer")):
            raise FormatError(f"{where}: a check cell with no answer cell above it in exercise {exercise}; "
                              "a check must grade the reader's answer (it would pass in the blank copy)")
        counts[exercise, role] = counts.get((exercise, role), 0) + 1
        suffix = "" if counts[exercise, role] == 1 else str(counts[exercise, role])
        found.append((index, role, f"{name}-ex{exercise}-{role}{suffix}"))
    return found


def nbgrader_metadata(role, grade_id):
    """The cell metadata nbgrader's own create_assignment writes for an answer or a check cell."""
    if role == "answer":
        return {"grade": False, "grade_id": grade_id, "locked": False, "schema_version": 3,
                "solution": True, "task": False}
    return {"grade": True, "grade_id": grade_id, "locked": True, "points": 1, "schema_version": 3,
            "solution": False, "task": False}


def stamped(notebook, path):
    """A copy of the notebook at `path` with the nbgrader metadata its exercises need."""
    notebook = copy.deepcopy(notebook)
    roles = {index: (role, grade_id) for index, role, grade_id in exercise_cells(notebook, path.stem, shown(path))}
    for index, cell in enumerate(notebook.cells):
        if index in roles:
            cell.metadata["nbgrader"] = nbgrader_metadata(*roles[index])
        else:
            cell.metadata.pop("nbgrader", None)
    return notebook


def problems(path):
    """What `--check` reports for one notebook: a line per cell whose metadata is missing or stale."""
    notebook = read_notebook(path)
    expected = stamped(notebook, path)
    return [f"{shown(path)} cell {index}: nbgrader metadata "
            f"{'missing' if 'nbgrader' not in old.metadata else 'stale'}"
            f"{'' if 'nbgrader' in new.metadata else ' (not an exercise cell)'}"
            for index, (old, new) in enumerate(zip(notebook.cells, expected.cells))
            if old.metadata.get("nbgrader") != new.metadata.get("nbgrader")]


def check(paths):
    """--check: print a line per cell to stamp or format error, in every notebook; 1 if any."""
    report = []
    for path in paths:
        try:
            report += problems(path)
        except FormatError as exc:
            report.append(f"error: {exc}")
    for line in report:
        print(line)
    if report:
        print("fix the errors, then run `python tools/mark_exercises.py NOTEBOOK` to stamp the metadata",
              file=sys.stderr)
    return 1 if report else 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--check", action="store_true", help="report cells to stamp, write nothing")
    args = parser.parse_args(argv)
    if not args.notebooks and not args.check:
        parser.error("name the notebooks to stamp (or use --check)")
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    if args.check:
        return check(paths)
    try:
        results = [(path, read_notebook(path)) for path in paths]
        results = [(path, notebook, stamped(notebook, path)) for path, notebook in results]
    except FormatError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path, old, new in results:
        if new != old:
            nbformat.write(new, str(path))
            print(f"stamped {shown(path)}")
        else:
            print(f"unchanged {shown(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
