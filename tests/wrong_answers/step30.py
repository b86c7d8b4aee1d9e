"""Plausible wrong answers to the exercises of notebooks/step30.ipynb (see tests/test_wrong_answers.py)."""

WRONG_ANSWERS = {
    "ex1-answer": [
        "def my_prediction():\n    return 2",  # counts the functions on the longest path, not the output
        "def my_prediction():\n    return 4",  # counts every function of the graph
        "def my_prediction():\n    return 3.0",  # a float for an int
        "def my_prediction():\n    return 1",  # takes y for the output of a single function of x
    ],
    "ex2-answer": [
        # the derivative computed on the arrays, then wrapped: no graph behind it
        "def df(x):\n    return Variable(3 * x.data ** 2 - 6 * x.data)",
        # one term on the array: its part of the second derivative is lost
        "def df(x):\n    return 3 * x.data ** 2 - 6 * x",
        # the constant of -3x^2 lost in differentiating
        "def df(x):\n    return 3 * x ** 2 - 6",
        # a sign error
        "def df(x):\n    return 3 * x ** 2 + 6 * x",
        # f itself instead of its derivative
        "def df(x):\n    return x ** 3 - 3 * x ** 2",
        # the second derivative instead of the first
        "def df(x):\n    return 6 * x - 6",
        # the power rule's factor lost in the second term: -3x^2 differentiated to -3x
        "def df(x):\n    return 3 * x ** 2 - 3 * x",
        # a third of the derivative: the factor of the power rule forgotten in both terms
        "def df(x):\n    return x ** 2 - 2 * x",
        # the right derivative plus a constant: its own derivative is still f''
        "def df(x):\n    return 3 * x ** 2 - 6 * x + 5",
    ],
}
