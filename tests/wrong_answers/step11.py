"""Wrong answers to the exercises of notebooks/step11.ipynb (see README.md)."""
WRONG_ANSWERS = {
    "ex1-answer": [
        '''
class AddSub(Function):
    def forward(self, xs):
        x0, x1 = xs
        return (x0 + x1, x1 - x0)  # the difference the wrong way round
''',
        '''
class AddSub(Function):
    def forward(self, xs):
        x0, x1 = xs
        return (x0 + x1)  # parentheses without a comma: one array, not a tuple
''',
        '''
class AddSub(Function):
    def forward(self, xs):
        x0, x1 = xs
        return (x0 + x1, x0 + x1)
''',
    ],
    "ex2-answer": [
        '''
def my_prediction():
    return 1
''',
        '''
def my_prediction():
    return 2.0  # a float for an int
''',
        '''
def my_prediction():
    return TypeError
''',
    ],
}
