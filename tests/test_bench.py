"""The benchmark's quick mode runs, checks every result, and has a row for every step that can
run each of its tables (which steps can is read off the steps, not off the benchmark)."""
import re
import subprocess
import sys

from steps import ROOT, steps


def tables(output):
    """{table name: [(label, size), ...]} from the benchmark's markdown output."""
    found = {}
    for section in output.split("\n## ")[1:]:
        name = section.split(":", 1)[0]
        found[name] = re.findall(r"^\| ([^|]+?) \| ([\d,]+) \|", section, re.MULTILINE)
    return found


def test_quick_benchmark_covers_every_step_it_can():
    done = subprocess.run([sys.executable, "tools/bench.py", "--quick"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    rows = tables(done.stdout)
    assert set(rows) == {"deep", "wide", "tanh", "rosen"}, done.stdout

    def listed(name):
        return {int(label) for label, _ in rows[name] if label.isdigit()}

    every = steps()
    assert listed("deep") == {step.number for step in every if step.number >= 7 and step.backpropagates}
    first_adding = min((step.number for step in every if step.has_cleargrad), default=None)
    assert listed("wide") == {step.number for step in every if first_adding and step.number >= first_adding}
    first_generation = min((step.number for step in every if step.has_generation), default=None)
    if first_generation:
        assert f"{first_generation}, sorted" in {label for label, _ in rows["wide"]}
    higher = {step.number for step in every if step.variable_grads and step.find("tanh")}
    assert listed("tanh") == higher
    assert {(int(label), int(order)) for label, order in rows["tanh"]} == {(n, k) for n in higher for k in (1, 2, 3)}
    assert listed("rosen") == {step.number for step in every if step.numbers == "accepted"
                               and hasattr(step.Variable, "__pow__")}
    for name in rows:
        assert "numpy" in {label for label, _ in rows[name]} or name == "tanh"
