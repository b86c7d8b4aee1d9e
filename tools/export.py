"""Generate dezero_steps/stepNN.py from notebooks/stepNN.ipynb.

Usage:
    python tools/export.py          write every step module
    python tools/export.py --check  exit 1 and name each module that differs

A module holds the framework as it stands after its step: the definitions
exported by earlier steps, each replaced where this step's cells marked
`#| export` define the same name again, plus the names this step adds.
Every notebook is read before anything is written, so a broken notebook
leaves all modules as they were.
"""
import argparse
import ast
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARK = "#| export"
STEP_NOTEBOOK = re.compile(r"step(\d\d)\.ipynb")
STEP_MODULE = re.compile(r"step(\d\d)\.py")
NEW_MARKER = re.compile(r"[ \t]+# new$", re.MULTILINE)


class ExportError(Exception):
    """A notebook that cannot be exported; the message names it and the cell."""


def step_notebooks(notebook_dir):
    """{step number: path} for notebooks/step01.ipynb onward (step00 is the introduction)."""
    found = {}
    for path in notebook_dir.glob("step*.ipynb"):
        match = STEP_NOTEBOOK.fullmatch(path.name)
        if match and int(match.group(1)) >= 1:
            found[int(match.group(1))] = path
    return dict(sorted(found.items()))


def read_notebook(path):
    """Title and export-cell sources of one notebook."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ExportError(f"{path.name}: not a readable notebook ({exc})") from None
    title = next((source_of(c).splitlines()[0].lstrip("# ") for c in cells
                  if c.get("cell_type") == "markdown" and source_of(c).strip()), path.stem)
    exports = [(index, source_of(cell)) for index, cell in enumerate(cells)
               if cell.get("cell_type") == "code" and source_of(cell).startswith(MARK)]
    return title, exports


def source_of(cell):
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def definitions(path, index, source):
    """Split one export cell into (name, code) pairs, one per top-level statement."""
    code = source[len(MARK):].lstrip("\n")
    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        raise ExportError(f"{path.name} cell {index}: syntax error in export cell, "
                          f"line {exc.lineno}: {exc.msg}") from None
    lines = code.splitlines()
    start = 0
    for statement in tree.body:
        name = defined_name(statement)
        if name is None:
            raise ExportError(f"{path.name} cell {index}: line {statement.lineno} defines no name; "
                              "export cells hold only imports, classes, functions and assignments")
        end = statement.end_lineno
        yield name, NEW_MARKER.sub("", "\n".join(lines[start:end]).strip("\n"))
        start = end


def defined_name(statement):
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return statement.name
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        return "import " + ", ".join(alias.asname or alias.name for alias in statement.names)
    if isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name):
        return statement.targets[0].id
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return statement.target.id
    return None


def render_all(notebook_dir):
    """{module file name: text} for every step notebook, or ExportError."""
    modules = {}
    framework = {}  # name -> code; a redefinition keeps its place, a new name goes last
    for number, path in step_notebooks(notebook_dir).items():
        title, exports = read_notebook(path)
        for index, source in exports:
            framework.update(definitions(path, index, source))
        modules[f"step{number:02d}.py"] = render(path, title, framework)
    return modules


def render(path, title, framework):
    header = (f"# Generated from notebooks/{path.name} by tools/export.py: do not edit by hand.\n"
              f"# DeZero Steps, {title} (the framework as it stands after this step).\n")
    imports = [code for name, code in framework.items() if name.startswith("import ")]
    others = [code for name, code in framework.items() if not name.startswith("import ")]
    parts = ["\n".join(imports)] if imports else []
    return header + "\n" + "\n\n\n".join(parts + others) + "\n"


def differences(modules, module_dir):
    """One line per module that is stale, missing, or has no notebook."""
    problems = []
    for name, text in modules.items():
        path = module_dir / name
        if not path.exists():
            problems.append(f"{name}: missing (run python tools/export.py)")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{name}: differs from what its notebook exports")
    for path in sorted(module_dir.glob("step*.py")):
        if STEP_MODULE.fullmatch(path.name) and path.name not in modules:
            problems.append(f"{path.name}: no notebook notebooks/{path.stem}.ipynb")
    return problems


def main(argv=None, root=ROOT):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; fail if any module differs from its notebook")
    args = parser.parse_args(argv)
    module_dir = root / "dezero_steps"
    try:
        modules = render_all(root / "notebooks")
    except ExportError as exc:
        print(f"export failed, no module written: {exc}", file=sys.stderr)
        return 1
    if args.check:
        problems = differences(modules, module_dir)
        for line in problems:
            print(line, file=sys.stderr)
        if not problems:
            print(f"{len(modules)} modules match their notebooks")
        return 1 if problems else 0
    for name, text in modules.items():
        (module_dir / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(modules)} modules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
