"""A story file as it was at a git revision, for ``storybrowse diff --rev``.

:func:`read_at_revision` runs ``git show REV:PATH`` in the file's
repository, PATH relative to the repository's top level.  Each way this
can fail (git missing, not in a repository, a revision git does not know,
a file the revision does not have) is one :class:`RevisionError` whose
text is one sentence for the reader.  git runs with ``LC_ALL=C`` (its
messages are matched), without a pager or prompts, and never with an
argument that could be read as an option.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tui.story.load import MAX_FILE_SIZE
from tui.story.sizes import size_label

__all__ = ["RevisionError", "read_at_revision"]

# Seconds one git command may take before it is given up.
GIT_TIMEOUT = 120


class RevisionError(Exception):
    """The file cannot be had at that revision; ``str()`` is one line."""


def _git(cwd: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    git = shutil.which("git")
    if git is None:
        raise RevisionError("--rev needs git, which is not installed (not found on PATH)")
    env = {
        **os.environ,
        "LC_ALL": "C",
        "LANGUAGE": "",
        "GIT_PAGER": "cat",
        "GIT_TERMINAL_PROMPT": "0",
    }
    try:
        return subprocess.run(
            [git, "-C", cwd, *args],
            capture_output=True,
            env=env,
            stdin=subprocess.DEVNULL,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RevisionError(f"git took longer than {GIT_TIMEOUT} s; gave up") from None
    except OSError as exc:
        raise RevisionError(f"could not run git: {exc.strerror or exc}") from None


def _first_line(data: bytes) -> str:
    lines = data.decode("utf-8", "replace").strip().splitlines()
    return lines[0] if lines else "no message"


def _repository(file: str) -> tuple[str, str]:
    """The repository's top level and *file*'s path in it (``/``-separated)."""
    folder = os.path.realpath(os.path.dirname(os.path.abspath(file)))
    if not os.path.isdir(folder):
        raise RevisionError(f"{file}: its directory does not exist, so it is in no git repository")
    proc = _git(folder, "rev-parse", "--show-toplevel")
    if proc.returncode != 0:
        message = _first_line(proc.stderr)
        if "not a git repository" in message:
            raise RevisionError(f"{file}: not in a git repository, so --rev cannot be used")
        raise RevisionError(f"{file}: git cannot use its repository: {message}")
    top = os.path.realpath(proc.stdout.decode("utf-8", "surrogateescape").strip())
    rel = os.path.relpath(os.path.join(folder, os.path.basename(file)), top)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        raise RevisionError(f"{file}: outside the git repository at {top}")
    return top, Path(rel).as_posix()


def read_at_revision(file: str, rev: str) -> tuple[bytes, str]:
    """The bytes of *file* at git revision *rev*, and its name for messages
    (``REV:PATH``, git's own notation).

    Raises :class:`RevisionError` when git is missing, *file* is not in a
    repository, *rev* is not a commit git knows, the file does not exist
    at *rev* (or is not a file there), or it is larger than the loader's
    limit (:data:`tui.story.load.MAX_FILE_SIZE`).
    """
    top, rel = _repository(file)
    name = f"{rev}:{rel}"
    if not rev or rev.startswith("-") or any(c in rev for c in "\n\r\x00"):
        raise RevisionError(f"{rev!r} is not a revision (--rev takes a commit, a branch or a tag)")
    proc = _git(top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    if proc.returncode != 0:
        raise RevisionError(f"{rev!r} is not a revision in the git repository at {top}")
    commit = proc.stdout.decode("ascii", "replace").strip()
    kind = _git(top, "cat-file", "-t", f"{commit}:{rel}")
    if kind.returncode != 0:
        raise RevisionError(f"{rel} does not exist at revision {rev} (in {top})")
    if kind.stdout.strip() != b"blob":
        raise RevisionError(f"{rel} is not a file at revision {rev} (in {top})")
    size = _git(top, "cat-file", "-s", f"{commit}:{rel}")
    if size.returncode == 0 and int(size.stdout.strip() or 0) > MAX_FILE_SIZE:
        raise RevisionError(
            f"{name}: the file is too large ({size_label(int(size.stdout))}); "
            f"the limit is {size_label(MAX_FILE_SIZE)}"
        )
    shown = _git(top, "show", "--no-textconv", f"{commit}:{rel}")
    if shown.returncode != 0:
        raise RevisionError(f"{name}: git show failed: {_first_line(shown.stderr)}")
    return shown.stdout, name
