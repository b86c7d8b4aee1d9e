"""Plausible wrong answers to the exercises of notebooks/step23.ipynb (see tests/test_wrong_answers.py)."""

WRONG_ANSWERS = {
    "ex1-answer": [
        "def my_prediction():\n    return 27",  # thinks the second import reads the changed file
        "def my_prediction():\n    return 9.0",  # a float: side * side of an int is an int
        "def my_prediction():\n    return ImportError",  # thinks a module cannot be imported twice
        "def my_prediction():\n    return None",  # thinks the second import finds nothing
    ],
    "ex2-answer": [
        "def my_prediction():\n    return None",  # thinks every name of core_simple is public
        "def my_prediction():\n    return ModuleNotFoundError",  # a subclass, raised for missing modules only
        "def my_prediction():\n    return AttributeError",  # what step23.add would raise
        "def my_prediction():\n    return NameError",  # what using an undefined name raises
    ],
    "ex3-answer": [
        # no __init__.py: a namespace package without the name rectangle
        'def make_package(folder):\n'
        '    package = Path(folder) / "shapes"\n'
        '    package.mkdir()\n'
        '    (package / "area.py").write_text("def rectangle(width, height):\\n    return width * height\\n")',
        # an import without the dot looks for a top-level module area
        'def make_package(folder):\n'
        '    package = Path(folder) / "shapes"\n'
        '    package.mkdir()\n'
        '    (package / "area.py").write_text("def rectangle(width, height):\\n    return width * height\\n")\n'
        '    (package / "__init__.py").write_text("from area import rectangle\\n")',
        # an absolute import: the copy uses the original's area.py
        'def make_package(folder):\n'
        '    package = Path(folder) / "shapes"\n'
        '    package.mkdir()\n'
        '    (package / "area.py").write_text("def rectangle(width, height):\\n    return width * height\\n")\n'
        '    (package / "__init__.py").write_text("from shapes.area import rectangle\\n")',
        # the function written in __init__.py instead of area.py
        'def make_package(folder):\n'
        '    package = Path(folder) / "shapes"\n'
        '    package.mkdir()\n'
        '    (package / "area.py").write_text("")\n'
        '    (package / "__init__.py").write_text("def rectangle(width, height):\\n    return width * height\\n")',
        # the perimeter instead of the area
        'def make_package(folder):\n'
        '    package = Path(folder) / "shapes"\n'
        '    package.mkdir()\n'
        '    (package / "area.py").write_text("def rectangle(width, height):\\n    return 2 * (width + height)\\n")\n'
        '    (package / "__init__.py").write_text("from .area import rectangle\\n")',
    ],
}
