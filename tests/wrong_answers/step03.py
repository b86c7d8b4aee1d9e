"""Wrong answers to the exercises of notebooks/step03.ipynb (see README.md)."""
WRONG_ANSWERS = {
    "ex1-answer": [
        '''
def my_prediction():
    return np.e, np.e ** 2  # the two chains swapped
''',
        '''
def my_prediction():
    return np.e ** 2, np.e ** 2  # as if the order did not matter
''',
        '''
def my_prediction():
    return [np.e ** 2, np.e]  # a list for a tuple
''',
    ],
    "ex2-answer": [
        '''
class Neg(Function):
    def forward(self, x):
        return -x


def bell(x):
    return Exp()(Square()(Neg()(x)))  # negated before squaring: exp(x^2)
''',
        '''
class Neg(Function):
    def forward(self, x):
        return -x


def bell(x):
    return Neg()(Exp()(Square()(x)))  # negated after exp: -exp(x^2)
''',
        '''
class Neg(Function):
    def forward(self, x):
        return x  # no minus sign


def bell(x):
    return Exp()(Neg()(Square()(x)))
''',
        '''
class Neg(Function):
    def forward(self, x):
        return -x


def bell(x):
    return Exp()(Neg()(Square()(x))).data  # an array where a Variable is expected
''',
    ],
    "ex3-answer": [
        '''
def square_n_times(x, n):
    for _ in range(n - 1):  # one square too few
        x = Square()(x)
    return x
''',
        '''
def square_n_times(x, n):
    for _ in range(n):
        y = Square()(x)  # squares the input again and again instead of the last result
    return y
''',
        '''
def square_n_times(x, n):
    return Variable(x.data ** (2 * n))  # 2n for 2 to the n
''',
    ],
}
