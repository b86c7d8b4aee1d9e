"""Wrong answers to the exercises of notebooks/step05.ipynb (see README.md)."""
WRONG_ANSWERS = {
    "ex1-answer": [
        '''
def my_prediction():
    return 2.0, 2.0, 2.0  # dx/dx = 1 taken for the last local derivative
''',
        '''
def my_prediction():
    return 1.0, 1.0, 0.0
''',
        '''
def my_prediction():
    return 2, 2, 0  # ints for floats
''',
    ],
    "ex2-answer": [
        '''
def chain_rule_exp_square_exp(x):
    a = np.exp(x)
    b = a ** 2
    dy_db = 1.0 * np.exp(b)
    dy_da = dy_db * 2 * a
    return dy_da  # the last local derivative, e^x, forgotten
''',
        '''
def chain_rule_exp_square_exp(x):
    a = np.exp(x)
    b = a ** 2
    dy_db = 1.0 * np.exp(b)
    dy_da = dy_db * 2 * x  # 2x for 2a: the derivative of the square at the wrong point
    return dy_da * np.exp(x)
''',
        '''
def chain_rule_exp_square_exp(x):
    a = np.exp(x)
    b = a ** 2
    return np.exp(b) * 2 * a  # e^x missing, written as one formula
''',
    ],
    "ex3-answer": [
        '''
def gradient_from_memory(A, B, C):
    dy_db = 1.0 * 2 * B.input.data  # the input of B where C's is needed
    dy_da = dy_db * np.exp(B.input.data)
    return dy_da * 2 * A.input.data
''',
        '''
def gradient_from_memory(A, B, C):
    dy_db = 1.0 * 2 * C.input.data
    dy_da = dy_db * np.exp(B.output.data)  # the output of B where its input is needed
    return dy_da * 2 * A.input.data
''',
        '''
def gradient_from_memory(A, B, C):
    dy_db = 1.0 * 2 * C.input.data
    dy_da = dy_db * np.exp(B.input.data)
    return dy_da * 2  # the local derivative of A without its input
''',
    ],
}
