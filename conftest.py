"""Shared test setup: figures render off screen in the test process.

Lying at the root, this file also puts the checkout on sys.path, so the tests import
`dezero_steps` without installing it. Notebook kernels are not affected: they keep their
inline backend, and each notebook's setup cell makes `dezero_steps` importable from the checkout.
"""
import matplotlib

matplotlib.use("Agg")
