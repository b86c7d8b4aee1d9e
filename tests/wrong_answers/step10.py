"""Wrong answers to the exercises of notebooks/step10.ipynb (see README.md)."""
WRONG_ANSWERS = {
    "ex1-answer": [
        '''
def gradient_check(f, points):
    for point in points:
        x = Variable(np.array(point))
        y = f(x)
        y.backward()
        if not x.grad == numerical_diff(f, x):  # exact equality: no central difference is that exact
            return False
    return True
''',
        '''
def gradient_check(f, points):
    for point in points:
        x = Variable(np.array(point))
        y = f(x)
        return np.allclose(x.grad, numerical_diff(f, x))  # backward never called
    return True
''',
        '''
def gradient_check(f, points):
    return True  # checks nothing
''',
    ],
    "ex2-answer": [
        '''
class Abs(Function):
    def forward(self, x):
        return np.abs(x)

    def backward(self, gy):
        x = self.input.data
        return np.sign(x)  # missing * gy
''',
        '''
class Abs(Function):
    def forward(self, x):
        return np.abs(x)

    def backward(self, gy):
        return gy  # the slope right of 0, everywhere
''',
        '''
class Abs(Function):
    def forward(self, x):
        return x  # right for x > 0 only

    def backward(self, gy):
        x = self.input.data
        return np.sign(x) * gy
''',
        '''
class Abs(Function):
    def forward(self, x):
        return np.abs(x)

    def backward(self, gy):
        x = self.input.data
        return -np.sign(x) * gy  # sign error
''',
    ],
    "ex3-answer": [
        '''
def my_prediction():
    return (1.0, 1.0)
''',
        '''
def my_prediction():
    return (0.5, 0.5)
''',
        '''
def my_prediction():
    return [0.5, 1.0]  # a list for a tuple
''',
        '''
def my_prediction():
    return (0.5, 1)  # an int for a float
''',
    ],
}
