"""Keep the repository address in one place: the Repository entry of pyproject.toml.

Usage:
    python tools/repository.py https://github.com/OWNER/NAME   move every use to a new address
    python tools/repository.py --check                          fail if any use disagrees

The address appears in the Colab badges, setup cells and links of the notebooks (the student
edition included), in notebooks/*.md and in README.md; those copies are rewritten from
pyproject.toml, never edited one by one. The book's repositories, which the series cites, are
not uses of the address.
"""
import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENTRY = re.compile(r'^Repository = "https://github\.com/([\w-]+/[\w-]+)"$', re.MULTILINE)
# "github.com/OWNER/NAME" and Colab's "colab.research.google.com/github/OWNER/NAME"
USE = re.compile(r"(?:(?<=github\.com/)|(?<=colab\.research\.google\.com/github/))[\w-]+/[\w-]+")
CITED = {"oreilly-japan/deep-learning-from-scratch-3", "koki0702/dezero-book"}  # the book's code and notebooks


def configured(root):
    match = ENTRY.search((root / "pyproject.toml").read_text(encoding="utf-8"))
    if not match:
        sys.exit('pyproject.toml needs a line: Repository = "https://github.com/OWNER/NAME"')
    return match.group(1)


def documents(root):
    notebooks = root / "notebooks"
    return [root / "pyproject.toml", root / "README.md", *sorted(notebooks.rglob("*.ipynb")),
            *sorted(notebooks.glob("*.md"))]


def uses(text):
    return {match.group(0) for match in USE.finditer(text)} - CITED


def main(argv=None, root=ROOT):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("address", nargs="?", help="the new address, https://github.com/OWNER/NAME")
    parser.add_argument("--check", action="store_true", help="change nothing; report disagreements")
    args = parser.parse_args(argv)
    current = configured(root)
    if args.check or not args.address:
        wrong = [f"{path.relative_to(root)}: uses {other}, not {current}"
                 for path in documents(root) for other in sorted(uses(path.read_text(encoding="utf-8")))
                 if other != current]
        print("\n".join(wrong) or f"every use of the address points to {current}")
        return 1 if wrong else 0
    new = re.fullmatch(r"https://github\.com/([\w-]+/[\w-]+)/?", args.address)
    if not new:
        sys.exit(f"{args.address} is not a GitHub repository address (https://github.com/OWNER/NAME)")
    for path in documents(root):
        text = path.read_text(encoding="utf-8")
        path.write_text(USE.sub(lambda m: new.group(1) if m.group(0) == current else m.group(0), text),
                        encoding="utf-8")
    print(f"moved {current} to {new.group(1)} in {len(documents(root))} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
