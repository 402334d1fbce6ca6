"""Where the sandbox must work, its tests fail instead of skipping: bubblewrap installed and the tests run as root.

`require_sandbox()` in a fixture: skips where bubblewrap or root is missing (the weaker mode is tested there), fails
with bubblewrap's own error where it is installed, the tests run as root, and it still cannot start.
"""

from __future__ import annotations

import os

import pytest

from grader import sandbox


def require_sandbox() -> None:
    works, reason = sandbox.bwrap_works()
    if works and os.geteuid() == 0:
        return
    if sandbox.bwrap_installed() and os.geteuid() == 0:
        pytest.fail(f"bubblewrap is installed and the tests run as root, but the sandbox cannot start: {reason}")
    pytest.skip("the sandbox needs bubblewrap (scripts/install-sandbox.sh) and tests run as root")
