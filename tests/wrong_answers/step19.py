"""Wrong answers to the exercises of notebooks/step19.ipynb (see README.md)."""
WRONG_ANSWERS = {
    "ex1-answer": [
        '''
def my_prediction():
    return 60, 3, 60, (3, 4, 5)  # len taken for the number of elements
''',
        '''
def my_prediction():
    return 3, 3, 60, [3, 4, 5]  # a list for the shape
''',
        '''
def my_prediction():
    return 3, 3, 12, (3, 4, 5)
''',
    ],
    "ex2-answer": [
        '''
def my_prediction():
    return False  # as if a zero were false
''',
        '''
def my_prediction():
    return ValueError
''',
    ],
    "ex3-answer": [
        '''
def nbytes(self):
    return self.data.size  # elements, not bytes


Variable.nbytes = property(nbytes)
''',
        '''
def nbytes(self):
    return self.data.size * 8  # as if every number took 8 bytes


Variable.nbytes = property(nbytes)
''',
        '''
def nbytes(self):
    return self.data.itemsize  # the bytes of one element


Variable.nbytes = property(nbytes)
''',
    ],
}
