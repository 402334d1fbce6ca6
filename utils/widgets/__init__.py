"""Thin ipywidgets wrappers over `utils.plotting`, one module per topic."""
