"""Write student copies of the notebooks: solutions removed, exercise outputs cleared.

Usage:
    python tools/student.py                      every notebook with a solution, into student/
    python tools/student.py NOTEBOOK ... [--out DIR] [--force]

In each copy, every region from a line `### BEGIN SOLUTION` to a line `### END SOLUTION`
(same indentation) becomes `raise NotImplementedError` at that indentation, after the
region's `# Hint: ...` lines (or `# Your code here` when it has none). Code cells after the
`## Exercises` heading, and any cell with a solution, lose their outputs and execution counts;
everything else is kept as it is. An existing copy is left alone unless --force is given.
Every notebook is checked before anything is written, so one with unbalanced markers, or
with a solution at top level (where the student copy could not run), leaves all copies as they were.
"""
import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
HINT = "# Hint:"
EXERCISES = "## Exercises"


class StudentCopyError(Exception):
    """A notebook that cannot be turned into a student copy; the message names it (and the cell)."""


def source_of(cell):
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def has_markers(cell):
    """True for a code cell with a solution marker (a stray END counts too, so it gets reported)."""
    return cell.get("cell_type") == "code" and any(
        line.strip() in (BEGIN, END) for line in source_of(cell).splitlines())


def strip_solutions(source, where):
    """`source` with each solution region replaced by its hints and `raise NotImplementedError`."""
    kept, region, begin = [], [], None  # begin: (line number, indentation) of the open region
    for number, line in enumerate(source.split("\n"), start=1):
        marker = line.strip()
        indent = line[:len(line) - len(line.lstrip())]
        if marker == BEGIN:
            if begin:
                raise StudentCopyError(f"{where}: {BEGIN} on line {number} is inside the region "
                                       f"opened on line {begin[0]} (regions cannot nest)")
            if not indent:
                raise StudentCopyError(f"{where}: {BEGIN} on line {number} is at top level; put the "
                                       "solution inside a function or method body so the student copy runs")
            begin, region = (number, indent), []
        elif marker == END:
            if not begin:
                raise StudentCopyError(f"{where}: {END} on line {number} has no {BEGIN} before it")
            if indent != begin[1]:
                raise StudentCopyError(f"{where}: {END} on line {number} is not indented like "
                                       f"its {BEGIN} on line {begin[0]}")
            hints = [begin[1] + text.strip() for text in region if text.strip().startswith(HINT)]
            kept += (hints or [begin[1] + "# Your code here"]) + [begin[1] + "raise NotImplementedError"]
            begin = None
        elif begin:
            region.append(line)
        else:
            kept.append(line)
    if begin:
        raise StudentCopyError(f"{where}: {BEGIN} on line {begin[0]} has no {END} after it")
    return "\n".join(kept)


def student_copy(notebook, name):
    """Turn a notebook (the dict read from its JSON) into its student copy, in place; `name` is for errors."""
    in_exercises = False
    for index, cell in enumerate(notebook["cells"]):
        source = source_of(cell)
        if cell.get("cell_type") == "markdown" and source.split("\n", 1)[0].strip() == EXERCISES:
            in_exercises = True
        if cell.get("cell_type") != "code":
            continue
        solution = has_markers(cell)
        if solution:
            text = strip_solutions(source, f"{name} cell {index}")
            cell["source"] = text if isinstance(cell["source"], str) else text.splitlines(keepends=True)
        if in_exercises or solution:
            cell["outputs"] = []
            cell["execution_count"] = None
    return notebook


def read_notebook(path):
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StudentCopyError(f"{shown(path)}: not a readable notebook ({exc})") from None
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        raise StudentCopyError(f"{shown(path)}: not a notebook (it has no list of cells)")
    return notebook


def notebook_text(notebook):
    """JSON text laid out as Jupyter writes notebooks, so unchanged parts stay byte for byte."""
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def shown(path):
    """A path as printed: relative to the current folder when it lies below it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else Path(relative)


def with_solutions(notebook_dir):
    return [path for path in sorted(notebook_dir.glob("*.ipynb"))
            if any(has_markers(cell) for cell in read_notebook(path)["cells"])]


def render_all(paths, out):
    """{copy path: text} for every notebook, or StudentCopyError before anything is written."""
    copies = {}
    for path in paths:
        target = out / path.name
        if target.resolve() == path.resolve():
            raise StudentCopyError(f"{shown(path)}: the student copy would replace the notebook itself; "
                                   "choose another --out")
        copies[target] = notebook_text(student_copy(read_notebook(path), shown(path)))
    return copies


def main(argv=None, root=ROOT):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to copy (default: every notebooks/*.ipynb with a solution)")
    parser.add_argument("--out", type=Path, default=root / "student",
                        help="folder for the copies (default: student/)")
    parser.add_argument("--force", action="store_true", help="overwrite copies that already exist")
    args = parser.parse_args(argv)
    try:
        copies = render_all(args.notebooks or with_solutions(root / "notebooks"), args.out)
    except StudentCopyError as exc:
        print(f"no student copy written: {exc}", file=sys.stderr)
        return 1
    if not copies:
        print("no notebook in notebooks/ has a solution region; nothing written")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for target, text in copies.items():
        if target.exists() and not args.force:
            print(f"skipped {shown(target)}: it already exists (use --force to overwrite it)")
        else:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {shown(target)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
