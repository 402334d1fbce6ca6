"""Every widget of the course, built without a browser: its controls read in full, are long enough to aim, redraw
on release unless the redraw is light, and start at the values the lectures' texts name.

What each test would catch:
- a description cut to "learning r..." (ipywidgets' default 80 px description width) or a short slider;
- a heavy widget (2-D boundary, training) that redraws on every drag step and lags seconds behind;
- a slider whose grid does not hold the text's value (2.5's FloatLogSlider turned 0.5 into 0.562);
- 2.6's secant widget not drawing the secant of the slider's h;
- a control, a menu entry or a stepper's caption left in English in the Chinese edition, or the English edition's
  words changed.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from utils import language  # noqa: E402
from utils.plotting.computation_graph import Node  # noqa: E402
from utils.plotting.logistic_regression_gradient_descent import rate_label  # noqa: E402
from utils.widgets import (  # noqa: E402  # noqa: E402
    binary_classification,
    computation_graph,
    core,
    cost_function,
    derivatives,
    derivatives_with_computation_graph,
    gradient_descent,
    logistic_regression,
    logistic_regression_gradient_descent,
    more_derivative_examples,
)


def _sigmoid(z):
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


def _cost(A, Y):
    return float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))


def _descent(dJ, w0, learning_rate, num_iterations):
    history = [w0]
    for _ in range(num_iterations):
        history.append(history[-1] - learning_rate * dJ(history[-1]))
    return history[-1], history


_X2 = np.random.default_rng(0).normal(size=(2, 30))
_Y2 = (_X2[0] > 0).astype(int).reshape(1, -1)

# name -> (build the widget, redraws during a drag?)
WIDGETS = {
    "2.1 pixel_explorer": (lambda: binary_classification.pixel_explorer(
        np.zeros((8, 8, 3), dtype=np.uint8), 2, 3, 1), True),
    "2.2 linear_vs_sigmoid_widget": (
        lambda: logistic_regression.linear_vs_sigmoid_widget(_X2[:1], _Y2, _sigmoid), False),
    "2.2 decision_boundary_widget": (lambda: logistic_regression.decision_boundary_widget(_X2, _Y2, _sigmoid), False),
    "2.3 loss_widget": (lambda: cost_function.loss_widget(_cost), False),
    "2.4 learning_rate_widget": (lambda: gradient_descent.learning_rate_widget(
        lambda w: (w - 2) ** 2 + 1, lambda w: 2 * (w - 2), _descent, 5.0, -1.5, 5.5), False),
    "2.5 slope_triangle_widget": (lambda: derivatives.slope_triangle_widget(a=2.0, nudge=0.5), False),
    "2.6 secant_widget": (lambda: more_derivative_examples.secant_widget(
        lambda a: a ** 2, lambda a: 2 * a, 2.0, (0.0, 3.5)), False),
    "2.6 tangent_widget": (lambda: more_derivative_examples.tangent_widget(
        np.log, lambda a: 1 / a, (0.2, 6.0), a=2.0), False),
    "2.7 forward_stepper": (lambda: computation_graph.forward_stepper(
        Node("J", 2, (Node("a", 1),), "×2"), [("J", "J = 2a")]), False),
    "2.8 backward_stepper": (lambda: derivatives_with_computation_graph.backward_stepper(
        Node("J", 2, (Node("a", 1),), "×2"), [("J", 1.0, "dJ/dJ = 1"), ("a", 2.0, "da = 2")]), False),
    "2.9 boundary_progress_widget": (lambda: logistic_regression_gradient_descent.boundary_progress_widget(
        _X2, _Y2, [(0, np.zeros((2, 1)), 0.0, 0.69), (10, np.ones((2, 1)), 0.1, 0.3)]), False),
    "2.9 weights_widget": (lambda: logistic_regression_gradient_descent.weights_widget(
        {rate_label(0.001): np.ones((12, 1))}, (2, 2, 3)), None),
}


@pytest.mark.parametrize("name", list(WIDGETS))
def test_controls_read_in_full_are_long_enough_and_redraw_as_their_weight_allows(name):
    build, continuous = WIDGETS[name]
    widget = build()
    assert isinstance(widget.result, Figure), "the widget keeps the Figure it shows"
    for control in widget.children[:-1]:
        assert control.style.description_width == "initial", f"{control.description!r} is cut to 80 px"
        assert control.layout.width == core.CONTROL_WIDTH and control.layout.max_width == "100%"
        if continuous is not None and hasattr(control, "continuous_update"):
            assert control.continuous_update is continuous, f"{control.description!r}: continuous_update"


def test_a_widget_shows_one_png_rendered_at_screen_resolution(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *objs, **kw: shown.extend(objs))
    widget = derivatives.slope_triangle_widget()
    png = shown[-1].data
    assert png.startswith(b"\x89PNG")
    width = int.from_bytes(png[16:20], "big")
    assert width == int(widget.result.get_size_inches()[0] * core.WIDGET_DPI)


def test_2_5_nudge_slider_holds_the_text_s_0_5_exactly():
    widget = derivatives.slope_triangle_widget(a=2.0, nudge=0.5)
    controls = {c.description: c for c in widget.children[:-1]}
    assert controls["nudge"].value == 0.5 and controls["nudge"].label == "0.5"
    assert controls["a"].value == 2.0
    assert widget.result.axes[0].get_title() == "Slope at a = 2: height / width = 1.5 / 0.5 = 3"
    assert 0.001 in controls["nudge"].options or 0.001 in [v for _, v in controls["nudge"].options]


def test_choice_slider_refuses_a_start_value_it_cannot_show():
    with pytest.raises(ValueError, match="not one of"):
        core.choice_slider([1.0, 0.5, 0.1], 0.562, "nudge")


def test_2_6_tangent_slider_and_legend_show_the_same_number():
    widget = more_derivative_examples.tangent_widget(np.log, lambda a: 1 / a, (0.2, 6.0), a=2.0)
    slider = widget.children[0]
    for value in (2.0, 1.7000000000000002, 3.3):
        slider.value = value
        readout = format(slider.value, slider.readout_format.lstrip("."))  # what the browser shows, e.g. "1.7"
        label = widget.result.axes[0].get_legend_handles_labels()[1][1]
        assert label.startswith(f"tangent at a = {float(readout):g}:"), (readout, label)


def test_2_6_secant_widget_draws_the_secant_of_the_slider_s_h():
    widget = more_derivative_examples.secant_widget(lambda a: a ** 2, lambda a: 2 * a, 2.0, (0.0, 3.5), h=1.0)
    slider = widget.children[0]
    assert slider.value == 1.0
    for h in (1.0, 0.1, 0.001):
        slider.value = h
        line = next(line for line in widget.result.axes[0].get_lines() if line.get_gid() == f"secant:{h:g}")
        x, y = line.get_data()
        assert (y[-1] - y[0]) / (x[-1] - x[0]) == pytest.approx(((2 + h) ** 2 - 4) / h)


@pytest.fixture
def chinese():
    previous = language.current()
    language.set_language("zh-CN")
    yield
    language.set_language(previous)


def _words(text: str) -> list[str]:
    """English words (three letters or more) of a description or menu entry; symbols such as `y_hat`, `w1` pass."""
    return [w for w in __import__("re").findall(r"[A-Za-z_][A-Za-z_0-9]*", text)
            if len(w) >= 3 and not any(c in w for c in "_0123456789")]


@pytest.mark.parametrize("name", list(WIDGETS))
def test_controls_speak_the_edition_s_language(name, chinese):
    widget = WIDGETS[name][0]()
    texts = [c.description for c in widget.children[:-1]]
    texts += [option[0] if isinstance(option, tuple) else str(option)
              for c in widget.children[:-1] if not hasattr(c, "min") for option in getattr(c, "options", ())]
    assert not [w for text in texts for w in _words(text)], texts


def test_2_1_channel_menu_names_the_colours_in_chinese(chinese):
    widget = binary_classification.pixel_explorer(np.zeros((8, 8, 3), dtype=np.uint8), 2, 3, 1)
    menu = widget.children[2]
    assert [label for label, _ in menu.options] == ["红", "绿", "蓝"] and menu.value == 1


def test_steppers_put_their_words_around_the_caller_s_formulas(chinese):
    output = Node("J", 2, (Node("a", 1),), "×2")
    assert computation_graph.forward_frame(output, [("J", "J = 2a")], 1).texts[-1].get_text() == "第 1 步：J = 2a"
    back = [("J", 1.0, "dJ/dJ = 1"), ("a", 2.0, "da = 2")]
    backward_frame = derivatives_with_computation_graph.backward_frame
    assert backward_frame(output, back, 0).texts[-1].get_text() == "从输出开始：dJ/dJ = 1"
    assert backward_frame(output, back, 1).texts[-1].get_text() == "da = 2"
    language.set_language("en")
    assert computation_graph.forward_frame(output, [("J", "J = 2a")], 1).texts[-1].get_text() == "Step 1: J = 2a"
    assert backward_frame(output, back, 0).texts[-1].get_text() == "Start at the output: dJ/dJ = 1"
