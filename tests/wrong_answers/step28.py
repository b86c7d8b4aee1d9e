"""Plausible wrong answers to the exercises of notebooks/step28.ipynb (see tests/test_wrong_answers.py)."""

WRONG_ANSWERS = {
    "ex1-answer": [
        "def my_prediction():\n    return (-1.004, 1.0)  # a step up the gradient\n",
        "def my_prediction():\n    return (3.0, 1.0)  # the learning rate forgotten\n",
        "def my_prediction():\n    return (-4.0, 0.0)  # the gradient, not the new point\n",
        "def my_prediction():\n    return (-1.0, 1.0)  # the (1 - x0)^2 term forgotten: no move at all\n",
        "def my_prediction():\n    return [-0.996, 1.0]  # a list, not a tuple\n",
    ],
    "ex2-answer": [
        "def my_prediction():\n    return (-0.015625, 0.4)  # c = 5: the factor 2 of the derivative forgotten\n",
        "def my_prediction():\n    return (3.375, 0.2)  # the sign of the overshoot lost\n",
        "def my_prediction():\n    return (-3.375, 0.1)  # 1 / c instead of 2 / c\n",
        "def my_prediction():\n    return (2.25, 0.2)  # two updates, not three\n",
        "def my_prediction():\n    return (-3.375, 0.4)  # c = 5: f taken as (c / 2) x^2 with c = 5\n",
        "def my_prediction():\n    return (-1.5, 0.2)  # one update, not three\n",
    ],
    "ex3-answer": [
        # too few updates: the slow learning rate 0.0005 looks stalled
        "def outcome(lr):\n    p = np.array([0.0, 2.0])\n    for i in range(20000):\n"
        "        p = p - lr * rosenbrock_grad(p)\n        if np.linalg.norm(p - 1) < 1e-3:\n"
        "            return 'converges'\n        if np.abs(p).max() > 1e6:\n            return 'diverges'\n"
        "    return 'stalls'\n",
        # divergence tested only at the end, when the point has long become nan
        "def outcome(lr):\n    p = np.array([0.0, 2.0])\n    with np.errstate(all='ignore'):\n"
        "        for i in range(50000):\n            p = p - lr * rosenbrock_grad(p)\n"
        "            if np.linalg.norm(p - 1) < 1e-3:\n                return 'converges'\n"
        "    return 'diverges' if np.abs(p).max() > 1e6 else 'stalls'\n",
        # the distance to the origin instead of to the minimum (1, 1): it never converges
        "def outcome(lr):\n    p = np.array([0.0, 2.0])\n    for i in range(50000):\n"
        "        p = p - lr * rosenbrock_grad(p)\n        if np.linalg.norm(p) < 1e-3:\n"
        "            return 'converges'\n        if np.abs(p).max() > 1e6:\n            return 'diverges'\n"
        "    return 'stalls'\n",
        # a step up the gradient
        "def outcome(lr):\n    p = np.array([0.0, 2.0])\n    for i in range(50000):\n"
        "        p = p + lr * rosenbrock_grad(p)\n        if np.linalg.norm(p - 1) < 1e-3:\n"
        "            return 'converges'\n        if np.abs(p).max() > 1e6:\n            return 'diverges'\n"
        "    return 'stalls'\n",
    ],
}
