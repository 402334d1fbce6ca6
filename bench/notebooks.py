"""Print the time to execute every master notebook, and the cost of `import utils` beside `import numpy`."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from grader import course, notebooks


def import_time(statement: str, repeats: int = 5) -> float:
    """Median wall time of a fresh interpreter running `statement`, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def execute_time(assignment_id: str) -> float:
    from nbclient import NotebookClient

    path = course.master_path(assignment_id)
    nb = notebooks.read(path)
    start = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - start


def main() -> None:
    course.put_interpreter_on_path()
    bare = import_time("pass")
    numpy = import_time("import numpy")
    utils = import_time("import utils, utils.checks.core, utils.datasets")
    print(f"interpreter start      {bare * 1000:7.0f} ms")
    print(f"import numpy           {(numpy - bare) * 1000:7.0f} ms")
    print(f"import utils (+checks, datasets) {(utils - bare) * 1000:7.0f} ms  "
          f"({(utils - bare) / (numpy - bare):.2f}x numpy)")
    print()
    total = 0.0
    for assignment_id in course.assignments():
        seconds = execute_time(assignment_id)
        total += seconds
        print(f"{assignment_id:45s} {seconds:6.1f} s")
    print(f"{'all notebooks':45s} {total:6.1f} s")


if __name__ == "__main__":
    main()
