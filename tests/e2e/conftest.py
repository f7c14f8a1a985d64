"""Fixtures for the end-to-end suite: a throwaway OpenSSH server on a loopback
port, a private tmux server, and remote shells reached through them.

Nothing here touches the system's sshd or /etc/ssh: the server runs as a child
process (``sshd -D -e -f CONFIG``) with its own host key, user key,
authorized_keys, config and pid file, all under pytest's tmp directory, and
listens on 127.0.0.1 only. (Running as root, OpenSSH needs its empty
privilege-separation directory /run/sshd; it is created if missing, exactly as
Debian's service script would.)

Locally a missing sshd, ssh, tmux or storybrowse skips the suite with the
reason; under CI=true it fails instead, and so does any other skip of an e2e
test.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sshterm import PROMPT, Pane, ShellFactory, SshTarget, Tmux, Variant

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "story.yaml"

SBIN_PATH = "/usr/sbin:/usr/local/sbin:/sbin"
# The environment the remote side accepts from the client (TERM always travels
# with the pty request).
ACCEPT_ENV = "LANG LC_* LOCPATH NO_COLOR TEXTUAL_THEME COLORTERM PYTHONUTF8 PYTHONCOERCECLOCALE"

BROKEN_STORY = """\
storybrowse: 1
story:
  headline: A story with a mistake in it
bogus_key: this key is not part of the format
incidents:
  - id: only
    title: An incident with an impossible date
    date: 2022-13-45
"""


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def unavailable(reason: str) -> None:
    """Skip locally; fail under CI, where the e2e suite must run."""
    if in_ci():
        pytest.fail(f"CI=true and the end-to-end suite cannot run: {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if report.skipped and in_ci() and item.get_closest_marker("e2e") is not None:
        report.outcome = "failed"
        report.longrepr = f"CI=true: end-to-end tests must not skip ({report.longrepr})"


# -- tools ---------------------------------------------------------------------


def _which(name: str, extra_path: str = "") -> str | None:
    path = os.environ.get("PATH", "")
    return shutil.which(name, path=f"{path}:{extra_path}" if extra_path else path)


def find_storybrowse() -> Path | None:
    """The installed console script: $E2E_STORYBROWSE, else next to this Python."""
    override = os.environ.get("E2E_STORYBROWSE")
    if override:
        return Path(override)
    beside = Path(sys.executable).parent / "storybrowse"
    if beside.is_file():
        return beside
    found = shutil.which("storybrowse")
    return Path(found) if found else None


@pytest.fixture(scope="session")
def tools() -> dict[str, str]:
    found: dict[str, str] = {}
    missing: list[str] = []
    for name, hint in (
        ("sshd", "apt-get install -y openssh-server"),
        ("ssh", "apt-get install -y openssh-client"),
        ("ssh-keygen", "apt-get install -y openssh-client"),
        ("tmux", "apt-get install -y tmux"),
    ):
        path = _which(name, SBIN_PATH)
        if path is None:
            missing.append(f"{name} ({hint})")
        else:
            found[name] = path
    script = find_storybrowse()
    if script is None or not script.is_file():
        missing.append("storybrowse is not installed in this environment (pip install .)")
    else:
        found["storybrowse"] = str(script)
    if missing:
        unavailable("missing: " + "; ".join(missing))
    return found


# -- sshd ------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _keygen(ssh_keygen: str, path: Path) -> None:
    subprocess.run(
        [ssh_keygen, "-q", "-t", "ed25519", "-N", "", "-C", "storybrowse-e2e", "-f", str(path)],
        check=True,
        capture_output=True,
    )


def _sshd_config(base: Path, port: int) -> str:
    return f"""\
ListenAddress 127.0.0.1
Port {port}
HostKey {base / "host_key"}
AuthorizedKeysFile {base / "authorized_keys"}
PidFile {base / "sshd.pid"}
UsePAM no
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
AcceptEnv {ACCEPT_ENV}
PermitUserEnvironment no
X11Forwarding no
AllowTcpForwarding no
AllowAgentForwarding no
PrintMotd no
PrintLastLog no
UseDNS no
MaxStartups 50
LogLevel VERBOSE
"""


@pytest.fixture(scope="session")
def sshd(tools: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[SshTarget]:
    base = tmp_path_factory.mktemp("sshd")
    _keygen(tools["ssh-keygen"], base / "host_key")
    _keygen(tools["ssh-keygen"], base / "user_key")
    (base / "authorized_keys").write_bytes((base / "user_key.pub").read_bytes())
    if os.geteuid() == 0 and not Path("/run/sshd").is_dir():
        Path("/run/sshd").mkdir(mode=0o755, parents=True, exist_ok=True)
    user = pwd.getpwuid(os.getuid()).pw_name

    last_error = ""
    for _attempt in range(3):
        port = _free_port()
        config = base / "sshd_config"
        config.write_text(_sshd_config(base, port))
        log_path = base / "sshd.log"
        log = log_path.open("wb")
        check = subprocess.run(
            [tools["sshd"], "-t", "-f", str(config)], capture_output=True, text=True
        )
        if check.returncode != 0:
            log.close()
            unavailable(f"sshd rejects the test config: {check.stderr.strip()}")
        proc = subprocess.Popen(
            [tools["sshd"], "-D", "-e", "-f", str(config)],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 10
        listening = False
        while time.monotonic() < deadline and proc.poll() is None:
            if b"Server listening" in log_path.read_bytes():
                listening = True
                break
            time.sleep(0.02)
        if listening:
            try:
                yield SshTarget("127.0.0.1", port, user, base / "user_key")
            finally:
                proc.terminate()
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
                log.close()
            return
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        log.close()
        last_error = log_path.read_text(errors="replace")
    pytest.fail(f"sshd did not start on a loopback port:\n{last_error}", pytrace=False)


# -- tmux --------------------------------------------------------------------------


def tmux_env() -> dict[str, str]:
    """The environment of the local tmux server: the test run's, minus what would
    leak the runner's terminal into the panes."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"TMUX", "TMUX_PANE", "NO_COLOR", "COLORTERM", "TEXTUAL_THEME"}
        and not k.startswith("LC_")
    }
    env["LANG"] = "C.UTF-8"
    env.setdefault("TERM", "xterm-256color")
    return env


@pytest.fixture(scope="session")
def tmux(tools: dict[str, str]) -> Iterator[Tmux]:
    server = Tmux(f"e2e-{secrets.token_hex(4)}", tmux_env())
    server.start(escape_time_ms=10)
    try:
        yield server
    finally:
        server.kill()


# -- the remote side -----------------------------------------------------------------


@pytest.fixture(scope="session")
def remote_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The remote user's working directory: a copy of the seed as ./story.yaml,
    a broken story, and a directory whose ./story.yaml is the broken one."""
    work = tmp_path_factory.mktemp("remote")
    shutil.copyfile(SEED, work / "story.yaml")
    (work / "broken.yaml").write_text(BROKEN_STORY)
    (work / "broken-here").mkdir()
    (work / "broken-here" / "story.yaml").write_text(BROKEN_STORY)
    return work


@pytest.fixture(scope="session")
def latin1(tmp_path_factory: pytest.TempPathFactory) -> Variant:
    """A terminal variant whose locale is ISO-8859-1, built with localedef into
    a private LOCPATH (nothing is installed system-wide). Without the locale
    sources, fall back to what that locale means to the app: LANG=C with
    Python's UTF-8 mode and C-locale coercion turned off, so that the app's
    output encoding is not UTF-8."""
    localedef = _which("localedef", SBIN_PATH)
    base = tmp_path_factory.mktemp("locale")
    name = "en_US.ISO-8859-1"
    if localedef is not None:
        subprocess.run(
            [localedef, "-i", "en_US", "-f", "ISO-8859-1", str(base / name)],
            capture_output=True,
            check=False,
        )
        if (base / name / "LC_CTYPE").is_file():
            return Variant("latin1", lang=name, extra_env=(("LOCPATH", str(base)),))
    return Variant(
        "latin1-emulated",
        lang="C",
        extra_env=(("PYTHONUTF8", "0"), ("PYTHONCOERCECLOCALE", "0")),
    )


def remote_shell_command(workdir: Path, bindir: Path) -> str:
    """What ssh runs remotely: an interactive shell with a known prompt, in
    *workdir*, with the installed storybrowse first on PATH (as pipx would)."""
    return (
        f"cd {shlex.quote(str(workdir))} && "
        f"PATH={shlex.quote(str(bindir))}:$PATH PS1={shlex.quote(PROMPT + ' ')} "
        "exec bash --norc --noprofile --noediting -i"
    )


@pytest.fixture
def ssh_shell(
    tools: dict[str, str],
    sshd: SshTarget,
    tmux: Tmux,
    remote_dir: Path,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> Iterator[ShellFactory]:
    """A factory: ``ssh_shell(variant, width, height)`` opens tmux -> ssh -> shell,
    checks that the variant's environment arrived, and returns the Pane."""
    panes: list[Pane] = []
    script = Path(tools["storybrowse"])

    def open_shell(variant: Variant, width: int = 80, height: int = 24) -> Pane:
        name = f"t{len(panes)}-{secrets.token_hex(3)}"
        remote = remote_shell_command(remote_dir, script.parent)
        send = [k for k in variant.env if k != "TERM"]
        pane = Pane.spawn(
            tmux,
            name,
            sshd.command(remote, send_env=send),
            width,
            height,
            tmp_path,
            env=variant.env,
        )
        panes.append(pane)
        pane.wait_prompt()
        nc = variant.env.get("NO_COLOR", "unset")
        pane.run_shell(
            'printf "env:%s|%s|%s\\n" "$TERM" "$LANG" "${NO_COLOR-unset}"',
            f"env:{variant.term}|{variant.lang}|{nc}",
        )
        pane.run_shell("command -v storybrowse", str(script))
        pane.line("clear")
        pane.wait(lambda s: s.strip() == PROMPT, "a cleared screen with the prompt")
        return pane

    yield open_shell
    for pane in panes:
        pane.kill()


# -- what ran: a summary at the end of the run ----------------------------------

_NOTES: dict[str, list[str]] = {}


@pytest.fixture
def e2e_note(
    request: pytest.FixtureRequest, record_property: Callable[[str, object], None]
) -> Callable[[str, object], None]:
    """Record a measurement; it is printed in the end-of-run summary."""

    def note(key: str, value: object) -> None:
        record_property(key, value)
        _NOTES.setdefault(request.node.nodeid, []).append(f"{key}={value}")

    return note


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    outcomes: dict[str, str] = {}
    for kind in ("passed", "failed", "error", "skipped", "xfailed", "xpassed"):
        for report in terminalreporter.stats.get(kind, []):
            if "e2e" not in getattr(report, "keywords", {}):
                continue
            nodeid = report.nodeid
            if kind == "passed" and report.when != "call":
                continue
            if outcomes.get(nodeid) in {"failed", "error"}:
                continue
            outcomes[nodeid] = kind
    if not outcomes:
        return
    terminalreporter.section("end-to-end: scenarios and variants that ran")
    for nodeid, outcome in outcomes.items():
        terminalreporter.write_line(f"{outcome.upper():8} {nodeid.split('::', 1)[-1]}")
        for note in _NOTES.get(nodeid, []):
            terminalreporter.write_line(f"         {note}")
