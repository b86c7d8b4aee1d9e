"""One run of each notebook alone, as in Colab, that three test files read.

A reader who follows a badge opens the notebook's student-edition copy in Colab. The run
plays that: the copy alone in an empty folder, in a fresh kernel that believes it runs in Colab
(an IPython startup file puts a stand-in `google.colab` module in sys.modules), so its setup
cell takes the %pip branch. Git rewrites the repository address of pyproject.toml to a snapshot
of this checkout (the files on disk, committed in a temporary repository), so pip clones what
is on disk, with no network. The package lands in a prefix of its own, which is on the kernel's
PYTHONPATH; the checkout is not. numpy and matplotlib come from the environment, as in Colab.

The snapshot is made once per test run, whatever the number of pytest-xdist workers, and built
into a wheel once, the way Colab builds it (tests/test_standalone.py). Each notebook's own %pip
install then clones and builds the snapshot for real, but with the build tools of this
environment instead of a fresh isolated one, from no package index, and without pip's check of
every other installed package: the part of a Colab install that the one-time build covers.

In the same kernel, after the copy's blank exercises, come the worked notebook's exercise cells
(its answers and checks, as the teacher has them), then every wrong answer of
tests/wrong_answers/NAME.py with its exercise's cells, each followed by the exercise's worked cells
but its checks, so that the next one starts from the worked state (tests/test_wrong_answers.py),
and last a cell that says where `dezero_steps` was imported from. Errors stay outputs, so one
run answers every question:

- tests/test_standalone.py: the lesson and the worked exercises reproduce every stored output;
- tests/test_student.py: every check of the blank copy says "not done yet";
- tests/test_wrong_answers.py: every wrong answer makes its exercise's checks fail.

conftest.py keeps the tests of one notebook on one pytest-xdist worker, which runs it once.
"""
import copy
import os
import runpy
import shutil
import subprocess
import sysconfig
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from conftest import ROOT, load_tool, repository

mark = load_tool("mark_exercises")
student = load_tool("student")

# one statement, so that the startup file leaves no name behind in the notebook's namespace
COLAB_STAND_IN = ('__import__("sys").modules["google.colab"] = '
                  '__import__("types").ModuleType("google.colab")\n')
PROBE = "import dezero_steps\nprint(dezero_steps.__file__)"
WRONG_ANSWERS = ROOT / "tests" / "wrong_answers"


def git(*args, cwd):
    env = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True).stdout


def once_per_run(folder, make):
    """make(folder) once per test run: the first worker to create `folder` fills it, the others
    wait for it (and fail as it failed)."""
    done, failed = folder / ".done", folder / ".failed"
    try:
        folder.mkdir()
    except FileExistsError:
        deadline = time.monotonic() + 900
        while not done.exists():
            assert time.monotonic() < deadline, f"{folder} was not ready after 15 minutes"
            time.sleep(0.2)
        if failed.exists():
            raise RuntimeError(failed.read_text(encoding="utf-8"))
        return
    try:
        make(folder)
    except BaseException as exc:
        failed.write_text(f"making {folder.name} failed: {exc}", encoding="utf-8")
        raise
    finally:
        done.touch()


def make_snapshot(base):
    """A git repository of the checkout's files as they are on disk, git told to serve it in
    place of the repository address, and the IPython startup file that plays Colab."""
    snapshot = base / "repository"
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for name in listed.split("\0"):
        if name and (ROOT / name).is_file():  # a file deleted on disk is left out, as a commit would
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, snapshot / name)
    git("init", "--quiet", cwd=snapshot)
    git("add", "--all", cwd=snapshot)
    git("-c", "user.name=DeZero Steps", "-c", "user.email=tests@dezero-steps.invalid",
        "commit", "--quiet", "--message", "working tree", cwd=snapshot)
    # a plain path, not a file:// address: git then clones by linking files, not by packing them
    (base / "gitconfig").write_text(f'[url "{snapshot}"]\n\tinsteadOf = {repository()}\n', encoding="utf-8")
    startup = base / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-colab.py").write_text(COLAB_STAND_IN, encoding="utf-8")


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


def checkout_environment():
    """Environment variables for a kernel that imports `dezero_steps` from this checkout."""
    return dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))


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
    cells with wrong answer i of that key; `probe`
    is the place of the cell that prints where `dezero_steps` came from, installed in `prefix`."""
    name: str
    notebook: nbformat.NotebookNode
    copied: int
    lesson: int
    checks: list
    worked: dict = field(default_factory=dict)
    wrong: dict = field(default_factory=dict)
    probe: int = None
    prefix: Path = None


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

    def append(index, source=None):
        cell = copy.deepcopy(worked.cells[index])
        if source is not None:
            cell.source = source.strip("\n")
        notebook.cells.append(cell)
        return len(notebook.cells) - 1

    exercise_code = [i for i in range(lesson, len(worked.cells)) if worked.cells[i].cell_type == "code"]
    run.worked = {index: append(index) for index in exercise_code}
    numbers = exercise_numbers(worked)
    for key, sources in table.items():
        cells = [index for index in exercise_code if numbers[index] == numbers[answers[key]]]
        for i, source in enumerate(sources):
            with_wrong = {index: append(index, source if index == answers[key] else None) for index in cells}
            run.wrong[key, i] = {index: at for index, at in with_wrong.items() if index in run.checks}
            for index in cells:  # the worked definitions back, for what runs next (checks need not run)
                if index not in run.checks:
                    append(index)
    if probe:
        notebook.cells.append(nbformat.v4.new_code_cell(PROBE))
        run.probe = len(notebook.cells) - 1
    return run


def execute(run, folder, env, timeout=600):
    """Run every code cell of run.notebook in one fresh kernel started in `folder`; errors stay outputs."""
    for cell in run.notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    client = NotebookClient(run.notebook, timeout=timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(folder)}})
    client.execute(env=env)
    return run


def run_alone(stem, base, folder):
    """The Run of notebooks/STEM.ipynb, executed as in Colab in the empty `folder`."""
    worked = ROOT / "notebooks" / f"{stem}.ipynb"
    edition = ROOT / "notebooks" / "student" / worked.name
    folder.mkdir(parents=True)
    shutil.copy2(edition, folder / worked.name)
    prefix = folder.parent / f"{stem}-prefix"
    # where pip puts a package under --prefix; made now so that it is on the kernel's sys.path
    site = Path(sysconfig.get_path("purelib", vars={"base": str(prefix), "platbase": str(prefix)}))
    site.mkdir(parents=True)
    run = plan(worked, folder / worked.name, wrong_answer_table(stem))
    run.prefix = prefix
    return execute(run, folder, colab_environment(base, prefix, site))


def error_name(cell):
    errors = [out.ename for out in cell.outputs if out.output_type == "error"]
    return errors[0] if errors else None


def setup_said(run):
    """What the setup cell of a run printed: the first thing to read when nothing works."""
    return "".join(out.get("text", "") + out.get("evalue", "") for cell in run.notebook.cells[:run.copied]
                   if is_setup(cell) for out in cell.outputs)
