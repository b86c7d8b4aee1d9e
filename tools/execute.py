"""Run notebooks top to bottom in a fresh kernel and store their outputs, as nbval expects them.

Usage:
    python tools/execute.py NOTEBOOK [NOTEBOOK ...]

Each notebook runs in its own folder, with the inline figure backend whatever MPLBACKEND the shell
sets, and is saved in place; cells tagged `raises-exception` may raise, any other error stops the
run and leaves the notebook unchanged. Timestamps that the kernel adds to cell metadata are dropped,
so a re-run changes only what really changed.
"""
import argparse
import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

KERNEL_ENV = {"MPLBACKEND": "module://matplotlib_inline.backend_inline", "PYTHONHASHSEED": "0"}


def execute(path):
    notebook = nbformat.read(path, as_version=4)
    os.environ.update(KERNEL_ENV)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(notebook, path)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for path in args.notebooks:
        try:
            execute(path.resolve())
        except CellExecutionError as exc:
            print(f"{path}: a cell failed, notebook left unchanged:\n{exc}", file=sys.stderr)
            return 1
        print(f"executed {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
