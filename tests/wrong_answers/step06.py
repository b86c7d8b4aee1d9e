"""Wrong answers to the exercises of notebooks/step06.ipynb (see README.md)."""
WRONG_ANSWERS = {
    "ex1-answer": [
        '''
def my_prediction():
    return 3.297442541400256  # the factor of 10 lost on the way
''',
        '''
def my_prediction():
    return 10.0
''',
        '''
def my_prediction():
    return 100 * 3.297442541400256  # the factor applied at every function
''',
    ],
    "ex2-answer": [
        '''
class Sin(Function):
    def forward(self, x):
        return np.sin(x)

    def backward(self, gy):
        x = self.input.data
        return np.cos(x)  # missing * gy
''',
        '''
class Sin(Function):
    def forward(self, x):
        return np.sin(x)

    def backward(self, gy):
        x = self.input.data
        return -np.cos(x) * gy  # sign error
''',
        '''
class Sin(Function):
    def forward(self, x):
        return np.sin(x)

    def backward(self, gy):
        x = self.input.data
        return np.sin(x) * gy  # the function for its derivative
''',
        '''
class Sin(Function):
    def forward(self, x):
        return np.sin(x)

    def backward(self, gy):
        return np.cos(self.output.data) * gy  # the cosine of the output
''',
        '''
class Sin(Function):
    def forward(self, x):
        return np.sin(x)

    def backward(self, gy):
        x = self.input.data
        gy *= np.cos(x)  # gy changed in place
        return gy
''',
    ],
    "ex3-answer": [
        '''
class FixedExp(Function):
    def forward(self, x):
        return np.exp(x)

    def backward(self, gy):
        x = self.input.data
        return np.exp(x)  # the bug itself
''',
        '''
class FixedExp(Function):
    def forward(self, x):
        return np.exp(x)

    def backward(self, gy):
        x = self.input.data
        return np.exp(x) + gy  # added for multiplied
''',
        '''
class FixedExp(Function):
    def forward(self, x):
        return np.exp(x)

    def backward(self, gy):
        return gy  # the local derivative dropped
''',
    ],
}
