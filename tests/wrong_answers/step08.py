"""Wrong answers to the exercises of notebooks/step08.ipynb (see README.md)."""
WRONG_ANSWERS = {
    "ex1-answer": [
        '''
def count_functions(y):
    if y.creator is None:
        return 0
    return 1 + count_functions(y.creator.input)  # recursion: fails on a long chain
''',
        '''
def count_functions(y):
    count = 1  # counts the variables
    f = y.creator
    while f is not None:
        count += 1
        f = f.input.creator
    return count
''',
        '''
def count_functions(y):
    count = 0
    f = y.creator
    while f.input.creator is not None:  # stops one function early, and fails without any
        count += 1
        f = f.input.creator
    return count
''',
    ],
    "ex2-answer": [
        '''
def my_prediction():
    return 1.0
''',
        '''
def my_prediction():
    return 3  # an int for a float
''',
        '''
def my_prediction():
    return 4.5
''',
    ],
}
