"""Generate the step snapshots in dezero_steps/ from notebooks/step01.ipynb onward.

Usage:
    python tools/export.py          write every step snapshot
    python tools/export.py --check  change nothing; exit 1 and name each file that differs

A snapshot is the framework as it stands after its step: dezero_steps/stepNN.py, or, once a
step has made the framework a package, the folder dezero_steps/stepNN/.

Export cells. A code cell whose first line is `#| export` is part of the framework; in a package,
`#| export FILE` sends the cell to FILE.py instead of the default file. A line that looks like a
marker but is not one (`#|export`, `#| exports`, a marker below a blank line or a comment) is an error.
Lines `#| remove KEY ...` right below the marker take units out of the cell's file (KEY: a name, or
a target such as `Variable.__add__`; see Units), for code that leaves a file or moves into a function;
a cell may hold only such lines.

Units. Each top-level statement of an export cell is one unit, with the comments above it (and,
for a cell's last statement, the comments below it); trailing `# new` markers are dropped. A unit
has a key: a def or class, or an assignment to one name, is keyed by the name; an assignment to an
attribute (`Variable.__add__ = add`) by its target; `A, B = ...`, and a `try:` or `if` block, by
the names it binds (a block binding none by its code); an import by the names it binds; any other
statement (a call) by its code. A step may export each key only once.

Snapshots. A step's snapshot is the previous one with this step's units: one whose key is already
there replaces the old unit in its place, a new one goes at the end. A unit that, when it runs,
needs a name that only a unit further down defines (a base class, a decorator, a default value,
a class body, the right-hand side of an assignment; function bodies run later and do not count)
moves to just after the last such unit, until none does. Imports go to the top of their file;
neighbouring simple statements (`Variable.__add__ = add`) are written without blank lines between.

Packages. A code cell whose first line is `#| default_exp FILE` makes the step, and every later
one, a package dezero_steps/stepNN/: FILE.py becomes the default file (at the first such step, it
takes over the single module of the step before). `#| default_exp core from core_simple` starts
the new default file as a copy of another file of the package, as the book's core.py starts from
core_simple.py. A package carries every file of the previous
step's package forward. In a package, an import of the step's own package
(`from dezero_steps.step23.core_simple import Variable`) is written as a relative import
(`from .core_simple import Variable`), so the next snapshot, a copy, imports its own files.

Safety. Every notebook is read and every snapshot rendered and imported (in one fresh Python)
before anything is written; then all snapshots are swapped in at once, or, on any error, none.
A package is written as a whole folder, so files it no longer has go; --check compares it file
by file.
"""
import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import namedtuple
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tools/ is a folder of scripts
from notebook_io import NotebookError, read_notebook, source_of  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"#\| (export|default_exp)(?: (\w+)(?: from (\w+))?)?")
REMOVE = re.compile(r"#\| remove((?: \S+)+)")
LOOKS_LIKE_MARKER = re.compile(r"\s*#\s*\|\s*(export|default_exp)")
STEP_NOTEBOOK = re.compile(r"step(\d\d)\.ipynb")
SNAPSHOT = re.compile(r"step(\d\d)(\.py)?")
NEW_MARKER = re.compile(r"[ \t]+# new$", re.MULTILINE)
DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
IMPORTS = (ast.Import, ast.ImportFrom)
SIMPLE = (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Expr)  # written without blank lines between
Unit = namedtuple("Unit", "code binds needs simple")  # code as written, names it binds and needs to run

IMPORT_CHECK = """
import contextlib, importlib, sys
sys.path.insert(0, sys.argv[1])
for name in sys.argv[2:]:
    try:
        with contextlib.redirect_stdout(sys.stderr):  # stdout carries only the failures
            importlib.import_module(name)
    except BaseException as exc:
        print(name, f"{type(exc).__name__}: {exc}".splitlines()[0], sep="\\t")
"""


class ExportError(Exception):
    """Notebooks that cannot be exported; the message names the notebook and cell, or the file."""


def step_notebooks(notebook_dir):
    """{step number: path} for notebooks/step01.ipynb onward (step00 is the introduction)."""
    found = {int(match[1]): path for path in notebook_dir.glob("step*.ipynb")
             if (match := STEP_NOTEBOOK.fullmatch(path.name)) and int(match[1]) >= 1}
    for number in range(1, max(found, default=0)):
        if number not in found:
            raise ExportError(f"notebooks/step{number:02d}.ipynb is missing: steps run from step01 "
                              f"with no gap, and step{max(found):02d}.ipynb exists")
    return dict(sorted(found.items()))


def read_step(path):
    """Title, `#| default_exp` file (or None) and [(cell index, FILE or None, source, keys to remove)]
    of a notebook."""
    cells = read_notebook(path).cells
    title = next((source_of(c).splitlines()[0].lstrip("# ") for c in cells
                  if c.cell_type == "markdown" and source_of(c).strip()), path.stem)
    default, exports = None, []
    for index, cell in enumerate(cells):
        source = source_of(cell)
        marker = cell.cell_type == "code" and marker_of(source, f"{path.name} cell {index}")
        if marker and marker[0] == "default_exp":
            if default:
                raise ExportError(f"{path.name} cell {index}: a second `#| default_exp`; a step has one")
            default = marker[1:]
        elif marker:
            exports.append((index, marker[1], source, removals(source)))
    return title, default, exports


def marker_of(source, where):
    """('export', FILE or None) or ('default_exp', FILE, FILE to copy or None) for a cell that starts
    with a marker."""
    lines = source.split("\n")
    marker = MARKER.fullmatch(lines[0].rstrip())
    if marker and (marker[1] == "default_exp" and not marker[2] or marker[1] == "export" and marker[3]):
        marker = None  # default_exp needs a FILE; only default_exp copies one
    for number, line in enumerate(lines, start=1):
        if LOOKS_LIKE_MARKER.match(line) and not (number == 1 and marker):
            fix = ("write it exactly `#| export`, `#| export FILE` or `#| default_exp FILE [from FILE]`"
                   if number == 1
                   else "a marker must be the cell's first line, with nothing above it")
            raise ExportError(f"{where}: line {number} `{line.strip()}` is not a valid marker; {fix}")
    return marker and marker.groups()


def removals(source):
    """The `#| remove` lines right below a cell's marker."""
    lines = []
    for line in source.split("\n")[1:]:
        if not REMOVE.fullmatch(line.rstrip()):
            break
        lines.append(line)
    return lines


def units_of(where, source, package, skip=0):
    """[(key, Unit)] for the top-level statements of one export cell (package: stepNN or None), whose
    first `skip` lines after the marker are directives."""
    try:
        statements = ast.parse(source).body
    except SyntaxError as exc:
        raise ExportError(f"{where}: syntax error in export cell, line {exc.lineno}: {exc.msg}") from None
    if not statements and not skip:
        raise ExportError(f"{where}: the export cell has no statement")
    lines = source.split("\n")
    units, start = [], 1 + skip  # line 1 is the marker
    for statement in statements:
        if statement.lineno <= start:
            raise ExportError(f"{where}: line {statement.lineno} holds two statements; give each its own line")
        end = len(lines) if statement is statements[-1] else statement.end_lineno
        code = NEW_MARKER.sub("", "\n".join(lines[start:end]).strip())
        if package:  # imports of the step's own package, also those inside a block, become relative
            code = re.sub(rf"^(\s*)from\s+dezero_steps\.{package}\b\.?", r"\1from .", code, flags=re.M)
        units.append((key_of(statement), Unit(code, bound_names(statement), needed_names(statement),
                                              isinstance(statement, SIMPLE))))
        start = end
    return units


def key_of(statement):
    """What a later step's statement must match to replace this one (see the module docstring)."""
    if isinstance(statement, DEFINITIONS):
        return statement.name
    if isinstance(statement, IMPORTS):
        return "import " + ", ".join(sorted(bound_names(statement)))
    targets = getattr(statement, "targets", [getattr(statement, "target", None)])
    if isinstance(statement, (ast.Assign, ast.AnnAssign)) and len(targets) == 1:
        names = targets[0].elts if isinstance(targets[0], ast.Tuple) else targets
        return ", ".join(map(ast.unparse, names))
    if isinstance(statement, (ast.Try, ast.If)) and bound_names(statement):
        return ", ".join(sorted(bound_names(statement)))
    return ast.unparse(statement)


def bound_names(node):
    """The names a top-level statement binds in its module (not those local to a function)."""
    if isinstance(node, DEFINITIONS):
        return {node.name}
    if isinstance(node, IMPORTS):
        return {alias.asname or alias.name.split(".")[0] for alias in node.names}
    if isinstance(node, ast.Name):
        return {node.id} if isinstance(node.ctx, ast.Store) else set()
    if isinstance(node, (ast.Lambda, ast.comprehension)):
        return set()
    return set().union(*map(bound_names, ast.iter_child_nodes(node)))


def needed_names(node):
    """The names a top-level statement reads when it runs: everything but function bodies."""
    if isinstance(node, ast.Name):
        return {node.id} if isinstance(node.ctx, ast.Load) else set()
    if isinstance(node, ast.ClassDef):
        parts = node.bases + node.keywords + node.decorator_list + node.body
        return set().union(*map(needed_names, parts)) - set().union(*map(bound_names, node.body))
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        args = node.args
        arguments = args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]
        parts = [*args.defaults, *args.kw_defaults, *getattr(node, "decorator_list", []),
                 getattr(node, "returns", None), *(argument.annotation for argument in arguments if argument)]
        return set().union(*(needed_names(part) for part in parts if part))
    return set().union(*map(needed_names, ast.iter_child_nodes(node)))


def settle(units):
    """`units` (key -> Unit) with each unit after the units that define what it needs to run."""
    imports = [key for key in units if key.startswith("import ")]
    keys = [key for key in units if not key.startswith("import ")]
    for _ in range(len(keys) ** 2):  # enough for any order that can settle; a cycle fails the import
        move = misplaced(keys, units)
        if move is None:
            break
        keys.insert(move[1], keys.pop(move[0]))
    return {key: units[key] for key in imports + keys}


def misplaced(keys, units):
    """(i, j): unit i needs a name that only units further down define, the last of them unit j."""
    last = {name: j for j, key in enumerate(keys) for name in units[key].binds}
    defined = set()
    for i, key in enumerate(keys):
        later = [last[name] for name in units[key].needs - defined - units[key].binds if name in last]
        if later:
            return i, max(later)
        defined |= units[key].binds
    return None


def render_all(root):
    """{path below dezero_steps/: text} for every step's snapshot, each checked to import."""
    snapshots, files, default = {}, {None: {}}, None  # files: FILE (None: the single module) -> units
    for number, path in step_notebooks(root / "notebooks").items():
        title, new_default, exports = read_step(path)
        if new_default:
            new_default, copied = new_default
            if copied and copied not in files:
                raise ExportError(f"{path.name}: `#| default_exp {new_default} from {copied}`: "
                                  f"the package has no {copied}.py")
            files = {new_default: files[None]} if default is None else files
            files.setdefault(new_default, dict(files[copied]) if copied else {})
            default = new_default
        name = f"step{number:02d}"
        exported = {}  # (FILE, key) -> index of the cell that exported it
        for index, file, source, removed in exports:
            if file and not default:
                raise ExportError(f"{path.name} cell {index}: `#| export {file}` needs a package; "
                                  "make one with a `#| default_exp FILE` cell first")
            units = files.setdefault(file or default, {})
            for key in (key for line in removed for key in REMOVE.fullmatch(line.rstrip())[1].split()):
                if units.pop(key, None) is None:
                    target = f"{file or default}.py" if default else "the snapshot"
                    raise ExportError(f"{path.name} cell {index}: `#| remove {key}`: {target} has no {key}")
            for key, unit in units_of(f"{path.name} cell {index}", source, default and name, len(removed)):
                where = (file or default, key)
                if where in exported:
                    into = f" to {where[0]}.py" if default else ""
                    raise ExportError(f"{path.name}: cells {exported[where]} and {index} both export "
                                      f"{key}{into}; export only its final version")
                exported[where] = index
                files.setdefault(where[0], {})[key] = unit
        files = {file: settle(units) for file, units in files.items()}
        if default is None:
            snapshots[f"{name}.py"] = render(path, title, files[None])
        else:
            for file, units in ({"__init__": {}} | files).items():
                snapshots[f"{name}/{file}.py"] = render(path, title, units)
    check_imports(snapshots, root / "dezero_steps")
    return snapshots


def render(path, title, units):
    header = (f"# Generated from notebooks/{path.name} by tools/export.py: do not edit by hand.\n"
              f"# DeZero Steps, {title} (the framework as it stands after this step).\n")
    body = "\n".join(unit.code for key, unit in units.items() if key.startswith("import "))
    others = [unit for key, unit in units.items() if not key.startswith("import ")]
    for before, unit in zip([None] + others, others):  # two blank lines around a def, class or block
        gap = "\n" if before and before.simple and unit.simple else "\n\n\n"
        body += (gap if body else "") + unit.code
    return header + (f"\n{body}\n" if body else "")


def check_imports(snapshots, module_dir):
    """Import every snapshot file in one fresh Python; ExportError names each that fails. The other
    modules of the package (dezero_steps.viz, say) come from module_dir."""
    modules = {"dezero_steps." + path[:-3].replace("/", ".").removesuffix(".__init__"): path
               for path in snapshots}
    with tempfile.TemporaryDirectory() as folder:
        package = {"__init__.py": f"__path__.append({str(module_dir)!r})\n"}
        write_tree(Path(folder) / "dezero_steps", {**package, **snapshots})
        result = subprocess.run([sys.executable, "-c", IMPORT_CHECK, folder, *modules], cwd=folder,
                                stdin=subprocess.DEVNULL, capture_output=True, text=True)
    failures = [f"{modules[module]} would not import: {error.replace(folder + os.sep, '')}"
                for module, error in (line.split("\t", 1) for line in result.stdout.splitlines())]
    if result.returncode and not failures:
        failures = [f"the import check failed: {result.stderr.strip()}"]
    if failures:
        raise ExportError("\n".join(failures))


def write_tree(folder, files):
    for path, text in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, encoding="utf-8")


def other_form(name):
    """step09 for step09.py and step09.py for step09: the snapshot a step has no longer."""
    return name[:-3] if name.endswith(".py") else name + ".py"


def install(snapshots, module_dir):
    """Write every snapshot or none. All are written to a temporary folder in module_dir, then each
    is swapped in with os.replace (a package as a whole folder, so its stale files go), the old one
    kept aside; an OSError puts back everything swapped so far."""
    tops = list(dict.fromkeys(path.split("/")[0] for path in snapshots))
    stale = [other_form(top) for top in tops if (module_dir / other_form(top)).exists()]
    work, done, name = None, [], None
    try:
        work = Path(tempfile.mkdtemp(prefix=".export-", dir=module_dir))
        write_tree(work / "new", snapshots)
        (work / "old").mkdir()
        for name in tops + stale:
            new, target, old = work / "new" / name, module_dir / name, work / "old" / name
            if target.exists() and (not new.exists() or target.is_dir() == new.is_dir()):
                os.replace(target, old)
            done.append(name)
            if new.exists():
                os.replace(new, target)
    except OSError as exc:
        for undone in reversed(done):
            new, target, old = work / "new" / undone, module_dir / undone, work / "old" / undone
            if undone in tops and not new.exists():  # the new snapshot went in: take it out
                shutil.rmtree(target) if target.is_dir() else target.unlink()
            if old.exists():
                os.replace(old, target)
        where = f"{module_dir.name}/{name}" if name else module_dir.name
        raise ExportError(f"could not write {where}: {exc.strerror or exc}") from None
    finally:
        if work:
            shutil.rmtree(work, ignore_errors=True)


def differences(snapshots, module_dir):
    """One line per snapshot file that differs, is missing, is left over, or has no notebook."""
    problems = []
    for path, text in snapshots.items():
        target = module_dir / path
        if not target.is_file():
            problems.append(f"{path}: missing (run python tools/export.py)")
        elif target.read_text(encoding="utf-8") != text:
            problems.append(f"{path}: differs from what its notebook exports")
    tops = {path.split("/")[0] for path in snapshots}
    for package in sorted(top for top in tops if (module_dir / top).is_dir()):
        for entry in sorted((module_dir / package).iterdir()):
            if entry.name != "__pycache__" and f"{package}/{entry.name}" not in snapshots:
                problems.append(f"{package}/{entry.name}: not exported by notebooks/{package}.ipynb (stale)")
    for entry in sorted(module_dir.iterdir()):
        match = SNAPSHOT.fullmatch(entry.name)
        if match and entry.name not in tops:
            notebook, now = f"notebooks/step{match[1]}.ipynb", other_form(entry.name)
            problems.append(f"{entry.name}: stale, {notebook} exports {now}{'/' if match[2] else ''}"
                            if now in tops else f"{entry.name}: no notebook {notebook}")
    return problems


def count(snapshots):
    """'19 modules', or '22 modules and 3 packages'."""
    tops = {path.split("/")[0] for path in snapshots}
    packages = sum(not top.endswith(".py") for top in tops)
    return f"{len(tops) - packages} modules" + (f" and {packages} packages" if packages else "")


def main(argv=None, root=ROOT):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; fail if any snapshot differs from its notebook")
    args = parser.parse_args(argv)
    module_dir = root / "dezero_steps"
    try:
        snapshots = render_all(root)
        if args.check:
            problems = differences(snapshots, module_dir)
            for line in problems:
                print(line, file=sys.stderr)
            if not problems:
                print(f"{count(snapshots)} match their notebooks")
            return 1 if problems else 0
        install(snapshots, module_dir)
    except (ExportError, NotebookError) as exc:
        print(f"export failed, no module written: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {count(snapshots)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
