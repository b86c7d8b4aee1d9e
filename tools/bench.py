"""How long each step's backward pass takes per node, and how deep it can go.

Usage:
    python tools/bench.py          the full benchmark (about a minute)
    python tools/bench.py --quick  small sizes, a few seconds; the test suite runs it

Every step module that can backpropagate by itself (each dezero_steps/stepNN.py whose
Variable has a `backward` method, step 7 on) runs the same chain of n scalar
functions, forward and then backward. For each step the table shows chains of fixed
lengths and the deepest chain whose backward pass runs, up to a cap: when a chain
fails (step 7 reaches Python's recursion limit), bisection finds the longest that works.

The chain alternates the step's own Square with a Sqrt built on the step's own
Function, starting at x = 2:  x -> x**2 -> x -> x**2 -> ...  The value stays 2 or 4
and every local derivative (4 or 1/4) is a power of two, so value and gradient are
exact at any length: y = x**2 and dy/dx = 2x = 4 after an odd number of nodes,
y = x and dy/dx = 1 after an even number. Every run is checked against this closed
form; a mismatch stops the benchmark with exit code 1. (Square alone at x = 1 has the
gradient 2**n, which overflows past about 1,000 nodes; Exp overflows sooner.)
Sqrt is written for the Function of steps 7 to 10 (forward(x), backward(gy) and
self.input); a step that changes that interface changes Sqrt and run() with it.

Two more sets of rows: "numpy", the floor, is the same chain written out by hand with numpy
and no framework objects; "torch" is PyTorch autograd on the CPU, when torch can be
imported (it is not a requirement of DeZero Steps).

Times are processor time of this process (time.process_time), which other programs
running at the same moment hardly change: the best of up to five runs that fit in about
a second (one run for the longest chains), with the garbage collector on, as a reader's
code runs. Peak memory comes from a separate run under tracemalloc, which slows Python
down; tracemalloc sees only memory that Python allocates, so torch has no figure.
"""
import argparse
import gc
import importlib
import os
import platform
import re
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
STEP_MODULE = re.compile(r"step(\d\d)\.py")
X0 = 2.0
FULL = {"sizes": (1_000, 100_000), "cap": 1_000_000, "budget": 1.0}
QUICK = {"sizes": (101, 1_000), "cap": 5_000, "budget": 0.0}
DEPTH_ERRORS = (RecursionError, MemoryError)


def step_modules():
    """{step number: module} for every step module whose Variable has backward()."""
    found = {}
    for path in (ROOT / "dezero_steps").glob("step*.py"):
        match = STEP_MODULE.fullmatch(path.name)
        if match:
            module = importlib.import_module(f"dezero_steps.{path.stem}")
            if callable(getattr(module.Variable, "backward", None)):
                found[int(match.group(1))] = module
    return dict(sorted(found.items()))


def framework_chain(module):
    """The chain built from one step module's own Variable, Function and Square."""
    class Sqrt(module.Function):
        def forward(self, x):
            return np.sqrt(x)

        def backward(self, gy):
            return gy / (2 * np.sqrt(self.input.data))

    def run(n):
        x = module.Variable(np.array(X0))
        y = x
        for i in range(n):
            y = (module.Square() if i % 2 == 0 else Sqrt())(y)
        y.grad = np.array(1.0)  # steps 7 and 8 do not start the gradient themselves
        y.backward()
        return float(y.data), float(x.grad)
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
    """The same chain with PyTorch autograd on the CPU."""
    def run(n):
        x = torch.tensor(X0, dtype=torch.float64, requires_grad=True)
        y = x
        for i in range(n):
            y = y ** 2 if i % 2 == 0 else torch.sqrt(y)
        y.backward()
        return y.item(), x.grad.item()
    return run


def closed_form(n):
    """Value and gradient of the chain after n nodes."""
    return (X0 ** 2, 2 * X0) if n % 2 else (X0, 1.0)


def timed(run, n, budget):
    """Best time of forward plus backward: repeat while under budget seconds, at most 5 runs."""
    times = []
    while not times or (sum(times) < budget and len(times) < 5):
        gc.collect()  # earlier chains are reference cycles: free them off the clock
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


def works(run, n):
    """Whether the chain runs, called through timed() so the stack is as deep as in a row."""
    try:
        timed(run, n, budget=0)
    except DEPTH_ERRORS:
        return False
    return True


def measure(label, run, n, settings, traced, note=""):
    """One table row; a chain that fails for depth or memory gives a row naming the error."""
    try:
        seconds, result = timed(run, n, settings["budget"])
    except DEPTH_ERRORS as exc:
        return {"label": label, "nodes": n, "error": type(exc).__name__}
    if result != closed_form(n):
        name = f"step {label}" if label.isdigit() else label
        sys.exit(f"{name}, {n:,} nodes: value and gradient {result}, "
                 f"but the closed form gives {closed_form(n)}")
    peak = peak_memory(run, n) if traced else None
    return {"label": label, "nodes": n, "seconds": seconds, "peak": peak, "note": note}


def rows_for(label, run, settings, traced=True):
    """Rows for the fixed sizes, then for the deepest chain that runs, up to the cap."""
    rows = [measure(label, run, n, settings, traced) for n in settings["sizes"]]
    good = max((row["nodes"] for row in rows if "error" not in row), default=0)
    failed = [row for row in rows if "error" in row]
    if not failed:
        row = measure(label, run, settings["cap"], settings, traced, note="deepest tried")
        if "error" not in row:
            return rows + [row]
        failed = [row]
    bad, error = failed[0]["nodes"], failed[0]["error"]
    while bad - good > 1:
        middle = (good + bad) // 2
        if works(run, middle):
            good = middle
        else:
            bad = middle
    return rows + [measure(label, run, good, settings, traced,
                           note=f"deepest: {bad:,} nodes raise {error}")]


def cpu_name():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def cells(row, floor):
    if "error" in row:
        return [row["label"], f"{row['nodes']:,}", "", "", "", "", f"fails: {row['error']}"]
    seconds, n = row["seconds"], row["nodes"]
    peak = "" if row["peak"] is None else f"{row['peak'] / 2 ** 20:.1f}"
    return [row["label"], f"{n:,}", f"{seconds:.4f}", f"{seconds / n * 1e6:.2f}",
            f"{seconds / floor[n]:.1f}", peak, row["note"]]


def print_table(rows, floor):
    header = ["step", "nodes", "seconds", "us per node", "x numpy", "peak MiB", "note"]
    print("| " + " | ".join(header) + " |")
    print("|---|" + "---:|" * 5 + "---|")
    for row in rows:
        print("| " + " | ".join(cells(row, floor)) + " |")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="small chains and a shallow depth search, a few seconds in all")
    settings = QUICK if parser.parse_args(argv).quick else FULL
    print(f"chain of Square and Sqrt at x = {X0}; Python {platform.python_version()}, "
          f"numpy {np.__version__}, {cpu_name()}, {os.cpu_count()} cores, "
          f"recursion limit {sys.getrecursionlimit()}")

    rows = []
    for step, module in step_modules().items():
        rows += rows_for(str(step), framework_chain(module), settings)
    baseline = rows_for("numpy", numpy_chain, settings)
    try:
        import torch  # imported last: the collector would walk its many objects in the rows above
    except ImportError:
        print("torch is not installed: no torch rows")
    else:
        print(f"torch {torch.__version__}: autograd on the CPU, float64 scalars")
        rows += rows_for("torch", torch_chain(torch), settings, traced=False)
    floor = {row["nodes"]: row["seconds"] for row in baseline}
    for n in sorted({row["nodes"] for row in rows} - set(floor)):
        baseline.append(measure("numpy", numpy_chain, n, settings, traced=True))
        floor[n] = baseline[-1]["seconds"]
    rows += sorted(baseline, key=lambda row: row["nodes"])
    print()
    print_table(rows, floor)
    return 0


if __name__ == "__main__":
    sys.exit(main())
