"""Instructor tooling over nbgrader: generate student copies, execute masters, autograde."""
