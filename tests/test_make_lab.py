"""`make lab`, the README's first command, serves the course's notebooks in JupyterLab (also as root), as students
get it: no news pop-up, none of nbgrader's instructor tools, Validate kept."""

from __future__ import annotations

import html
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from grader import course


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, token: str) -> dict:
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.load(response)


def _status(url: str, token: str, method: str = "GET") -> int:
    request = urllib.request.Request(url, method=method, data=b"{}" if method == "POST" else None,
                                     headers={"Authorization": f"token {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_make_lab_serves_the_student_copies(tmp_path):
    port, token = _free_port(), secrets.token_hex(16)
    args = f"--no-browser --ip=127.0.0.1 --port={port} --IdentityProvider.token={token} --ServerApp.open_browser=False"
    env = {**os.environ, "HOME": str(tmp_path), "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    server = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_ARGS={args}"], cwd=course.REPO, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                listing = _get(f"http://127.0.0.1:{port}/api/contents", token)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"make lab exited: {server.stdout.read().decode(errors='replace')[-2000:]}")
                if time.monotonic() > deadline:
                    pytest.fail("JupyterLab did not answer within 90 s")
                time.sleep(0.5)
        assert {item["name"] for item in listing["content"]} >= set(course.assignments())
        lecture = _get(f"http://127.0.0.1:{port}/api/contents/2.1-binary-classification", token)
        assert "2.1-binary-classification/2.1-binary-classification.ipynb" in {i["path"] for i in lecture["content"]}
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=10) as page:
            text = page.read().decode()
        assert "JupyterLab" in text
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?token={token}", timeout=10) as home:
            assert home.geturl().split("?")[0].endswith("/lab/tree/start-here.ipynb"), "make lab opens the home page"
        config = json.loads(html.unescape(re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', text, re.S)[1]))
        disabled = set(config["disabledExtensions"])
        assert {"@jupyterlab/apputils-extension:announcements", "@jupyter/nbgrader:create-assignment",
                "@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:menu"} <= disabled
        assert "@jupyter/nbgrader:validate-assignment" not in disabled
        assert config["news"] == {"disabled": True}
        base = f"http://127.0.0.1:{port}"
        assert _status(f"{base}/formgrader/api/status", token) == 404, "the formgrader must not run in the student lab"
        assert _status(f"{base}/assignments/validate", token, "POST") != 404, "Validate must stay"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
