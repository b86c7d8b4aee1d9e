"""The numbers a notebook's text quotes are numbers its code printed.

Every decimal with at least four significant digits in a markdown cell (3.297442541400256,
4.000000000004, 1.6487, 8.793281303098865e-08) must agree with a number in the same notebook's stored
outputs (stream and text/plain) to every digit it shows: the text may round or cut off a printed
number, but not contradict it, so a change that moves a result is caught in the prose as well as in
the outputs. A number that is rightly quoted without being printed is listed in ALLOWED, with the
reason. The numbers of the notebook's own sections (a heading `## 32.10 ...`) are not results, in
the heading or in a reference to it. The tests run on every notebook in notebooks/, present and future.
"""
import json
import re
from decimal import Decimal

import pytest

from checkout import NOTEBOOKS

# A decimal not glued to a word, a dot or more digits (so "3.11.7" and "x2.5" are not numbers).
QUOTED = re.compile(r"(?<![\w.])-?\d+\.\d+(?:[eE][-+]?\d+)?(?![\w.]*\d)")
PRINTED = re.compile(r"-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?")
LINK_TARGET = re.compile(r"\]\([^)]*\)")  # addresses of links are not prose
SECTION = re.compile(r"^#+\s+(\d+\.\d+)\s", re.MULTILINE)  # a numbered heading: ## 32.10 The classic bug
MIN_DIGITS = 4

# (notebook, number as quoted): why the number appears in the text but in no printed output.
ALLOWED = {
    ("step07.ipynb", "1.284"): "read off the node labels of the graph drawn just above (a figure, not text)",
    ("step07.ipynb", "1.649"): "read off the node labels of the graph drawn just above (a figure, not text)",
}


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def text(value):
    return value if isinstance(value, str) else "".join(value)


def significant_digits(number):
    """4 for '0.2474', 13 for '4.000000000004': the digits of the mantissa after leading zeros."""
    mantissa = number.lstrip("-").lower().partition("e")[0]
    return len(mantissa.replace(".", "").lstrip("0"))


def last_place(number):
    """The value of one unit in the last digit shown: 0.0001 for '3.2974', 1e-23 for '8.79e-08'."""
    mantissa, _, exponent = number.lower().partition("e")
    return Decimal(1).scaleb(int(exponent or 0) - len(mantissa.partition(".")[2]))


def quoted_numbers(path):
    """(cell index, number as written) for every decimal of MIN_DIGITS or more in the markdown, but
    the notebook's own section numbers."""
    markdown = [(index, text(cell["source"])) for index, cell in enumerate(cells(path))
                if cell["cell_type"] == "markdown"]
    sections = {number for _, source in markdown for number in SECTION.findall(source)}
    return [(index, number) for index, source in markdown
            for number in QUOTED.findall(LINK_TARGET.sub("]()", source))
            if significant_digits(number) >= MIN_DIGITS and number not in sections]


def printed_numbers(path):
    """Every number in the stored stream and text/plain outputs."""
    outputs = []
    for cell in cells(path):
        for out in cell.get("outputs", []):
            if out["output_type"] == "stream":
                outputs.append(text(out["text"]))
            elif "text/plain" in out.get("data", {}):
                outputs.append(text(out["data"]["text/plain"]))
    return numbers_in("\n".join(outputs))


def numbers_in(output):
    return [Decimal(number) for number in PRINTED.findall(output)]


def agrees(number, printed):
    """True when some printed number shows as `number` once rounded or cut off to its last place."""
    value, unit = Decimal(number), last_place(number)
    return any(abs(other - value) < unit for other in printed)


each_notebook = pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)


@each_notebook
def test_quoted_numbers_are_printed(path):
    printed = printed_numbers(path)
    missing = [f"cell {index}: {number}" for index, number in quoted_numbers(path)
               if (path.name, number) not in ALLOWED and not agrees(number, printed)]
    assert not missing, (f"{path.name}: the text quotes numbers that no stored output shows (re-run the "
                         "notebook and update the text, or list the number in ALLOWED with the reason):\n"
                         + "\n".join(missing))


def test_allowed_numbers_are_still_quoted():
    by_name = {path.name: path for path in NOTEBOOKS}
    stale = [f"{name}: {number}" for name, number in ALLOWED
             if name not in by_name or number not in {quoted for _, quoted in quoted_numbers(by_name[name])}]
    assert not stale, "ALLOWED lists numbers the text no longer quotes; remove them:\n" + "\n".join(stale)


@pytest.mark.parametrize("prose, output, expected", [
    ("3.2974", "3.297442541400256", True),        # rounded down
    ("1.649", "1.6487212707001282", True),        # rounded up
    ("2.71828", "2.718281828459045", True),       # cut off
    ("3.297442541400256", "3.2974426293330694", False),  # the numerical estimate, not the exact value
    ("8.79e-08", "8.793281303098865e-08", True),
    ("8.79e-08", "8.793281303098865e-07", False),
    ("-29.5562", "29.55622577500261", False),     # the sign counts
    ("1.000001", "1.0", False),                   # one unit in the last place is already too far
])
def test_agreement_rule(prose, output, expected):
    assert agrees(prose, numbers_in(output)) is expected


@pytest.mark.parametrize("markdown, expected", [
    ("At $x = 0.5$ the derivative is $3.2974$, about $3.3$.", ["3.2974"]),
    ("Python 3.11.7 and numpy 2.4.6 print 4.000000000004.", ["4.000000000004"]),
    ("An error of 8.793281303098865e-08, or $-29.5562$.", ["8.793281303098865e-08", "-29.5562"]),
    ("See [the survey](https://arxiv.org/abs/1502.05767) and 0.0003.", []),
    ("## 32.10 The bug\n\nAs 32.10 shows, 32.10 and 32.11 differ.", ["32.11"]),
])
def test_quoted_numbers_found_in_markdown(tmp_path, markdown, expected):
    notebook = tmp_path / "example.ipynb"
    notebook.write_text(json.dumps({"cells": [{"cell_type": "markdown", "metadata": {}, "source": markdown}]}),
                        encoding="utf-8")
    assert [number for _, number in quoted_numbers(notebook)] == expected
