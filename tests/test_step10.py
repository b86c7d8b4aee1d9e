"""The tests of step 10, run against the exported framework `dezero_steps.step10`.

Run from the root of a checkout:  python -m pytest tests/test_step10.py
"""
import unittest

import numpy as np

from dezero_steps.step10 import Variable, numerical_diff, square


class SquareTest(unittest.TestCase):
    def test_forward(self):
        x = Variable(np.array(2.0))
        y = square(x)
        expected = np.array(4.0)
        self.assertEqual(y.data, expected)

    def test_backward(self):
        x = Variable(np.array(3.0))
        y = square(x)
        y.backward()
        expected = np.array(6.0)
        self.assertEqual(x.grad, expected)

    def test_gradient_check(self):
        np.random.seed(0)  # the same "random" input on every run
        x = Variable(np.random.rand(1))
        y = square(x)
        y.backward()
        num_grad = numerical_diff(square, x)
        self.assertTrue(np.allclose(x.grad, num_grad))


if __name__ == "__main__":
    unittest.main()
