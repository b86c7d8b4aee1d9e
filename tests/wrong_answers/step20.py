"""Wrong answers to the exercises of notebooks/step20.ipynb (see README.md)."""
WRONG_ANSWERS = {
    "ex1-answer": [
        '''
def my_prediction():
    return 15.0, 5.0, 3.0  # a's path through the product only
''',
        '''
def my_prediction():
    return 15.0, 3.0, 3.0
''',
        '''
def my_prediction():
    return 15, 8, 3  # ints for floats
''',
    ],
    "ex2-answer": [
        '''
class MulAdd(Function):
    def forward(self, x0, x1, x2):
        return x0 * x1 + x2

    def backward(self, gy):
        x0, x1 = self.inputs[0].data, self.inputs[1].data
        return gy * x0, gy * x1, gy  # the first two swapped
''',
        '''
class MulAdd(Function):
    def forward(self, x0, x1, x2):
        return x0 * x1 + x2

    def backward(self, gy):
        x0, x1 = self.inputs[0].data, self.inputs[1].data
        return gy * x1, gy * x0  # no gradient for the third input
''',
        '''
class MulAdd(Function):
    def forward(self, x0, x1, x2):
        return x0 * x1 + x2

    def backward(self, gy):
        x0, x1 = self.inputs[0].data, self.inputs[1].data
        return gy * x1, gy * x0, np.ones_like(gy)  # the added input's gradient without gy
''',
        '''
class MulAdd(Function):
    def forward(self, x0, x1, x2):
        return x0 * (x1 + x2)  # the formula misread

    def backward(self, gy):
        x0, x1 = self.inputs[0].data, self.inputs[1].data
        return gy * x1, gy * x0, gy
''',
    ],
    "ex3-answer": [
        '''
def dot(xs, ys):
    total = xs[0] * ys[0]
    for x, y in zip(xs, ys):  # the first product counted twice
        total = total + x * y
    return total
''',
        '''
def dot(xs, ys):
    return xs[0] * ys[0] + xs[1] * ys[0]  # the wrong index
''',
        '''
def dot(xs, ys):
    return xs[0] * ys[0]  # the other products forgotten
''',
    ],
}
