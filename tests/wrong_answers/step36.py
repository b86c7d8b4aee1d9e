"""Plausible wrong answers to the exercises of notebooks/step36.ipynb (see tests/test_wrong_answers.py)."""

WRONG_ANSWERS = {
    "ex1-answer": [
        "def my_prediction():\n    return 276.0, 276.0  # cleargrad taken to change nothing\n",
        "def my_prediction():\n    return 288.0, 276.0  # the two cases swapped\n",
        "def my_prediction():\n    return -12.0, 0.0  # gx treated as a constant: only -dy/dx\n",
        "def my_prediction():\n    return 276.0, 264.0  # dy/dx subtracted instead of added\n",
        "def my_prediction():\n    return 276, 288  # ints, not floats\n",
    ],
    "ex2-answer": [
        "def rosenbrock_hessian(a, b):\n    return ((1200 * a ** 2 - 400 * b, -400 * a), (-400 * a, 200))  # the 2 of (1 - x0)^2 lost\n",
        "def rosenbrock_hessian(a, b):\n    return ((1200 * a ** 2 - 400 * b + 2, 400 * a), (400 * a, 200))  # sign of the mixed derivative\n",
        "def rosenbrock_hessian(a, b):\n    return ((1200 * a ** 2 + 400 * b + 2, -400 * a), (-400 * a, 200))  # sign of 400 x1\n",
        "def rosenbrock_hessian(a, b):\n    return ((400 * a ** 2 - 400 * b + 2, -400 * a), (-400 * a, 200))  # d/dx0 of x0^3 taken as x0^2\n",
        "def rosenbrock_hessian(a, b):\n    return ((1200 * a ** 2 - 400 * b + 2, -400 * a), (-400 * a, 100))  # d2/dx1^2 of 100(x1 - x0^2)^2 halved\n",
        "def rosenbrock_hessian(a, b):\n    return ((-400 * a * (b - a ** 2) - 2 * (1 - a), 0.0), (0.0, 200 * (b - a ** 2)))  # the gradient\n",
    ],
    "ex3-answer": [
        # w.cleargrad() forgotten: dD/dw from the first backward pass stays in w.grad
        "def penalty(w):\n    x = Variable(np.array(0.5))\n    d = F.tanh(w * x)\n    d.backward(create_graph=True)\n"
        "    gx = x.grad\n    return (gx - 1) ** 2\n",
        # no create_graph: gx is a number with no graph, so nothing reaches w
        "def penalty(w):\n    x = Variable(np.array(0.5))\n    d = F.tanh(w * x)\n    d.backward()\n"
        "    gx = x.grad\n    w.cleargrad()\n    return (gx - 1) ** 2\n",
        # the slope with respect to the weight instead of the input
        "def penalty(w):\n    x = Variable(np.array(0.5))\n    d = F.tanh(w * x)\n    d.backward(create_graph=True)\n"
        "    gw = w.grad\n    w.cleargrad()\n    return (gw - 1) ** 2\n",
        # the penalty without its - 1
        "def penalty(w):\n    x = Variable(np.array(0.5))\n    d = F.tanh(w * x)\n    d.backward(create_graph=True)\n"
        "    gx = x.grad\n    w.cleargrad()\n    return gx ** 2\n",
        # the slope built from the data: a number, not a Variable with a graph
        "def penalty(w):\n    t = np.tanh(0.5 * w.data)\n    gx = Variable(w.data * (1 - t ** 2))\n    return (gx - 1) ** 2\n",
        # the slope taken out of its Variable: P is computed on an array and has no graph back to w
        "def penalty(w):\n    x = Variable(np.array(0.5))\n    d = F.tanh(w * x)\n    d.backward(create_graph=True)\n"
        "    gx = x.grad.data\n    w.cleargrad()\n    return Variable((gx - 1) ** 2)\n",
        # the input x left a number: it gets no gradient of its own
        "def penalty(w):\n    x = 0.5\n    d = F.tanh(w * x)\n    d.backward(create_graph=True)\n"
        "    gx = w.grad\n    w.cleargrad()\n    return (gx - 1) ** 2\n",
    ],
}
