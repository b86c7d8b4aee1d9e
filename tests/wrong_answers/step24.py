"""Plausible wrong answers to the exercises of notebooks/step24.ipynb (see tests/test_wrong_answers.py)."""

WRONG_ANSWERS = {
    "ex1-answer": [
        "def my_prediction():\n    return 0.04, 0.04, 0.04",  # the values at (1, 1)
        "def my_prediction():\n    return 0.04, 1.0, -1.0",  # z with -0.48xy taken as -0.48
        "def my_prediction():\n    return 1.0, -1.0, 1.0",  # both partial derivatives with the wrong sign
        "def my_prediction():\n    return 1.0, 1.0, 1.0",  # the sign of y lost in dz/dy
        "def my_prediction():\n    return 1, 1, -1",  # integers, not floats
        "def my_prediction():\n    return [1.0, 1.0, -1.0]",  # a list, not a tuple
    ],
    "ex2-answer": [
        "def himmelblau(x, y):\n    return (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7)",  # a square missing
        "def himmelblau(x, y):\n    return (x ** 2 - y - 11) ** 2 + (x + y ** 2 - 7) ** 2",  # sign error
        "def himmelblau(x, y):\n    return (x ** 2 + y - 11) ** 2 + (x ** 2 + y - 7) ** 2",  # x, y swapped
        "def himmelblau(x, y):\n    return (x ** 2 + y - 7) ** 2 + (x + y ** 2 - 11) ** 2",  # 11 and 7 swapped
        "def himmelblau(x, y):\n    return x ** 2 + y - 11 ** 2 + (x + y ** 2 - 7) ** 2",  # brackets lost
    ],
    "ex3-answer": [
        # uphill: the gradient itself, normalised
        "def downhill(f, a, b):\n"
        "    x, y = Variable(np.array(a)), Variable(np.array(b))\n"
        "    f(x, y).backward()\n"
        "    length = np.hypot(x.grad, y.grad)\n"
        "    return float(x.grad / length), float(y.grad / length)",
        # not normalised
        "def downhill(f, a, b):\n"
        "    x, y = Variable(np.array(a)), Variable(np.array(b))\n"
        "    f(x, y).backward()\n"
        "    return float(-x.grad), float(-y.grad)",
        # the components swapped
        "def downhill(f, a, b):\n"
        "    x, y = Variable(np.array(a)), Variable(np.array(b))\n"
        "    f(x, y).backward()\n"
        "    length = np.hypot(x.grad, y.grad)\n"
        "    return float(-y.grad / length), float(-x.grad / length)",
        # normalised by the sum of the components instead of the length
        "def downhill(f, a, b):\n"
        "    x, y = Variable(np.array(a)), Variable(np.array(b))\n"
        "    f(x, y).backward()\n"
        "    length = abs(x.grad) + abs(y.grad)\n"
        "    return float(-x.grad / length), float(-y.grad / length)",
        # the direction at (1, 1) of Goldstein-Price, hard-coded
        "def downhill(f, a, b):\n    return 0.5547001962252291, -0.8320502943378437",
    ],
}
