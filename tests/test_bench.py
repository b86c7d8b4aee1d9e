"""The benchmark's quick mode runs, checks every gradient, and covers every step from 7 on."""
import re
import subprocess
import sys

from conftest import ROOT, step_numbers


def test_quick_benchmark_lists_every_step_from_7():
    done = subprocess.run([sys.executable, "tools/bench.py", "--quick"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    listed = {int(m) for m in re.findall(r"^\| (\d+) \|", done.stdout, re.MULTILINE)}
    assert listed == {step for step in step_numbers() if step >= 7}
