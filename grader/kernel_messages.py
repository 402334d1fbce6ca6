"""Talking to a kernel over jupyter_client's channels, robustly: waits that cannot miss a message, the reply to one
request, readiness, liveness. No grading policy here (that is `execution`)."""

from __future__ import annotations

from queue import Empty
from time import monotonic

PING_SECONDS = 5  # how long a kernel may take to answer a trivial request
WAKE_SECONDS = 0.2


def sliced(unsliced):
    """A channel's `get_msg`, waiting in short slices. pyzmq's asyncio poller can miss the wake-up for a message that
    has arrived (seen with widget cells under load: a reply found only when a 30 s timeout expired); each slice ends
    with a fresh look at the socket, so a missed wake-up costs at most WAKE_SECONDS."""

    async def get_msg(timeout=None):
        deadline = None if timeout is None else monotonic() + timeout
        while True:
            step = WAKE_SECONDS if deadline is None else max(0.0, min(WAKE_SECONDS, deadline - monotonic()))
            try:
                return await unsliced(timeout=step)
            except Empty:
                if deadline is not None and monotonic() >= deadline:
                    raise

    return get_msg


async def reply(kc, msg_id: str, timeout: float) -> dict | None:
    """The shell reply to `msg_id`, or None after `timeout` seconds (or if the kernel died)."""
    deadline = monotonic() + timeout
    while True:
        remaining = deadline - monotonic()
        if remaining <= 0:
            return None
        try:
            msg = await kc.shell_channel.get_msg(timeout=min(remaining, 1.0))
        except Exception:  # noqa: BLE001 - queue.Empty
            if not await kc.is_alive():
                return None
            continue
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


async def wait_for_ready(kc, timeout: float) -> dict:
    """jupyter_client's `wait_for_ready` (a kernel_info reply on shell, then a message on iopub, so no output can be
    missed) without its final 0.2 s of iopub silence: messages already there are drained, and later ones belong to
    no cell we run. Returns the kernel_info reply."""
    deadline = monotonic() + timeout
    while monotonic() < deadline:
        answer = await reply(kc, kc.kernel_info(), 1.0)
        if answer is not None:
            try:
                await kc.iopub_channel.get_msg(timeout=0.2)
            except Empty:
                continue
            while await kc.iopub_channel.msg_ready():
                await kc.iopub_channel.get_msg(timeout=0)
            return answer
        if not await kc.is_alive():
            raise RuntimeError("Kernel died before replying to kernel_info")
    raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")


async def alive(kc) -> bool:
    try:
        return bool(kc is not None and await kc.is_alive())
    except Exception:  # noqa: BLE001
        return False


async def responsive(kc) -> bool:
    """Does the kernel answer a trivial request within PING_SECONDS?"""
    if not await alive(kc):
        return False
    return await reply(kc, kc.execute("", silent=True, store_history=False), PING_SECONDS) is not None
