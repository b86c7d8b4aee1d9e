"""The repository address lives in pyproject.toml; every other use follows it."""
import pytest

from checkout import load_tool

repository = load_tool("repository")

BADGE = ("[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
         "(https://colab.research.google.com/github/{0}/blob/main/notebooks/step01.ipynb)")
SETUP = "%pip install --quiet git+https://github.com/{0}\\n"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[project.urls]\nRepository = "https://github.com/old-owner/series"\n', encoding="utf-8")
    (tmp_path / "README.md").write_text(
        "pip install git+https://github.com/old-owner/series\n", encoding="utf-8")
    (tmp_path / "notebooks" / "step01.ipynb").write_text(
        BADGE.format("old-owner/series") + SETUP.format("old-owner/series"), encoding="utf-8")
    return tmp_path


def test_check_passes_when_every_use_agrees(project):
    assert repository.main(["--check"], root=project) == 0


def test_check_names_a_notebook_that_disagrees(project, capsys):
    notebook = project / "notebooks" / "step01.ipynb"
    notebook.write_text(BADGE.format("someone/else"), encoding="utf-8")
    assert repository.main(["--check"], root=project) == 1
    assert "notebooks/step01.ipynb: uses someone/else, not old-owner/series" in capsys.readouterr().out


def test_moving_rewrites_every_use(project):
    assert repository.main(["https://github.com/new-owner/fork"], root=project) == 0
    notebook = (project / "notebooks" / "step01.ipynb").read_text(encoding="utf-8")
    assert notebook == BADGE.format("new-owner/fork") + SETUP.format("new-owner/fork")
    assert "new-owner/fork" in (project / "pyproject.toml").read_text(encoding="utf-8")
    assert "old-owner" not in (project / "README.md").read_text(encoding="utf-8")
    assert repository.main(["--check"], root=project) == 0


def test_an_address_that_is_not_github_is_refused(project):
    with pytest.raises(SystemExit, match="not a GitHub repository address"):
        repository.main(["https://example.org/series"], root=project)


def test_this_repository_agrees_with_itself():
    assert repository.main(["--check"]) == 0


def test_the_books_repositories_are_citations_not_uses(project):
    readme = project / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8")
                      + "https://github.com/oreilly-japan/deep-learning-from-scratch-3\n"
                      + "https://github.com/koki0702/dezero-book\n", encoding="utf-8")
    assert repository.main(["--check"], root=project) == 0
    repository.main(["https://github.com/new-owner/series"], root=project)
    assert "oreilly-japan/deep-learning-from-scratch-3" in readme.read_text(encoding="utf-8")
