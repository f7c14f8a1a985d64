"""The server's log: one line per connection, and a few lines about the server.

A connection line reads::

    2031-09-14T08:15:02Z client=192.0.2.7:50122 user="alice" key=SHA256:3q... \
duration=312.4s outcome=quit

``key`` is the fingerprint of the public key the reader logged in with,
``public`` on a ``--public`` server, ``-`` if the connection never logged in.
The user name is what the client sent: it is quoted and made safe for a
terminal (control characters shown as symbols), like every other field a
client controls.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import TextIO

from tui.story.sanitize import display_line

PREFIX = "storybrowse serve"
_MAX_FIELD = 80


def safe(text: str, limit: int = _MAX_FIELD) -> str:
    """Client-controlled text, made safe for a log line: one line, no
    control characters, at most *limit* characters."""
    text = display_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quoted(text: str) -> str:
    escaped = safe(text).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def timestamp(seconds: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


@dataclass
class ConnectionRecord:
    """What the log line of one connection says; filled in as it goes."""

    client: str
    started: float = field(default_factory=time.time)
    user: str | None = None
    key: str = "-"
    outcome: str = "closed"
    detail: str = ""
    refused: set[str] = field(default_factory=set)  # forwarding requests turned down
    written: bool = False

    def line(self, ended: float) -> str:
        user = "-" if self.user is None else quoted(self.user)
        outcome = self.outcome + (f" ({safe(self.detail)})" if self.detail else "")
        refused = f" refused={','.join(sorted(self.refused))}" if self.refused else ""
        return (
            f"{timestamp(self.started)} client={self.client} user={user} key={self.key} "
            f"duration={max(0.0, ended - self.started):.1f}s outcome={outcome}{refused}"
        )


class Log:
    """Where the lines go (stderr), one write and flush per line."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream

    def _write(self, line: str) -> None:
        stream = self._stream if self._stream is not None else sys.stderr
        try:
            stream.write(line + "\n")
            stream.flush()
        except (OSError, ValueError):
            # stderr is gone (closed pipe): the server keeps serving.
            return

    def server(self, message: str) -> None:
        self._write(f"{PREFIX}: {message}")

    def connection(self, record: ConnectionRecord) -> None:
        if record.written:
            return
        record.written = True
        self._write(record.line(time.time()))
