"""Wrong answers to the exercises of notebooks/step12.ipynb (see README.md)."""
WRONG_ANSWERS = {
    "ex1-answer": [
        '''
def my_prediction():
    return list
''',
        '''
def my_prediction():
    return "tuple"  # the name, not the class
''',
    ],
    "ex2-answer": [
        '''
class Sum(Function):
    def forward(self, *xs):
        return xs[0] + xs[1]  # two inputs only
''',
        '''
class Sum(Function):
    def forward(self, *xs):
        total = xs[0]
        for x in xs:  # the first input added twice
            total = total + x
        return total
''',
        '''
class Sum(Function):
    def forward(self, *xs):
        return xs  # one output per input
''',
    ],
    "ex3-answer": [
        '''
def my_prediction():
    return ValueError
''',
        '''
def my_prediction():
    return None  # as if the list were two outputs
''',
        '''
def my_prediction():
    return "TypeError"
''',
    ],
}
