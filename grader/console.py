"""What a long command tells the instructor while it runs, on stderr: a line per finished item with the count, the
time so far and an estimate of the time left; on a terminal, a bar under those lines, redrawn in place.

Imports nothing heavy: the command line prints its first line through `say` before it loads nbgrader.
"""

from __future__ import annotations

import sys
import time


def say(line: str, stream=None) -> None:
    """One line on stderr, at once."""
    stream = stream or sys.stderr
    stream.write(line + "\n")
    stream.flush()


def duration(seconds: float) -> str:
    """`42 s`, `3 min 05 s`, `1 h 02 min`."""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


class Progress:
    """Counts finished items out of `total`; `step(line)` reports one. Disabled: silent.

    `parallel` items run at a time: the first of them also pay for starting up (templates, warm kernels), so the
    estimate of the time left uses the pace after they finished."""

    BAR_WIDTH = 30

    def __init__(self, total: int, stream=None, enabled: bool = True, parallel: int = 1):
        self.total, self.done, self.enabled, self.parallel = total, 0, enabled, max(parallel, 1)
        self.stream = stream or sys.stderr
        self.tty = enabled and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.started = time.monotonic()
        self.first_round_done: float | None = None

    def eta(self) -> str:
        """The time left at the pace since the first round finished (empty until then, and after the last)."""
        if self.done <= self.parallel or self.done >= self.total or self.first_round_done is None:
            return ""
        pace = (time.monotonic() - self.first_round_done) / (self.done - self.parallel)
        return duration(pace * (self.total - self.done))

    def step(self, line: str) -> None:
        self.done += 1
        if self.done == min(self.parallel, self.total):
            self.first_round_done = time.monotonic()
        if not self.enabled:
            return
        elapsed = duration(time.monotonic() - self.started)
        left = self.eta()
        text = f"[{self.done}/{self.total}] {line}" + (f"  ({elapsed} so far, about {left} left)" if left else "")
        if not self.tty:
            self.stream.write(text + "\n")
        else:  # the item's line scrolls up; the bar stays on the last line until the end
            filled = self.BAR_WIDTH * self.done // max(self.total, 1)
            bar = f"[{'#' * filled}{'.' * (self.BAR_WIDTH - filled)}] {self.done}/{self.total} {elapsed}" + \
                (f", about {left} left" if left else "")
            self.stream.write("\r\x1b[K" + text + "\n" + (bar if self.done < self.total else ""))
        self.stream.flush()

    def close(self) -> None:
        """Clear the bar (a terminal) when the command stops before the last item."""
        if self.tty and 0 < self.done < self.total:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
