"""Asking a running kernel whether the student's code tampered with it: the probe (`cheating.PROBE`) compared with
its answer when the kernel started, and a canary (does a failing assertion still show as an error?)."""

from __future__ import annotations

import ast
import json
import secrets

from . import cheating
from .kernel_messages import PING_SECONDS, alive, reply


async def probe(kc) -> dict | None:
    """Run the tamper probe in the kernel; its findings, or None if it gave no answer."""
    if not await alive(kc):
        return None
    msg_id = kc.execute(cheating.PROBE, silent=True, store_history=False,
                        user_expressions={"probe": cheating.PROBE_RESULT})
    answer = await reply(kc, msg_id, PING_SECONDS)
    if not answer:
        return None
    try:
        text = answer["content"]["user_expressions"]["probe"]["data"]["text/plain"]
        return json.loads(ast.literal_eval(text))
    except Exception:  # noqa: BLE001 - a tampered kernel may answer anything
        return {"unreadable": True}


async def canary(kc) -> bool:
    """Does the kernel still report a failing assertion as an error?"""
    nonce = secrets.token_hex(8)
    answer = await reply(kc, kc.execute(f"assert False, {nonce!r}", silent=True, store_history=False), PING_SECONDS)
    content = (answer or {}).get("content", {})
    return content.get("status") == "error" and content.get("evalue") == nonce


async def tampering(kc, baseline: dict | None) -> list[str]:
    """What changed in the kernel since `baseline` (its probe when it started), and whether errors still show."""
    try:
        findings = await probe(kc)
        reports_errors = await canary(kc) if await alive(kc) else True
    except Exception as error:  # noqa: BLE001
        findings, reports_errors = {"unreadable": True, "error": repr(error)}, True
    problems = cheating.compare_probe(baseline, findings)
    if not reports_errors:
        problems.append("a failing assertion no longer shows as an error in the kernel "
                        "(execution or error reporting was tampered with)")
    return problems
