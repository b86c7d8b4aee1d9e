"""Tests of dezero_steps.viz: tracing real graphs and drawing them."""
import gc
import io
import threading
import weakref

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch
from matplotlib.path import Path

from dezero_steps import step07, step08, viz
from steps import Step, steps


def ids(objects):
    return [id(obj) for obj in objects]


def edge_ids(edges):
    return sorted((id(source), id(target)) for source, target in edges)


def chain_of_three(module):
    """y = Square(Exp(Square(x))) at 0.5, keeping every object (a module of steps 7-10)."""
    return chain_of_three_in(Step(int(module.__name__[-2:])))


def chain_of_three_in(step):
    """The same chain in any step, called the step's way."""
    x = step.variable(0.5)
    A, B, C = step.function("Square")(), step.function("Exp")(), step.function("Square")()
    [a] = step.apply(A, x)
    [b] = step.apply(B, a)
    [y] = step.apply(C, b)
    return x, A, a, B, b, C, y


class Add(step07.Function):
    """Two inputs, as functions have from step 11 on: `inputs`, and `outputs` held weakly."""

    def __call__(self, x0, x1):
        y = step07.Variable(x0.data + x1.data)
        y.set_creator(self)
        self.inputs = [x0, x1]
        self.outputs = [weakref.ref(y)]
        return y


class Split(step07.Function):
    """One input, two outputs held weakly: a row and the rest of a matrix."""

    def __call__(self, x):
        top, rest = step07.Variable(x.data[:1]), step07.Variable(x.data[1:])
        for y in (top, rest):
            y.set_creator(self)
        self.inputs = [x]
        self.outputs = [weakref.ref(top), weakref.ref(rest)]
        return top, rest


def shapes(fig, kind):
    return [patch for patch in fig.axes[0].patches if type(patch) is kind]


def texts(fig):
    return [text.get_text() for text in fig.axes[0].texts]


def centre_of(fig, label):
    """Where the node labelled `label` sits (its label is written at its centre)."""
    [position] = [text.get_position() for text in fig.axes[0].texts if text.get_text() == label]
    return np.array(position)


def rendered(fig):
    """Draw the figure with Agg, check nothing falls outside it, and return it."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    drawn = fig.get_tightbbox(canvas.get_renderer())
    page = fig.bbox_inches
    assert drawn.x0 >= page.x0 - 1e-3 and drawn.y0 >= page.y0 - 1e-3
    assert drawn.x1 <= page.x1 + 1e-3 and drawn.y1 <= page.y1 + 1e-3
    return fig


def arrow_ends(fig):
    """(start, tip) of every arrow, in drawing units (inches)."""
    ends = []
    for arrow in shapes(fig, FancyArrowPatch):
        path = arrow.get_path()
        points = path.vertices[path.codes != Path.CLOSEPOLY]
        start = points[0]
        ends.append((start, max(points, key=lambda point: np.hypot(*(point - start)))))
    return ends


# trace ---------------------------------------------------------------------

@pytest.mark.parametrize("step", [step for step in steps(first=7) if step.function("Square") and step.function("Exp")],
                         ids=lambda step: step.id)
def test_trace_finds_the_chain_of_three_functions(step):
    x, A, a, B, b, C, y = chain_of_three_in(step)
    nodes, edges = viz.trace(y)
    assert ids(nodes) == ids([x, A, a, B, b, C, y])
    assert edge_ids(edges) == edge_ids([(x, A), (A, a), (a, B), (B, b), (b, C), (C, y)])


def test_trace_of_a_branching_graph_finds_each_node_once():
    x = step07.Variable(np.array(2.0))
    square, exp, add = step07.Square(), step07.Exp(), Add()
    a, b = square(x), exp(x)
    y = add(a, b)
    nodes, edges = viz.trace(y)
    assert sorted(ids(nodes)) == sorted(ids([x, square, exp, a, b, add, y]))
    assert edge_ids(edges) == edge_ids([(x, square), (x, exp), (square, a), (exp, b),
                                        (a, add), (b, add), (add, y)])
    # By column: the input first, then both functions, both results, the join, the output.
    assert ids(nodes[:1]) == ids([x]) and ids(nodes[-2:]) == ids([add, y])
    assert sorted(ids(nodes[1:3])) == sorted(ids([square, exp]))


def test_trace_follows_weakly_held_outputs_and_skips_dead_ones():
    x = step07.Variable(np.arange(6.0).reshape(2, 3))
    split = Split()
    top, rest = split(x)
    y = step07.Square()(top)
    assert id(rest) in ids(viz.trace(y)[0])  # reached only through split.outputs
    del rest
    gc.collect()
    nodes, edges = viz.trace(y)
    assert len(nodes) == 5 and len(edges) == 4


def test_trace_keeps_an_input_used_twice_as_two_edges():
    x = step07.Variable(np.array(3.0))
    add = Add()
    y = add(x, x)
    nodes, edges = viz.trace(y)
    assert ids(nodes) == ids([x, add, y])
    assert edge_ids(edges) == edge_ids([(x, add), (x, add), (add, y)])


def test_trace_order_follows_the_graph_every_time():
    x = step07.Variable(np.array(2.0))
    square, exp, add = step07.Square(), step07.Exp(), Add()
    a, b = square(x), exp(x)
    y = add(a, b)
    for _ in range(2):
        nodes, edges = viz.trace(y)
        # By column; inside a column, in the order of Add's inputs. Edges by target, then source.
        assert ids(nodes) == ids([x, square, exp, a, b, add, y])
        assert [(id(s), id(t)) for s, t in edges] == [
            (id(s), id(t)) for s, t in [(x, square), (x, exp), (square, a), (exp, b),
                                        (a, add), (b, add), (add, y)]]


def test_trace_of_a_variable_without_creator_is_one_node():
    x = step07.Variable(np.array(1.0))
    nodes, edges = viz.trace(x)
    assert ids(nodes) == ids([x]) and edges == []


def test_trace_walks_a_very_deep_graph_without_recursion():
    x = step08.Variable(np.array(0.5))
    y = x
    for _ in range(100_000):
        y = step08.Square()(y)
    nodes, edges = viz.trace(y)
    assert len(nodes) == 200_001 and len(edges) == 200_000
    assert nodes[0] is x and nodes[-1] is y


@pytest.mark.parametrize("value, name", [(3, "int"), (np.array(1.0), "ndarray"), (step07.Square(), "Square")])
def test_trace_names_what_it_was_given_instead_of_a_variable(value, name):
    expected = rf"trace takes a Variable \(from dezero_steps.step07 or later\), not {name}$"
    with pytest.raises(TypeError, match=expected):
        viz.trace(value)


def trace_in_time(output, seconds=5.0):
    """Run trace in a thread: the exception it raised, or fail if it does not finish."""
    raised = []

    def run():
        try:
            viz.trace(output)
        except Exception as exc:  # handed to the test below
            raised.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "trace did not finish on a graph with a cycle"
    return raised


def test_trace_of_a_hand_built_cycle_raises_quickly():
    x = step07.Variable(np.array(1.0))
    x.name = "x"
    A, B = step07.Square(), step07.Exp()
    y = B(A(x))
    x.set_creator(B)  # B's output is now also where x comes from
    [error] = trace_in_time(y)
    assert isinstance(error, ValueError)
    assert "loops back" in str(error)
    assert "Square" in str(error) and "Exp" in str(error) and "x" in str(error)


def test_trace_of_a_function_that_feeds_itself_raises():
    x = step07.Variable(np.array(1.0))
    f = step07.Square()
    f(x)
    x.set_creator(f)
    [error] = trace_in_time(x)
    assert isinstance(error, ValueError) and "Square -> " in str(error)


# draw_chain ----------------------------------------------------------------

def test_draw_chain_draws_circles_boxes_and_arrows_left_to_right():
    labels = ["x", "A", "a", "B", "b", "C", "y"]
    fig = rendered(viz.draw_chain(labels, title="Forward"))
    assert len(shapes(fig, Circle)) == 4 and len(shapes(fig, FancyBboxPatch)) == 3
    assert sorted(texts(fig)) == sorted(labels)
    assert fig.axes[0].get_title() == "Forward"
    xs = [centre_of(fig, label)[0] for label in labels]
    assert xs == sorted(xs)
    ends = arrow_ends(fig)
    assert len(ends) == 6 and all(end[0] > start[0] for start, end in ends)


def test_draw_chain_arrows_run_from_outline_to_outline():
    fig = viz.draw_chain(["x", "A", "y"])
    [circle, _] = shapes(fig, Circle)
    [box] = shapes(fig, FancyBboxPatch)
    (start, end), _ = arrow_ends(fig)
    assert circle.radius < np.hypot(*(start - circle.center)) < circle.radius + 0.05
    assert box.get_x() - 0.05 < end[0] < box.get_x()


def test_draw_chain_backward_reverses_arrows_and_writes_gradients():
    grads = [r"$\frac{dy}{dx}$", r"$\frac{dy}{da}$", r"$\frac{dy}{dy}$"]
    fig = rendered(viz.draw_chain(["x", "A", "a", "B", "y"], backward=True, grads=grads))
    ends = arrow_ends(fig)
    assert len(ends) == 4 and all(end[0] < start[0] for start, end in ends)
    assert all(arrow.get_edgecolor() == to_rgba(viz.BACKWARD_COLOR)
               for arrow in shapes(fig, FancyArrowPatch))
    assert "A'" in texts(fig) and "B'" in texts(fig)
    for label, grad in zip(["x", "a", "y"], grads):
        assert np.isclose(centre_of(fig, grad)[0], centre_of(fig, label)[0])
        assert centre_of(fig, grad)[1] < centre_of(fig, label)[1]


def test_draw_chain_of_one_variable():
    fig = rendered(viz.draw_chain(["x"]))
    assert len(shapes(fig, Circle)) == 1 and not shapes(fig, FancyBboxPatch) and not arrow_ends(fig)
    assert texts(fig) == ["x"]


def test_a_title_wider_than_the_graph_is_not_clipped():
    fig = rendered(viz.draw_chain(["x"], title="A variable with nothing around it"))
    assert fig.get_size_inches()[0] > 3 * viz.RADIUS


def test_draw_chain_takes_multi_line_and_latex_labels():
    fig = rendered(viz.draw_chain(["x\n0.5", "$f$", "y\n0.25"], backward=True, grads=["$f'(x)$", "1"]))
    assert "$f'$" in texts(fig) and "x\n0.5" in texts(fig)
    # Circles grow to hold two lines.
    assert shapes(fig, Circle)[0].radius > viz.RADIUS


def test_draw_chain_rejects_bad_label_counts():
    with pytest.raises(ValueError, match="odd number of labels, not 2"):
        viz.draw_chain(["x", "A"])
    with pytest.raises(ValueError, match="one grad label per variable: 2 here, not 3"):
        viz.draw_chain(["x", "A", "y"], backward=True, grads=["a", "b", "c"])


def test_figure_width_grows_with_the_chain_and_circles_stay_round():
    short, long = viz.draw_chain(["x", "A", "y"]), viz.draw_chain(["x", "A", "a", "B", "b", "C", "y"])
    assert long.get_size_inches()[0] > short.get_size_inches()[0] + 2
    ax = long.axes[0]
    width, height = ax.get_position().width * long.get_size_inches()[0], \
        ax.get_position().height * long.get_size_inches()[1]
    assert np.isclose(np.ptp(ax.get_xlim()) / width, np.ptp(ax.get_ylim()) / height)
    assert ax.get_aspect() == 1.0 and not ax.axison


def test_drawing_functions_close_their_figures():
    open_before = len(plt.get_fignums())
    x = step07.Variable(np.array(0.5))
    figures = [viz.draw_chain(["x", "A", "y"]), viz.draw_diagram([("x", "f"), ("f", "y")], ["f"]),
               viz.draw_graph(step07.Square()(x))]
    assert len(plt.get_fignums()) == open_before
    for fig in figures:  # a closed figure still saves, as a notebook displays it
        fig.savefig(io.BytesIO(), format="png")


# draw_diagram --------------------------------------------------------------

BRANCH = [("x", "Square"), ("x", "Exp"), ("Square", "a"), ("Exp", "b"),
          ("a", "Add"), ("b", "Add"), ("Add", "y")]


def test_draw_diagram_lays_out_a_branching_graph_in_columns():
    fig = rendered(viz.draw_diagram(BRANCH, functions=["Square", "Exp", "Add"], title="Branch"))
    assert len(shapes(fig, Circle)) == 4 and len(shapes(fig, FancyBboxPatch)) == 3
    assert len(shapes(fig, FancyArrowPatch)) == 7
    assert sorted(texts(fig)) == sorted(["x", "Square", "Exp", "a", "b", "Add", "y"])
    x, square, exp, a, b, add, y = (centre_of(fig, label)
                                    for label in ["x", "Square", "Exp", "a", "b", "Add", "y"])
    assert x[0] < square[0] == exp[0] < a[0] == b[0] < add[0] < y[0]
    assert square[1] > exp[1] and np.isclose(square[1] + exp[1], 2 * x[1])  # spread and centred
    assert np.isclose(add[1], x[1]) and np.isclose(y[1], x[1])


def test_draw_diagram_puts_a_node_after_its_longest_path():
    fig = viz.draw_diagram([("x", "Square"), ("Square", "a"), ("a", "Add"), ("x", "Add"), ("Add", "y")],
                           functions=["Square", "Add"])
    assert centre_of(fig, "Add")[0] > centre_of(fig, "a")[0]
    assert len(shapes(fig, FancyArrowPatch)) == 5


def test_draw_diagram_puts_a_constant_just_before_the_node_it_feeds():
    fig = viz.draw_diagram([("x", "Square"), ("Square", "a"), ("a", "Add"), ("c", "Add"), ("Add", "y")],
                           functions=["Square", "Add"])
    assert np.isclose(centre_of(fig, "c")[0], centre_of(fig, "a")[0])
    assert centre_of(fig, "x")[0] < centre_of(fig, "Square")[0]


def test_draw_diagram_writes_edge_labels():
    fig = rendered(viz.draw_diagram(BRANCH, functions=["Square", "Exp", "Add"],
                                    edge_labels={("x", "Square"): "$2x$", ("Add", "y"): "1"}))
    assert "$2x$" in texts(fig) and "1" in texts(fig)
    label = centre_of(fig, "1")
    assert centre_of(fig, "Add")[0] < label[0] < centre_of(fig, "y")[0]
    with pytest.raises(ValueError, match="not in edges"):
        viz.draw_diagram(BRANCH, edge_labels={("y", "x"): "?"})


def test_a_notebook_style_changes_no_figure_size():
    def size():
        fig = viz.draw_diagram(BRANCH, functions=["Square", "Exp", "Add"],
                               edge_labels={("x", "Square"): "$2x$"}, title="Branch")
        return rendered(fig).get_size_inches()

    plain = size()
    with plt.rc_context({"font.family": "serif", "font.weight": "bold", "mathtext.fontset": "stix",
                         "axes.titlepad": 20}):
        styled = size()
    assert np.array_equal(styled, plain)


def test_draw_diagram_refuses_a_cycle_and_an_empty_graph():
    with pytest.raises(ValueError, match="loops back"):
        viz.draw_diagram([("a", "f"), ("f", "a")], functions=["f"])
    with pytest.raises(ValueError, match="at least one edge"):
        viz.draw_diagram([])


# draw_graph ----------------------------------------------------------------

def test_draw_graph_labels_values_names_and_class_names():
    x, A, a, B, b, C, y = chain_of_three(step07)
    fig = rendered(viz.draw_graph(y, title="y"))
    assert sorted(texts(fig)) == sorted(["0.5", "Square", "0.25", "Exp", "1.284", "Square", "1.649"])
    assert len(shapes(fig, Circle)) == 4 and len(shapes(fig, FancyBboxPatch)) == 3
    assert len(shapes(fig, FancyArrowPatch)) == 6
    x.name = "x"
    assert "x" in texts(viz.draw_graph(y)) and "0.5" not in texts(viz.draw_graph(y))


def test_draw_graph_labels_arrays_by_shape():
    y = step07.Exp()(step07.Variable(np.ones((2, 3))))
    assert sorted(texts(viz.draw_graph(y))) == ["(2, 3)", "(2, 3)", "Exp"]


def test_draw_graph_of_a_variable_without_creator():
    fig = rendered(viz.draw_graph(step07.Variable(np.array(1.5))))
    assert len(shapes(fig, Circle)) == 1 and not shapes(fig, FancyBboxPatch) and not arrow_ends(fig)
    assert texts(fig) == ["1.5"]


def test_draw_graph_of_a_branching_graph():
    x = step07.Variable(np.array(2.0))
    y = Add()(step07.Square()(x), step07.Exp()(x))
    fig = rendered(viz.draw_graph(y))
    assert len(shapes(fig, Circle)) == 4 and len(shapes(fig, FancyBboxPatch)) == 3
    assert len(shapes(fig, FancyArrowPatch)) == 7
    assert "Add" in texts(fig) and "11.39" in texts(fig)


def test_draw_graph_numbers_functions_in_the_given_order():
    x, A, a, B, b, C, y = chain_of_three(step07)
    fig = rendered(viz.draw_graph(y, order=[C, B, A]))
    badges = {text.get_text(): np.array(text.get_position()) for text in fig.axes[0].texts
              if text.get_text() in {"1", "2", "3"}}
    assert len(badges) == 3
    assert badges["1"][0] > badges["2"][0] > badges["3"][0]  # C is the rightmost box
    box_width = shapes(fig, FancyBboxPatch)[0].get_width()
    assert np.isclose(badges["2"][0], centre_of(fig, "Exp")[0] + box_width / 2)  # on Exp's corner


def test_draw_graph_joins_repeated_positions_and_refuses_strangers():
    x, A, a, B, b, C, y = chain_of_three(step07)
    assert "1, 3" in texts(viz.draw_graph(y, order=[C, B, C, A]))
    with pytest.raises(ValueError, match=r"order lists a function \(Exp\) that is not in the graph"):
        viz.draw_graph(y, order=[C, step07.Exp()])


def test_draw_graph_rejects_what_is_not_a_variable():
    with pytest.raises(TypeError, match="not float"):
        viz.draw_graph(1.0)
