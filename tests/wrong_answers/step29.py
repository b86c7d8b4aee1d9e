"""Plausible wrong answers to the exercises of notebooks/step29.ipynb (see tests/test_wrong_answers.py)."""

WRONG_ANSWERS = {
    "ex1-answer": [
        "def my_prediction():\n    return 44.0  # f''(2) itself\n",
        "def my_prediction():\n    return 1 / 24  # one over f'(2)\n",
        "def my_prediction():\n    return 0.01  # the learning rate of 29.4\n",
        "def my_prediction():\n    return -1 / 44  # the sign of the update flipped\n",
        "def my_prediction():\n    return 0.023  # 1 / 44 rounded too far\n",
    ],
    "ex2-answer": [
        "def my_prediction():\n    return 2.0  # the sign of the update flipped\n",
        "def my_prediction():\n    return 1.0  # f'' = 12x^2, the -4 forgotten\n",
        "def my_prediction():\n    return 0.5 - 0.01 * (4 * 0.5 ** 3 - 4 * 0.5)  # a gradient step\n",
        "def my_prediction():\n    return 0.5 - (0.5 ** 4 - 2 * 0.5 ** 2) / (4 * 0.5 ** 3 - 4 * 0.5)  # a root of f, not of f'\n",
    ],
    "ex3-answer": [
        "def g(x):\n    return x ** 4 / 4 - 2 * x\n\n\ndef gx2_g(x):\n    return 3 * x  # one power too few\n",
        "def g(x):\n    return x ** 4 / 4 - 2 * x\n\n\ndef gx2_g(x):\n    return x ** 3 - 2  # g', not g''\n",
        "def g(x):\n    return x ** 4 / 4 - 2 * x\n\n\ndef gx2_g(x):\n    return 12 * x ** 2  # f'' of 29.2 without its -4\n",
        "def g(x):\n    return x ** 4 / 4 - 2 * x\n\n\ndef gx2_g(x):\n    return 3 * x ** 2 - 2  # the constant of g' kept\n",
        "def g(x):\n    return x ** 4 / 4 - 2\n\n\ndef gx2_g(x):\n    return 3 * x ** 2  # g without its x\n",
    ],
}
