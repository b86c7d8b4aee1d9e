"""Wrong answers to the exercises of notebooks/step16.ipynb (see README.md)."""
FORKED = '''

def forked(x):
    y0, y1 = Fork()(x)
    return add(square(exp(y0)), y1)
'''
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
    ],
    "ex3-answer": [
        '''
class Fork(Function):
    def forward(self, x):
        return x, x.copy()

    def backward(self, gy0, gy1):
        return gy0  # the second copy's gradient lost
''' + FORKED,
        '''
class Fork(Function):
    def forward(self, x):
        return x, x.copy()

    def backward(self, gy0, gy1):
        return gy0 * gy1  # multiplied for added
''' + FORKED,
        '''
class Fork(Function):
    def forward(self, x):
        return x, x.copy()

    def backward(self, gy0, gy1):
        return gy0, gy1  # one gradient per output, but the function has one input
''' + FORKED,
    ],
}
