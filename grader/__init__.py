"""Instructor tooling over nbgrader: generate student copies, execute masters, autograde a class.

Each module owns one thing: the list, grouped, is "The grader's layout" in CONTRIBUTING.md.
"""
