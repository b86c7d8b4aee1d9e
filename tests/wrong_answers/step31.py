"""Plausible wrong answers to the exercises of notebooks/step31.ipynb (see tests/test_wrong_answers.py)."""

WRONG_ANSWERS = {
    "ex1-answer": [
        'def my_prediction():\n    return "Mul"',  # the last function of Mul.backward, forgetting the sum of the two
        'def my_prediction():\n    return "Pow"',  # thinks x * x is turned into x ** 2
        "def my_prediction():\n    return None",  # thinks backward builds no graph
        'def my_prediction():\n    return "add"',  # the function's name, not its class
        'def my_prediction():\n    return "Variable"',  # the class of x.grad, not of its creator
    ],
    "ex2-answer": [
        "def my_prediction():\n    return 3",  # Pow.backward's graph only, forgetting the Add that sums the two gradients
        "def my_prediction():\n    return 5",  # counts Add.backward as a function of the graph
        "def my_prediction():\n    return 2",  # counts the forward graph
        "def my_prediction():\n    return 4.0",  # a float for an int
    ],
}
