"""Wrong answers to the exercises of notebooks/step15.ipynb (see README.md)."""
WRONG_ANSWERS = {
    "ex1-answer": [
        '''
def my_prediction():
    return 1
''',
        '''
def my_prediction():
    return 3
''',
        '''
def my_prediction():
    return 2.0  # a float for an int
''',
        '''
def my_prediction():
    return 0  # the smallest generation of the inputs, not the largest
''',
    ],
    "ex2-answer": [
        '''
def my_prediction():
    return 1  # as if each function ran once
''',
        '''
def my_prediction():
    return 2
''',
        '''
def my_prediction():
    return 3.0  # a float for an int
''',
        '''
def my_prediction():
    return 4  # one push more, for the first square's output
''',
    ],
    "ex3-answer": [
        '''
def is_safe(order):
    for i, f in enumerate(order):
        for g in order[i + 1:]:
            if any(v.creator is f for v in g.inputs):
                return False
    return True  # a function visited twice goes unnoticed
''',
        '''
def is_safe(order):
    return len(set(order)) == len(order)  # only checks that no function comes twice
''',
        '''
def is_safe(order):
    return True
''',
        '''
def is_safe(order):
    if len(set(order)) != len(order):
        return False
    for f, g in zip(order, order[1:]):  # only neighbours compared
        if any(v.creator is f for v in g.inputs):
            return False
    return True
''',
        '''
def is_safe(order):
    for i, f in enumerate(order):
        if f in order[:i]:
            return False
        for g in order[:i]:  # the functions before f, where its users belong
            if any(v.creator is f for v in g.inputs):
                return False
    return True
''',
    ],
}
