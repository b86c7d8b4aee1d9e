"""Wrong answers to the exercises of notebooks/step14.ipynb (see README.md)."""
SETUP = '''
def twice(v):
    return add(v, v)


def thrice(v):
    return add(add(v, v), v)


w = Variable(np.array(1.5))
twice(w).backward()  # w.grad now holds 2.0 from an earlier calculation

'''
WRONG_ANSWERS = {
    "ex1-answer": [
        SETUP + '''
def gradient(f, x):
    y = f(x)  # the gradient of the earlier calculation is still in x.grad
    y.backward()
    return x.grad
''',
        SETUP + '''
def gradient(f, x):
    y = f(x)
    y.backward()
    x.cleargrad()  # cleared too late
    return x.grad
''',
        SETUP + '''
def gradient(f, x):
    y = f(x)
    y.cleargrad()  # the output's gradient cleared, not the input's
    y.backward()
    return x.grad
''',
        SETUP + '''
w.cleargrad()  # cleared once, before the first call only


def gradient(f, x):
    y = f(x)
    y.backward()
    return x.grad
''',
        SETUP + '''
def gradient(f, x):
    x.cleargrad()
    y = f(x)
    y.backward()
    return y.grad  # the output's gradient, 1.0, not the input's
''',
    ],
    "ex2-answer": [
        '''
def my_prediction():
    return 6.0  # twice the first pass
''',
        '''
def my_prediction():
    return 3.0
''',
        '''
def my_prediction():
    return 8  # an int for a float
''',
        '''
def my_prediction():
    return 11.0  # as if y.grad also grew to 2 in the second pass
''',
        '''
def my_prediction():
    return 9.0
''',
    ],
    "ex3-answer": [
        '''
class SquaredDifference(Function):
    def forward(self, x0, x1):
        return (x0 - x1) ** 2

    def backward(self, gy):
        x0, x1 = self.inputs[0].data, self.inputs[1].data
        gx0 = 2 * (x0 - x1) * gy
        return gx0, gx0  # the minus sign of the second input lost
''',
        '''
class SquaredDifference(Function):
    def forward(self, x0, x1):
        return (x0 - x1) ** 2

    def backward(self, gy):
        x0, x1 = self.inputs[0].data, self.inputs[1].data
        gx0 = 2 * (x0 - x1)  # missing * gy
        return gx0, -gx0
''',
        '''
class SquaredDifference(Function):
    def forward(self, x0, x1):
        return (x0 - x1) ** 2

    def backward(self, gy):
        x0, x1 = self.inputs[0].data, self.inputs[1].data
        return 2 * (x0 - x1) * gy  # a gradient for the first input only
''',
        '''
class SquaredDifference(Function):
    def forward(self, x0, x1):
        return (x0 - x1) ** 2

    def backward(self, gy):
        x0, x1 = self.inputs[0].data, self.inputs[1].data
        gx0 = (x0 - x1) * gy  # the factor 2 of the power rule lost
        return gx0, -gx0
''',
        '''
class SquaredDifference(Function):
    def forward(self, x0, x1):
        return (x0 - x1) ** 2

    def backward(self, gy):
        x0, x1 = self.inputs[0].data, self.inputs[1].data
        gx0 = 2 * (x1 - x0) * gy  # x1 - x0 for x0 - x1
        return gx0, -gx0
''',
        '''
class SquaredDifference(Function):
    def forward(self, x0, x1):
        return (x0 - x1) ** 2

    def backward(self, gy):
        x0, x1 = self.inputs[0].data, self.inputs[1].data
        gx0 = 2 * (x0 - x1) * gy
        return [gx0, -gx0]  # a list for a tuple
''',
    ],
}
