"""Plausible wrong answers to the exercises of notebooks/step27.ipynb (see tests/test_wrong_answers.py)."""

WRONG_ANSWERS = {
    "ex1-answer": [
        "def my_prediction():\n    return 7 * 6  # the terms only, without x and the starting 0\n",
        "def my_prediction():\n    return 7 * 5 + 2  # the term below the threshold left out\n",
        "def my_prediction():\n    return 3 * 6  # the functions only\n",
        "def my_prediction():\n    return 6  # the number of terms\n",
        "def my_prediction():\n    return 44.0  # a float, not a count\n",
    ],
    "ex2-answer": [
        # the odd powers of my_sin without its signs: sinh, not exp
        "def my_exp(x, threshold=0.0001):\n    y = 0\n    for i in range(100000):\n"
        "        t = x ** (2 * i + 1) / math.factorial(2 * i + 1)\n        y = y + t\n"
        "        if abs(t.data) < threshold:\n            break\n    return y\n",
        # my_sin's alternating sign kept: exp(-x)
        "def my_exp(x, threshold=0.0001):\n    y = 0\n    for i in range(100000):\n"
        "        t = (-1) ** i * x ** i / math.factorial(i)\n        y = y + t\n"
        "        if abs(t.data) < threshold:\n            break\n    return y\n",
        # the constant term 1 left out: the gradient is still right, the value is not
        "def my_exp(x, threshold=0.0001):\n    y = 0\n    for i in range(1, 100000):\n"
        "        t = x ** i / math.factorial(i)\n        y = y + t\n"
        "        if abs(t.data) < threshold:\n            break\n    return y\n",
        # a fixed number of terms, ignoring the threshold
        "def my_exp(x, threshold=0.0001):\n    y = 0\n    for i in range(6):\n"
        "        y = y + x ** i / math.factorial(i)\n    return y\n",
        # the factorial one place off: x^i / (i + 1)!
        "def my_exp(x, threshold=0.0001):\n    y = 0\n    for i in range(100000):\n"
        "        t = x ** i / math.factorial(i + 1)\n        y = y + t\n"
        "        if abs(t.data) < threshold:\n            break\n    return y\n",
        # the constant 1 counted twice: y starts at 1 and the loop adds x^0 / 0! again
        "def my_exp(x, threshold=0.0001):\n    y = 1\n    for i in range(100000):\n"
        "        t = x ** i / math.factorial(i)\n        y = y + t\n"
        "        if abs(t.data) < threshold:\n            break\n    return y\n",
        # a number instead of a Variable: nothing to backpropagate
        "def my_exp(x, threshold=0.0001):\n    y = 0.0\n    for i in range(100000):\n"
        "        t = float(x.data) ** i / math.factorial(i)\n        y = y + t\n"
        "        if abs(t) < threshold:\n            break\n    return y\n",
    ],
}
