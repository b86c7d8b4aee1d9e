"""Wrong answers to the exercises of notebooks/step18.ipynb (see README.md)."""
WRONG_ANSWERS = {
    "ex1-answer": [
        '''
def evaluate(f, x):
    return f(x)  # the graph is built after all
''',
        '''
def evaluate(f, x):
    with no_grad():
        y = f(x)
    return y.data  # the array, not the variable
''',
    ],
    "ex2-answer": [
        '''
def my_prediction():
    return None, None
''',
        '''
def my_prediction():
    return 18.0, None
''',
        '''
def my_prediction():
    return [None, 18.0]  # a list for a tuple
''',
    ],
    "ex3-answer": [
        '''
def my_prediction():
    return KeyError
''',
        '''
def my_prediction():
    return None  # as if the misspelt name were set quietly
''',
    ],
}
