"""Tests of the drawing options that Stage 2 adds to viz.draw_graph: generations and labels."""
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.patches import Circle, FancyArrowPatch

from dezero_steps import step14, step16, viz
from test_viz import centre_of, rendered, texts


def branch_and_join(step, at=2.0):
    """y = (x^2)^2 + (x^2)^2: a = x^2 feeds two squares that Add joins. Returns every node by name."""
    x = step.Variable(np.array(at))
    A, B, C, D = step.Square(), step.Square(), step.Square(), step.Add()
    a = A(x)
    b, c = B(a), C(a)
    y = D(b, c)
    return dict(x=x, A=A, a=a, B=B, b=b, C=C, c=c, D=D, y=y)


# By the definition (inputs 0, a function the largest of its inputs, an output one more):
BRANCH_GENERATIONS = dict(x=0, A=0, a=1, B=1, b=2, C=1, c=2, D=2, y=3)


def names_as_labels(nodes):
    return {node: name for name, node in nodes.items()}


def test_generations_true_reads_the_nodes_and_writes_them_under_each():
    nodes = branch_and_join(step16)
    assert {name: node.generation for name, node in nodes.items()} == BRANCH_GENERATIONS
    fig = rendered(viz.draw_graph(nodes["y"], generations=True, labels=names_as_labels(nodes)))
    notes = sorted(text for text in texts(fig) if text.startswith("gen "))
    assert notes == sorted(f"gen {g}" for g in BRANCH_GENERATIONS.values())
    # Each note sits just under its node: same x, lower y, closer than any other node.
    for name, generation in BRANCH_GENERATIONS.items():
        centre = centre_of(fig, name)
        under = [np.array(t.get_position()) for t in fig.axes[0].texts if t.get_text() == f"gen {generation}"]
        assert any(np.isclose(p[0], centre[0]) and p[1] < centre[1] for p in under), name


def test_generations_are_columns_variables_then_functions():
    nodes = branch_and_join(step16)
    fig = viz.draw_graph(nodes["y"], generations=True, labels=names_as_labels(nodes))
    x = {name: centre_of(fig, name)[0] for name in nodes}
    assert x["x"] < x["A"] < x["a"] < x["B"] == x["C"] < x["b"] == x["c"] < x["D"] < x["y"]


def test_an_input_of_generation_0_stays_in_the_first_column():
    """By default an input sits just before the function it feeds; by generation it is generation 0."""
    x, z = step16.Variable(np.array(2.0)), step16.Variable(np.array(1.0))
    y = step16.add(step16.square(step16.square(x)), z)
    labels = {x: "x", z: "z", y.creator: "Add"}
    plain = viz.draw_graph(y, labels=labels)
    by_generation = rendered(viz.draw_graph(y, generations=True, labels=labels))
    assert centre_of(plain, "z")[0] > centre_of(plain, "x")[0] + 1
    assert np.isclose(centre_of(by_generation, "z")[0], centre_of(by_generation, "x")[0])
    assert z.generation == 0 and y.creator.generation == 2


def test_a_note_leaves_room_for_an_arrow_passing_below():
    """z (generation 0) feeds Add (generation 2): its arrow passes under the squares' outputs and
    their notes, and must not run through a note."""
    x, z = step16.Variable(np.array(2.0)), step16.Variable(np.array(1.0))
    a = step16.square(x)
    y = step16.add(step16.square(a), z)
    fig = viz.draw_graph(y, generations=True, labels={x: "x", z: "z", a: "a"})
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    to_data = fig.axes[0].transData.inverted()
    [note] = [t for t in fig.axes[0].texts if t.get_text() == "gen 1"
              and np.isclose(t.get_position()[0], centre_of(fig, "a")[0])]
    box = note.get_window_extent(canvas.get_renderer()).transformed(to_data)
    start = centre_of(fig, "z")
    [arrow] = [p for p in fig.axes[0].patches if type(p) is FancyArrowPatch
               and np.hypot(*(p.get_path().vertices[0] - start)) < 0.5]
    points = arrow.get_path().vertices
    below_note = points[(points[:, 0] > box.x0) & (points[:, 0] < box.x1)]
    assert len(below_note) and np.all(below_note[:, 1] < box.y0)


def test_generations_from_a_dict_for_objects_without_them():
    nodes = branch_and_join(step14)
    assert not hasattr(nodes["y"], "generation")
    generations = {node: BRANCH_GENERATIONS[name] for name, node in nodes.items()}
    fig = rendered(viz.draw_graph(nodes["y"], generations=generations, labels=names_as_labels(nodes)))
    assert texts(fig).count("gen 1") == 3 and texts(fig).count("gen 3") == 1
    assert centre_of(fig, "B")[0] == centre_of(fig, "C")[0] < centre_of(fig, "b")[0]


def test_generations_true_without_the_attribute_says_what_to_do():
    nodes = branch_and_join(step14)
    with pytest.raises(ValueError, match=r"from step 16 on\); pass a dict"):
        viz.draw_graph(nodes["y"], generations=True)


def test_a_dict_missing_a_node_or_out_of_order_is_refused():
    nodes = branch_and_join(step14)
    generations = {node: BRANCH_GENERATIONS[name] for name, node in nodes.items()}
    del generations[nodes["c"]]
    with pytest.raises(ValueError, match="no generation for Variable 16"):
        viz.draw_graph(nodes["y"], generations=generations)
    generations[nodes["c"]] = 2
    generations[nodes["D"]] = 1  # D comes after b and c, of generation 2
    with pytest.raises(ValueError, match=r"generations put Add \(generation 1\) no later than"):
        viz.draw_graph(nodes["y"], generations=generations)


def test_order_badges_and_generations_together():
    nodes = branch_and_join(step16)
    order = [nodes[name] for name in "DCBA"]
    fig = rendered(viz.draw_graph(nodes["y"], order=order, generations=True, labels=names_as_labels(nodes)))
    for number, name in enumerate("DCBA", start=1):
        badge = centre_of(fig, str(number))
        assert badge[0] > centre_of(fig, name)[0] and badge[1] > centre_of(fig, name)[1]


def test_labels_replace_the_labels_they_name_only():
    nodes = branch_and_join(step16)
    fig = viz.draw_graph(nodes["y"], labels={nodes["A"]: "A: Square", nodes["x"]: "x\n2"})
    assert "A: Square" in texts(fig) and "x\n2" in texts(fig)
    assert texts(fig).count("Square") == 2 and "Add" in texts(fig) and "32" in texts(fig)
    assert len([p for p in fig.axes[0].patches if type(p) is Circle]) == 5


def test_labels_refuse_a_node_of_another_graph():
    nodes = branch_and_join(step16)
    stranger = step16.Variable(np.array(1.0))
    with pytest.raises(ValueError, match="labels names a Variable that is not in the graph"):
        viz.draw_graph(nodes["y"], labels={stranger: "s"})


def test_without_the_new_options_nothing_changes():
    nodes = branch_and_join(step16)
    plain = viz.draw_graph(nodes["y"])
    explicit = viz.draw_graph(nodes["y"], generations=None, labels=None)
    assert texts(plain) == texts(explicit) and not any(t.startswith("gen ") for t in texts(plain))
    assert np.array_equal(plain.get_size_inches(), explicit.get_size_inches())
