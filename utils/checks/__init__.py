"""Visible checks for the exercises, one module per lecture, built on `utils.checks.core`."""
