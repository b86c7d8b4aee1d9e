# Generated from notebooks/step01.ipynb by tools/export.py: do not edit by hand.
# DeZero Steps, Step 1: Variable as a box (the framework as it stands after this step).

import numpy as np


class Variable:
    def __init__(self, data):
        self.data = data
