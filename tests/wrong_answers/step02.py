"""Wrong answers to the exercises of notebooks/step02.ipynb (see README.md)."""
WRONG_ANSWERS = {
    "ex1-answer": [
        '''
class Power(Function):
    def __init__(self, c):
        self.c = c

    def forward(self, x):
        return x ** 2  # the exponent ignored
''',
        '''
class Power(Function):
    def __init__(self, c):
        self.c = c

    def forward(self, x):
        return x * self.c  # a product for a power
''',
        '''
class Power(Function):
    def __init__(self, c):
        pass  # the exponent never stored

    def forward(self, x):
        return x ** 3
''',
        '''
class Power(Function):
    def __init__(self, c):
        self.c = c

    def forward(self, x):
        return np.power(x, 3)  # right for Power(3) only
''',
    ],
    "ex2-answer": [
        '''
def my_prediction():
    return TypeError
''',
        '''
def my_prediction():
    return AttributeError
''',
        '''
def my_prediction():
    return "None"  # the name, not the value
''',
        '''
def my_prediction():
    return 0.0
''',
    ],
    "ex3-answer": [
        '''
def my_prediction():
    return True, True
''',
        '''
def my_prediction():
    return False, False
''',
        '''
def my_prediction():
    return [False, True]  # a list for a tuple
''',
        '''
def my_prediction():
    return 0, 1  # ints for bools
''',
    ],
}
