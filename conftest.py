"""Shared test setup: figures render off screen in the test process.

Notebook kernels are not affected: they keep their inline backend, and each
notebook's setup cell makes `dezero_steps` importable from the checkout.
"""
import matplotlib

matplotlib.use("Agg")
