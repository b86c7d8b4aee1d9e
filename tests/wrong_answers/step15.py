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
    ],
}
