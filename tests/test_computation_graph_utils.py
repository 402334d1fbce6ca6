"""Unit tests of lectures 2.7 / 2.8 helpers: graph drawing, steppers, visible checks.

(test_pipeline.py autogrades every mutant; here each mutant must also fail the visible check, with the right hint.)
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from grader import course, notebooks  # noqa: E402
from notebook_cases import answer_cells, load_mutants, load_variants  # noqa: E402
from utils.checks import computation_graph as checks27  # noqa: E402
from utils.checks import derivatives_with_computation_graph as checks28  # noqa: E402
from utils.checks.core import CheckFailed, NotImplementedYet  # noqa: E402
from utils.plotting.computation_graph import (  # noqa: E402
    GRAD_COLOR,
    HIGHLIGHT_COLOR,
    Node,
    draw_computation_graph,
    format_number,
    graph_nodes,
    layout,
    skip_bend,
)
from utils.plotting.derivatives_with_computation_graph import grads_of  # noqa: E402
from utils.widgets.computation_graph import forward_frame, forward_stepper  # noqa: E402
from utils.widgets.derivatives_with_computation_graph import backward_frame, backward_stepper  # noqa: E402

L27, L28 = "2.7-computation-graph", "2.8-derivatives-with-computation-graph"


def lecture_graph() -> dict[str, Node]:
    a, b, c = Node("a", 5), Node("b", 3), Node("c", 2)
    u = Node("u", 6, (b, c), "*")
    v = Node("v", 11, (a, u), "+")
    return {"a": a, "b": b, "c": c, "u": u, "v": v, "J": Node("J", 33, (v,), "×3")}


def texts(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts] + [t.get_text() for t in fig.texts]


def patch(fig, gid: str):
    found = [p for p in fig.axes[0].patches if p.get_gid() == gid]
    assert len(found) == 1, f"{gid}: {len(found)} patches"
    return found[0]


def master_namespace(assignment_id: str) -> dict:
    """The master's answer cells, executed: the reference implementations (kept out of utils)."""
    namespace: dict = {}
    for cell in answer_cells(notebooks.read(course.master_path(assignment_id))).values():
        exec(cell.source, namespace)  # noqa: S102 - our own master notebook
    return namespace


# ---------------------------------------------------------------- plotting


def test_graph_nodes_lists_each_node_once_output_first():
    g = lecture_graph()
    x = Node("x", 3)
    square = Node("y", 9, (x, x), "*")
    assert graph_nodes(g["J"])[0] is g["J"]
    assert {id(n) for n in graph_nodes(g["J"])} == {id(n) for n in g.values()}
    assert len(graph_nodes(g["J"])) == 6
    assert [n.label for n in graph_nodes(square)] == ["y", "x"]


def test_layout_puts_inputs_left_and_the_output_right():
    g = lecture_graph()
    pos = layout(g["J"])
    xs = {name: pos[id(node)][0] for name, node in g.items()}
    assert xs["a"] == xs["b"] == xs["c"] == 0
    assert xs["a"] < xs["u"] < xs["v"] < xs["J"]
    ys = [pos[id(g[k])][1] for k in "abc"]
    assert ys == sorted(ys, reverse=True) and len(set(ys)) == 3, "inputs stacked a, b, c from top to bottom"


def test_layout_puts_an_unlabelled_constant_next_to_its_user():
    v = Node("v", 11)
    three = Node("", 3)
    J = Node("J", 33, (three, v), "*")
    w = Node("w", 1)
    K = Node("K", 34, (J, w), "+")
    pos = layout(K)
    assert pos[id(three)][0] == pos[id(J)][0] - 2.2
    assert pos[id(three)][1] != pos[id(v)][1]


def test_draw_shows_values_gradients_and_the_highlight():
    g = lecture_graph()
    fig = draw_computation_graph(g["J"], grads={"J": 1.0, "v": 3.0, "a": 3.0}, highlight="a", caption="da = 3 · 1")
    shown = texts(fig)
    for text in ("a = 5", "b = 3", "c = 2", "u = 6", "v = 11", "J = 33", "da = 3", "dv = 3", "dJ = 1", "×3", "*", "+"):
        assert text in shown, text
    assert "da = 3 · 1" in shown
    assert not any(t.startswith("db") for t in shown), "no gradient given for b"
    assert mcolors.same_color(patch(fig, "node:a").get_facecolor(), HIGHLIGHT_COLOR)
    assert not mcolors.same_color(patch(fig, "node:b").get_facecolor(), HIGHLIGHT_COLOR)
    assert mcolors.same_color(patch(fig, "edge:a->v").get_edgecolor(), GRAD_COLOR)
    assert not mcolors.same_color(patch(fig, "edge:u->v").get_edgecolor(), GRAD_COLOR)
    assert all(manager.canvas.figure is not fig for manager in plt._pylab_helpers.Gcf.get_all_fig_managers()), \
        "the figure must not be kept by pyplot (no global pyplot state)"


def test_draw_hides_unknown_values_but_always_shows_inputs():
    g = lecture_graph()
    shown = texts(draw_computation_graph(g["J"], known={"u"}))
    assert {"a = 5", "b = 3", "c = 2", "u = 6", "v = ?", "J = ?"} <= set(shown)


def test_a_node_without_a_value_is_drawn_as_a_question_mark():
    a, b = Node("a", 5), Node("b", 3)
    p = Node("p", parents=(a, b), op="+")
    shown = texts(draw_computation_graph(p))
    assert {"a = 5", "b = 3", "p = ?"} <= set(shown)


def test_an_edge_that_skips_a_column_bends_away_from_the_boxes_it_passes():
    a, b, c = Node("a", 5), Node("b", 3), Node("c", 2)
    p = Node("p", 8, (a, b), "+")
    q = Node("q", 16, (p, c), "*")
    J = Node("J", 24, (q, p), "+")
    pos = layout(J)
    (px, py), (qx, qy), (jx, jy) = pos[id(p)], pos[id(q)], pos[id(J)]
    assert px < qx < jx
    rad = skip_bend(pos, (px, py), (jx, jy))
    # matplotlib's arc3 puts the control point at the midpoint + rad * (dy, -dx): rad > 0 bends below the chord
    assert (rad > 0) == (qy > (py + jy) / 2) and rad != 0
    assert skip_bend(pos, (px, py), (qx, qy)) == 0.0, "neighbouring columns: a straight edge"


def test_draw_gives_a_repeated_parent_two_distinct_edges():
    x = Node("x", 3)
    y = Node("y", 9, (x, x), "*")
    fig = draw_computation_graph(y)
    edges = [p for p in fig.axes[0].patches if p.get_gid() == "edge:x->y"]
    assert len(edges) == 2
    assert edges[0].get_path().vertices.tolist() != edges[1].get_path().vertices.tolist()


def test_grads_of_reads_the_grad_attributes_of_labelled_nodes():
    a = Node("a", 2.0)
    k = Node("", 4.0)
    out = Node("out", 8.0, (a, k), "*")
    a.grad, k.grad, out.grad = 4.0, 2.0, 1.0
    assert grads_of(out) == {"out": 1.0, "a": 4.0}


@pytest.mark.parametrize("x, text", [(33, "33"), (33.0, "33"), (-12.0, "-12"), (0.5, "0.5"), (1 / 3, "0.3333")])
def test_format_number(x, text):
    assert format_number(x) == text


# ---------------------------------------------------------------- widgets

STEPS = [("J", 1.0, "start"), ("v", 3.0, "dv"), ("a", 3.0, "da"), ("u", 3.0, "du"), ("b", 6.0, "db"), ("c", 9.0, "dc")]


def test_backward_frame_reveals_the_gradients_step_by_step():
    g = lecture_graph()
    fig = backward_frame(g["J"], STEPS, 2)
    shown = texts(fig)
    assert {"dJ = 1", "dv = 3", "da = 3", "da"} <= set(shown)
    assert "du = 3" not in shown and "db = 6" not in shown
    assert mcolors.same_color(patch(fig, "node:a").get_facecolor(), HIGHLIGHT_COLOR)


def test_backward_stepper_moves_the_highlight_with_the_slider():
    g = lecture_graph()
    widget = backward_stepper(g["J"], STEPS)
    slider = widget.children[0]
    assert (slider.min, slider.max, slider.value) == (0, 5, 0)
    slider.value = 4
    fig = widget.result
    assert mcolors.same_color(patch(fig, "node:b").get_facecolor(), HIGHLIGHT_COLOR)
    assert "db = 6" in texts(fig) and "dc = 9" not in texts(fig)
    with pytest.raises(ValueError):
        backward_stepper(g["J"], [])


def test_forward_stepper_reveals_values_left_to_right():
    g = lecture_graph()
    steps = [("u", "u = 6"), ("v", "v = 11"), ("J", "J = 33")]
    assert {"u = ?", "v = ?", "J = ?"} <= set(texts(forward_frame(g["J"], steps, 0)))
    widget = forward_stepper(g["J"], steps)
    assert widget.children[0].max == 3
    widget.children[0].value = 2
    shown = texts(widget.result)
    assert {"u = 6", "v = 11", "J = ?"} <= set(shown)
    assert mcolors.same_color(patch(widget.result, "node:v").get_facecolor(), HIGHLIGHT_COLOR)


# ---------------------------------------------------------------- visible checks


@pytest.mark.parametrize("assignment_id, module", [(L27, checks27), (L28, checks28)])
def test_checks_pass_the_reference_with_one_line(assignment_id, module, capsys):
    namespace = master_namespace(assignment_id)
    for name in answer_cells(notebooks.read(course.master_path(assignment_id))):
        getattr(module, f"check_{name}")(namespace[name])
        out = capsys.readouterr().out
        assert out.count("\n") == 1 and out.startswith("✔") and name in out


@pytest.mark.parametrize("assignment_id, module", [(L27, checks27), (L28, checks28)])
def test_checks_reject_every_mutant(assignment_id, module):
    for name, mutants in load_mutants(assignment_id).items():
        for source in mutants.values():
            namespace: dict = {}
            exec(source, namespace)  # noqa: S102 - our own mutants
            with pytest.raises(CheckFailed):
                getattr(module, f"check_{name}")(namespace[name])


EXPECTED_HINTS = [
    (L27, "forward", "misses_the_long_arrow", "two arrows coming in"),
    (L27, "forward", "q_is_a_sum", "circle next to q"),
    (L27, "forward", "returns_a_tuple", "dict"),
    (L27, "Value", "plain_numbers_not_wrapped", "Value(other)"),
    (L27, "Value", "no_reflected_ops", "NotImplemented"),
    (L27, "Value", "updates_self_in_place", "in place"),
    (L28, "backward", "only_the_path_through_q", "two paths"),
    (L28, "backward", "only_the_direct_path", "only the direct arrow"),
    (L28, "backward", "dc_uses_q", "dq/dc = p"),
    (L28, "backward", "local_derivatives_only", "chain-rule factor is missing"),
    (L28, "Value", "overwrites_instead_of_accumulating", "accumulate"),
    (L28, "Value", "preorder_instead_of_topological", "depth-first search"),
    (L28, "Value", "topological_order_not_reversed", "reverse topological order"),
    (L28, "Value", "missing_upstream_factor", "chain-rule factor is missing"),
    (L28, "Value", "output_not_seeded", "self.grad = 1.0"),
    (L28, "Value", "assumes_two_parents", "single parent"),
]


@pytest.mark.parametrize("assignment_id, module", [(L27, checks27), (L28, checks28)])
def test_checks_pass_every_correct_variant(assignment_id, module, capsys):
    variants = load_variants(assignment_id)
    assert set(variants) == set(answer_cells(notebooks.read(course.master_path(assignment_id))))
    for name, sources in variants.items():
        for variant, source in sources.items():
            namespace: dict = {}
            exec(source, namespace)  # noqa: S102 - our own variants
            getattr(module, f"check_{name}")(namespace[name])
            assert capsys.readouterr().out.startswith("✔"), variant


@pytest.mark.parametrize("assignment_id, name, mutant, hint", EXPECTED_HINTS)
def test_check_failures_name_the_likely_mistake(assignment_id, name, mutant, hint):
    module = checks27 if assignment_id == L27 else checks28
    namespace: dict = {}
    exec(load_mutants(assignment_id)[name][mutant], namespace)  # noqa: S102
    with pytest.raises(CheckFailed) as failure:
        getattr(module, f"check_{name}")(namespace[name])
    assert hint in str(failure.value)


def test_checks_report_an_unimplemented_stub_under_the_name_of_the_exercise():
    def forward(a, b, c):
        raise NotImplementedError()

    with pytest.raises(NotImplementedYet, match="`forward` is not implemented"):
        checks27.check_forward(forward)

    class Value:
        def __init__(self, data, parents=(), op="", label=""):
            self.data, self.parents, self.op, self.label = float(data), tuple(parents), op, label

        def __add__(self, other):
            raise NotImplementedError()

    with pytest.raises(NotImplementedYet, match=r"`Value\.__add__` is not implemented"):
        checks27.check_Value(Value)

    namespace: dict = {}
    exec(load_mutants(L28)["Value"]["output_not_seeded"].split("        order, seen")[0]  # noqa: S102
         + "        raise NotImplementedError()\n", namespace)
    with pytest.raises(NotImplementedYet, match=r"`Value\.backward` is not implemented"):
        checks28.check_Value(namespace["Value"])


def test_the_hidden_graphs_stay_within_the_depth_the_text_promises():
    """A correct recursive backward must keep full marks: the text promises graphs at most 100 nodes deep."""
    master = notebooks.read(course.master_path(L28))
    text = " ".join(" ".join(c.source for c in master.cells if c.cell_type == "markdown").split())
    assert "at most 100 nodes deep" in text
    test_source = next(c.source for c in master.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "test_Value")
    assert "for _ in range(49):" in test_source  # 49 * 2 + 1 = 99 nodes from the output to the input
