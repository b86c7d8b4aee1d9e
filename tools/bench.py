"""How fast each step's framework differentiates: deep graphs, wide graphs, higher derivatives.

Usage:
    python tools/bench.py          the full benchmark (over a quarter of an hour with 36 steps)
    python tools/bench.py --quick  small sizes and no memory figures, well under a minute; the tests run it

Every step is driven through the adapter of the tests (tests/steps.py), so a new step
joins each table it can run without a change here. Four tables:

deep   every step that backpropagates by itself (step 7 on; steps 11 and 12 have no backward)
       runs one chain of n functions, alternating Square and Sqrt from x = 2:
       x -> x**2 -> x -> x**2 -> ...  The value stays 2 or 4 and every local derivative (4 or
       1/4) is a power of two, so value and gradient are exact at any length: y = x**2 and
       dy/dx = 4 after an odd number of nodes, y = x and dy/dx = 1 after an even number.
       Both functions are written once (Step.unary) on each step's own Function, so the rows
       differ only in the framework's machinery. Rows for fixed lengths, then the deepest
       chain that runs, up to a cap: when a chain fails (step 7 reaches Python's recursion
       limit), bisection finds the longest that works.
wide   y = x**2 + x**2 + ... (n squares of one x, added up with the step's Add) for every
       step whose gradients add up (step 14 on): all n squares wait in backward at once.
       dy/dx = 2nx is exact. The row "16, sorted" runs the book's own step 16 backward on
       step 16's graph: it sorts the list of waiting functions on every add, which costs
       time quadratic in n; the steps keep a heap (heapq) instead.
tanh   the first, second and third derivatives of tanh at 1 by double backprop, for every
       step with `create_graph` and a tanh: the time to build and run them, and how many
       functions the graph of each derivative holds. Checked against the closed forms
       1 - t^2, -2t(1 - t^2) and (6t^2 - 2)(1 - t^2), t = tanh 1.
rosen  the gradient descent of step 28 on Rosenbrock's function 100 (x1 - x0^2)^2 + (x0 - 1)^2,
       from (0, 2) with lr 0.001, for every step with the operators it needs: time per
       iteration, and the final point against the same loop in plain numpy with the gradient
       written out by hand.

"numpy" rows are the floor: the same computation written out with numpy and no framework
objects. "torch" rows (deep table) are PyTorch autograd on the CPU, when torch can be
imported (it is not a requirement of DeZero Steps). Every result is checked; a mismatch
stops the benchmark with exit code 1.

Times are processor time of this process (time.process_time), which other programs running
at the same moment hardly change: after one warm-up run, the best of three runs (--quick)
or of up to five that fit in about a second; the longest chains run once. The garbage
collector stays on, as in a reader's code; before each timed run a full collection frees the
graphs of earlier runs and gc.freeze() sets aside what survives (modules, steps, results), so
that the collections during the run walk the graph being measured, not the whole process. Peak memory comes from a separate run under
tracemalloc (which slows Python down, so it is not timed), for the fixed lengths of the
deep table in the full run; tracemalloc sees only memory that Python allocates, so torch has no figure.
"""
import argparse
import gc
import math
import os
import platform
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
from steps import steps  # noqa: E402 (the adapter lives with the tests)

X0 = 2.0
FULL = {"deep": (1_000, 100_000), "cap": 1_000_000, "wide": (1_000, 4_000, 20_000), "sorted": (1_000, 4_000),
        "iterations": 1000, "repeats": 5, "budget": 1.0, "traced": True}
QUICK = {"deep": (101, 1_000), "cap": 2_000, "wide": (101, 500), "sorted": (101, 500),
         "iterations": 50, "repeats": 3, "budget": 0.0, "traced": False}
DEPTH_ERRORS = (RecursionError, MemoryError)


class Mismatch(Exception):
    """A result that disagrees with its closed form or its numpy twin."""


# Timing --------------------------------------------------------------------

def timed(run, n, settings, once=False):
    """Best processor time of run(n) after a warm-up run, and its result: `repeats` runs, or
    fewer once they take `budget` seconds in all (a single run when `once`)."""
    result = None if once else run(n)  # warm-up: caches, the allocator, lazily built objects
    times = []
    while not times or (not once and len(times) < settings["repeats"]
                        and (len(times) < 3 or sum(times) < settings["budget"])):
        gc.collect()  # earlier graphs may be reference cycles: free them off the clock,
        gc.freeze()  # and set aside what lives on, which every collection would walk again
        start = time.process_time()
        result = run(n)
        times.append(time.process_time() - start)
    return min(times), result


def peak_memory(run, n):
    gc.collect()
    tracemalloc.start()
    try:
        run(n)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# Deep chain ----------------------------------------------------------------

def chain(step):
    """The chain of Square and Sqrt, built from one step's Function."""
    Square = step.unary("Square", np.square, lambda x: 2 * x)
    Sqrt = step.unary("Sqrt", np.sqrt, lambda x: 0.5 / np.sqrt(x))

    def run(n):
        x = step.variable(X0)
        y = x
        for i in range(n):
            [y] = step.apply(Square() if i % 2 == 0 else Sqrt(), y)
        step.backpropagate(y)
        return float(y.data), float(step.grad(x))
    return run


def numpy_chain(n):
    """The same chain by hand: keep each node's input, then apply the chain rule backwards."""
    x = np.array(X0)
    inputs = []
    for i in range(n):
        inputs.append(x)
        x = x ** 2 if i % 2 == 0 else np.sqrt(x)
    gx = np.array(1.0)
    for i in reversed(range(n)):
        gx = 2 * inputs[i] * gx if i % 2 == 0 else gx / (2 * np.sqrt(inputs[i]))
    return float(x), float(gx)


def torch_chain(torch):
    def run(n):
        x = torch.tensor(X0, dtype=torch.float64, requires_grad=True)
        y = x
        for i in range(n):
            y = y ** 2 if i % 2 == 0 else torch.sqrt(y)
        y.backward()
        return y.item(), x.grad.item()
    return run


def chain_closed_form(n):
    return (X0 ** 2, 2 * X0) if n % 2 else (X0, 1.0)


def deep_row(label, run, n, settings, traced, note="", once=False):
    """One row; a chain that fails for depth or memory gives a row naming the error."""
    try:
        seconds, result = timed(run, n, settings, once=once)
    except DEPTH_ERRORS as exc:
        return {"label": label, "n": n, "error": type(exc).__name__}
    if result != chain_closed_form(n):
        raise Mismatch(f"deep, {label}, {n:,} nodes: value and gradient {result}, "
                       f"closed form {chain_closed_form(n)}")
    peak = peak_memory(run, n) if traced and settings["traced"] else None
    return {"label": label, "n": n, "seconds": seconds, "peak": peak, "note": note}


def works(run, n, settings):
    """Whether the chain runs, called through timed() so the stack is as deep as in a row."""
    try:
        timed(run, n, settings, once=True)
    except DEPTH_ERRORS:
        return False
    return True


def deep_rows(label, run, settings, traced=True):
    """Rows for the fixed lengths, then for the deepest chain that runs, up to the cap."""
    rows = [deep_row(label, run, n, settings, traced) for n in settings["deep"]]
    good = max((row["n"] for row in rows if "error" not in row), default=0)
    failed = [row for row in rows if "error" in row]
    if not failed:
        row = deep_row(label, run, settings["cap"], settings, traced=False, note="deepest tried", once=True)
        if "error" not in row:
            return rows + [row]
        failed = [row]
    bad, error = failed[0]["n"], failed[0]["error"]
    while bad - good > 1:
        middle = (good + bad) // 2
        good, bad = (middle, bad) if works(run, middle, settings) else (good, middle)
    return rows + [deep_row(label, run, good, settings, traced, note=f"deepest: {bad:,} nodes raise {error}")]


# Wide sum ------------------------------------------------------------------

def adds_up(step):
    """Whether x + x backpropagates to dx = 2 (step 13 overwrites instead of adding)."""
    Add = step.function("Add")
    if not step.backpropagates or Add not in step.backward_functions:
        return False
    x = step.variable(1.0)
    [y] = step.apply(Add(), x, x)
    step.backpropagate(y)
    return float(step.grad(x)) == 2.0


def wide_graph(step, n):
    Square = step.unary("Square", np.square, lambda x: 2 * x)
    Add = step.function("Add")
    x = step.variable(X0)
    [y] = step.apply(Square(), x)
    for _ in range(n - 1):
        [term] = step.apply(Square(), x)
        [y] = step.apply(Add(), y, term)
    return x, y


def wide(step, backward=None):
    def run(n):
        x, y = wide_graph(step, n)
        (backward or step.backpropagate)(y)
        return float(y.data), float(step.grad(x))
    return run


def sorted_backward(step):
    """The book's step 16 backward: the waiting functions in a list, sorted by generation on
    every add, the last one taken next."""
    def backward(y):
        y.grad = np.ones_like(y.data)
        funcs, seen = [], set()

        def add_func(f):
            if f not in seen:
                funcs.append(f)
                seen.add(f)
                funcs.sort(key=lambda f: f.generation)

        add_func(y.creator)
        while funcs:
            f = funcs.pop()
            gxs = f.backward(*[output.grad for output in step.outputs_of(f)])
            gxs = gxs if isinstance(gxs, tuple) else (gxs,)
            for x, gx in zip(f.inputs, gxs):
                x.grad = gx if x.grad is None else x.grad + gx
                if x.creator is not None:
                    add_func(x.creator)
    return backward


def numpy_wide(n):
    x = np.array(X0)
    y = x ** 2
    for _ in range(n - 1):
        y = y + x ** 2
    gx = np.array(0.0)
    for _ in range(n):  # each square passes 2x times the sum's gradient, 1
        gx = gx + 2 * x
    return float(y), float(gx)


def wide_row(label, run, n, settings):
    seconds, result = timed(run, n, settings)
    expected = (n * X0 ** 2, n * 2 * X0)
    if result != expected:
        raise Mismatch(f"wide, {label}, {n:,} terms: value and gradient {result}, closed form {expected}")
    return {"label": label, "n": n, "seconds": seconds}


# tanh's derivatives --------------------------------------------------------

def graph_functions(output):
    """How many functions the graph of `output` holds."""
    found, waiting = set(), [output.creator]
    while waiting:
        f = waiting.pop()
        if f is None or id(f) in found:
            continue
        found.add(id(f))
        waiting += [x.creator for x in f.inputs]
    return len(found)


def tanh_derivatives(step):
    tanh = step.find("tanh")

    def run(order):
        x = step.variable(1.0)
        y = tanh(x)
        for _ in range(order):
            x.cleargrad()
            y.backward(create_graph=True)
            y = x.grad
        return float(y.data), graph_functions(y)
    return run


def tanh_closed_form(order):
    t = math.tanh(1.0)
    return [1 - t ** 2, -2 * t * (1 - t ** 2), (6 * t ** 2 - 2) * (1 - t ** 2)][order - 1]


def tanh_row(label, run, order, settings):
    seconds, (value, nodes) = timed(run, order, settings)
    if not math.isclose(value, tanh_closed_form(order), rel_tol=1e-12):
        raise Mismatch(f"tanh, {label}, derivative {order}: {value}, closed form {tanh_closed_form(order)}")
    return {"label": label, "n": order, "seconds": seconds, "nodes": nodes}


# Rosenbrock ----------------------------------------------------------------

def has_operators(step):
    return step.numbers == "accepted" and step.has_cleargrad and all(
        hasattr(step.Variable, name) for name in ["__pow__", "__sub__", "__mul__", "__rmul__", "__add__"])


def rosenbrock(x0, x1):
    return 100 * (x1 - x0 ** 2) ** 2 + (x0 - 1) ** 2


def descent(step):
    def run(iterations):
        x0, x1 = step.variable(0.0), step.variable(2.0)
        for _ in range(iterations):
            x0.cleargrad()
            x1.cleargrad()
            rosenbrock(x0, x1).backward()
            x0.data = x0.data - 0.001 * step.grad(x0)
            x1.data = x1.data - 0.001 * step.grad(x1)
        return float(x0.data), float(x1.data)
    return run


def numpy_descent(iterations):
    x0, x1 = np.array(0.0), np.array(2.0)
    for _ in range(iterations):
        g0, g1 = -400 * x0 * (x1 - x0 ** 2) + 2 * (x0 - 1), 200 * (x1 - x0 ** 2)
        x0, x1 = x0 - 0.001 * g0, x1 - 0.001 * g1
    return float(x0), float(x1)


def rosen_row(label, run, iterations, settings):
    seconds, point = timed(run, iterations, settings)
    expected = numpy_descent(iterations)
    if not all(math.isclose(a, b, rel_tol=1e-9) for a, b in zip(point, expected)):
        raise Mismatch(f"rosen, {label}: {point} after {iterations} iterations, numpy {expected}")
    return {"label": label, "n": iterations, "seconds": seconds}


# Tables --------------------------------------------------------------------

def cpu_name():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def print_table(title, header, rows, cells):
    print(f"\n## {title}\n")
    print("| " + " | ".join(header) + " |")
    print("|---|" + "---:|" * (len(header) - 2) + "---|")
    for row in rows:
        print("| " + " | ".join(cells(row)) + " |")


def per_unit(row, floor):
    """seconds, microseconds per unit and the ratio to the numpy floor for the same size."""
    base = floor.get(row["n"])
    ratio = f"{row['seconds'] / base:.1f}" if base else ""
    return [f"{row['seconds']:.4f}", f"{row['seconds'] / row['n'] * 1e6:.2f}", ratio]


def deep_cells(floor):
    def cells(row):
        if "error" in row:
            return [row["label"], f"{row['n']:,}", "", "", "", "", f"fails: {row['error']}"]
        peak = "" if row["peak"] is None else f"{row['peak'] / 2 ** 20:.1f}"
        return [row["label"], f"{row['n']:,}", *per_unit(row, floor), peak, row["note"]]
    return cells


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, a few seconds in all")
    settings = QUICK if parser.parse_args(argv).quick else FULL
    print(f"Python {platform.python_version()}, numpy {np.__version__}, {cpu_name()}, {os.cpu_count()} cores, "
          f"recursion limit {sys.getrecursionlimit()}")
    every = steps()
    try:
        deep = [row for step in every if step.backpropagates for row in deep_rows(str(step.number), chain(step), settings)]
        deep_floor = deep_rows("numpy", numpy_chain, settings)
        try:
            import torch  # imported late: the collector would walk its many objects in the rows above
        except ImportError:
            print("torch is not installed: no torch rows")
        else:
            print(f"torch {torch.__version__}: autograd on the CPU, float64 scalars")
            deep += deep_rows("torch", torch_chain(torch), settings, traced=False)
        floor = {row["n"]: row["seconds"] for row in deep_floor}
        for n in sorted({row["n"] for row in deep if "error" not in row} - set(floor)):
            deep_floor.append(deep_row("numpy", numpy_chain, n, settings, traced=True))
            floor[n] = deep_floor[-1]["seconds"]
        print_table("deep: a chain of Square and Sqrt", ["step", "nodes", "seconds", "us per node", "x numpy",
                                                         "peak MiB", "note"],
                    deep + sorted(deep_floor, key=lambda row: row["n"]), deep_cells(floor))

        adding = [step for step in every if adds_up(step)]
        wide_rows = [wide_row(str(step.number), wide(step), n, settings) for step in adding for n in settings["wide"]]
        first = next((step for step in adding if step.has_generation), None)
        if first:
            wide_rows += [wide_row(f"{first.number}, sorted", wide(first, sorted_backward(first)), n, settings)
                          for n in settings["sorted"]]
        wide_floor = [wide_row("numpy", numpy_wide, n, settings) for n in settings["wide"]]
        floor = {row["n"]: row["seconds"] for row in wide_floor}
        print_table("wide: a sum of n squares of one x", ["step", "terms", "seconds", "us per term", "x numpy"],
                    wide_rows + wide_floor, lambda row: [row["label"], f"{row['n']:,}", *per_unit(row, floor)])

        higher = [step for step in every if step.variable_grads and step.find("tanh")]
        tanh_rows = [tanh_row(str(step.number), tanh_derivatives(step), order, settings)
                     for step in higher for order in (1, 2, 3)]
        print_table("tanh: derivatives 1-3 at x = 1 by double backprop", ["step", "derivative", "seconds",
                                                                            "functions in its graph"],
                    tanh_rows, lambda row: [row["label"], str(row["n"]), f"{row['seconds']:.4f}", f"{row['nodes']:,}"])

        iterations = settings["iterations"]
        rosen_rows = [rosen_row(str(step.number), descent(step), iterations, settings)
                      for step in every if has_operators(step)]
        rosen_floor = rosen_row("numpy", numpy_descent, iterations, settings)
        print_table(f"rosen: {iterations} iterations of gradient descent on Rosenbrock's function",
                    ["step", "iterations", "seconds", "us per iteration", "x numpy"],
                    rosen_rows + [rosen_floor],
                    lambda row: [row["label"], f"{row['n']:,}", *per_unit(row, {iterations: rosen_floor["seconds"]})])
    except Mismatch as exc:
        print(f"wrong result: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
