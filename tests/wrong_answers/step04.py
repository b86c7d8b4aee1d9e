"""Wrong answers to the exercises of notebooks/step04.ipynb (see README.md)."""
WRONG_ANSWERS = {
    "ex1-answer": [
        '''
def forward_diff(f, x, h=1e-4):
    return numerical_diff(f, x, eps=h)  # the central difference instead
''',
        '''
def forward_diff(f, x, h=1e-4):
    y0 = f(x)
    y1 = f(Variable(x.data + 1e-4))  # h ignored
    return (y1.data - y0.data) / 1e-4
''',
        '''
def forward_diff(f, x, h=1e-4):
    y0 = f(x)
    y1 = f(Variable(x.data + h))
    return (y1.data - y0.data) / (2 * h)  # the central difference's denominator
''',
        '''
def forward_diff(f, x, h=1e-4):
    y0 = f(x)
    y1 = f(Variable(x.data + h))
    return (y0.data - y1.data) / h  # the wrong way round
''',
    ],
    "ex2-answer": [
        '''
def predicted_estimates(x, h):
    return 3 * x ** 2 + 3 * x * h + h ** 2, 3 * x ** 2  # as if the central difference had no error
''',
        '''
def predicted_estimates(x, h):
    return 3 * x ** 2 + 3 * x * h, 3 * x ** 2 + h ** 2  # the h^2 of the forward difference lost
''',
        '''
def predicted_estimates(x, h):
    return 3 * x ** 2 + h ** 2, 3 * x ** 2 + 3 * x * h + h ** 2  # swapped
''',
    ],
    "ex3-answer": [
        '''
def my_prediction():
    return 1.0, 1.0, 1.0  # the slope right of the kink, everywhere
''',
        '''
def my_prediction():
    return 0.0, 1.0, 1.0
''',
        '''
def my_prediction():
    return [0.0, 0.2, 1.0]  # a list for a tuple
''',
        '''
def my_prediction():
    return 0, 0.2, 1  # ints for floats
''',
    ],
}
