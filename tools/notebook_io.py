"""Reading notebooks for the tools: checked against the notebook format, one clear error if it fails.

    notebook = read_notebook(path)            # an nbformat NotebookNode (format 4), validated
    text = source_of(notebook.cells[0])       # a cell's source as one string
    path.write_text(notebook_text(notebook), encoding="utf-8")  # as Jupyter writes it

A file that is not a notebook (not JSON, cells that are not objects, a `source` of null, no
`cells` at all, ...) raises NotebookError, whose message is one line naming the notebook.
"""
import json
from pathlib import Path

import nbformat


class NotebookError(Exception):
    """A file that cannot be read as a notebook; the message is one line and names it."""


def read_notebook(path, name=None):
    """The notebook at `path`, validated; `name` (default: the file name) is how errors show it."""
    name = name or Path(path).name
    try:
        text = Path(path).read_text(encoding="utf-8")
        raw = json.loads(text)
        if not isinstance(raw, dict):
            raise ValueError("its JSON is not an object")
        nbformat.validate(raw)  # first: nbformat's reader assumes a sound structure
        return nbformat.convert(nbformat.reader.reads(text), 4)
    except (OSError, ValueError, nbformat.ValidationError) as exc:
        raise NotebookError(f"{name}: not a readable notebook ({one_line(exc)})") from None


def one_line(exc):
    """What went wrong, in one line: a validation error says where in the notebook it is."""
    if isinstance(exc, nbformat.ValidationError):
        where = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in exc.absolute_path)
        return f"{where.lstrip('.')}: {exc.message}" if where else exc.message
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def source_of(cell):
    """A cell's source as one string (the notebook file may store it as a list of lines)."""
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def notebook_text(notebook):
    """The file text of a notebook, laid out as Jupyter saves it (unchanged parts stay byte for byte)."""
    return nbformat.writes(notebook) + "\n"
