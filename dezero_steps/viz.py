"""Pictures of computational graphs, drawn with matplotlib.

Variables are circles, functions are boxes, and arrows run left to right in
the direction data flows. Four entry points:

- `draw_chain(labels)`: a straight chain such as x -> A -> a -> B -> b, forward
  or backward.
- `draw_diagram(edges, functions)`: a small graph described by hand.
- `trace(output)`: the nodes and edges of the real graph behind a Variable.
- `draw_graph(output)`: a picture of that real graph.

Each drawing function returns a closed Figure: end a notebook cell with the
call and the picture appears once. Change the constants below to restyle every
picture.
"""
import weakref
from collections import Counter, deque

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import cbook
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch
from matplotlib.path import Path
from matplotlib.textpath import TextToPath

VARIABLE_COLOR = "#fde3bf"   # fill of variable circles
VARIABLE_EDGE = "#d9822b"    # outline of variable circles
FUNCTION_COLOR = "#d6e6f7"   # fill of function boxes
FUNCTION_EDGE = "#2f6fb0"    # outline of function boxes
FORWARD_COLOR = "#3c3c3c"    # arrows of the forward pass
BACKWARD_COLOR = "#c0392b"   # arrows and gradients of the backward pass
ORDER_COLOR = "#6a3d9a"      # badges that number functions
GENERATION_COLOR = "#555555" # generation written under each node

# Shapes are sized to the text they hold: a font shipped with matplotlib keeps every picture the
# same size whatever fonts a machine has or a notebook sets.
FONT = dict(family="DejaVu Sans", math_fontfamily="dejavusans", weight="normal")
FONT_SIZE = 14               # node labels and gradients, in points
SMALL_FONT_SIZE = 12         # edge labels and order numbers
TITLE_FONT_SIZE = 14
TITLE_PAD = 6                # points between the drawing and its title

# Lengths are in inches: one unit of the drawing is one inch of the figure.
RADIUS = 0.36                # smallest circle
BOX_SIZE = (0.8, 0.5)        # smallest box (width, height)
PADDING = 0.1                # room between a label and the outline around it
COLUMN_GAP = 0.55            # horizontal room for arrows between columns
ROW_GAP = 0.4                # vertical room between nodes of one column
MARGIN = 0.15                # blank border around the drawing
LINE_WIDTH = 1.5
ARROW_HEAD = 16              # size of arrow heads
CORNER = 0.1                 # rounding of box corners
LINE_GAP = 0.2               # vertical room between arrows passing a column side by side
TWIN_BEND = 0.5              # how far arrows joining the same two nodes fan out
POINT_SPACING = 0.01         # spacing of the points that trace an arrow
SWEEPS = 4                   # layout passes over the columns

NOTE_STYLE = dict(FONT, fontsize=FONT_SIZE, color=BACKWARD_COLOR)
EDGE_LABEL_STYLE = dict(FONT, fontsize=SMALL_FONT_SIZE, color=FORWARD_COLOR,
                        bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none"))
GENERATION_STYLE = dict(FONT, fontsize=SMALL_FONT_SIZE, color=GENERATION_COLOR)
BADGE_STYLE = dict(FONT, fontsize=SMALL_FONT_SIZE, color="white", weight="bold",
                   bbox=dict(boxstyle="round,pad=0.25", fc=ORDER_COLOR, ec="none"))


def draw_chain(labels, *, backward=False, grads=None, title=None):
    r"""Draw a chain variable -> function -> variable -> ... and return the Figure.

    `labels` alternate variable and function, starting and ending with a
    variable: ["x", "A", "a", "B", "b"]. With `backward=True` the arrows run
    right to left, as gradients do, and each function box shows its derivative
    (A becomes A'). `grads`, one label per variable from left to right, is
    written under the variables (`\dfrac` draws a fraction larger than `\frac`).
    """
    labels = list(labels)
    if len(labels) % 2 == 0:
        raise ValueError("draw_chain takes labels alternating variable, function, variable, ..., "
                         f"starting and ending with a variable: an odd number of labels, not {len(labels)}")
    variables = range(0, len(labels), 2)
    if grads is not None and len(grads) != len(variables):
        raise ValueError(f"draw_chain takes one grad label per variable: {len(variables)} here, "
                         f"not {len(grads)}")
    functions = set(range(1, len(labels), 2))
    texts = {i: _prime(str(label)) if backward and i in functions else label
             for i, label in enumerate(labels)}
    notes = dict(zip(variables, grads or ()))
    edges = [(i, i + 1) for i in range(len(labels) - 1)]
    return _draw([[i] for i in range(len(labels))], texts, functions, edges,
                 title=title, backward=backward, notes=notes)


def draw_diagram(edges, functions=(), *, edge_labels=None, title=None):
    """Draw a small graph given as (source, target) label pairs and return the Figure.

    Labels listed in `functions` are boxes, the others circles. A node's column
    is its longest distance from a node without incoming arrows; such a
    starting node sits just before the first node it feeds. `edge_labels` maps
    an edge (source, target) to text written on its arrow.
    """
    edges = [tuple(edge) for edge in edges]
    if not edges and not functions:
        raise ValueError("draw_diagram takes at least one edge, e.g. [('x', 'Square'), ('Square', 'y')]")
    edge_labels = dict(edge_labels or {})
    for edge in edge_labels:
        if edge not in edges:
            raise ValueError(f"edge_labels names the edge {edge!r}, which is not in edges")
    keys = list(dict.fromkeys([label for edge in edges for label in edge] + list(functions)))
    columns = _columns(keys, edges, str)
    return _draw(_group(keys, columns), {key: key for key in keys}, set(functions), edges,
                 title=title, edge_labels=edge_labels)


def trace(output):
    """The graph behind `output`: (nodes, edges).

    `nodes` holds every Variable and Function once, ordered by layout column
    (distance from the inputs), then by the order the walk found them. `edges`
    holds (source, target) pairs: input Variable -> Function and
    Function -> output Variable, ordered by target, then by source. Works with
    the Variable of any step from 7 on.
    """
    if not _is_variable(output):
        raise TypeError(f"trace takes a Variable (from dezero_steps.step07 or later), "
                        f"not {type(output).__name__}")
    found = {id(output): output}  # every node once, in the order the walk meets it
    edges = []
    queue = deque([output])
    while queue:  # a loop, not recursion: graphs may be many thousands of nodes deep
        node = queue.popleft()
        if _is_variable(node):
            neighbours = [] if node.creator is None else [node.creator]
            edges += [(creator, node) for creator in neighbours]
        else:
            neighbours = _inputs(node) + _outputs(node)
            edges += [(x, node) for x in _inputs(node)]
        for other in neighbours:
            if id(other) not in found:
                found[id(other)] = other
                queue.append(other)
    keys = list(found)
    columns = _columns(keys, [(id(s), id(t)) for s, t in edges], lambda key: _label(found[key]))
    nodes = [found[key] for key in sorted(keys, key=lambda key: columns[key])]
    place = {id(node): i for i, node in enumerate(nodes)}
    edges.sort(key=lambda edge: (place[id(edge[1])], place[id(edge[0])]))
    return nodes, edges


def draw_graph(output, *, order=None, generations=None, labels=None, title=None):
    """Draw the real graph behind the Variable `output` and return the Figure.

    Variables show their name, else their value when they hold one number,
    else their shape; functions show their class name. `order` is an optional
    list of Function objects: each box gets its 1-based position(s) in it,
    e.g. the order in which backward visits the functions.

    `generations` lays the graph out by generation and writes each node's
    generation under it: variables of generation g in one column, the
    functions of generation g in the next. Pass True to read the `generation`
    of every node (step 16 on), or a dict {node: generation} for objects that
    have none.

    `labels`, a dict {node: text}, replaces the label of the nodes it names.
    """
    nodes, edges = trace(output)
    keys = [id(node) for node in nodes]
    functions = {id(node) for node in nodes if not _is_variable(node)}
    positions = {}
    for position, function in enumerate(order or (), start=1):
        if id(function) not in keys:
            raise ValueError(f"order lists a function ({type(function).__name__}) that is not in "
                             "the graph of this output")
        positions.setdefault(id(function), []).append(str(position))
    for node in labels or {}:
        if id(node) not in keys:
            raise ValueError(f"labels names a {type(node).__name__} that is not in the graph of this output")
    given = {id(node): str(text) for node, text in (labels or {}).items()}
    labels = {id(node): given.get(id(node), _label(node)) for node in nodes}
    edges = [(id(s), id(t)) for s, t in edges]
    notes = {}
    if generations is None or generations is False:
        columns = _columns(keys, edges, str)
    else:
        found = _generations(nodes, generations)
        columns = {key: 2 * found[key] + (key in functions) for key in keys}
        for source, target in edges:
            if columns[target] <= columns[source]:
                raise ValueError(f"generations put {labels[target]} (generation {found[target]}) no later "
                                 f"than {labels[source]} (generation {found[source]}), which feeds it: "
                                 "a function's generation is the largest of its inputs', and an output's "
                                 "is one more than its creator's")
        notes = {key: f"gen {generation}" for key, generation in found.items()}
    return _draw(_group(keys, columns), labels, functions, edges, title=title,
                 badges={key: ", ".join(numbers) for key, numbers in positions.items()},
                 notes=notes, note_style=GENERATION_STYLE)


# Reading graphs -----------------------------------------------------------

def _is_variable(obj):
    return hasattr(obj, "data") and hasattr(obj, "creator")


def _inputs(function):
    """A function's inputs: `inputs` (a list, step 11 on) or `input` (steps 7-10)."""
    inputs = getattr(function, "inputs", None)
    if inputs is None:
        inputs = [] if getattr(function, "input", None) is None else [function.input]
    return list(inputs)


def _outputs(function):
    """A function's live outputs: `outputs` (a list, maybe of weak references) or `output`."""
    outputs = getattr(function, "outputs", None)
    if outputs is None:
        outputs = [] if getattr(function, "output", None) is None else [function.output]
    outputs = [y() if isinstance(y, weakref.ref) else y for y in outputs]
    return [y for y in outputs if y is not None]


def _generations(nodes, generations):
    """{id(node): generation}, read from each node (generations=True) or from a dict keyed by node."""
    given = {} if generations is True else {id(node): value for node, value in generations.items()}
    found = {}
    for node in nodes:
        if generations is True:
            generation = getattr(node, "generation", None)
            if generation is None:
                raise ValueError(f"draw_graph(generations=True) reads each node's `generation`, which "
                                 f"this {type(node).__name__} does not have (Variable and Function have it "
                                 "from step 16 on); pass a dict {node: generation} instead")
        else:
            generation = given.get(id(node))
            if generation is None:
                raise ValueError(f"generations gives no generation for {type(node).__name__} "
                                 f"{_label(node)}: give one for every node of the graph")
        found[id(node)] = int(generation)
    return found


def _label(node):
    """Name, else value of a single number, else shape; class name for a function."""
    if not _is_variable(node):
        return type(node).__name__
    if getattr(node, "name", None) is not None:
        return str(node.name)
    if node.data is None:
        return "None"
    if np.size(node.data) == 1:
        return format(float(np.ravel(node.data)[0]), ".4g")
    return str(tuple(np.shape(node.data)))


def _columns(keys, edges, describe):
    """{key: column}: the longest distance from a node with no incoming edge.

    Such a source node (an input, a constant) then moves right to sit just
    before the first node that uses it. Raises ValueError naming a cycle,
    using `describe(key)` for each node.
    """
    waiting = {key: 0 for key in keys}  # incoming edges not yet counted
    targets = {key: [] for key in keys}
    for source, target in edges:
        waiting[target] += 1
        targets[source].append(target)
    column = {key: 0 for key in keys}
    sources = [key for key in keys if waiting[key] == 0]
    ready = list(sources)
    while ready:
        source = ready.pop()
        for target in targets[source]:
            column[target] = max(column[target], column[source] + 1)
            waiting[target] -= 1
            if waiting[target] == 0:
                ready.append(target)
    stuck = {key for key in keys if waiting[key] > 0}
    if stuck:
        cycle = " -> ".join(describe(key) for key in _cycle(stuck, edges))
        raise ValueError(f"the graph loops back on itself ({cycle}); a computational graph "
                         "has no cycles, so check the creator and inputs set by hand")
    for source in sources:
        if targets[source]:
            column[source] = min(column[target] for target in targets[source]) - 1
    return column


def _cycle(stuck, edges):
    """A cycle among nodes that each still have an incoming edge from another stuck node."""
    source_of = {target: source for source, target in edges if source in stuck and target in stuck}
    path = [next(iter(stuck))]
    while source_of[path[-1]] not in path:
        path.append(source_of[path[-1]])
    cycle = path[path.index(source_of[path[-1]]):][::-1]
    return cycle + cycle[:1]


def _group(keys, columns):
    """Keys split into lists, one per column, keeping their order."""
    grouped = [[] for _ in range(max(columns.values(), default=0) + 1)]
    for key in keys:
        grouped[columns[key]].append(key)
    return grouped


# Layout -------------------------------------------------------------------

_TEXT_PATH = TextToPath()  # measures text without drawing it


def _text_size(text, size):
    """(width, height) of a label in inches; a line is measured as $math$ when matplotlib draws it so."""
    prop = FontProperties(size=size, **FONT)
    sizes = [_TEXT_PATH.get_text_width_height_descent(line, prop, ismath=cbook.is_math_text(line))
             for line in str(text).split("\n")]
    width = max(w for w, _, _ in sizes)
    height = sum(max(h, size) * 1.2 for _, h, _ in sizes)
    return np.array([width, height]) / 72


def _shape_sizes(labels, functions):
    """Half width and half height of every node: one circle size, one box size."""
    measured = {key: _text_size(text, FONT_SIZE) for key, text in labels.items()}
    radius = max([RADIUS] + [np.hypot(*measured[k]) / 2 + PADDING / 2
                             for k in labels if k not in functions])
    box = np.max([BOX_SIZE] + [measured[k] + [2 * PADDING, PADDING] for k in functions], axis=0)
    return {key: box / 2 if key in functions else np.array([radius, radius]) for key in labels}


def _waypoints(columns, edges):
    """Give each edge that skips columns a waypoint in every column it crosses.

    Returns the columns with the waypoints added and, for every edge, its
    route: source, waypoints, target. Waypoints are laid out like nodes, so
    long arrows run between the nodes instead of through them.
    """
    columns = [list(column) for column in columns]
    column_of = {key: i for i, column in enumerate(columns) for key in column}
    routes = []
    for source, target in edges:
        waypoints = [object() for _ in range(column_of[source] + 1, column_of[target])]
        for i, waypoint in enumerate(waypoints):
            columns[column_of[source] + 1 + i].append(waypoint)
        routes.append([source, *waypoints, target])
    return columns, routes


def _neighbours(links):
    """({key: keys linked to it from the left}, {key: keys linked to it from the right})."""
    before, after = {}, {}
    for source, target in links:
        before.setdefault(target, []).append(source)
        after.setdefault(source, []).append(target)
    return before, after


def _untangle(columns, links):
    """Reorder the nodes inside each column so that fewer arrows cross.

    Sweeping right, then left, each node moves to the mean height of its
    neighbours in the column swept just before (the barycentre heuristic).
    """
    before, after = _neighbours(links)
    height = {}

    def place(column):
        height.update({key: (len(column) - 1) / 2 - i for i, key in enumerate(column)})

    for column in columns:
        place(column)
    for _ in range(SWEEPS):
        for neighbours, sweep in ((before, columns), (after, columns[::-1])):
            for column in sweep:
                column.sort(key=lambda key: -np.mean([height[n] for n in neighbours.get(key, [key])]))
                place(column)
    return columns


def _centres(columns, links, half, gap, below=None):
    """Centre of every node and waypoint.

    Columns run left to right. Inside a column the order is kept, and each
    node sits as close as room allows to the mean height of its neighbours,
    so that chains come out straight. `below` maps a key to the height of
    the text written under it, for which the node below leaves room.
    """
    below = below or {}
    centres, x = {}, 0.0
    for column in columns:
        width = max((half[key][0] for key in column), default=0.0)  # a column may be empty
        centres.update({key: np.array([x + width, 0.0]) for key in column})
        x += 2 * width + gap
    before, after = _neighbours(links)
    for _ in range(SWEEPS):
        for neighbours, sweep in ((before, columns), (after, columns[::-1])):
            for column in sweep:
                wanted = [np.mean([centres[n][1] for n in neighbours.get(key, [key])]) for key in column]
                # Waypoints have no width; two nodes need more room between them than arrows do.
                room = [half[a][1] + below.get(a, 0.0) + half[b][1]
                        + (ROW_GAP if half[a][0] and half[b][0] else LINE_GAP)
                        for a, b in zip(column, column[1:])]
                for key, y in zip(column, _spread(wanted, room)):
                    centres[key][1] = y
    return centres


def _spread(wanted, room):
    """Heights, top to bottom, closest to `wanted` with neighbours at least `room` apart.

    Least squares under order constraints: pool adjacent values that would
    collide and move each pool as a block to its mean.
    """
    offsets = np.concatenate([[0.0], np.cumsum(room)])
    pools = []  # [sum, count] of runs of nodes packed together
    for value in np.asarray(wanted) + offsets:
        pools.append([value, 1])
        while len(pools) > 1 and pools[-2][0] / pools[-2][1] < pools[-1][0] / pools[-1][1]:
            total, count = pools.pop()
            pools[-1][0] += total
            pools[-1][1] += count
    return np.repeat([total / count for total, count in pools], [count for _, count in pools]) - offsets


def _paths(routes, centres, half, functions):
    """Points along every arrow, from the outline of its source to the outline of its target."""
    repeats = Counter((route[0], route[-1]) for route in routes)
    drawn = Counter()
    paths = []
    for route in routes:
        ends = (route[0], route[-1])
        corners = [centres[key] for key in route]
        if repeats[ends] > 1 and len(route) == 2:  # the same pair linked again: fan the arrows out
            bend = (drawn[ends] - (repeats[ends] - 1) / 2) * TWIN_BEND
            drawn[ends] += 1
            points = _arc(*corners, bend)
        else:
            points = np.concatenate([_curve(a, b) for a, b in zip(corners, corners[1:])])
        for key in ends:
            points = points[_outside(points, centres[key], half[key], key in functions)]
        paths.append(points)
    return paths


def _curve(a, b):
    """Points along an S-shaped curve from a to b that leaves and arrives horizontally."""
    handle = np.array([(b[0] - a[0]) / 2, 0.0])
    t = np.linspace(0, 1, int(np.hypot(*(b - a)) / POINT_SPACING) + 2)[:, None]
    return ((1 - t) ** 3 * a + 3 * t * (1 - t) ** 2 * (a + handle)
            + 3 * t ** 2 * (1 - t) * (b - handle) + t ** 3 * b)


def _arc(a, b, bend):
    """Points along a quadratic curve from a to b bulging `bend` times their distance to one side."""
    control = (a + b) / 2 + bend * np.array([a[1] - b[1], b[0] - a[0]])
    t = np.linspace(0, 1, int(np.hypot(*(b - a)) / POINT_SPACING) + 2)[:, None]
    return (1 - t) ** 2 * a + 2 * t * (1 - t) * control + t ** 2 * b


def _outside(points, centre, half, is_box):
    """Which points lie outside a node's shape."""
    offset = np.abs(points - centre)
    if is_box:
        return np.any(offset > half, axis=1)
    return np.hypot(*offset.T) > half[0]


# Drawing ------------------------------------------------------------------

def _prime(label):
    """The derivative's label: A -> A', $f$ -> $f'$."""
    return label[:-1] + "'$" if label.endswith("$") else label + "'"


def _draw(columns, labels, functions, edges, *, title=None, backward=False,
          edge_labels=None, notes=None, note_style=NOTE_STYLE, badges=None):
    """Lay out and draw a graph; return the closed Figure.

    `columns`: lists of node keys, left to right. `labels`: {key: text}.
    `functions`: keys drawn as boxes. `edges`: (source, target) key pairs.
    `notes`: {key: text under the node}, written in `note_style`.
    `badges`: {key: text on the box corner}.
    """
    edge_labels, notes, badges = edge_labels or {}, notes or {}, badges or {}
    half = _shape_sizes(labels, functions)
    columns, routes = _waypoints(columns, edges)
    half.update({key: np.zeros(2) for column in columns for key in column if key not in labels})
    links = [link for route in routes for link in zip(route, route[1:])]
    # An edge label sits on its arrow: leave room for it and for the arrow head.
    label_widths = [_text_size(text, EDGE_LABEL_STYLE["fontsize"])[0] for text in edge_labels.values()]
    gap = max([COLUMN_GAP] + [width + 4 * PADDING + 2 * ARROW_HEAD / 72 for width in label_widths])
    below = {key: _text_size(text, note_style["fontsize"])[1] + PADDING for key, text in notes.items()}
    centres = _centres(_untangle(columns, links), links, half, gap, below)
    paths = _paths(routes, centres, half, functions)

    extras = []  # (centre, text, style) of the texts beside the shapes
    for key, text in notes.items():
        height = _text_size(text, note_style["fontsize"])[1]
        extras.append((centres[key] - [0, half[key][1] + PADDING + height / 2], text, note_style))
    for edge, points in zip(edges, paths):
        if edge in edge_labels:
            extras.append((points[len(points) // 2], edge_labels[edge], EDGE_LABEL_STYLE))
    extras += [(centres[key] + half[key], text, BADGE_STYLE) for key, text in badges.items()]

    # Everything drawn must fit: shapes, arrows and texts.
    corners = [centres[key] + sign * half[key] for key in labels for sign in (-1, 1)]
    corners += [point for points in paths for point in points]
    for centre, text, style in extras:
        size = _text_size(text, style["fontsize"]) / 2 + PADDING / 2
        corners += [centre - size, centre + size]
    low, high = np.min(corners, axis=0) - MARGIN, np.max(corners, axis=0) + MARGIN
    title_height = 0.0
    if title is not None:  # room above for the title, its pad and 1/15 inch of air; width for it, centred
        title_width, title_height = _text_size(title, TITLE_FONT_SIZE) + [2 * MARGIN, TITLE_PAD / 72 + 1 / 15]
        extra = max(0.0, title_width - (high[0] - low[0]))
        low[0], high[0] = low[0] - extra / 2, high[0] + extra / 2
    width, height = high - low

    fig, ax = plt.subplots(figsize=(width, height + title_height))
    ax.set_position([0, 0, 1, height / (height + title_height)])
    ax.set_xlim(low[0], high[0])
    ax.set_ylim(low[1], high[1])
    ax.set_aspect("equal")
    ax.axis("off")
    if title is not None:
        ax.set_title(title, fontsize=TITLE_FONT_SIZE, pad=TITLE_PAD, **FONT)
    for key, text in labels.items():
        _node(ax, centres[key], half[key], text, key in functions)
    for points in paths:
        ax.add_patch(FancyArrowPatch(path=Path(points[::-1] if backward else points), arrowstyle="-|>",
                                     mutation_scale=ARROW_HEAD, lw=LINE_WIDTH, zorder=1,
                                     color=BACKWARD_COLOR if backward else FORWARD_COLOR))
    for centre, text, style in extras:
        ax.text(*centre, text, ha="center", va="center", zorder=4, **style)
    plt.close(fig)
    return fig


def _node(ax, centre, half, text, is_function):
    """Draw one box or circle with its label."""
    if is_function:
        ax.add_patch(FancyBboxPatch(centre - half, *2 * half, boxstyle=f"round,pad=0,rounding_size={CORNER}",
                                    fc=FUNCTION_COLOR, ec=FUNCTION_EDGE, lw=LINE_WIDTH, zorder=2))
    else:
        ax.add_patch(Circle(centre, half[0], fc=VARIABLE_COLOR, ec=VARIABLE_EDGE, lw=LINE_WIDTH, zorder=2))
    ax.text(*centre, text, fontsize=FONT_SIZE, ha="center", va="center", multialignment="center", zorder=3,
            **FONT)
