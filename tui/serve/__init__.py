"""``storybrowse serve``: serve one story over SSH, a storybrowse per reader.

``main(argv)`` is the whole command (``argv`` without the word ``serve``).
asyncssh is imported only once the options and the story have been checked,
and only here: the plain ``storybrowse`` command never imports it.  It is an
optional dependency: ``pip install 'storybrowse[serve]'``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tui.serve.config import PROG, ServeConfig, parse_args
from tui.serve.connlog import Log
from tui.story.sanitize import display_line

EXIT_OK = 0
EXIT_FAILED = 1  # the story, the host key or the address cannot be used
EXIT_USAGE = 2

INSTALL_HINT = "pip install 'storybrowse[serve]'"


def _error(message: str) -> None:
    print(f"{PROG}: error: {display_line(message)}", file=sys.stderr)


def _story_path(file: str | None) -> Path | None:
    if file is not None:
        return Path(file)
    from tui.story.locate import default_story_path

    found = default_story_path()
    if found is None:
        _error("no FILE given, ./story.yaml does not exist and no story is bundled")
    return found


def _story_loads(path: Path) -> bool:
    """Check the story now, so that a broken file stops the server at once
    instead of every reader's session.  Problems go to stderr."""
    from tui.story.load import check_story

    story, problems = check_story(path)
    for problem in problems:
        print(display_line(problem.format()), file=sys.stderr)
    if story is None or any(p.severity == "error" for p in problems):
        _error(f"{path}: the story cannot be served until it loads")
        return False
    return True


def main(argv: list[str]) -> int:
    """Run ``storybrowse serve ARGV``; return the exit status."""
    try:
        config = parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error (argparse printed it)
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    try:
        return _run(config)
    except KeyboardInterrupt:  # ctrl+c before the server was listening
        return 130


def _no_core_dumps() -> None:
    """RLIMIT_CORE 0 for the server and so for every reader's child (which
    sets it again itself): a crash must not leave a core file holding the
    host key or a reader's session on disk."""
    import resource

    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (OSError, ValueError) as exc:  # lowering a limit does not fail on Linux
        _error(f"cannot switch core dumps off: {exc}")


def _run(config: ServeConfig) -> int:
    if os.name != "posix":
        _error("serving needs a Unix-like system (pseudo-terminals): Linux, macOS or a BSD")
        return EXIT_USAGE
    _no_core_dumps()
    path = _story_path(config.file)
    if path is None:
        return EXIT_FAILED
    if not _story_loads(path):
        return EXIT_FAILED
    story = str(path.resolve())

    try:
        import asyncssh  # noqa: F401  (the optional dependency: fail early and clearly)
    except ImportError:
        _error(f"serving over SSH needs the asyncssh package: {INSTALL_HINT}")
        return EXIT_USAGE

    import asyncio

    from tui.serve.hostkey import HostKeyError, load_or_create
    from tui.serve.keys import AuthorizedKeys
    from tui.serve.server import describe_key, serve

    log = Log()
    keys = None
    if config.authorized_keys is not None:
        keys = AuthorizedKeys(config.authorized_keys, log)
        try:
            keys.load()
        except OSError as exc:
            _error(f"--authorized-keys {config.authorized_keys}: {exc.strerror or exc}")
            return EXIT_USAGE
        except ValueError as exc:
            _error(f"--authorized-keys {config.authorized_keys}: {exc} (no usable public key)")
            return EXIT_USAGE

    try:
        host_key, created = load_or_create(config.host_key)
    except HostKeyError as exc:
        _error(str(exc))
        return EXIT_FAILED

    log.server(f"serving {story}")
    log.server(
        f"host key {describe_key(host_key)} ({'created' if created else 'from'} {config.host_key})"
    )
    if config.public:
        log.server(
            "WARNING: --public: anyone who can reach this port can browse the story, "
            "under any user name and without a key; every connection is logged"
        )
    else:
        log.server(f"readers: the public keys in {config.authorized_keys}")
    log.server(
        f"limits: {config.max_sessions} sessions, idle timeout {config.idle_timeout:g} s, "
        f"session length {config.max_session:g} s"
    )
    try:
        return asyncio.run(serve(config, story=story, host_key=host_key, keys=keys, log=log))
    except OSError as exc:  # no temporary directory, no file descriptors left...
        _error(f"the server stopped: {exc}")
        return EXIT_FAILED
