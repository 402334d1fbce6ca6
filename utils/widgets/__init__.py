"""Thin ipywidgets wrappers over `utils.plotting`, one module per lecture (named like its module in `utils.checks`
and `utils.plotting`), built with `core`."""
