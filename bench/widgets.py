"""Print how long every widget of every master notebook takes to redraw after one step of each of its controls.

A redraw here is what the kernel does when a slider moves one step: the widget's function runs and what it displays
becomes PNG bytes (a Figure passed to `display` is rendered the way `%matplotlib inline` does it, IPython's
`print_figure` with a tight bounding box; `utils.widgets.core.show_figure` renders its own PNG). The browser adds its
own round trip on top.

To compare with an older version, extract it and run this file against it:
  git archive <commit> utils solutions grader | tar -x -C /tmp/old && cp bench/widgets.py /tmp/old/
  cd /tmp/old && PYTHONPATH=/tmp/old /work/main/.venv/bin/python widgets.py

The widgets are the masters' own: the code cells of each master run in this process (magics skipped, matplotlib's
Agg backend), every `ipywidgets.interactive` created is recorded, then each control is stepped forward and back.

Run: .venv/bin/python bench/widgets.py [lecture ...]   (default: every lecture)
"""

from __future__ import annotations

import contextlib
import io
import statistics
import sys
import time
from typing import Any

import matplotlib

matplotlib.use("Agg")


def _render(obj: Any) -> None:
    """What the inline backend does with a displayed Figure: encode it as PNG."""
    from matplotlib.figure import Figure

    if isinstance(obj, Figure):
        from IPython.core.pylabtools import print_figure

        print_figure(obj, "png", bbox_inches="tight")


def collect_widgets(assignment_id: str) -> list[tuple[int, Any]]:
    """Run the master's code cells; the (cell index, interactive widget) pairs they create, in order."""
    import IPython.display
    import ipywidgets
    import ipywidgets.widgets.interaction as interaction
    import nbformat

    from grader import course

    created: list[tuple[int, Any]] = []
    cell_index = [0]
    original_init = ipywidgets.interactive.__init__

    def recording_init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        created.append((cell_index[0], self))

    def fake_display(*objs, **kwargs):
        for obj in objs:
            _render(obj)

    ipywidgets.interactive.__init__ = recording_init
    IPython.display.display = fake_display
    interaction.display = fake_display
    nb = nbformat.read(course.master_path(assignment_id), as_version=4)
    namespace: dict[str, Any] = {"__name__": "__main__"}
    try:
        for k, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            cell_index[0] = k
            source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(source, f"<{assignment_id} cell {k}>", "exec"), namespace)
    finally:
        ipywidgets.interactive.__init__ = original_init
    return created


def _neighbour(control: Any) -> Any:
    """The value one step away from the control's current one (forward, or back at the end of its range)."""
    if hasattr(control, "options") and not hasattr(control, "min"):
        values = [o[1] if isinstance(o, tuple) else o for o in control.options]
        i = values.index(control.value)
        return values[i + 1] if i + 1 < len(values) else values[i - 1]
    step = control.step
    if hasattr(control, "base"):  # FloatLogSlider: value = base ** exponent
        exponent = round(__import__("math").log(control.value, control.base) / step) * step
        target = exponent + step if exponent + step <= control.max else exponent - step
        return control.base ** target
    return control.value + step if control.value + step <= control.max else control.value - step


def time_control(widget: Any, control: Any, repeats: int = 3) -> tuple[float, float]:
    """Median and fastest seconds for one redraw after stepping `control` (stepped forward and back, `repeats` times
    each). On a loaded machine the fastest is the steadier figure to compare two versions by."""
    times = []
    start_value = control.value
    for _ in range(repeats):
        for target in (_neighbour(control), start_value):
            with contextlib.redirect_stdout(io.StringIO()):
                begin = time.perf_counter()
                control.value = target  # `interactive` observes the value and redraws synchronously
                times.append(time.perf_counter() - begin)
    return statistics.median(times), min(times)


def main(lectures: list[str]) -> None:
    from grader import course

    course.put_interpreter_on_path()
    print(f"{'lecture':40s} {'cell':>4s}  {'control':16s} {'median':>8s} {'fastest':>8s}  continuous_update")
    for assignment_id in lectures or course.assignments():
        for cell, widget in collect_widgets(assignment_id):
            for control in widget.children[:-1]:
                median, fastest = time_control(widget, control)
                label = control.description or type(control).__name__
                print(f"{assignment_id:40s} {cell:4d}  {label:16s} {median * 1000:5.0f} ms {fastest * 1000:5.0f} ms  "
                      f"{getattr(control, 'continuous_update', '-')}")


if __name__ == "__main__":
    main(sys.argv[1:])
