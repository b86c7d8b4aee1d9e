"""Every backward in every step agrees with central differences of its own forward.

The functions are found, not listed: each Function subclass a step defines (in any file of a
step's package) whose backward differs from the base class is checked, for every input, so
a function a new step adds is checked from that step on. A step with nothing to check shows
up as a skipped test. Where a step's gradients are Variables (`create_graph`, step 32 on),
the backward of each backward is checked too: second derivatives against central
differences of the first.

Each function runs the step's own API (tests/steps.py): `f = Cls(); ys = f(*xs);
gxs = f.backward(*gys)`. The upstream gradients `gys` are random, so a backward that ignores
them fails. The inputs are random too, of either sign, as a scalar, a vector and a matrix;
INPUTS holds the functions that need other inputs (a positive base, a divisor away from
zero) or constructor arguments (Pow's exponent, the shape of a reshape).
"""
import numpy as np
import pytest

from steps import steps

EPS = 1e-6
SHAPES = [(), (3,), (2, 3), ()]  # a scalar, a vector, a matrix, and a second scalar


def signed(rng, shape):
    """|x| in [0.2, 1.5], either sign: away from 0, where functions such as abs or ReLU have a
    kink, and small enough that exp and its compositions stay far from overflow."""
    return np.asarray(rng.choice([-1.0, 1.0], size=shape) * rng.uniform(0.2, 1.5, size=shape))


def positive(rng, shape):
    return np.asarray(rng.uniform(0.3, 2.0, size=shape))


def away_from_zero(rng, shape):
    return np.asarray(rng.choice([-1.0, 1.0], size=shape) * rng.uniform(0.5, 1.5, size=shape))


def one_more_axis(shape):
    return (2,) + shape


# Class name: shape -> (constructor arguments, [input maker, ...]) for the functions the generic
# inputs (signed, one per forward parameter) do not fit.
INPUTS = {
    "Log": lambda shape: ((), [positive]),
    "Sqrt": lambda shape: ((), [positive]),
    "Div": lambda shape: ((), [signed, away_from_zero]),
    "Pow": lambda shape: ((2.5,), [positive]),
    "Reshape": lambda shape: (((int(np.prod(shape)), 1),), [signed]),
    "BroadcastTo": lambda shape: ((one_more_axis(shape),), [signed]),
    "SumTo": lambda shape: ((shape,), [lambda rng, _: signed(rng, one_more_axis(shape))]),
    "Sum": lambda shape: ((None, False), [signed]),
    "MatMul": lambda shape: ((), [lambda rng, _: signed(rng, (2, 3)), lambda rng, _: signed(rng, (3, 4))]),
}


def case(step, cls, rng, shape):
    """(constructor arguments, input arrays) for one check of `cls` at `shape`."""
    if cls.__name__ in INPUTS:
        args, makers = INPUTS[cls.__name__](shape)
    else:
        args, makers = (), [signed] * step.inputs_of(cls)
    return args, [make(rng, shape) for make in makers]


def cases():
    """One test per (step, function) pair; one skipped test per step without any."""
    found = []
    for step in steps():
        for core in step.cores:
            found += [pytest.param(core, cls, id=f"{core.id}.{cls.__name__}") for cls in core.backward_functions]
        if not any(core.backward_functions for core in step.cores):
            found.append(pytest.param(step, None, id=step.id))
    return found


def second_order_cases():
    return [pytest.param(core, cls, id=f"{core.id}.{cls.__name__}") for step in steps() for core in step.cores
            if core.variable_grads for cls in core.backward_functions]


def numerical_gradient(h, xs, index):
    """d/dxs[index] of the number h(xs), one element at a time, by central differences."""
    x = xs[index]
    grad = np.zeros_like(x)
    for element in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[element] = EPS
        above = [np.asarray(x + step) if i == index else other for i, other in enumerate(xs)]
        below = [np.asarray(x - step) if i == index else other for i, other in enumerate(xs)]
        grad[element] = (h(above) - h(below)) / (2 * EPS)
    return grad


def assert_matches(label, xs, index, analytic, numerical):
    analytic = np.zeros_like(xs[index]) if analytic is None else np.asarray(analytic)
    if not (analytic.shape == xs[index].shape and np.allclose(analytic, numerical, rtol=1e-6, atol=1e-8)):
        pytest.fail(f"{label}, input {index} at x={[x.tolist() for x in xs]}: gave {analytic.tolist()}, "
                    f"numerical {numerical.tolist()}", pytrace=False)


def first_derivatives(step, cls, args, xs, gys):
    """The function's own backward at xs for the output gradients gys: one array per input."""
    f = cls(*args)
    outputs = step.apply(f, *[step.Variable(x) for x in xs])  # kept alive: backward may read them
    gxs = step.backward_by_hand(f, gys)
    assert len(gxs) == len(xs) and outputs, f"{cls.__name__}.backward gave {len(gxs)} gradients for {len(xs)} inputs"
    return gxs


@pytest.mark.parametrize("step, cls", cases())
def test_backward_matches_numerical(step, cls, record_property):
    if cls is None:
        record_property("no backward", step.id)
        pytest.skip(f"{step.id}: no Function has backward yet")
    record_property("gradient check", f"{step.id}.{cls.__name__}")
    rng = np.random.default_rng(0)
    for shape in SHAPES:
        args, xs = case(step, cls, rng, shape)
        gys = [rng.uniform(0.5, 1.5, size=y.shape) for y in step.apply_arrays(cls, xs, args)]

        def weighted_output(inputs):
            return sum(np.sum(gy * y) for gy, y in zip(gys, step.apply_arrays(cls, inputs, args)))

        gxs = first_derivatives(step, cls, args, xs, gys)
        for index in range(len(xs)):
            assert_matches(f"{step.id}.{cls.__name__}.backward", xs, index, gxs[index],
                           numerical_gradient(weighted_output, xs, index))


@pytest.mark.parametrize("step, cls", second_order_cases())
def test_backward_of_backward_matches_numerical(step, cls, record_property):
    """Double backprop: the graph that backward builds, differentiated again, gives the
    derivatives of sum_i w_i * gx_i, the first derivatives weighted by random w."""
    record_property("second derivative check", f"{step.id}.{cls.__name__}")
    rng = np.random.default_rng(1)
    for shape in SHAPES:
        args, xs = case(step, cls, rng, shape)
        gys = [rng.uniform(0.5, 1.5, size=y.shape) for y in step.apply_arrays(cls, xs, args)]
        weights = [rng.uniform(0.5, 1.5, size=x.shape) for x in xs]

        def weighted_first_derivatives(inputs):
            gxs = first_derivatives(step, cls, args, inputs, gys)
            return sum(np.sum(w * (0 if gx is None else gx)) for w, gx in zip(weights, gxs))

        f = cls(*args)
        variables = [step.Variable(x) for x in xs]
        outputs = step.apply(f, *variables)
        gxs = f.backward(*[step.Variable(gy) for gy in gys])  # gradients with a graph of their own
        gxs = gxs if isinstance(gxs, tuple) else (gxs,)
        for w, gx in zip(weights, gxs):
            if gx is not None:
                (gx * step.Variable(w)).backward()  # each call adds to the inputs' grads
        assert outputs
        for index, x in enumerate(variables):
            assert_matches(f"{step.id}.{cls.__name__} backward of backward", xs, index, step.grad(x),
                           numerical_gradient(weighted_first_derivatives, xs, index))


@pytest.mark.parametrize("step", [step for step in steps() if step.function("Square") in step.backward_functions
                                  and step.function("Exp") in step.backward_functions], ids=lambda step: step.id)
def test_square_exp_square_chain(step):
    """The chain rule across three functions, each backward called by hand."""
    rng = np.random.default_rng(0)
    Square, Exp = step.function("Square"), step.function("Exp")

    def composite(x):
        [y] = step.apply_arrays(Square, step.apply_arrays(Exp, step.apply_arrays(Square, [x])))
        return y

    for shape in SHAPES:
        x = signed(rng, shape)
        A, B, C = Square(), Exp(), Square()
        [a] = step.apply(A, step.Variable(x))
        [b] = step.apply(B, a)
        [y] = step.apply(C, b)
        gy = rng.uniform(0.5, 1.5, size=y.data.shape)
        [gb] = step.backward_by_hand(C, [gy])
        [ga] = step.backward_by_hand(B, [gb])
        [gx] = step.backward_by_hand(A, [ga])
        assert_matches(f"{step.id} Square-Exp-Square backward", [x], 0, gx,
                       numerical_gradient(lambda inputs: np.sum(gy * composite(inputs[0])), [x], 0))
