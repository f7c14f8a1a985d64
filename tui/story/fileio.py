"""Open a story file without ever blocking on it or reading something that
is not a file: the one way storybrowse reads a story from disk (the first
load, ``check``/``export``/``show``, and every ``--watch`` reload).

Only a *regular* file is read.  A FIFO (it would block until a writer came,
forever), a character device (``/dev/tty`` would steal the reader's keys,
``/dev/zero`` never ends), a socket, a block device or a directory is refused
with one clear sentence, whatever name or symlink leads to it.  The file is
``stat``-ed first, so that nothing else is even opened (opening some devices
has effects of its own); it is then opened with ``O_NONBLOCK`` and
``O_NOCTTY`` and checked again with ``fstat``, so that a swap between the two
steps (a symlink re-pointed at ``/dev/tty``, say) is caught too.

Public API: :func:`read_regular_file`, :exc:`NotReadable`.
"""

from __future__ import annotations

import errno
import os
import stat

from .sizes import size_label as _size

__all__ = ["NotReadable", "file_kind", "read_regular_file"]

_O_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)

# st_mode -> words for "not a regular file: ..."
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotReadable(Exception):
    """The story file cannot be read; ``str()`` is one sentence for the
    reader, without the file's name and without anything from its content
    (e.g. ``"not a regular file: a FIFO (named pipe)"``).  ``too_large`` is
    set when the only trouble is the size limit."""

    def __init__(self, message: str, *, too_large: bool = False) -> None:
        super().__init__(message)
        self.too_large = too_large


def file_kind(mode: int) -> str:
    """What a non-regular ``st_mode`` is, in words: ``"a FIFO (named pipe)"``."""
    for test, words in _KINDS:
        if test(mode):
            return words
    return "not a regular file"


def _refuse(mode: int) -> NotReadable:
    if stat.S_ISDIR(mode):
        return NotReadable("is a directory, not a story file")
    return NotReadable(f"not a regular file: {file_kind(mode)}; a story must be a plain file")


def _oserror(exc: OSError) -> NotReadable:
    if exc.errno == errno.ENOENT:
        return NotReadable("no such file")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return NotReadable("permission denied")
    if exc.errno == errno.ELOOP:
        return NotReadable("too many levels of symbolic links")
    return NotReadable(f"cannot read the file: {exc.strerror or exc}")


def read_regular_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """The whole content of the regular file at *path* (symlinks followed),
    at most *limit* bytes.

    Never blocks on a FIFO or a device and never reads one: raises
    :exc:`NotReadable` for a missing or unreadable path, anything but a
    regular file (checked before opening and again on the open descriptor),
    or a file over *limit* bytes (by its size, and while reading: a file that
    grows past the limit is refused too).
    """
    try:
        st = os.stat(path)
    except (OSError, ValueError) as exc:
        if isinstance(exc, ValueError):  # an embedded NUL in the name
            raise NotReadable("invalid file name") from None
        raise _oserror(exc) from None
    if not stat.S_ISREG(st.st_mode):
        raise _refuse(st.st_mode)
    too_large = f"the limit is {_size(limit)}"
    if st.st_size > limit:
        raise NotReadable(
            f"the file is too large ({_size(st.st_size)}); {too_large}", too_large=True
        )
    try:
        fd = os.open(path, _O_FLAGS)
    except OSError as exc:
        raise _oserror(exc) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # swapped since the stat above
            raise _refuse(st.st_mode)
        # A regular file never blocks; clear O_NONBLOCK all the same, so
        # that a network file system cannot answer EAGAIN.
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        got = 0
        # One byte past the limit tells a file that grew from one that fits.
        want = min(st.st_size, limit) + 1
        while True:
            chunk = os.read(fd, max(want - got, 65536))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
            if got > limit:
                raise NotReadable(
                    f"the file is too large (more than {_size(limit)}); {too_large}",
                    too_large=True,
                )
    except OSError as exc:
        raise _oserror(exc) from None
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)
