"""Plausible wrong answers to the exercises of notebooks/step25.ipynb (see tests/test_wrong_answers.py)."""

RIGHT_DOT = '''digraph g {
1 [label="x", color=orange, style=filled]
2 [label="y", color=orange, style=filled]
3 [label="Add", color=lightblue, style=filled, shape=box]
4 [label="a", color=orange, style=filled]
5 [label="Mul", color=lightblue, style=filled, shape=box]
6 [label="w", color=orange, style=filled]
1 -> 3
2 -> 3
3 -> 4
4 -> 5
2 -> 5
5 -> 6
}'''


def dot_answer(text):
    return f"def my_dot():\n    return '''{text}'''"


WRONG_ANSWERS = {
    "ex1-answer": [
        "def my_prediction():\n    return 3, 3",  # the generation taken as the column
        "def my_prediction():\n    return 2, 4",  # Add given the generation of x, not the largest input's
        "def my_prediction():\n    return 4, 8",  # every function adds one generation
        "def my_prediction():\n    return 3, 7",  # the column of a function
        "def my_prediction():\n    return 3.0, 6.0",  # floats, not integers
    ],
    "ex2-answer": [
        dot_answer(RIGHT_DOT.replace("2 -> 5\n", "")),  # y used once only
        dot_answer(RIGHT_DOT.replace("1 -> 3", "3 -> 1")),  # an edge the wrong way round
        dot_answer(RIGHT_DOT.replace('5 [label="Mul", color=lightblue, style=filled, shape=box]',
                                     '5 [label="Mul", color=lightblue, style=filled]')),  # Mul not a box
        dot_answer(RIGHT_DOT.replace("2 -> 5", '7 -> 5\n7 [label="y", color=orange, style=filled]')),  # y twice
        dot_answer(RIGHT_DOT.replace('label="Add"', 'label="Mul"').replace('5 [label="Mul"', '5 [label="Add"')),
    ],
}
