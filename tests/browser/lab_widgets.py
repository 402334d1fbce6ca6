"""Checking an ipywidgets view in the browser: it rendered, and moving its main control changes what it shows."""

from __future__ import annotations

import statistics
import time

from playwright.sync_api import Locator

# The first of these inside a widget is its main control.
CONTROLS = ".widget-slider, .widget-dropdown"

_SHOWN_JS = """
(view) => {
  const out = view.querySelector('.widget-output') || view;
  const images = Array.from(out.querySelectorAll('img')).map((img) => img.src);
  return {images: images, text: out.innerText.trim()};
}
"""


def render_problem(view: Locator) -> str | None:
    """Why the widget view did not render, or None if it did (controls and a non-empty output)."""
    text = view.inner_text()
    for bad in ("Error displaying widget", "Loading widget", "Failed to load", "model not found"):
        if bad in text:
            return f"shows {bad!r}"
    if view.locator(CONTROLS).count() == 0:
        return "has no slider or dropdown"
    shown = view.evaluate(_SHOWN_JS)
    if not shown["images"] and not shown["text"]:
        return "shows neither an image nor text"
    return None


def shown(view: Locator) -> dict:
    """What the widget's output shows: the image sources (data URLs, i.e. the bytes) and the text."""
    return view.evaluate(_SHOWN_JS)


def move_main_control(view: Locator) -> str:
    """Move the first slider (drag its handle a quarter of the track) or pick another dropdown option."""
    control = view.locator(CONTROLS).first
    classes = control.get_attribute("class") or ""
    page = view.page
    if "widget-dropdown" in classes:
        select = control.locator("select")
        current = select.evaluate("(s) => s.selectedIndex")
        count = select.locator("option").count()
        select.select_option(index=(current + 1) % count)
        return f"dropdown {control.inner_text().strip()!r}: option {current} -> {(current + 1) % count}"
    handle = control.locator(".noUi-handle").first
    track = control.locator(".noUi-target").first
    before = control.locator(".widget-readout").first.inner_text() if control.locator(".widget-readout").count() else ""
    hbox, tbox = handle.bounding_box(), track.bounding_box()
    assert hbox and tbox, f"the slider {control.inner_text().strip()!r} is not on the page"
    x, y = hbox["x"] + hbox["width"] / 2, hbox["y"] + hbox["height"] / 2
    room_right = tbox["x"] + tbox["width"] - x
    target = x + tbox["width"] / 4 if room_right > tbox["width"] / 2 else x - tbox["width"] / 4
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(target, y, steps=8)
    page.mouse.up()
    after = control.locator(".widget-readout").first.inner_text() if control.locator(".widget-readout").count() else ""
    label = control.locator(".widget-label").first.inner_text() if control.locator(".widget-label").count() else ""
    return f"slider {label!r}: {before} -> {after}"


def wait_for_change(view: Locator, before: dict, timeout: float = 30) -> dict | None:
    """Wait until the output differs from `before` and shows something; the new state, or None on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = shown(view)
        if now != before and (now["images"] or now["text"]):
            time.sleep(0.3)  # let a redraw in progress finish
            settled = shown(view)
            if settled == now:
                return now
        time.sleep(0.2)
    return None


_STEP_JS = """
(view) => {
  const handle = view.querySelector('.widget-slider .noUi-handle');
  if (!handle) return null;
  const now = Number(handle.getAttribute('aria-valuenow'));
  const max = Number(handle.getAttribute('aria-valuemax'));
  return now < max ? 'ArrowRight' : 'ArrowLeft';
}
"""

# Resolves with the milliseconds from the slider handle's keydown to a new picture (decoded) or text in the widget's
# output, watched by the page itself: polling from Python would tie up the page's main thread and add to the time.
_WATCH_STEP_JS = """
(view) => {
  const out = view.querySelector('.widget-output') || view;
  const shown = () => Array.from(out.querySelectorAll('img')).map((img) => img.src).join('|') + '#' + out.innerText;
  const before = shown();
  const handle = view.querySelector('.widget-slider .noUi-handle');
  window.__courseStep = new Promise((resolve) => {
    let pressed = null;
    handle.addEventListener('keydown', () => { pressed = performance.now(); }, {once: true, capture: true});
    const observer = new MutationObserver(async () => {
      const images = Array.from(out.querySelectorAll('img'));
      if (pressed === null || shown() === before || (!images.length && !out.innerText.trim())) return;
      observer.disconnect();
      await Promise.all(images.map((img) => img.decode().catch(() => null)));
      resolve(performance.now() - pressed);
    });
    observer.observe(out, {subtree: true, childList: true, attributes: true, characterData: true});
    setTimeout(() => { observer.disconnect(); resolve(null); }, 15000);
  });
}
"""


def keyboard_step(view: Locator, steps: int = 3) -> float | None:
    """Step the first slider one notch with the keyboard (focus its handle, press an arrow key), `steps` times, and
    return the median of the seconds from the key press until the widget's output shows a new picture, decoded;
    None if the widget has no slider or does not answer within 15 s.

    This is what a student feels on every step: the browser sends the value, the kernel redraws, the PNG comes back
    and is drawn. The page times it itself, from its keydown event to the change in the output.
    """
    times = []
    for _ in range(steps):
        key = view.evaluate(_STEP_JS)
        if key is None:
            return None
        handle = view.locator(".widget-slider .noUi-handle").first
        handle.focus()
        view.evaluate(_WATCH_STEP_JS)
        handle.press(key)
        milliseconds = view.page.evaluate("() => window.__courseStep")
        if milliseconds is None:
            return None
        times.append(milliseconds / 1000)
    return statistics.median(times)
