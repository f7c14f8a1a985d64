"""The ``--authorized-keys`` file of ``storybrowse serve``.

Read only when it is a regular file (``tui.story.fileio``), off the event
loop, and again whenever it changes.  Imports asyncssh (only ``serve`` does).
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import asyncssh

from tui.serve.connlog import Log

__all__ = ["KEYS_FILE_LIMIT", "AuthorizedKeys"]

# An authorized_keys file larger than this is refused (OpenSSH's own
# files hold a few kilobytes; this is thousands of keys).
KEYS_FILE_LIMIT = 1024 * 1024


class AuthorizedKeys:
    """The ``--authorized-keys`` file, read again whenever it changes, so
    that adding or removing a reader's key needs no restart.

    Only a regular file is ever read (``tui.story.fileio``): a FIFO, a
    device or a directory put in its place is refused at once, and nobody
    gets in, instead of the read blocking the server's one event loop.
    :meth:`current_async` reads it in a worker thread for the same reason
    (a slow disk or a network file system)."""

    def __init__(self, path: Path, log: Log) -> None:
        self.path = path
        self._log = log
        self._stamp: tuple[int, int, int, int] | None = None
        self._keys: asyncssh.SSHAuthorizedKeys | None = None

    def load(self) -> asyncssh.SSHAuthorizedKeys:
        """The keys now; raises OSError or ValueError if there are none."""
        from tui.story.fileio import NotReadable, read_regular_file

        info = os.stat(self.path)
        stamp = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        if stamp != self._stamp or self._keys is None:
            self._keys = None  # never keep keys from a file that is now unusable
            self._stamp = None
            try:
                data = read_regular_file(self.path, KEYS_FILE_LIMIT)
            except NotReadable as exc:
                raise OSError(str(exc)) from None
            self._keys = asyncssh.import_authorized_keys(data.decode("utf-8", "replace"))
            self._stamp = stamp
        return self._keys

    def current(self) -> asyncssh.SSHAuthorizedKeys | None:
        """The keys now, or None (and a log line) if the file is unusable:
        then nobody gets in."""
        try:
            return self.load()
        except (OSError, ValueError) as exc:
            self._log.server(
                f"cannot use the authorized keys {self.path}: {exc}; refusing everyone"
            )
            return None

    async def current_async(self) -> asyncssh.SSHAuthorizedKeys | None:
        """:meth:`current`, off the event loop."""
        return await asyncio.to_thread(self.current)
