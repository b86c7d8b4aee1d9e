# Generated from notebooks/step33.ipynb by tools/export.py: do not edit by hand.
# DeZero Steps, Step 33: Newton's method, automatically (the framework as it stands after this step).

import shutil
import subprocess
from dezero_steps.viz import draw_graph


def _node_id(obj, ids):
    return ids.setdefault(id(obj), len(ids) + 1)  # numbered in order met, the same on every run


def _dot_var(v, ids, verbose=False):
    name = "" if v.name is None else v.name
    if verbose and v.data is not None:
        if v.name is not None:
            name += ": "
        name += str(v.shape) + " " + str(v.dtype)
    return f'{_node_id(v, ids)} [label="{name}", color=orange, style=filled]\n'


def _dot_func(f, ids):
    txt = f'{_node_id(f, ids)} [label="{f.__class__.__name__}", color=lightblue, style=filled, shape=box]\n'
    for x in f.inputs:
        txt += f"{_node_id(x, ids)} -> {_node_id(f, ids)}\n"
    for y in f.outputs:
        txt += f"{_node_id(f, ids)} -> {_node_id(y(), ids)}\n"  # y is a weakref
    return txt


def get_dot_graph(output, verbose=True):
    ids = {}
    txt = ""
    funcs = []
    seen_set = set()

    def add_func(f):
        if f not in seen_set:
            funcs.append(f)
            seen_set.add(f)

    add_func(output.creator)
    txt += _dot_var(output, ids, verbose)
    while funcs:
        func = funcs.pop()
        txt += _dot_func(func, ids)
        for x in func.inputs:
            txt += _dot_var(x, ids, verbose)
            if x.creator is not None:
                add_func(x.creator)
    return "digraph g {\n" + txt + "}"


def plot_dot_graph(output, verbose=True, to_file=None):
    if to_file is not None:  # the DOT text, rendered by the graphviz program if it is installed
        dot_graph = get_dot_graph(output, verbose)
        if shutil.which("dot") is None:
            raise FileNotFoundError("plot_dot_graph(to_file=...) needs the graphviz program `dot`; "
                                    "without it, call plot_dot_graph(output) for a matplotlib drawing")
        extension = to_file.rsplit(".", 1)[-1]
        subprocess.run(["dot", "-T", extension, "-o", to_file], input=dot_graph, text=True, check=True)
    return draw_graph(output)
