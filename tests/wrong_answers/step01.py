"""Wrong answers to the exercises of notebooks/step01.ipynb (see README.md)."""
WRONG_ANSWERS = {
    "ex1-answer": [
        '''
def predicted_layout():
    return 3, [1, 3, 2]  # a list for the shape, which numpy gives as a tuple
''',
        '''
def predicted_layout():
    return 2, (3, 2)  # the outermost pair of brackets missed
''',
        '''
def predicted_layout():
    return 3, (2, 3, 1)  # the lengths innermost axis first
''',
        '''
def predicted_layout():
    return "3", (1, 3, 2)  # a string for the number of dimensions
''',
        '''
def predicted_layout():
    return 3.0, (1, 3, 2)  # a float for an int
''',
    ],
    "ex2-answer": [
        '''
def my_prediction():
    return np.array([1.0, 2.0, 3.0])  # as if the Variable had kept a copy
''',
        '''
def my_prediction():
    return [5.0, 2.0, 3.0]  # a list for an array
''',
        '''
def my_prediction():
    return np.array([5, 2, 3])  # an int array for a float array
''',
    ],
}
