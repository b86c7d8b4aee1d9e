"""One run of each notebook, made by nbval, that three test files read.

By default the run is made in the checkout: the kernel starts in notebooks/, as nbval starts
it, and the setup cell finds the checkout's `dezero_steps`. With `--as-in-colab` (conftest.py at
the root), it plays what a reader who follows a badge gets: the notebook's student-edition copy
opened in Colab. Then the kernel is fresh, in an empty folder that holds the copy alone, and
believes it runs in Colab (an IPython startup file puts a stand-in `google.colab` module in
sys.modules), so the setup cell takes the %pip branch. Git rewrites the repository address of
pyproject.toml to a snapshot of this checkout (the files on disk, committed in a temporary
repository), so pip clones what is on disk, with no network. The package lands in a prefix of
its own, which is on the kernel's PYTHONPATH; the checkout is not. numpy and matplotlib come
from the environment, as in Colab. Each notebook's %pip install clones and builds the snapshot
for real, but with the build tools of this environment instead of a fresh isolated one, from no
package index, and without pip's check of every other installed package:
tests/test_standalone.py builds it once the way Colab does. Colab has NumPy 2, and so must the
run as in Colab.

Either way, the student copy's cells run first (its lesson is the notebook's own: tests/
test_student.py), then the worked notebook's exercise cells (its answers and checks, as the
teacher has them), then every wrong answer of tests/wrong_answers/NAME.py with its exercise's
cells, each followed by the exercise's worked cells except its checks, so that the next one
starts from the worked state, and last a cell that says where `dezero_steps` was imported from
and how much processor time the kernel has used. Errors stay outputs, so one run answers every
question:

- nbval: the lesson and the worked exercises reproduce every stored output (with --as-in-colab,
  all but the setup cell's, whose branch differs there on purpose);
- tests/test_standalone.py: so do their figures, by their pixels; `dezero_steps` came from the
  checkout (with --as-in-colab, from the setup cell's install); and the run kept to its time budget;
- tests/test_student.py: every check of the blank copy says "not done yet";
- tests/test_wrong_answers.py: every wrong answer makes its exercise's checks fail.

nbval makes the run: conftest.py at the root hands each notebook of notebooks/ to NotebookRun,
nbval's collector with the run's other cells, unchecked, between and after nbval's own (and, with
--as-in-colab, a kernel started as above). It keeps the run in RUNS; a test whose notebook nbval has
not run in its process (pytest tests/test_student.py, say) runs it itself (the_run). conftest.py
also keeps every test of one notebook on one pytest-xdist worker, after nbval's cells.
"""
import copy
import os
import runpy
import shutil
import subprocess
import sysconfig
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from unittest import mock

import nbformat
import pytest
from nbval.kernel import CURRENT_ENV_KERNEL_NAME, RunningKernel
from nbval.plugin import IPyNbCell, IPyNbFile

from checkout import ROOT, load_tool, repository

grade = load_tool("grade")
mark = load_tool("mark_exercises")
student = load_tool("student")

# one statement, so that the startup file leaves no name behind in the notebook's namespace
COLAB_STAND_IN = ('__import__("sys").modules["google.colab"] = '
                  '__import__("types").ModuleType("google.colab")\n')
# where `dezero_steps` came from, and the processor time of the kernel so far (the whole run)
PROBE = 'import dezero_steps, time\nprint(f"{dezero_steps.__file__}\\n{time.process_time()}")'
WRONG_ANSWERS = ROOT / "tests" / "wrong_answers"
EDITION = ROOT / "notebooks" / "student"
KERNEL_DIED = "Kernel died before replying to kernel_info"  # jupyter_client's words
RUNS = {}  # notebook stem: its Run (or the exception that stopped it), in this process


def git(*args, cwd):
    env = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True).stdout


@cache
def snapshot(scratch):
    """A git repository of the checkout's files as they are on disk, git told to serve it in
    place of the repository address, and the IPython startup file that plays Colab: made once
    per test process, in its scratch folder (conftest.py at the root)."""
    base = Path(scratch) / "colab"
    repository_copy = base / "repository"
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for name in listed.split("\0"):
        if name and (ROOT / name).is_file():  # a file deleted on disk is left out, as a commit would
            (repository_copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, repository_copy / name)
    git("init", "--quiet", cwd=repository_copy)
    git("add", "--all", cwd=repository_copy)
    git("-c", "user.name=DeZero Steps", "-c", "user.email=tests@dezero-steps.invalid",
        "commit", "--quiet", "--message", "working tree", cwd=repository_copy)
    # a plain path, not a file:// address: git then clones by linking files, not by packing them
    (base / "gitconfig").write_text(f'[url "{repository_copy}"]\n\tinsteadOf = {repository()}\n', encoding="utf-8")
    startup = base / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-colab.py").write_text(COLAB_STAND_IN, encoding="utf-8")
    return base


def colab_environment(base, prefix, site):
    """Environment variables for a kernel that plays Colab, given the snapshot folder, a fresh
    install prefix and the site-packages folder inside it."""
    kept = {key: value for key, value in os.environ.items()
            if key != "PYTHONPATH" and not key.startswith("PIP_")}
    return dict(kept, IPYTHONDIR=str(base / "ipython"), GIT_CONFIG_GLOBAL=str(base / "gitconfig"),
                GIT_CONFIG_NOSYSTEM="1", PIP_PREFIX=str(prefix), PYTHONPATH=str(site),
                PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1",
                # pip reads the variable of a --no-... option inverted: "0" turns the option on
                # (no bytecode compiled at install: Python compiles what it imports anyway)
                PIP_NO_BUILD_ISOLATION="0", PIP_NO_WARN_CONFLICTS="0", PIP_NO_COMPILE="0")


def unchecked_cell(source):
    """A code cell with nothing stored, for nbval to run and compare nothing (built as
    nbformat.v4.new_code_cell builds it, without validating each of a thousand cells)."""
    return nbformat.from_dict({"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                               "source": source})


def is_setup(cell):
    return cell.cell_type == "code" and '"google.colab" in sys.modules' in cell.source


# ---------------------------------------------------------------------------------------------
# The run

def wrong_answer_table(stem):
    """{answer cell key: [wrong answer source, ...]} from tests/wrong_answers/STEM.py."""
    path = WRONG_ANSWERS / f"{stem}.py"
    return runpy.run_path(str(path))["WRONG_ANSWERS"] if path.exists() else {}


def exercise_numbers(notebook):
    """The exercise each cell belongs to (None outside the exercises), as mark_exercises reads them."""
    numbers, exercise = [], None
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in mark.headings(cell.source):
                match = mark.EXERCISE_HEADING.match(line)
                exercise = int(match.group(1)) if match else None
        numbers.append(exercise)
    return numbers


@dataclass
class Run:
    """A notebook to run and where to find what each test reads in it. Cells 0 to copied - 1 are
    the copy (the first `lesson` of them the lesson, `checks` its check cells); `worked` maps a
    worked exercise cell to its place; `wrong` maps (answer key, i) to the places of the check
    cells with wrong answer i of that key; `probe` is the place of the cell that prints where
    `dezero_steps` came from and the kernel's processor time (None: no such cell); `prefix` is
    the install it must come from with --as-in-colab (None: the checkout); `labels` names the
    part of the run that each cell after the lesson belongs to, except the worked notebook's own
    cells (the probe included; NotebookRun groups the cells by it)."""
    name: str
    notebook: nbformat.NotebookNode
    copied: int
    lesson: int
    checks: list
    worked: dict = field(default_factory=dict)
    wrong: dict = field(default_factory=dict)
    probe: int = None
    prefix: Path = None
    labels: dict = field(default_factory=dict)


def plan(worked_path, copy_path, table, probe=True):
    """The Run of a copy of a worked notebook, its worked exercises and the wrong answers of `table`."""
    worked = nbformat.read(str(worked_path), as_version=4)
    notebook = nbformat.read(str(copy_path), as_version=4)
    roles = mark.exercise_cells(worked, worked_path.stem)
    answers = {grade_id[len(worked_path.stem) + 1:]: index for index, role, grade_id in roles if role == "answer"}
    unknown = set(table) - set(answers)
    assert not unknown, f"{worked_path.name} has no answer cell {sorted(unknown)} (answer cells: {sorted(answers)})"
    lesson = next((i for i, cell in enumerate(worked.cells) if cell.cell_type == "markdown"
                   and cell.source.startswith(student.EXERCISES)), len(worked.cells))
    run = Run(worked_path.name, notebook, len(notebook.cells), lesson,
              [index for index, role, _ in roles if role == "check"])

    run.labels = {at: "the student copy's exercises" for at in range(lesson, len(notebook.cells))
                  if notebook.cells[at].cell_type == "code"}

    def append(index, label=None, source=None):
        cell = copy.deepcopy(worked.cells[index])
        if source is not None:
            cell.source = source.strip("\n")
        notebook.cells.append(cell)
        if label:
            run.labels[len(notebook.cells) - 1] = label
        return len(notebook.cells) - 1

    exercise_code = [i for i in range(lesson, len(worked.cells)) if worked.cells[i].cell_type == "code"]
    run.worked = {index: append(index) for index in exercise_code}
    numbers = exercise_numbers(worked)
    for key, sources in table.items():
        cells = [index for index in exercise_code if numbers[index] == numbers[answers[key]]]
        for i, source in enumerate(sources):
            with_wrong = {index: append(index, "the wrong answers", source if index == answers[key] else None)
                          for index in cells}
            run.wrong[key, i] = {index: at for index, at in with_wrong.items() if index in run.checks}
            for index in cells:  # the worked definitions back, for what runs next (checks need not run)
                if index not in run.checks:
                    append(index, "the wrong answers")
    if probe:
        notebook.cells.append(nbformat.v4.new_code_cell(PROBE))
        run.probe = len(notebook.cells) - 1
        run.labels[run.probe] = "where dezero_steps came from, and the kernel's processor time"
    return run


def execute(run, folder, env=None, timeout=600):
    """Run every code cell of run.notebook in one fresh kernel started in `folder`, with the
    environment `env` (default: the checkout importable); errors stay outputs."""
    grade.run_cells(run.notebook, folder, timeout, env=env)
    return run


def place(run, scratch):
    """Make a folder in `scratch` that holds the copy alone, and an install prefix beside it;
    the folder and the environment of a kernel that plays Colab there."""
    base = Path(tempfile.mkdtemp(prefix=f"{Path(run.name).stem}-", dir=scratch))
    folder, run.prefix = base / "alone", base / "prefix"
    folder.mkdir()
    shutil.copy2(EDITION / run.name, folder / run.name)
    # where pip puts a package under --prefix; made now so that it is on the kernel's sys.path
    site = Path(sysconfig.get_path("purelib", vars={"base": str(run.prefix), "platbase": str(run.prefix)}))
    site.mkdir(parents=True)
    return folder, colab_environment(snapshot(scratch), run.prefix, site)


def plan_run(stem):
    """The Run of notebooks/STEM.ipynb: its student-edition copy, then its worked exercises and
    wrong answers."""
    return plan(ROOT / "notebooks" / f"{stem}.ipynb", EDITION / f"{stem}.ipynb", wrong_answer_table(stem))


def as_in_colab(config):
    """Whether the notebooks run as in Colab (--as-in-colab) or in the checkout."""
    return config.getoption("as_in_colab", default=False)


def the_run(stem, scratch, colab):
    """The Run of notebooks/STEM.ipynb, in the checkout or as in Colab (`colab`): nbval's, when it
    has run the notebook in this process, else one of this function's (as in Colab, in a folder
    of `scratch`). An exception that stopped it is raised again to each caller, without a second run."""
    if stem not in RUNS:
        try:
            run = plan_run(stem)
            if colab:
                RUNS[stem] = execute(run, *place(run, scratch))
            else:  # as nbval's kernel: this process's environment, with no PYTHONPATH (conftest.py)
                RUNS[stem] = execute(run, ROOT / "notebooks", dict(os.environ))
        except Exception as exc:
            RUNS[stem] = exc
    if isinstance(RUNS[stem], Exception):
        raise RUNS[stem]
    return RUNS[stem]


class NotebookRun(IPyNbFile):
    """nbval's collector of a notebook of notebooks/, which makes its Run: the cells run in the
    Run's order, in a kernel started by nbval in notebooks/, or with --as-in-colab in the empty
    folder of place(). For the lesson and the worked exercises they are nbval's own items, the
    notebook's cells (the copy's lesson is the same code: tests/test_student.py), which compare
    their outputs with the stored ones (with --as-in-colab, all but the setup cell's); the other
    cells of the Run run unchecked, in an Unchecked item per part of the run (run.labels). When
    every cell has run, the Run holds their outputs and is in RUNS. A notebook whose Run cannot be
    planned (no student copy yet, say) is nbval's plain run, and the tests that read the Run
    report why."""

    def collect(self):
        own = list(super().collect())  # one per code cell of the notebook
        items = dict(zip([i for i, cell in enumerate(self.nb.cells) if cell.cell_type == "code"], own))
        try:
            self.run = plan_run(self.path.stem)
        except Exception:  # the_run raises it again, in every test that reads the Run
            self.run = None
            return own
        from_worked = {at: index for index, at in self.run.worked.items()}
        self.cells, collected = [], []
        for at, cell in enumerate(self.run.notebook.cells):
            if cell.cell_type != "code":
                continue
            if at < self.run.lesson or at in from_worked:
                item = items[from_worked.get(at, at)]
                if is_setup(item.cell) and as_in_colab(self.config):
                    item.options["check"] = False
                collected.append(item)
            else:  # a cell with no stored outputs: nbval compares nothing; errors stay outputs
                label = self.run.labels[at]
                item = IPyNbCell.from_parent(self, name=f"{label}: cell {at}", cell_num=at,
                                             cell=unchecked_cell(cell.source),
                                             options=defaultdict(bool, check=False, check_exception=True))
                if not (collected and isinstance(collected[-1], Unchecked) and collected[-1].name == label):
                    collected.append(Unchecked.from_parent(self, name=label))
                collected[-1].cells.append(item)
            self.cells.append((at, item))
        return collected

    def setup(self):
        try:
            self.start_kernel()
        except RuntimeError as exc:  # it died at once: another process took a port chosen for it
            if KERNEL_DIED not in str(exc):
                raise
            self.start_kernel()

    def start_kernel(self):
        if self.run is None or not as_in_colab(self.config):
            return super().setup()  # nbval's kernel, started in notebooks/
        folder, env = place(self.run, self.config.scratch_folder)
        with mock.patch.dict(os.environ, env, clear=True):  # the kernel inherits this process's environment
            self.kernel = RunningKernel(CURRENT_ENV_KERNEL_NAME, cwd=str(folder),
                                        startup_timeout=self.config.option.nbval_kernel_startup_timeout)
        self.setup_sanitize_files()

    def teardown(self):
        super().teardown()
        if self.run is None:
            return
        if self.timed_out:
            RUNS[self.path.stem] = RuntimeError(f"{self.run.name}: a cell ran out of time in nbval's run")
        elif all(ran(item) for _, item in self.cells):
            for at, item in self.cells:
                self.run.notebook.cells[at].outputs = item.test_outputs or []
            RUNS[self.path.stem] = self.run


def ran(item):
    """Whether an nbval item has run (or was skipped by its nbval-skip tag)."""
    return item.test_outputs is not None or item.options["skip"]


class Unchecked(pytest.Item):
    """Cells of a notebook's Run that nbval does not check (nbval items with nothing stored), run
    one after another in its kernel: what they print is for the tests that read the Run. It fails
    only when a cell cannot run: it runs out of time, or the kernel dies. Selected without the
    cells before it (pytest -k, say), it is skipped: it would run where nothing is defined."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.cells = []

    def runtest(self):
        first = next(i for i, (_, item) in enumerate(self.parent.cells) if item is self.cells[0])
        if not all(ran(item) for _, item in self.parent.cells[:first]):
            pytest.skip("runs only after every cell before it")
        if self.parent.timed_out:
            pytest.xfail("an earlier cell ran out of time")  # as nbval marks its own cells
        for cell in self.cells:
            cell.runtest()
            if self.parent.timed_out:
                cell.raise_cell_error("ran out of time")

    def repr_failure(self, excinfo):
        return self.cells[0].repr_failure(excinfo)  # nbval's report of a cell's error

    def reportinfo(self):
        return self.path, None, f"{self.path.name}: {self.name}"


def error_name(cell):
    errors = [out.ename for out in cell.outputs if out.output_type == "error"]
    return errors[0] if errors else None


def setup_said(run):
    """What the setup cell of a run printed: the first thing to read when nothing works."""
    return "".join(out.get("text", "") + out.get("evalue", "") for cell in run.notebook.cells[:run.copied]
                   if is_setup(cell) for out in cell.outputs)
