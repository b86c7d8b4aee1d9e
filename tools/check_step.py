"""Check one notebook the way CI's newest-NumPy job would, in the time of a few notebook runs.

Usage:
    python tools/check_step.py 14                       notebooks/step14.ipynb
    python tools/check_step.py step14                   the same
    python tools/check_step.py notebooks/stage2.ipynb   any notebook, by its path
    python tools/check_step.py 14 -- -x                 anything after -- goes to pytest

It runs, and reports, three things:

1. `python tools/export.py --check`, for the step snapshots this notebook can change (its
   own and every later one: each snapshot starts from the one before);
2. `python tools/student.py --check`, for this notebook's copy in the student edition;
3. in one pytest process, every test about this notebook: nbval on it (stored
   outputs against a fresh run as in Colab, with its student-edition copy's blank exercises
   and its wrong answers: tests/notebook_runs.py), and every test in tests/ whose id names it.
   With a NumPy older than Colab's 2, the run is made in the checkout instead.

The exit code is 0 when all three pass. Unlike the whole suite it does not run the unit tests
of the framework, the figures module or the tools; `python -m pytest` runs everything.
"""
import argparse
import re
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def notebook_of(argument):
    """The notebook a command-line argument names: a step number, stepNN, or a path."""
    if re.fullmatch(r"(step)?\d{1,2}", argument):
        return ROOT / "notebooks" / f"step{int(argument.removeprefix('step')):02d}.ipynb"
    path = Path(argument)
    if path.suffix != ".ipynb":
        path = ROOT / "notebooks" / f"{argument}.ipynb"
    return path.resolve()


def step_of(path):
    match = re.fullmatch(r"step(\d\d)\.ipynb", path.name)
    return int(match.group(1)) if match else None


def run(title, command):
    print(f"=== {title}: {' '.join(command)}", flush=True)
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


def about_snapshots_from(path):
    """Whether a line of export's report names this step's snapshot or a later one."""
    step = step_of(path)
    return lambda line: any(int(n) >= step for n in re.findall(r"step(\d\d)", line))


def about_notebook(path):
    return lambda line: path.name in line


def filtered_check(title, command, concerns):
    """Run a tool's --check, keeping the lines of its report that concern this notebook; True
    when there are none."""
    done = run(title, command)
    lines = [line for line in (done.stdout + done.stderr).splitlines() if concerns(line)]
    print("\n".join(lines) if lines else "nothing to report for this notebook")
    return not lines


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", help="a step number (14), stepNN, or the path of a notebook")
    parser.add_argument("pytest_args", nargs="*", help="more arguments for pytest, after --")
    args = parser.parse_args(argv)
    path = notebook_of(args.notebook)
    if not path.is_file():
        print(f"no notebook {path}", file=sys.stderr)
        return 2
    results = {}
    if step_of(path):
        results["export"] = filtered_check("export", [sys.executable, "tools/export.py", "--check"],
                                           about_snapshots_from(path))
    results["student edition"] = filtered_check(
        "student edition", [sys.executable, "tools/student.py", "--check"], about_notebook(path))
    as_in_colab = ["--as-in-colab"] if int(np.__version__.split(".")[0]) >= 2 else []
    pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0", *as_in_colab,
              str(path.relative_to(ROOT)), "tests", "-k", path.name, *args.pytest_args]
    done = run("tests", pytest)
    print(done.stdout[-20000:], done.stderr[-5000:], sep="")
    results["tests"] = done.returncode == 0
    print("=== " + ", ".join(f"{name}: {'passed' if ok else 'FAILED'}" for name, ok in results.items()))
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
