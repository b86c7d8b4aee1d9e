"""Wrong answers to the exercises of notebooks/column_autodiff.ipynb (see README.md)."""
WRONG_ANSWERS = {
    "ex1-answer": [
        '''
def bill_for_500_inputs():
    return (1000, 500, 1)  # the forward pass of reverse mode forgotten
''',
        '''
def bill_for_500_inputs():
    return (500, 500, 2)
''',
        '''
def bill_for_500_inputs():
    return [1000, 500, 2]  # a list for a tuple
''',
    ],
    "ex2-answer": [
        '''
def dual_reciprocal(u):
    return Dual(1 / u.val, u.dot / u.val ** 2)  # sign error
''',
        '''
def dual_reciprocal(u):
    return Dual(1 / u.val, -1 / u.val ** 2)  # the chain rule's u.dot forgotten
''',
        '''
def dual_reciprocal(u):
    return Dual(1 / u.val, -u.dot / u.val)  # the wrong power
''',
    ],
    "ex3-answer": [
        '''
def tape_length(n):
    return 3 * n + 1
''',
        '''
def tape_length(n):
    return 2 * n
''',
        '''
def tape_length(n):
    return float(3 * n)  # a float for an int
''',
    ],
}
