"""Grade a folder of filled-in student copies: run every exercise check, print a table of scores.

Usage:
    python tools/grade.py FOLDER [--out CSV] [--timeout SECONDS]

FOLDER holds the students' copies in either layout (or both):
    FOLDER/ana/step06.ipynb, FOLDER/ana/step07.ipynb, FOLDER/ben/step06.ipynb, ...
        one subfolder per student (copies may sit deeper, as in nbgrader's submitted/ana/step06/)
    FOLDER/ana_step06.ipynb, FOLDER/ben_step06.ipynb, ...
        one file per student and notebook, named <student>_<notebook>.ipynb
A copy is matched to notebooks/<notebook>.ipynb by its file name. It is run from top to bottom in a
fresh kernel, errors allowed, each cell for at most --timeout seconds (default 120), with this
checkout's `dezero_steps` importable. Before the run its check cells are restored from the notebook
in notebooks/ (found by nbgrader's grade_id, else by their text), so an edited check counts for
nothing. Each check cell is worth 1 point: it scores when it runs without error.

The table has a row per student and a column per exercise: ✓ (every check of the exercise passed),
✗ (a check failed: a wrong answer, or an error) or "not done" (its checks still say "not done yet");
"missing" when the student handed in no copy of that notebook. The last column is the student's
total in points, the last row how many students passed each exercise. --out also writes the scores
as CSV: a column per check cell (1 or 0), for a gradebook.
"""
import argparse
import csv
import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mark_exercises import FormatError, exercise_cells, read_notebook, shown  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PASSED, FAILED, NOT_DONE, MISSING = "✓", "✗", "not done", "missing"


def run_cells(notebook, folder, timeout, indices=None, env=None):
    """Run the code cells of `notebook` (or those at `indices`, in that order) in one fresh kernel
    started in `folder`, storing their outputs; errors are kept as outputs, never raised. A cell
    that runs out of time, or kills the kernel, gets an error output and ends the run. The
    kernel's environment is `env`, by default this process's with the checkout importable."""
    if env is None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(folder)}})
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    with client.setup_kernel(env=env):
        for index in range(len(notebook.cells)) if indices is None else indices:
            cell = notebook.cells[index]
            if cell.cell_type != "code":
                continue
            try:
                client.execute_cell(cell, index)
            except (CellTimeoutError, DeadKernelError) as exc:
                cell.outputs = [nbformat.v4.new_output("error", ename=type(exc).__name__,
                                                       evalue=str(exc).splitlines()[0], traceback=[])]
                break
    return notebook


def verdict(cell):
    """✓, ✗ or 'not done' for a check cell that has run (✗ when it did not run)."""
    if cell.get("execution_count") is None and not cell.outputs:
        return FAILED
    errors = [out for out in cell.outputs if out.output_type == "error"]
    if not errors:
        return PASSED
    return NOT_DONE if errors[0].ename == "NotDone" else FAILED


def checks_of(path):
    """[(exercise label, grade_id, source)] of the check cells of a worked notebook."""
    notebook = read_notebook(path)
    return [(grade_id.split("-")[-2], grade_id, notebook.cells[index].source)
            for index, role, grade_id in exercise_cells(notebook, path.stem, shown(path)) if role == "check"]


def restore_checks(notebook, checks):
    """{grade_id: cell index} of the check cells in a submission, their sources set back to the
    worked notebook's; a check cell the submission lost is left out."""
    found = {}
    for _, grade_id, source in checks:
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type == "code" and index not in found.values() and (
                    cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id or cell.source == source):
                cell.source = source
                found[grade_id] = index
                break
    return found


def grade_copy(path, checks, timeout):
    """{grade_id: verdict} for one student's copy of a notebook."""
    try:
        notebook = read_notebook(path)
    except FormatError:
        return {grade_id: FAILED for _, grade_id, _ in checks}
    found = restore_checks(notebook, checks)
    run_cells(notebook, path.parent, timeout)
    return {grade_id: verdict(notebook.cells[found[grade_id]]) if grade_id in found else FAILED
            for _, grade_id, _ in checks}


def submissions(folder, names):
    """{student: {notebook name: path}} for every copy in `folder`, in either layout."""
    found = {}
    for path in sorted(folder.iterdir()):
        if path.is_dir():
            for copy in sorted(path.rglob("*.ipynb")):
                if copy.stem in names and ".ipynb_checkpoints" not in copy.parts:
                    found.setdefault(path.name, {})[copy.stem] = copy
        elif path.suffix == ".ipynb":
            name = max((n for n in names if path.stem.endswith("_" + n)), key=len, default=None)
            if name:
                found.setdefault(path.stem[:-len(name) - 1], {})[name] = path
    return found


def exercise_verdict(verdicts):
    if all(v == PASSED for v in verdicts):
        return PASSED
    if all(v in (PASSED, NOT_DONE) for v in verdicts):
        return NOT_DONE
    return FAILED


def grade(folder, timeout=120, notebooks_dir=ROOT / "notebooks", log=print):
    """(columns, rows): columns are (notebook, exercise, [grade_ids]); each row is (student,
    {notebook: {grade_id: verdict}} with None for a notebook not handed in)."""
    worked = {path.stem: path for path in sorted(notebooks_dir.glob("*.ipynb"))}
    copies = submissions(folder, set(worked))
    names = sorted({name for handed in copies.values() for name in handed})
    checks = {name: checks_of(worked[name]) for name in names}
    columns = []
    for name in names:
        for exercise in dict.fromkeys(label for label, _, _ in checks[name]):
            columns.append((name, exercise, [gid for label, gid, _ in checks[name] if label == exercise]))
    rows = []
    for student, handed in sorted(copies.items()):
        results = {}
        for name in names:
            if name in handed:
                log(f"running {shown(handed[name])}", file=sys.stderr)
                results[name] = grade_copy(handed[name], checks[name], timeout)
            else:
                results[name] = None
        rows.append((student, results))
    return columns, rows


def table(columns, rows):
    """The table as lines of text, columns aligned."""
    header = ["student"] + [f"{name} {exercise}" for name, exercise, _ in columns] + ["points"]
    total = sum(len(ids) for _, _, ids in columns)
    lines = [header]
    for student, results in rows:
        cells, points = [student], 0
        for name, _, ids in columns:
            verdicts = None if results[name] is None else [results[name][gid] for gid in ids]
            cells.append(MISSING if verdicts is None else exercise_verdict(verdicts))
            points += 0 if verdicts is None else verdicts.count(PASSED)
        lines.append(cells + [f"{points}/{total}"])
    passed = [sum(line[i] == PASSED for line in lines[1:]) for i in range(1, len(columns) + 1)]
    lines.append(["passed"] + [f"{count}/{len(rows)}" for count in passed] + [""])
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return ["  ".join(text.ljust(width) for text, width in zip(line, widths)).rstrip() for line in lines]


def write_csv(columns, rows, out):
    ids = [gid for _, _, group in columns for gid in group]
    notebook_of = {gid: name for name, _, group in columns for gid in group}
    with open(out, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["student"] + ids + ["points", "max_points"])
        for student, results in rows:
            points = [0 if results[notebook_of[gid]] is None else int(results[notebook_of[gid]][gid] == PASSED)
                      for gid in ids]
            writer.writerow([student] + points + [sum(points), len(ids)])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the folder of filled-in copies")
    parser.add_argument("--out", type=Path, help="also write the scores to this CSV file")
    parser.add_argument("--timeout", type=int, default=120, help="seconds each cell may run (default 120)")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"error: {args.folder} is not a folder", file=sys.stderr)
        return 1
    try:
        columns, rows = grade(args.folder, args.timeout)
    except FormatError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if not rows:
        print(f"error: no copy of a notebook of notebooks/ in {args.folder} (name them <student>/stepNN.ipynb "
              "or <student>_stepNN.ipynb)", file=sys.stderr)
        return 1
    print("\n".join(table(columns, rows)))
    if args.out:
        write_csv(columns, rows, args.out)
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
