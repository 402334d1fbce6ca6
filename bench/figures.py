"""Print how long the PNG of every course figure of every master takes, matplotlib's way and the course's way.

matplotlib's way is what the inline backend would do without a tight bounding box: `savefig` at the figure's
resolution (an RGBA PNG at zlib level 6). The course's way is `utils.plotting.style.png_bytes` (RGB, level 3), which
`utils.setup_notebook` uses for course figures and the widgets for every redraw. Both are timed side by side on the
same figures in one run (the fastest of three each), so their ratio holds on a noisy machine.

The figures are the masters' own: their code cells run in this process (as in bench/widgets.py) and every Figure
created on the way is kept.

Run: .venv/bin/python bench/figures.py [lecture ...]   (default: every lecture)
"""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Callable
from typing import Any

from widgets import collect_widgets


def fastest(action: Callable[[], Any], repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def figures_of(assignment_id: str) -> list[Any]:
    """Every Figure the master's code cells create, in order."""
    from matplotlib.figure import Figure

    created: list[Any] = []
    original_init = Figure.__init__

    def recording_init(self: Any, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        created.append(self)

    Figure.__init__ = recording_init  # type: ignore[method-assign]
    try:
        collect_widgets(assignment_id)
    finally:
        Figure.__init__ = original_init  # type: ignore[method-assign]
    return created


def main(lectures: list[str]) -> None:
    from grader import course
    from utils.plotting.style import png_bytes

    course.put_interpreter_on_path()
    print(f"{'lecture':40s} {'figures':>7s} {'savefig':>9s} {'png_bytes':>9s} {'ratio':>6s} {'kB':>6s} {'kB':>6s}")
    for assignment_id in lectures or course.assignments():
        figures = figures_of(assignment_id)
        plain = ours = 0.0
        plain_size = our_size = 0
        for figure in figures:
            def savefig(figure: Any = figure) -> bytes:
                buffer = io.BytesIO()
                figure.savefig(buffer, format="png", dpi=figure.dpi)
                return buffer.getvalue()

            def ours_of(figure: Any = figure) -> bytes:
                return png_bytes(figure)

            plain += fastest(savefig)
            ours += fastest(ours_of)
            plain_size += len(savefig())
            our_size += len(ours_of())
        print(f"{assignment_id:40s} {len(figures):7d} {plain * 1000:6.0f} ms {ours * 1000:6.0f} ms "
              f"{ours / plain if plain else 0:6.2f} {plain_size // 1024:6d} {our_size // 1024:6d}")


if __name__ == "__main__":
    main(sys.argv[1:])
