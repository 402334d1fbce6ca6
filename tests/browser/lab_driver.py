"""Driving JupyterLab (and Notebook 7) with Playwright the way a student does: menus, buttons, sliders.

Actions go through the user interface. To *read* the state of a notebook precisely (which cell is a check cell,
which output is an error) the tests ask the notebook model through `window.jupyterapp`, which the server exposes
(`--LabApp.expose_app_in_browser`).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

# The current notebook's cells as plain data: type, source, nbgrader metadata, execution count, outputs
# (images reduced to their MIME types, errors and streams with their text).
_CELLS_JS = """
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = Array.from(panel.content.model.cells);
  return cells.map((cell) => {
    const json = cell.toJSON();
    const outputs = (json.outputs || []).map((o) => ({
      output_type: o.output_type,
      name: o.name || null,
      text: Array.isArray(o.text) ? o.text.join('') : (o.text || null),
      mimes: Object.keys(o.data || {}),
      ename: o.ename || null,
      evalue: o.evalue || null,
      traceback: o.traceback || null,
    }));
    const source = Array.isArray(json.source) ? json.source.join('') : json.source;
    return {
      cell_type: json.cell_type,
      source: source,
      nbgrader: (json.metadata || {}).nbgrader || null,
      execution_count: json.execution_count === undefined ? null : json.execution_count,
      outputs: outputs,
    };
  });
}
"""

kernel_idle_js = _KERNEL_IDLE_JS = """
() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session && panel.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle' && kernel.connectionStatus === 'connected';
}
"""

# Running or queued cells show "[*]" in their prompt.
_BUSY_PROMPTS_JS = """
() => Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-InputPrompt'))
        .filter((p) => p.textContent.includes('*')).length
"""


@dataclass
class Cell:
    index: int
    cell_type: str
    source: str
    nbgrader: dict | None
    execution_count: int | None
    outputs: list[dict[str, Any]] = field(default_factory=list)

    @property
    def is_check(self) -> bool:
        return bool(self.nbgrader and self.nbgrader.get("grade") and not self.nbgrader.get("solution"))

    @property
    def is_answer(self) -> bool:
        return bool(self.nbgrader and self.nbgrader.get("solution"))

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [o for o in self.outputs if o["output_type"] == "error"]

    @property
    def stderr(self) -> list[dict[str, Any]]:
        return [o for o in self.outputs if o["output_type"] == "stream" and o["name"] == "stderr"]

    def has_mime(self, mime: str) -> bool:
        return any(mime in o["mimes"] for o in self.outputs)

    @property
    def headline(self) -> str:
        """The cell's first non-empty source line, to name it in messages."""
        for line in self.source.splitlines():
            if line.strip():
                return line.strip()[:80]
        return "<empty>"

    def describe(self) -> str:
        kind = "check cell" if self.is_check else "answer cell" if self.is_answer else f"{self.cell_type} cell"
        grade_id = f" '{self.nbgrader['grade_id']}'" if self.nbgrader and "grade_id" in self.nbgrader else ""
        return f"cell {self.index} ({kind}{grade_id}: `{self.headline}`)"


class Lab:
    """The session's JupyterLab page; `open` shows one notebook at a time in it."""

    def __init__(self, page: Page, server):
        self.page = page
        self.server = server
        self.page_errors: list[str] = []
        self._on_error = lambda error: self.page_errors.append(str(error))
        page.on("pageerror", self._on_error)

    def detach(self) -> None:
        self.page.remove_listener("pageerror", self._on_error)

    # -- opening -------------------------------------------------------------------------------------------------

    def open(self, path: str, wait_for_kernel: bool = True, timeout: float = 90_000) -> None:
        """Open a notebook in JupyterLab, alone in the main area, and wait for its kernel.

        The first time (or after trouble) this loads JupyterLab with a fresh workspace; then it closes what is open
        and opens the next notebook in the running app, as a student does from the file browser, which saves
        reloading JupyterLab for every notebook.
        """
        reuse = self.page.url.startswith(f"{self.server.base}/lab") and self.page.evaluate(
            "() => !!window.jupyterapp && !document.querySelector('.jp-Dialog')")
        if reuse:
            self.close_all()
            self.page.evaluate("(path) => window.jupyterapp.commands.execute('docmanager:open', {path})", path)
        else:
            self.page.goto(self.server.url(f"lab/tree/{path}", reset=""), wait_until="domcontentloaded")
        self.page.wait_for_function(
            """(path) => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
                           return !!w && !!w.context && w.context.path === path && w.context.isReady
                                  && w.content.widgets.length > 0 }""", arg=path, timeout=timeout)
        self.page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell", timeout=timeout)
        self.page.evaluate("""() => {  // the Launcher JupyterLab opens when the main area was empty
            const app = window.jupyterapp;
            for (const w of Array.from(app.shell.widgets('main'))) { if (w !== app.shell.currentWidget) w.dispose(); }
        }""")
        if wait_for_kernel:
            self.page.wait_for_function(_KERNEL_IDLE_JS, timeout=timeout)
        # Collapse the file browser, as a student reading the notebook would, to give it the width.
        if self.page.locator("#jp-left-stack:visible").count():
            self.page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").first.click()

    def close_all(self) -> None:
        """Close every document without saving (the copies are throw-away; no "save changes?" dialog)."""
        self.page.evaluate("""() => {
            for (const w of Array.from(window.jupyterapp.shell.widgets('main'))) {
                if (w.context && w.context.model) { w.context.model.dirty = false; }
                w.dispose();
            }
        }""")

    @property
    def notebook(self) -> Locator:
        return self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").first

    def cell(self, index: int) -> Locator:
        return self.notebook.locator(".jp-Cell").nth(index)

    def cells(self) -> list[Cell]:
        return [Cell(index=i, **data) for i, data in enumerate(self.page.evaluate(_CELLS_JS))]

    # -- menus ---------------------------------------------------------------------------------------------------

    def menu(self, menu: str, item: str) -> None:
        """Click `menu` in the main menu bar, then its item labelled `item`."""
        self.page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text=re.compile(f"^{re.escape(menu)}$")).click()
        self.page.locator(".lm-Menu:not(.lm-mod-hidden) .lm-Menu-item[data-type='command']").filter(
            has=self.page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$"))).first.click()

    def clear_and_run_all(self, timeout: float = 300) -> float:
        """Edit > Clear Outputs of All Cells, then Run > Run All Cells; wait until done; the time it took (s)."""
        self.menu("Edit", "Clear Outputs of All Cells")
        self.page.wait_for_function(
            "() => !Array.from(window.jupyterapp.shell.currentWidget.content.model.cells)"
            ".some((c) => c.type === 'code' && (c.executionCount !== null || c.outputs.length > 0))")
        start = time.monotonic()
        self.menu("Run", "Run All Cells")
        return self.wait_until_done(timeout) - start

    def restart_and_run_all(self, timeout: float = 300) -> float:
        """Kernel > Restart Kernel and Clear Outputs of All Cells (confirmed); once the new kernel is idle, Run All:
        the time Run All took, in a fresh kernel as a student's first run."""
        self.menu("Kernel", "Restart Kernel and Clear Outputs of All Cells…")
        self.page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept").click()
        self.page.wait_for_function(
            "() => !Array.from(window.jupyterapp.shell.currentWidget.content.model.cells)"
            ".some((c) => c.type === 'code' && (c.executionCount !== null || c.outputs.length > 0))")
        self.page.wait_for_function(_KERNEL_IDLE_JS, timeout=60_000)
        start = time.monotonic()
        self.menu("Run", "Run All Cells")
        return self.wait_until_done(timeout) - start

    def wait_until_done(self, timeout: float) -> float:
        """Wait until no cell is running or queued, the kernel is idle, and a cell has run; stable for 1 s. Returns
        the moment (time.monotonic) the notebook became quiet, not the end of that second."""
        deadline = time.monotonic() + timeout
        quiet_since = None
        while time.monotonic() < deadline:
            busy = self.page.evaluate(_BUSY_PROMPTS_JS)
            idle = self.page.evaluate(_KERNEL_IDLE_JS)
            ran = self.page.evaluate(
                "() => Array.from(window.jupyterapp.shell.currentWidget.content.model.cells)"
                ".some((c) => c.type === 'code' && c.executionCount !== null)")
            if busy == 0 and idle and ran:
                quiet_since = quiet_since or time.monotonic()
                if time.monotonic() - quiet_since >= 1.0:
                    return quiet_since
            else:
                quiet_since = None
            time.sleep(0.05)
        raise TimeoutError(f"notebook still running after {timeout} s")

    # -- widgets -------------------------------------------------------------------------------------------------

    def widget_views(self, index: int) -> Locator:
        """The widget views a cell displays (top-level widgets, not the outputs inside them)."""
        return self.cell(index).locator(
            ".jp-Cell-outputArea > .jp-OutputArea-child > .jp-OutputArea-output > .jupyter-widgets")

    def wait_for_widgets(self, timeout: float = 30_000) -> None:
        """Wait until no widget view is still loading."""
        self.page.wait_for_function(
            "() => !Array.from(document.querySelectorAll('.jp-OutputArea-output')).some("
            "(o) => /Loading widget/.test(o.textContent))", timeout=timeout)

    # -- screenshots ---------------------------------------------------------------------------------------------

    def screenshots(self, folder: Path, prefix: str) -> list[Path]:
        """Screenshots of the whole notebook, page by page (scrolling its panel), as folder/prefix-NN.png."""
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"{prefix}-*.png"):
            old.unlink()
        scroller = self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer").first
        height, view = scroller.evaluate("(e) => [e.scrollHeight, e.clientHeight]")
        step = max(view - 60, 200)
        paths: list[Path] = []
        top = 0
        while True:
            scroller.evaluate("(e, top) => { e.scrollTop = top; }", top)
            self.page.wait_for_timeout(50)
            path = folder / f"{prefix}-{len(paths) + 1:02d}.png"
            self.page.screenshot(path=str(path))
            paths.append(path)
            if top + view >= height or len(paths) >= 60:
                break
            top += step
        scroller.evaluate("(e) => { e.scrollTop = 0; }")
        return paths
