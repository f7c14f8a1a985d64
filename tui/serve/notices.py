"""What the server tells a reader when their session cannot start or ends:
the wording of each notice, in one place."""

from __future__ import annotations


def _duration(seconds: float) -> str:
    """900 -> "15 minutes", 14400 -> "4 hours", 1.5 -> "1.5 seconds"."""
    for unit, size in (("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            n = int(seconds // size)
            return f"{n} {unit}" + ("s" if n != 1 else "")
    return f"{seconds:g} second" + ("s" if seconds != 1 else "")


def idle_message(seconds: float) -> str:
    return (
        f"storybrowse: no key pressed for {_duration(seconds)}; the session has ended. "
        "Connect again to carry on reading."
    )


def time_limit_message(seconds: float) -> str:
    return (
        f"storybrowse: sessions on this server last at most {_duration(seconds)}; "
        "the session has ended. Connect again to carry on reading."
    )


def full_message(limit: int) -> str:
    readers = "reader" if limit == 1 else "readers"
    return (
        f"storybrowse: the server is full ({limit} {readers} at once); "
        "please try again in a few minutes."
    )


SHUTDOWN_MESSAGE = "storybrowse: the server is shutting down. Goodbye."
