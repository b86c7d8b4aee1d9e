"""Wrong answers to the exercises of notebooks/step07.ipynb (see README.md)."""
WRONG_ANSWERS = {
    "ex1-answer": [
        '''
def find_input(y):
    return y.creator.input  # one step back only
''',
        '''
def find_input(y):
    return y  # never leaves y
''',
        '''
def find_input(y):
    v = y
    while v.creator is not None:
        v = v.creator.input
    return v.data  # the array, not the variable
''',
    ],
    "ex2-answer": [
        '''
def my_prediction():
    return 2.0
''',
        '''
def my_prediction():
    return np.e
''',
        '''
def my_prediction():
    return 2 * np.e ** 2
''',
    ],
    "ex3-answer": [
        '''
def deepest_nesting(n):
    return n  # one call per function
''',
        '''
def deepest_nesting(n):
    return n + 2
''',
        '''
def deepest_nesting(n):
    return 2 * n
''',
        '''
def deepest_nesting(n):
    return float(n + 1)  # a float for an int
''',
    ],
}
