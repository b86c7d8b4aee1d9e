"""Plausible wrong answers to the exercises of notebooks/step33.ipynb (see tests/test_wrong_answers.py)."""

NEWTON = '''def newton_iterates(f, x0, n):
    x = Variable(np.array(x0))
    iterates = [float(x.data)]
    for i in range(n):
        y = f(x)
{first}
        y.backward({create_graph})
        gx = x.grad
{second}
        gx.backward()
        gx2 = x.grad
        {update}
        iterates.append(float(x.data))
    return iterates'''
CLEAR = "        x.cleargrad()"
RIGHT = dict(first=CLEAR, second=CLEAR, create_graph="create_graph=True", update="x.data -= gx.data / gx2.data")


def newton(**change):
    return NEWTON.format(**{**RIGHT, **change})


WRONG_ANSWERS = {
    "ex1-answer": [
        "def my_prediction():\n    return 1.0",  # the minimum on the other side
        "def my_prediction():\n    return -1",  # an int for a float
        "def my_prediction():\n    return 0.0",  # the maximum between the minima
        "def my_prediction():\n    return -2.0",  # thinks the update moves x away and back, or not at all
    ],
    "ex2-answer": [
        "def my_prediction():\n    return None",  # thinks the loop runs, only less precisely
        "def my_prediction():\n    return TypeError",  # expects None / ... to fail as an operation
        "def my_prediction():\n    return ZeroDivisionError",  # thinks the second derivative comes out 0
        'def my_prediction():\n    return "AttributeError"',  # the name, not the class
    ],
    "ex3-answer": [
        # no cleargrad before the first pass: the previous second derivative is added to f'
        newton(first=""),
        # no cleargrad between the passes: f' is added to f''
        newton(second=""),
        # no create_graph: the first derivative has no graph, so the second pass leaves x.grad None
        newton(create_graph=""),
        # a gradient step instead of Newton's
        newton(update="x.data -= gx.data"),
        # a sign error: climbs away from the minimum
        newton(update="x.data += gx.data / gx2.data"),
        # f'' / f' for f' / f''
        newton(update="x.data -= gx2.data / gx.data"),
        # the arrays themselves, which the update changes in place
        NEWTON.format(**RIGHT).replace("iterates = [float(x.data)]", "iterates = [x.data]")
                              .replace("iterates.append(float(x.data))", "iterates.append(x.data)"),
        # only the n new iterates, without x0
        NEWTON.format(**RIGHT).replace("iterates = [float(x.data)]", "iterates = []"),
    ],
}
