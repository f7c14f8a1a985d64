"""The server's host key: created on the first start, reused afterwards.

The key is ed25519, in OpenSSH format, written with mode 600 (created that
way, never chmod-ed after the fact), in a directory created with mode 700;
the public half goes next to it as ``PATH.pub``.  A key file that others can
read is refused, as sshd does.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asyncssh import SSHKey


class HostKeyError(Exception):
    """The host key cannot be created or used; the message says why."""


def load_or_create(path: Path) -> tuple[SSHKey, bool]:
    """The private host key at *path*, created first if there is none.

    Returns ``(key, created)``.
    """
    import asyncssh

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return _create(path), True
    except OSError as exc:
        raise HostKeyError(f"cannot open the host key {path}: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise HostKeyError(f"the host key {path} is not a regular file")
        if info.st_mode & 0o077:
            mode = stat.S_IMODE(info.st_mode)
            raise HostKeyError(
                f"the host key {path} can be read by others (mode {mode:04o}); "
                f"run: chmod 600 {path}"
            )
        data = file.read()
    try:
        return asyncssh.import_private_key(data), False
    except (asyncssh.KeyImportError, ValueError) as exc:
        raise HostKeyError(f"the host key {path} is not a usable private key: {exc}") from None


def _create(path: Path) -> SSHKey:
    import asyncssh

    key = asyncssh.generate_private_key("ssh-ed25519", comment="storybrowse serve host key")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # O_EXCL: two servers starting at once cannot both write the file.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return load_or_create(path)[0]
    except OSError as exc:
        raise HostKeyError(f"cannot create the host key {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(key.export_private_key())
    except OSError as exc:
        with contextlib.suppress(OSError):
            path.unlink()
        raise HostKeyError(f"cannot write the host key {path}: {exc.strerror}") from None
    public = path.with_name(path.name + ".pub")
    with contextlib.suppress(OSError):  # a convenience only: the private key is what counts
        public.write_bytes(key.export_public_key())
    return key
