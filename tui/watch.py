"""Live reload: notice that the story file changed on disk, wait until it has
settled, and load it without ever taking a half-written file for the new
version.  Nothing here imports textual; the app (``tui/app.py``) calls
:meth:`FileWatch.due` from a timer and :meth:`FileWatch.load` in a thread.

How a change is noticed: by polling ``os.stat`` (every
:data:`POLL_INTERVAL` seconds in the browser), the way Textual's own CSS
live reload does (``textual/file_monitor.py``), but comparing a fuller
:class:`Signature` than Textual's float ``st_mtime``: device, inode, size and
the nanosecond modification and change times.  That catches every way
editors save:

- write to a temporary file and rename it over the story (vim's default,
  most editors): the inode changes;
- truncate, then write in place: the size and times change;
- several writes in a row: each one changes the times (and usually the size);
- delete, then create again: the file is missing for a while (see
  :data:`MISSING`), then comes back with a new inode.

Why not watchfiles (inotify through Rust's ``notify``): it costs nothing at
run time, but ``import watchfiles`` took ~5 ms more after textual (~30 ms on
its own), it is a 0.46 MB compiled wheel plus anyio and idna, it starts a
thread per watcher, and a single file still has to be watched through its
directory to survive a rename.  A stat every quarter of a second costs
microseconds, imports nothing, works on network file systems where inotify
does not, and needs the same debounce anyway.  Its price is up to one poll
interval of latency.

When a change is loaded (never a half-written file):

1. debounce: :meth:`FileWatch.due` is true once the signature differs from
   the version last loaded *and* has stayed the same for :data:`SETTLE`
   seconds (every poll in between saw the same signature);
2. :meth:`FileWatch.load` stats the file before and after loading it; if
   the file is not the one ``due`` saw settle, or changed while it was read,
   the outcome is marked unsettled and :meth:`FileWatch.accept` drops it: the
   next polls see the new signature and wait for it to settle again;
3. a settled outcome is accepted, good or bad: a story that fails to load
   once its file has settled has real errors, shown until a later save.

What is read: only a regular file, opened without blocking and checked
again once open (:mod:`tui.story.fileio`).  The path replaced by a FIFO, a
device (a symlink to ``/dev/tty``), a socket or a directory is a problem of
its own ("not a regular file: a FIFO (named pipe)"), listed like any other;
a file that is not a story at all is described, never quoted.  The load runs
in a daemon thread (:meth:`FileWatch.load_async`): quitting never waits for
it, whatever it is doing.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tui.story.errors import Problem
from tui.story.load import check_story
from tui.story.model import Story

POLL_INTERVAL = 0.25  # seconds between two stats of the file (the browser's timer)
SETTLE = 0.2  # seconds the file must stay unchanged before it is loaded

Loader = Callable[[str], tuple[Story | None, list[Problem]]]


@dataclass(frozen=True, slots=True)
class Signature:
    """What ``os.stat`` says about one version of a file."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int


# The file does not exist (or cannot be stat'ed): a state of its own, so
# that deleting the file is a change and creating it again is another.
MISSING = Signature(-1, -1, -1, -1, -1)


def signature(path: str | os.PathLike[str]) -> Signature:
    """The file's :class:`Signature`, or :data:`MISSING`."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return MISSING
    return Signature(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


@dataclass(frozen=True)
class Outcome:
    """One load of the watched file."""

    signature: Signature  # of the file that was read
    story: Story | None  # None: the file has errors (see problems)
    problems: list[Problem] = field(default_factory=list)  # errors and warnings
    settled: bool = True  # False: the file changed while it was read

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


class FileWatch:
    """Decides when the watched file has a new, settled version to load.

    *baseline*: the signature of the version already shown (take it before
    that version was loaded, so that a save during the first load is not
    missed); by default the file's signature now.  *clock* and *loader*
    are there for tests.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        settle: float = SETTLE,
        baseline: Signature | None = None,
        clock: Callable[[], float] = time.monotonic,
        loader: Loader = check_story,
    ) -> None:
        self.path = Path(path)
        self.settle = settle
        self._clock = clock
        self._loader = loader
        self.loaded = signature(self.path) if baseline is None else baseline
        self._seen = self.loaded  # the signature at the last poll
        self._since = clock()  # when _seen was first seen

    def due(self) -> bool:
        """Stat the file: is there a new version, unchanged for ``settle`` seconds?"""
        now = self._clock()
        current = signature(self.path)
        if current != self._seen:
            self._seen, self._since = current, now
            return False
        return current != self.loaded and now - self._since >= self.settle

    def load(self) -> Outcome:
        """Load the file (slow for a big story: call it off the UI thread).

        Only the path and the signature seen by the last :meth:`due` are
        read here, so this may run in a thread while polls go on."""
        expected = self._seen
        before = signature(self.path)
        story, problems = self._loader(os.fspath(self.path))
        after = signature(self.path)
        settled = before == after == expected
        return Outcome(after, story if settled else None, problems, settled)

    async def load_async(self) -> Outcome:
        """:meth:`load` in a daemon thread, awaited on the running loop.

        Not ``asyncio.to_thread``: the interpreter waits for the default
        executor's threads at exit, so a load stuck in the kernel (a hung
        network file system) would keep the app from quitting.  A daemon
        thread is simply dropped at exit.  Raises what :meth:`load` raises."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Outcome] = loop.create_future()

        def settle(result: Outcome | None, error: BaseException | None) -> None:
            if future.done():  # cancelled: the app is closing
                return
            if error is not None:
                future.set_exception(error)
            else:
                assert result is not None
                future.set_result(result)

        def run() -> None:
            result: Outcome | None = None
            error: BaseException | None = None
            try:
                result = self.load()
            except Exception as exc:  # handed to the awaiting task
                error = exc
            try:
                loop.call_soon_threadsafe(settle, result, error)
            except RuntimeError:  # the loop is closed: nobody is waiting any more
                return

        threading.Thread(target=run, name="story reload", daemon=True).start()
        return await future

    def accept(self, outcome: Outcome) -> bool:
        """Take a finished :meth:`load`: True if it is to be shown (the file
        stayed the same while it was read); False if it must be loaded again
        once the file settles."""
        if not outcome.settled:
            return False
        self.loaded = outcome.signature
        return True
