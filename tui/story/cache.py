"""A cache of loaded stories, so that a big story opens fast the second time.

Loading 10,000 incidents (16 MB of YAML) takes about 1.2 s; unpickling the
same loaded :class:`~tui.story.model.Story` takes about 0.2 s.  The browser
(``storybrowse FILE``) therefore keeps the result of a successful load of a
big file (at least :data:`MIN_BYTES`) in ``$XDG_CACHE_HOME/storybrowse``
(``~/.cache/storybrowse`` by default):

* **Content-addressed, never stale.** An entry's name is the SHA-256 of the
  file's bytes, the storybrowse version, the Python version and the source
  of the core modules that build the model (:func:`entry_name`): any change to
  any of them is a miss, never an old story.
* **Checked.** An entry is ``MAGIC``, the SHA-256 of the payload (hex, one
  line), then the payload (a pickle of the story and its warnings).  A
  truncated or corrupt entry fails that check and is ignored (the file is
  loaded for real), so it can never show wrong data.
* **Same results.** Only loads without errors are stored; their warnings
  are stored with the story and given back with the file name the caller
  used, so what the browser reports does not depend on the cache.  Errors
  always come from a real load.  ``storybrowse check`` never uses it.
* **Written on the side.** The entry is written by a forked process (POSIX)
  so that the first open is not slowed down by pickling; atomically (a
  temporary file, then ``os.replace``), readable by the user only, keeping
  the :data:`KEEP` newest entries.
* **Off** when ``STORYBROWSE_CACHE=0`` or in restricted mode
  (``STORYBROWSE_RESTRICTED=1``, each reader of ``storybrowse serve``), which
  never reads or writes files beyond the story.

Pickle runs code when loading, so an entry is only ever read from the
user's own cache directory (created 0700; a directory or entry owned by
someone else, or writable by others, is not used).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .errors import Problem
from .model import Story

MAGIC = b"storybrowse story cache 1\n"
MIN_BYTES = 512 * 1024  # smaller files load in a few ms: not worth a disk write
KEEP = 5  # entries kept (a 16 MB story makes a 13 MB entry)
CACHE_VARIABLE = "STORYBROWSE_CACHE"  # "0": no cache
RESTRICTED_VARIABLE = "STORYBROWSE_RESTRICTED"  # as tui.app's

Loaded = tuple[Story | None, list[Problem]]


def enabled(environ: Mapping[str, str]) -> bool:
    """Is the cache on for this environment (see the module doc)?"""
    return environ.get(CACHE_VARIABLE, "") != "0" and environ.get(RESTRICTED_VARIABLE, "") != "1"


def cache_dir(environ: Mapping[str, str]) -> Path:
    """``$XDG_CACHE_HOME/storybrowse``, else ``~/.cache/storybrowse`` (a
    relative ``XDG_CACHE_HOME`` is ignored, as the XDG spec says)."""
    base = environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "storybrowse"


_code_digest: str | None = None


def _code_fingerprint() -> str:
    """SHA-256 (hex) of the storybrowse version, the Python version and the
    source of every module of the core (``tui/story``: the model, the
    loader and what they use; about 1 ms to read)."""
    global _code_digest
    if _code_digest is None:
        from tui import __version__

        h = hashlib.sha256(f"{__version__}\0{sys.version}\0".encode())
        for module in sorted(Path(__file__).parent.glob("*.py")):
            h.update(module.name.encode() + b"\0")
            try:
                h.update(module.read_bytes())
            except OSError:
                h.update(b"unreadable")
        _code_digest = h.hexdigest()
    return _code_digest


def entry_name(data: bytes) -> str:
    """The cache entry's file name for a story file holding *data* (64 hex
    digits, then ``.pickle``)."""
    h = hashlib.sha256(_code_fingerprint().encode())
    h.update(data)
    return h.hexdigest() + ".pickle"


# Pickling the model's frozen slotted dataclasses the default way restores
# each object with dataclasses' ``__setstate__``, which looks the fields up
# again for every object: 1.2 s for the 69,000 objects of 10,000 incidents.
# Our own reduction sets the slots with the class's descriptors, looked up
# once per class: about a quarter of that.
_SETTERS: dict[type, tuple[Callable[[object, object], None], ...]] = {}


def _setters(cls: type) -> tuple[Callable[[object, object], None], ...]:
    found = _SETTERS.get(cls)
    if found is None:
        found = tuple(getattr(cls, f.name).__set__ for f in dataclasses.fields(cls))
        _SETTERS[cls] = found
    return found


def _restore(cls: type, values: tuple[object, ...]) -> object:
    """Rebuild a slotted dataclass from its field values in field order."""
    obj: object = object.__new__(cls)
    for set_value, value in zip(_setters(cls), values, strict=True):
        set_value(obj, value)
    return obj


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: object) -> Any:
        cls = type(obj)
        if dataclasses.is_dataclass(cls) and "__slots__" in cls.__dict__:
            names = [f.name for f in dataclasses.fields(cls)]
            return _restore, (cls, tuple(getattr(obj, n) for n in names))
        return NotImplemented


def _dumps(value: object) -> bytes:
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return out.getvalue()


def _private(st: os.stat_result) -> bool:
    """Owned by this user and not writable by group or others."""
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def read_entry(path: Path, filename: str) -> Loaded | None:
    """The story and warnings of the entry at *path*, the warnings given
    *filename*; None if there is no entry, or it is not the user's own, or
    it is truncated or corrupt (its hash does not match), or unreadable."""
    try:
        with open(path, "rb") as f:
            if not _private(os.fstat(f.fileno())):
                return None
            blob = f.read()
    except OSError:
        return None
    head, sep, rest = blob[len(MAGIC) :].partition(b"\n")
    if not blob.startswith(MAGIC) or not sep or hashlib.sha256(rest).hexdigest().encode() != head:
        return None
    try:
        story, problems = pickle.loads(rest)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None  # the hash matched, yet it does not unpickle: ignore it
    if not isinstance(story, Story) or not isinstance(problems, list):
        return None
    return story, [dataclasses.replace(p, file=filename) for p in problems]


def write_entry(directory: Path, name: str, story: Story, problems: list[Problem]) -> None:
    """Write the entry *name* atomically into *directory* (created 0700),
    then remove all but the :data:`KEEP` newest entries.  Raises OSError."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not _private(directory.stat()):
        return
    payload = _dumps((story, problems))
    digest = hashlib.sha256(payload).hexdigest().encode()
    tmp = directory / f".{name}.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(MAGIC + digest + b"\n")
            f.write(payload)
        os.replace(tmp, directory / name)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    entries = sorted(directory.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)


def _write_on_the_side(directory: Path, name: str, story: Story, problems: list[Problem]) -> None:
    """:func:`write_entry` in a detached grandchild process where ``fork``
    exists (this process goes on at once), else here.  Errors are ignored:
    a cache that cannot be written is no cache."""
    if not hasattr(os, "fork"):
        # On failure: no cache this time; the story was loaded anyway.
        with contextlib.suppress(OSError):
            write_entry(directory, name, story, problems)
        return
    child = os.fork()
    if child:
        os.waitpid(child, 0)  # it exits at once, after forking the writer
        return
    code = 0
    try:
        if os.fork() == 0:  # the grandchild, reparented to init: no zombie
            os.setsid()
            os.nice(5)
            write_entry(directory, name, story, problems)
    except BaseException:  # a forked process must reach _exit, whatever happens
        code = 1
    finally:
        os._exit(code)


def check_story_cached(
    path: str | os.PathLike[str], environ: Mapping[str, str] | None = None
) -> Loaded:
    """:func:`tui.story.load.check_story`, through the cache when it is
    :func:`enabled` and the file is at least :data:`MIN_BYTES`: returns the
    story (None on any error) and every problem, exactly as ``check_story``."""
    from .fileio import NotReadable, read_regular_file
    from .load import MAX_FILE_SIZE, check_story, check_story_text

    env = os.environ if environ is None else environ
    filename = os.fspath(path)
    try:
        small = os.stat(filename).st_size < MIN_BYTES
    except (OSError, ValueError):
        small = True  # check_story says why
    if small or not enabled(env):
        return check_story(filename)
    try:
        data = read_regular_file(filename, MAX_FILE_SIZE)
    except NotReadable:
        return check_story(filename)  # it says why, as always
    directory = cache_dir(env)
    name = entry_name(data)
    hit = read_entry(directory / name, filename)
    if hit is not None:
        return hit
    story, problems = check_story_text(data, filename)
    del data
    if story is not None and not any(p.is_error for p in problems):
        _write_on_the_side(directory, name, story, problems)
    return story, problems
