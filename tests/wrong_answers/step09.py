"""Wrong answers to the exercises of notebooks/step09.ipynb (see README.md)."""
WRONG_ANSWERS = {
    "ex1-answer": [
        '''
class Log(Function):
    def forward(self, x):
        return np.log(x)

    def backward(self, gy):
        x = self.input.data
        return 1 / x  # missing * gy


def log(x):
    return Log()(x)
''',
        '''
class Log(Function):
    def forward(self, x):
        return np.log10(x)  # the base-10 logarithm

    def backward(self, gy):
        x = self.input.data
        return gy / x


def log(x):
    return Log()(x)
''',
        '''
class Log(Function):
    def forward(self, x):
        return np.log(x)

    def backward(self, gy):
        x = self.input.data
        return gy * x  # multiplied for divided


def log(x):
    return Log()(x)
''',
        '''
class Log(Function):
    def forward(self, x):
        return np.log(x)

    def backward(self, gy):
        x = self.input.data
        return -gy / x  # sign error


def log(x):
    return Log()(x)
''',
        '''
class Log(Function):
    def forward(self, x):
        return np.log(x)

    def backward(self, gy):
        y = self.output.data
        return gy / y  # divided by the output


def log(x):
    return Log()(x)
''',
    ],
    "ex2-answer": [
        '''
def my_prediction():
    return (True, True, True, True, True)
''',
        '''
def my_prediction():
    return [False, True, False, True, True]  # a list for a tuple
''',
        '''
def my_prediction():
    return (False, True, False, False, True)
''',
    ],
}
