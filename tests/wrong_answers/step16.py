"""Wrong answers to the exercises of notebooks/step16.ipynb (see README.md)."""
FORKED = '''

def forked(x):
    y0, y1 = Fork()(x)
    return add(square(y0), y1)
'''


def fork(backward):
    """The answer cell of exercise 3 with `backward` as the body of Fork.backward."""
    return f'''
class Fork(Function):
    def forward(self, x):
        return x, x.copy()

    def backward(self, gy0, gy1):
        {backward}
''' + FORKED


WRONG_ANSWERS = {
    "ex1-answer": [
        '''
def my_prediction():
    return (3, 8)
''',
        '''
def my_prediction():
    return (7, 3)  # swapped
''',
        '''
def my_prediction():
    return [3, 7]  # a list for a tuple
''',
        '''
def my_prediction():
    return (2, 6)  # the generations of the last Add, not of its output
''',
    ],
    "ex2-answer": [
        '''
def my_prediction():
    return 64.0  # the right gradient
''',
        '''
def my_prediction():
    return 128  # an int for a float
''',
        '''
def my_prediction():
    return 96.0  # as in step 14: a first run with only C's share of a.grad
''',
        '''
def my_prediction():
    return 192.0  # three runs of the first square
''',
    ],
    "ex3-answer": [
        fork("return gy0  # the second copy's gradient lost"),
        fork("return gy1  # the first copy's gradient lost"),
        fork("return gy0 * gy1  # multiplied for added"),
        fork("return gy0, gy1  # one gradient per output, but the function has one input"),
        fork("return 2 * gy0  # two copies, so twice one of the gradients"),
    ],
}
