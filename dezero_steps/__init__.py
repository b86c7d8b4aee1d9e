"""DeZero Steps: a deep-learning framework rebuilt one step at a time.

Each `dezero_steps.stepNN` module is the framework as it stands after step NN,
generated from `notebooks/stepNN.ipynb`.
"""
