"""Fixtures for the ``storybrowse serve`` tests: throwaway client keys, and
servers started on a free loopback port (``--ssh 127.0.0.1:0``) that are
always stopped, with nothing left behind.

The tests use the real OpenSSH client.  Locally a missing ``ssh``,
``ssh-keygen`` or asyncssh skips them with the reason; under CI=true they
fail instead (a skip there would hide a missing install step).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from serveharness import STORY, Keys, Server


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def unavailable(reason: str) -> None:
    if in_ci():
        pytest.fail(f"CI=true and the serve tests cannot run: {reason}", pytrace=False)
    pytest.skip(reason)


# The tests that drive the real ssh client against a real server.
END_TO_END = (
    "test_serve_browse.py",
    "test_serve_access.py",
    "test_serve_limits.py",
    "test_serve_bounds.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        path = Path(str(item.fspath))
        if path.parent == here and path.name in END_TO_END:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if report.skipped and in_ci() and Path(__file__).parent in Path(str(item.fspath)).parents:
        report.outcome = "failed"
        report.longrepr = f"CI=true: serve tests must not skip ({report.longrepr})"


@pytest.fixture(scope="session")
def asyncssh_installed() -> None:
    try:
        import asyncssh  # noqa: F401
    except ImportError:
        unavailable("asyncssh is not installed (pip install '.[serve]')")


@pytest.fixture(scope="session")
def openssh(asyncssh_installed: None) -> None:
    missing = [name for name in ("ssh", "ssh-keygen", "sftp", "scp") if shutil.which(name) is None]
    if missing:
        unavailable(f"missing {', '.join(missing)} (apt-get install -y openssh-client)")


def _keygen(path: Path) -> str:
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", path.name, "-f", str(path)],
        check=True,
        capture_output=True,
    )
    shown = subprocess.run(
        ["ssh-keygen", "-l", "-f", str(path)], check=True, capture_output=True, text=True
    ).stdout
    return shown.split()[1]  # "256 SHA256:... comment (ED25519)"


@pytest.fixture(scope="session")
def keys(openssh: None, tmp_path_factory: pytest.TempPathFactory) -> Keys:
    base = tmp_path_factory.mktemp("keys")
    reader, stranger = base / "reader", base / "stranger"
    fingerprint = _keygen(reader)
    _keygen(stranger)
    authorized = base / "authorized_keys"
    authorized.write_text(reader.with_suffix(".pub").read_text())
    return Keys(
        reader=reader, stranger=stranger, authorized=authorized, reader_fingerprint=fingerprint
    )


ServerFactory = Callable[..., Server]


@pytest.fixture
def start_server(openssh: None, tmp_path: Path) -> Iterator[ServerFactory]:
    """``start_server(*args, story=PATH)`` -> a listening Server; stopped at teardown,
    where it must also exit cleanly (status 0)."""
    servers: list[Server] = []

    def start(*args: str, story: Path = STORY, core_dumps: bool = False) -> Server:
        server = Server(tmp_path, args, story=story, core_dumps=core_dumps)
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        status = server.stop()
        assert status == 0, f"the server exited with status {status}:\n{server.log()}"


@pytest.fixture(scope="module")
def shared_server(
    openssh: None, keys: Keys, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """One key-only server for the tests that need nothing special from it."""
    server = Server(
        tmp_path_factory.mktemp("shared"), ["--authorized-keys", str(keys.authorized)]
    ).start()
    yield server
    status = server.stop()
    assert status == 0, f"the server exited with status {status}:\n{server.log()}"


# The load test (20 readers for 30 s) runs only when asked for:
#   STORYBROWSE_LOAD_TEST=1 pytest tests/serve/load_test.py -s
collect_ignore = [] if os.environ.get("STORYBROWSE_LOAD_TEST") == "1" else ["load_test.py"]
