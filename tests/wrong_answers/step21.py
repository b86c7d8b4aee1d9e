"""Wrong answers to the exercises of notebooks/step21.ipynb (see README.md)."""
WRONG_ANSWERS = {
    "ex1-answer": [
        '''
def my_prediction():
    return Variable, TypeError, TypeError, Variable
''',
        '''
def my_prediction():
    return Variable, Variable, ValueError, Variable
''',
        '''
def my_prediction():
    return "Variable", TypeError, ValueError, "Variable"  # names for classes
''',
    ],
    "ex2-answer": [
        '''
def horner(coefficients, x):
    result = coefficients[0]
    for c in coefficients[1:]:  # the coefficients in the wrong order
        result = result * x + c
    return result
''',
        '''
def horner(coefficients, x):
    result = coefficients[-1]
    for c in reversed(coefficients[:-1]):
        result = result + c * x  # added for nested
    return result
''',
        '''
def horner(coefficients, x):
    result = coefficients[-1]
    for c in coefficients[:-1]:  # not reversed
        result = result * x + c
    return result
''',
    ],
}
