"""Wrong answers to the exercises of notebooks/step22.ipynb (see README.md)."""
RPOW_TAIL = '''

def rpow(x, c):
    return RPow(c)(x)


Variable.__rpow__ = rpow
'''
WRONG_ANSWERS = {
    "ex1-answer": [
        '''
def my_prediction():
    return 9.0, 6.0  # as if the minus sign bound tighter: (-x) ** 2
''',
        '''
def my_prediction():
    return -9.0, 6.0
''',
    ],
    "ex2-answer": [
        '''
def growth(old, new):
    return (old - new) / old  # subtracted the wrong way round
''',
        '''
def growth(old, new):
    return (new - old) / new  # divided by the new value
''',
    ],
    "ex3-answer": [
        '''
class RPow(Function):
    def __init__(self, c):
        self.c = c

    def forward(self, x):
        return x ** self.c  # the base and the exponent swapped

    def backward(self, gy):
        x = self.inputs[0].data
        return gy * self.c * x ** (self.c - 1)
''' + RPOW_TAIL,
        '''
class RPow(Function):
    def __init__(self, c):
        self.c = c

    def forward(self, x):
        return self.c ** x

    def backward(self, gy):
        x = self.inputs[0].data
        return gy * self.c ** x  # the log of the base forgotten
''' + RPOW_TAIL,
        '''
class RPow(Function):
    def __init__(self, c):
        self.c = c

    def forward(self, x):
        return self.c ** x

    def backward(self, gy):
        x = self.inputs[0].data
        return gy * x * self.c ** (x - 1)  # the power rule, which holds for x ** c
''' + RPOW_TAIL,
    ],
}
