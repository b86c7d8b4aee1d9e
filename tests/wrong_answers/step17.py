"""Wrong answers to the exercises of notebooks/step17.ipynb (see README.md)."""
WRONG_ANSWERS = {
    "ex1-answer": [
        '''
def my_prediction():
    return (False, False)  # the cycle is thought to keep the function
''',
        '''
def my_prediction():
    return (True, True)  # x is thought to go with y
''',
        '''
def my_prediction():
    return (False, True)
''',
        '''
def my_prediction():
    return [True, False]  # a list for a tuple
''',
    ],
    "ex2-answer": [
        '''
def old_graph():
    return step16.square(step16.Variable(np.array(1.0)))


def new_graph():
    return square(Variable(np.array(1.0)))


def graphs_kept(build, n):  # the collector left on: it frees the old cycles too
    probes = [weakref.ref(build().creator) for _ in range(n)]
    gc.collect()
    return sum(probe() is not None for probe in probes)
''',
        '''
def old_graph():
    return step16.square(step16.Variable(np.array(1.0)))


def new_graph():
    return square(Variable(np.array(1.0)))


def graphs_kept(build, n):  # keeps the outputs, so every graph survives
    gc.disable()
    try:
        outputs = [build() for _ in range(n)]
        return sum(y.creator is not None for y in outputs)
    finally:
        gc.enable()
''',
        '''
def old_graph():
    return step16.square(step16.Variable(np.array(1.0)))


def new_graph():
    return square(Variable(np.array(1.0)))


def graphs_kept(build, n):  # counts the dead probes
    gc.disable()
    try:
        probes = [weakref.ref(build().creator) for _ in range(n)]
        return sum(probe() is None for probe in probes)
    finally:
        gc.enable()
''',
        '''
def old_graph():
    return step16.square(step16.Variable(np.array(1.0)))


def new_graph():
    return square(Variable(np.array(1.0)))


def graphs_kept(build, n):  # hard-coded
    return n if build is old_graph else 0
''',
        '''
def old_graph():
    return step16.square(step16.Variable(np.array(1.0)))


def new_graph():
    return square(Variable(np.array(1.0)))


def graphs_kept(build, n):  # the collector never switched off: it runs now and then while counting
    probes = [weakref.ref(build().creator) for _ in range(n)]
    return sum(probe() is not None for probe in probes)
''',
    ],
    "ex3-answer": [
        '''
def my_prediction():
    return None  # the missing output is thought to be skipped
''',
        '''
def my_prediction():
    return TypeError  # None + gy, as if gy1 were None
''',
        '''
def my_prediction():
    return "AttributeError"  # the name for the class
''',
        '''
def my_prediction():
    return ReferenceError  # what a dead weakref.proxy raises, not a dead weakref.ref
''',
        '''
def my_prediction():
    return Exception  # a parent class
''',
    ],
}
