"""Figures for lecture 2.7 (and 2.8, which draws its gradients): a computation graph, with matplotlib alone (no
graphviz needed).

A graph is given by its output node. Any object with these attributes can be a node:

- `data`: the node's value (a number);
- `parents`: a tuple of the nodes it was computed from (empty for an input);
- `op`: the operation that made it, e.g. `"+"`, `"*"` (empty for an input);
- `label`: its name, e.g. `"u"` (may be empty for a constant such as the 3 in `3 * v`).

The course's `Value` classes have these attributes, and so does `Node` below, a plain record for drawing a graph
whose numbers you already know. Values are drawn in black, gradients in red as `dlabel = ...` (the course's
`dvar` naming: `dv` stands for dJ/dv).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from utils.plotting.style import WIDTH, course_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

HIGHLIGHT_COLOR = "#ffd54f"
NODE_COLOR = "#e3f2fd"
INPUT_COLOR = "#f1f8e9"
UNKNOWN_COLOR = "#eeeeee"
GRAD_COLOR = "#c62828"


@dataclass(eq=False)
class Node:
    """A graph node: `Node("u", 6, (b, c), "*")`. It only records; it computes nothing.

    `data=None` leaves the value unknown (drawn as `?`), for a graph whose values the reader works out.
    """

    label: str
    data: float | None = None
    parents: tuple[Any, ...] = field(default_factory=tuple)
    op: str = ""


def format_number(x: float) -> str:
    """A short, deterministic rendering: 33 -> '33', 0.5 -> '0.5', 1/3 -> '0.3333'."""
    x = float(x)
    if x == int(x) and abs(x) < 1e12:
        return str(int(x))
    return f"{x:.4g}"


def name_of(node: Any) -> str:
    """The node's label, or its value for an unlabelled constant."""
    return getattr(node, "label", "") or format_number(node.data)


def graph_nodes(output: Any) -> list[Any]:
    """Every node the output depends on, itself included, each once, in breadth-first discovery order.

    The output comes first; this is the order of discovery for drawing, not an order to run a backward pass in.
    """
    found: list[Any] = [output]
    ids = {id(output)}
    i = 0
    while i < len(found):
        for p in found[i].parents:
            if id(p) not in ids:
                ids.add(id(p))
                found.append(p)
        i += 1
    return found


def layout(output: Any) -> dict[int, tuple[float, float]]:
    """Positions `(x, y)` of the nodes, by `id(node)`: x is the column (inputs at 0, the output rightmost)."""
    nodes = graph_nodes(output)
    depth = {id(n): 0 for n in nodes}
    changed = True
    while changed:  # longest distance from an input, by relaxation (graphs here are small)
        changed = False
        for n in nodes:
            for p in n.parents:
                if depth[id(n)] < depth[id(p)] + 1:
                    depth[id(n)] = depth[id(p)] + 1
                    changed = True
    nodes.sort(key=lambda n: depth[id(n)])
    consumers: dict[int, list[Any]] = {id(n): [] for n in nodes}
    for n in nodes:
        for p in n.parents:
            consumers[id(p)].append(n)
    column: dict[int, int] = {}
    for node in nodes:
        if not node.parents and not getattr(node, "label", "") and consumers[id(node)]:
            # an unlabelled constant sits just left of the first node that uses it
            column[id(node)] = max(0, min(depth[id(c)] for c in consumers[id(node)]) - 1)
        else:
            column[id(node)] = depth[id(node)]
    y: dict[int, float] = {}
    leaves = [n for n in nodes if not n.parents and column[id(n)] == 0]
    for i, node in enumerate(leaves):
        y[id(node)] = -float(i)
    for node in nodes:
        if id(node) in y:
            continue
        if node.parents:
            placed = [y[id(p)] for p in node.parents if id(p) in y]
            y[id(node)] = sum(placed) / len(placed) if placed else 0.0
        # constants are placed once their consumer is known (below)
    for node in nodes:
        if id(node) not in y:
            user = consumers[id(node)][0]
            siblings = [y[id(p)] for p in user.parents if id(p) in y and p is not node]
            y[id(node)] = (min(siblings) if siblings else 0.0) - 1.0
    # Recompute non-leaf positions now that every parent is placed, then spread each column apart.
    for node in nodes:
        if node.parents:
            y[id(node)] = sum(y[id(p)] for p in node.parents) / len(node.parents)
    by_column: dict[int, list[Any]] = {}
    for node in nodes:
        by_column.setdefault(column[id(node)], []).append(node)
    for members in by_column.values():
        members.sort(key=lambda n: -y[id(n)])
        for upper, lower in zip(members, members[1:], strict=False):
            if y[id(upper)] - y[id(lower)] < 1.0:
                y[id(lower)] = y[id(upper)] - 1.0
    return {id(n): (2.2 * column[id(n)], y[id(n)]) for n in nodes}


def skip_bend(pos: Mapping[int, tuple[float, float]], start: tuple[float, float], end: tuple[float, float]) -> float:
    """The curvature (matplotlib's arc3 `rad`) of an edge from `start` to `end` that skips over columns.

    An edge between neighbouring columns is straight. A longer one bends away from the nodes standing in the
    columns it passes (downwards when they sit above its midpoint), so it never runs through their boxes.
    """
    between = [y for x, y in pos.values() if start[0] < x < end[0]]
    if not between:
        return 0.0
    middle = (start[1] + end[1]) / 2
    return 0.35 if sum(between) / len(between) >= middle else -0.35


@course_figure
def draw_computation_graph(
    output: Any,
    *,
    known: Collection[str] | None = None,
    grads: Mapping[str, float] | None = None,
    highlight: str | None = None,
    caption: str = "",
    title: str = "",
) -> Figure:
    """Draw the graph that computes `output`, left (inputs) to right (output).

    known: labels whose values are shown; the others show `?` (None: show every value; inputs and
      unlabelled constants are always shown).
    grads: gradients to write under the nodes, by label (`{"v": 3.0}` writes `dv = 3`).
    highlight: the label of the node to highlight (the step a stepper is at); the edges its gradient arrives
      along are drawn in red.
    Returns a matplotlib Figure (closed: it is not shown by pyplot, display it or save it).
    """
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    nodes = graph_nodes(output)
    pos = layout(output)
    grads = dict(grads or {})
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    x_range = (min(xs) - 1.3, max(xs) + 0.8)
    y_range = (min(ys) - 0.8, max(ys) + 0.8)
    scale = min(1.3, WIDTH / (x_range[1] - x_range[0]))  # the notebook's width, unless that makes it too tall
    fig = Figure(figsize=(scale * (x_range[1] - x_range[0]),
                          scale * (y_range[1] - y_range[0]) + (0.6 if caption else 0.0) + (0.5 if title else 0.0)))
    ax = fig.subplots()
    fig.subplots_adjust(left=0.01, right=0.99, top=0.88 if title else 0.99, bottom=0.15 if caption else 0.01)
    box_w, box_h = 1.25, 0.62
    highlighted = [n for n in nodes if highlight is not None and getattr(n, "label", "") == highlight]

    for node in nodes:
        x, y = pos[id(node)]
        for index, parent in enumerate(node.parents):
            px, py = pos[id(parent)]
            red = any(h is parent for h in highlighted)
            repeat = sum(1 for p in node.parents[:index] if p is parent)  # a node used twice gets a second arc
            rad = skip_bend(pos, (px, py), (x, y)) + (0.4 * repeat if repeat % 2 else -0.4 * repeat)
            arrow = FancyArrowPatch(
                (px + box_w / 2, py), (x - box_w / 2, y), arrowstyle="-|>", mutation_scale=12,
                connectionstyle=f"arc3,rad={rad}",
                color=GRAD_COLOR if red else "#546e7a", lw=2.2 if red else 1.2, shrinkA=2, shrinkB=2, zorder=1,
            )
            arrow.set_gid(f"edge:{name_of(parent)}->{name_of(node)}")
            ax.add_patch(arrow)
        if node.op:
            ax.text(x - box_w / 2 - 0.32, y + 0.12, node.op, ha="center", va="bottom", fontsize=12,
                    color="#37474f", bbox={"boxstyle": "circle,pad=0.15", "fc": "white", "ec": "#90a4ae"}, zorder=3)

    for node in nodes:
        x, y = pos[id(node)]
        label = getattr(node, "label", "")
        is_input = not node.parents
        shown = (is_input or not label or known is None or label in known) and node.data is not None
        color = HIGHLIGHT_COLOR if any(h is node for h in highlighted) else (
            INPUT_COLOR if is_input else (NODE_COLOR if shown else UNKNOWN_COLOR))
        box = FancyBboxPatch((x - box_w / 2, y - box_h / 2), box_w, box_h, boxstyle="round,pad=0.04",
                             fc=color, ec="#263238", lw=2.0 if color == HIGHLIGHT_COLOR else 1.0, zorder=2)
        box.set_gid(f"node:{name_of(node)}")
        ax.add_patch(box)
        value = format_number(node.data) if shown else "?"
        text = f"{label} = {value}" if label else value
        ax.text(x, y, text, ha="center", va="center", fontsize=13, zorder=4)
        if label and label in grads:
            ax.text(x, y - box_h / 2 - 0.08, f"d{label} = {format_number(grads[label])}", ha="center", va="top",
                    fontsize=12, color=GRAD_COLOR, zorder=4)

    ax.set_xlim(*x_range)
    ax.set_ylim(*y_range)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title)
    if caption:
        fig.text(0.5, 0.02, caption, ha="center", va="bottom", fontsize=13)
    return fig
