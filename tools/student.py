"""Blank copies of the notebooks, for students: solutions removed, exercise outputs cleared.

Usage:
    python tools/student.py                      update the student edition, notebooks/student/
    python tools/student.py --check              exit 1 naming student-edition copies that are stale,
                                                 missing or left over from a notebook that is gone
    python tools/student.py NOTEBOOK ... --out DIR [--force]
                                                 write handouts to DIR (outside notebooks/); an existing
                                                 copy is kept unless --force is given

The student edition holds a copy of every notebooks/*.ipynb, so that links between notebooks and
the Colab badges (which open notebooks/student/stepNN.ipynb) lead to blank exercises. In a copy,
every solution region, from a line `### BEGIN SOLUTION` to a line `### END SOLUTION`, becomes

    # YOUR CODE HERE
    raise NotImplementedError()

at the indentation of the marker, exactly as nbgrader's `generate_assignment` writes it, and the
code cells of the exercises (from the `## Exercises` heading on, and any cell with a solution)
lose their outputs and execution counts. Everything else, nbgrader's cell metadata included, is kept,
so a filled-in copy can be graded with nbgrader or with tools/grade.py. In the edition, relative
links that leave notebooks/ (`../README.md`) are rewritten to stay right from notebooks/student/.
A notebook without exercises is copied as it is, links apart.
Notebooks are read and checked against the exercise format (tools/mark_exercises.py describes it):
handouts are written only when every notebook passes; in the edition, a notebook that fails keeps
its old copy and the tool exits 1 naming it.
"""
import argparse
import os
import re
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mark_exercises import BEGIN, END, FormatError, exercise_cells, read_notebook, shown  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
STUB = ["# YOUR CODE HERE", "raise NotImplementedError()"]  # nbgrader's code stub for Python
EXERCISES = "## Exercises"
LINK = re.compile(r"""(\]\(\s*<?|\bhref=["']|\bsrc=["']|^\s*\[[^\]]+\]:\s*)([^)\s"'>]+)""", re.MULTILINE)


class HandoutError(Exception):
    """A request the tool refuses; the message says why, in one line."""


def clear_solutions(source):
    """`source` with each solution region replaced by nbgrader's stub at the marker's indentation."""
    kept, inside = [], False
    for line in source.split("\n"):
        if line.strip() == BEGIN:
            indent = re.match(r"\s*", line).group(0)
            kept += [indent + stub for stub in STUB]
            inside = True
        elif line.strip() == END:
            inside = False
        elif not inside:
            kept.append(line)
    return "\n".join(kept)


def has_solution(cell):
    return cell.cell_type == "code" and any(line.strip() == BEGIN for line in cell.source.split("\n"))


def blank(notebook, path):
    """The student copy of the notebook read from `path` (changed in place and returned), after
    checking it against the exercise format."""
    exercise_cells(notebook, path.stem, shown(path))
    in_exercises = False
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and cell.source.split("\n", 1)[0].strip() == EXERCISES:
            in_exercises = True
        if cell.cell_type != "code":
            continue
        solution = has_solution(cell)
        if solution:
            cell.source = clear_solutions(cell.source)
        if in_exercises or solution:
            cell.outputs = []
            cell.execution_count = None
    return notebook


def relink(markdown, source_dir, target_dir):
    """Relative links of `markdown` (written from source_dir) made right from target_dir; links to
    notebooks beside the source stay as they are, since the edition has a copy of each."""
    def fix(match):
        link = match.group(2)
        if re.match(r"[a-z][a-z0-9+.-]*:|#|/", link, re.IGNORECASE):  # an address, an anchor, an absolute path
            return match.group(0)
        path, anchor = (link.split("#", 1) + [""])[:2]
        target = (source_dir / path).resolve()
        if target.parent == source_dir.resolve() and target.suffix == ".ipynb":
            return match.group(0)
        new = os.path.relpath(target, target_dir.resolve()).replace(os.sep, "/")
        return match.group(1) + new + (f"#{anchor}" if anchor else "")
    return LINK.sub(fix, markdown)


def edition_copy(path, edition_dir):
    notebook = blank(read_notebook(path), path)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = relink(cell.source, path.parent, edition_dir)
    return nbformat.writes(notebook) + "\n"


def edition(root):
    """({copy path: text}, [errors]) for the student edition of root/notebooks: a notebook that
    breaks the exercise format gets an error instead of a copy."""
    notebooks = root / "notebooks"
    copies, errors = {}, []
    for path in sorted(notebooks.glob("*.ipynb")):
        target = notebooks / "student" / path.name
        try:
            copies[target] = edition_copy(path, target.parent)
        except FormatError as exc:
            copies[target] = None
            errors.append(f"error: {exc}")
    return copies, errors


def orphans(root, copies):
    return sorted(set((root / "notebooks" / "student").glob("*.ipynb")) - set(copies))


def out_of_date(target, text):
    return text is not None and (not target.exists() or target.read_text(encoding="utf-8") != text)


def check_edition(root):
    copies, errors = edition(root)
    report = errors + [f"{shown(target)}: {'stale' if target.exists() else 'missing'}"
                       for target, text in copies.items() if out_of_date(target, text)]
    report += [f"{shown(path)}: left over (no notebooks/{path.name})" for path in orphans(root, copies)]
    for line in report:
        print(line)
    if report:
        print("run `python tools/student.py` to update the student edition", file=sys.stderr)
    return 1 if report else 0


def write_edition(root):
    """Write every copy that changed; a notebook that breaks the format keeps its old copy."""
    copies, errors = edition(root)
    (root / "notebooks" / "student").mkdir(exist_ok=True)
    changed = 0
    for target, text in copies.items():
        if out_of_date(target, text):
            target.write_text(text, encoding="utf-8")
            print(f"wrote {shown(target)}")
            changed += 1
    for path in orphans(root, copies):
        path.unlink()
        print(f"removed {shown(path)} (no notebooks/{path.name})")
        changed += 1
    for error in errors:
        print(error, file=sys.stderr)
    print(f"student edition: {len(copies) - len(errors)} of {len(copies)} notebooks copied, {changed} files changed")
    return 1 if errors else 0


def handouts(paths, out, root):
    """{copy path: text} of the handouts, or HandoutError before anything is written."""
    out = out.resolve()
    notebooks = (root / "notebooks").resolve()
    if out == notebooks or notebooks in out.parents:
        raise HandoutError(f"--out {shown(out)} is inside notebooks/; write handouts elsewhere "
                           "(run `python tools/student.py` without arguments to update notebooks/student/)")
    if out.exists() and not out.is_dir():
        raise HandoutError(f"--out {shown(out)} is a file, not a folder")
    names = {}
    for path in paths:
        if path.name in names:
            raise HandoutError(f"{shown(names[path.name])} and {shown(path)} would both be copied to "
                               f"{shown(out / path.name)}; hand them out in separate folders")
        names[path.name] = path
        if (out / path.name).resolve() == path.resolve():
            raise HandoutError(f"{shown(path)}: the copy would replace the notebook itself; choose another --out")
    return {out / path.name: nbformat.writes(blank(read_notebook(path), path)) + "\n" for path in paths}


def write_handouts(paths, out, force, root):
    copies = handouts(paths, out, root)
    out.mkdir(parents=True, exist_ok=True)
    for target, text in copies.items():
        if target.exists() and not force:
            print(f"skipped {shown(target)}: it already exists (use --force to overwrite it)")
        else:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {shown(target)}")
    return 0


def main(argv=None, root=ROOT):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to hand out (with --out)")
    parser.add_argument("--out", type=Path, help="folder for handouts (not inside notebooks/)")
    parser.add_argument("--force", action="store_true", help="overwrite handouts that already exist")
    parser.add_argument("--check", action="store_true", help="check the student edition, write nothing")
    args = parser.parse_args(argv)
    if args.check and (args.notebooks or args.out):
        parser.error("--check checks the student edition; it takes no notebooks and no --out")
    if bool(args.notebooks) != bool(args.out):
        parser.error("handouts need both the notebooks and --out DIR "
                     "(without either, the tool updates the student edition)")
    try:
        if args.check:
            return check_edition(root)
        if args.notebooks:
            return write_handouts(args.notebooks, args.out, args.force, root)
        return write_edition(root)
    except (FormatError, HandoutError) as exc:
        print(f"no handout written: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
