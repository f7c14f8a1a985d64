"""The ``storybrowse serve`` command line, parsed into a :class:`ServeConfig`.

Only argparse and the standard library here: parsing the options (and
``--help``) never imports asyncssh.
"""

from __future__ import annotations

import argparse
import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

PROG = "storybrowse serve"

DEFAULT_MAX_SESSIONS = 10
DEFAULT_IDLE_TIMEOUT = 15 * 60.0  # seconds without a key from the reader
DEFAULT_MAX_SESSION = 4 * 3600.0  # seconds, however busy the reader is
DEFAULT_LOGIN_TIMEOUT = 30.0  # seconds to finish the SSH handshake and log in
HOST_KEY_NAME = "ssh_host_ed25519_key"

DESCRIPTION = """\
Serve one story over SSH: anyone with an ssh client runs
  ssh -p PORT HOST
and browses the story, in a storybrowse of their own on the server.
A connection can browse and nothing else: no shell, no commands, no port,
agent or X11 forwarding, no SFTP or SCP.
"""

EPILOG = """\
who may connect:
  --authorized-keys PATH  only the public keys listed in PATH (OpenSSH
                          authorized_keys format; read again for every
                          connection, so edits apply to the next one)
  --public                anyone who can reach the port, under any user name,
                          without logging in; the server warns when it starts
  One of the two is required.

The host key is created on the first start (ed25519, mode 600) and reused,
so readers see the same key every time.  One line per connection goes to
stderr: time, client address, user, key fingerprint (or "public"),
duration and outcome.  SIGTERM or ctrl+c ends every session (telling the
readers why) and stops the server.

exit status:
  0 stopped cleanly, 1 the story or the host key cannot be used,
  2 usage error (asyncssh missing: pip install 'storybrowse[serve]')
"""


class ConfigError(Exception):
    """A bad option value, worded for the user."""


@dataclass(frozen=True)
class ServeConfig:
    """Everything the server needs to know, checked."""

    file: str | None
    host: str  # "" means every interface
    port: int
    authorized_keys: Path | None  # None with public=True
    public: bool
    host_key: Path
    max_sessions: int = DEFAULT_MAX_SESSIONS
    idle_timeout: float = DEFAULT_IDLE_TIMEOUT
    max_session: float = DEFAULT_MAX_SESSION
    login_timeout: float = DEFAULT_LOGIN_TIMEOUT
    watch: bool = False


def default_host_key_path(environ: dict[str, str] | None = None) -> Path:
    """``$XDG_STATE_HOME/storybrowse/ssh_host_ed25519_key``, where
    XDG_STATE_HOME defaults to ``~/.local/state``."""
    env = dict(os.environ) if environ is None else environ
    state = env.get("XDG_STATE_HOME", "")
    base = Path(state) if state and Path(state).is_absolute() else Path.home() / ".local" / "state"
    return base / "storybrowse" / HOST_KEY_NAME


_BRACKETED = re.compile(r"\[(?P<host>[^\]]*)\]:(?P<port>[^:]+)")


def parse_listen(text: str) -> tuple[str, int]:
    """``PORT``, ``HOST:PORT`` or ``[IPV6]:PORT`` -> (host, port).

    A bare PORT listens on every interface (host ``""``).  Port 0 picks a
    free port (the server prints the one it got).
    """
    text = text.strip()
    found = _BRACKETED.fullmatch(text)
    if found:
        host, port_text = found.group("host"), found.group("port")
    elif text.count(":") == 1:
        host, port_text = text.split(":")
    elif ":" in text:
        raise ConfigError(f"{text!r}: write an IPv6 address in brackets, as [::1]:2222")
    else:
        host, port_text = "", text
    if not port_text.isdigit() or not 0 <= int(port_text) <= 65535:
        raise ConfigError(f"{text!r}: the port must be a number from 0 to 65535")
    if found is None and host == "" and ":" in text:
        raise ConfigError(f"{text!r}: no host before the colon (give just the port)")
    return host, int(port_text)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number of seconds above 0")
    return value


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number of at least 1")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=PROG,
        usage=(
            f"{PROG} [FILE] --ssh [HOST:]PORT (--authorized-keys PATH | --public)\n"
            f"{' ' * len('usage: ' + PROG)} [--host-key PATH] [--max-sessions N] "
            "[--idle-timeout S]\n"
            f"{' ' * len('usage: ' + PROG)} [--max-session S] [--login-timeout S] [--watch]"
        ),
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="the story to serve (default: ./story.yaml, else the bundled story)",
    )
    p.add_argument(
        "--ssh",
        required=True,
        metavar="[HOST:]PORT",
        help="address to listen on: PORT (every interface), HOST:PORT or [IPV6]:PORT",
    )
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument(
        "--authorized-keys",
        metavar="PATH",
        help="let in only the public keys listed in this authorized_keys file",
    )
    who.add_argument(
        "--public",
        action="store_true",
        help="let anyone in, with any user name and no login (read-only browsing)",
    )
    p.add_argument(
        "--host-key",
        metavar="PATH",
        help=f"the server's private host key, created if missing "
        f"(default: $XDG_STATE_HOME/storybrowse/{HOST_KEY_NAME})",
    )
    p.add_argument(
        "--max-sessions",
        type=_count,
        default=DEFAULT_MAX_SESSIONS,
        metavar="N",
        help=f"readers at once; the next one is told to come back later "
        f"(default: {DEFAULT_MAX_SESSIONS})",
    )
    p.add_argument(
        "--idle-timeout",
        type=_seconds,
        default=DEFAULT_IDLE_TIMEOUT,
        metavar="S",
        help=f"end a session after S seconds without a key pressed "
        f"(default: {DEFAULT_IDLE_TIMEOUT:g})",
    )
    p.add_argument(
        "--max-session",
        type=_seconds,
        default=DEFAULT_MAX_SESSION,
        metavar="S",
        help=f"end a session after S seconds in any case (default: {DEFAULT_MAX_SESSION:g})",
    )
    p.add_argument(
        "--login-timeout",
        type=_seconds,
        default=DEFAULT_LOGIN_TIMEOUT,
        metavar="S",
        help=f"drop a connection that has not logged in after S seconds "
        f"(default: {DEFAULT_LOGIN_TIMEOUT:g})",
    )
    p.add_argument(
        "--watch",
        action="store_true",
        help="passed on to each reader's storybrowse: readers see the story's edits as "
        "they are saved",
    )
    return p


def parse_args(argv: Sequence[str]) -> ServeConfig:
    """Parse *argv*; argparse exits with status 2 on a usage error, as does a
    :class:`ConfigError` once the caller reports it."""
    parser = build_parser()
    args = parser.parse_args(list(argv))
    try:
        host, port = parse_listen(args.ssh)
    except ConfigError as exc:
        parser.error(f"--ssh: {exc}")
    host_key = Path(args.host_key).expanduser() if args.host_key else default_host_key_path()
    return ServeConfig(
        file=args.file,
        host=host,
        port=port,
        authorized_keys=Path(args.authorized_keys).expanduser() if args.authorized_keys else None,
        public=bool(args.public),
        host_key=host_key,
        max_sessions=args.max_sessions,
        idle_timeout=args.idle_timeout,
        max_session=args.max_session,
        login_timeout=args.login_timeout,
        watch=bool(args.watch),
    )
