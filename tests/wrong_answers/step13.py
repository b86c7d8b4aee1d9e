"""Wrong answers to the exercises of notebooks/step13.ipynb (see README.md)."""
WRONG_ANSWERS = {
    "ex1-answer": [
        '''
def my_prediction():
    return 1.0
''',
        '''
def my_prediction():
    return 0.0
''',
        '''
def my_prediction():
    return "None"
''',
    ],
    "ex2-answer": [
        '''
class Mul(Function):
    def forward(self, x0, x1):
        return x0 * x1

    def backward(self, gy):
        x0, x1 = self.inputs[0].data, self.inputs[1].data
        return gy * x0, gy * x1  # swapped gradients
''',
        '''
class Mul(Function):
    def forward(self, x0, x1):
        return x0 * x1

    def backward(self, gy):
        x0, x1 = self.inputs[0].data, self.inputs[1].data
        return x1, x0  # missing * gy
''',
        '''
class Mul(Function):
    def forward(self, x0, x1):
        return x0 * x1

    def backward(self, gy):
        x0, x1 = self.inputs[0].data, self.inputs[1].data
        return gy * x1  # a gradient for the first input only
''',
        '''
class Mul(Function):
    def forward(self, x0, x1):
        return x0 * x1

    def backward(self, gy):
        x0, x1 = self.inputs[0].data, self.inputs[1].data
        return [gy * x1, gy * x0]  # a list, which Variable.backward takes for one gradient
''',
    ],
    "ex3-answer": [
        '''
def my_prediction():
    return 2.0  # what it should be, not what step 13 gives
''',
        '''
def my_prediction():
    return 1  # an int for a float
''',
    ],
}
