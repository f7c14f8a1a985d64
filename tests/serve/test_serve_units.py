"""The serve command's parts, without a network: options, the child's
environment, the log line, the host key file, and what gets imported."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tui.serve import main as serve_main
from tui.serve.config import ConfigError, default_host_key_path, parse_args, parse_listen
from tui.serve.connlog import ConnectionRecord
from tui.serve.environment import (
    RESTRICTED_VARIABLE,
    child_argv,
    child_code,
    child_environment,
)
from tui.serve.process import MAX_COLUMNS, MAX_ROWS, clamp_size

ROOT = Path(__file__).resolve().parents[2]
STORY = Path(__file__).resolve().parent / "story.yaml"

# -- options -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2222", ("", 2222)),
        ("127.0.0.1:2222", ("127.0.0.1", 2222)),
        ("localhost:0", ("localhost", 0)),
        ("[::1]:2222", ("::1", 2222)),
    ],
)
def test_listen_addresses(text: str, expected: tuple[str, int]) -> None:
    assert parse_listen(text) == expected


@pytest.mark.parametrize("text", ["", "host", "host:", ":2222", "::1:2222", "1:2:3", "70000"])
def test_bad_listen_addresses(text: str) -> None:
    with pytest.raises(ConfigError):
        parse_listen(text)


def test_options() -> None:
    config = parse_args(
        ["s.yaml", "--ssh", "2222", "--public", "--max-sessions", "3", "--idle-timeout", "1.5"]
    )
    assert (config.file, config.host, config.port, config.public) == ("s.yaml", "", 2222, True)
    assert (config.max_sessions, config.idle_timeout) == (3, 1.5)
    assert config.authorized_keys is None and not config.watch


@pytest.mark.parametrize(
    "argv",
    [
        ["--ssh", "2222"],  # neither --authorized-keys nor --public
        ["--ssh", "2222", "--public", "--authorized-keys", "k"],  # both
        ["--public"],  # no --ssh
        ["--ssh", "2222", "--public", "--max-sessions", "0"],
        ["--ssh", "2222", "--public", "--idle-timeout", "-1"],
        ["--ssh", "2222", "--public", "--max-session", "nan"],
        ["--ssh", "host:", "--public"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert serve_main(argv) == 2
    assert "usage: storybrowse serve" in capsys.readouterr().err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert serve_main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "--authorized-keys" in out and "--public" in out


def test_the_default_host_key_lives_in_the_state_directory() -> None:
    assert default_host_key_path({"XDG_STATE_HOME": "/srv/state"}) == Path(
        "/srv/state/storybrowse/ssh_host_ed25519_key"
    )
    assert default_host_key_path({}).parts[-4:] == (
        ".local",
        "state",
        "storybrowse",
        "ssh_host_ed25519_key",
    )


def test_a_broken_story_stops_the_server_before_it_listens(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("story:\n  headline: [unclosed\n")
    assert serve_main([str(broken), "--ssh", "127.0.0.1:0", "--public"]) == 1
    err = capsys.readouterr().err
    assert "broken.yaml:" in err and "cannot be served" in err


# -- the child's environment ---------------------------------------------------------


def test_the_child_inherits_nothing_from_the_server() -> None:
    server_env = {
        "AWS_SECRET_ACCESS_KEY": "secret",
        "SSH_AUTH_SOCK": "/tmp/agent",
        "TEXTUAL_LOG": "/tmp/log",
        "PYTHONPATH": "/opt/lib",
        "LINES": "50",
    }
    env = child_environment(
        term="xterm-256color", client_env={}, home="/tmp/w", server_env=server_env
    )
    assert env["TERM"] == "xterm-256color"
    assert env[RESTRICTED_VARIABLE] == "1"
    assert env["HOME"] == "/tmp/w"
    assert env["PYTHONPATH"] == "/opt/lib"  # how the server finds its libraries
    assert not {"AWS_SECRET_ACCESS_KEY", "SSH_AUTH_SOCK", "TEXTUAL_LOG"} & env.keys()
    # Textual would take these over the pty's size and never see a resize.
    assert "LINES" not in env and "COLUMNS" not in env


def test_the_client_may_set_only_harmless_variables() -> None:
    client_env = {
        "TEXTUAL_THEME": "ansi-light",
        "NO_COLOR": "",
        "COLORTERM": "truecolor",
        "TEXTUAL_SCREENSHOT": "1",
        "LD_PRELOAD": "/tmp/evil.so",
        "PYTHONSTARTUP": "/tmp/evil.py",
        "PATH": "/tmp/evil",
    }
    env = child_environment(term="xterm", client_env=client_env, home="/w", server_env={})
    assert env["TEXTUAL_THEME"] == "ansi-light"
    assert env["NO_COLOR"] == "1"
    assert env["COLORTERM"] == "truecolor"
    assert not {"TEXTUAL_SCREENSHOT", "LD_PRELOAD", "PYTHONSTARTUP"} & env.keys()
    assert env["PATH"] == "/usr/bin:/bin"
    bad = {"TEXTUAL_THEME": "x; rm -rf /", "COLORTERM": "\x1b]52"}
    env = child_environment(term="xterm", client_env=bad, home="/w", server_env={})
    assert "TEXTUAL_THEME" not in env and "COLORTERM" not in env


@pytest.mark.parametrize(
    ("term", "expected"),
    [("screen-256color", "screen-256color"), ("", "xterm"), ("a b", "xterm"), ("\x1b[2J", "xterm")],
)
def test_term_from_the_client_is_checked(term: str, expected: str) -> None:
    env = child_environment(term=term, client_env={}, home="/w", server_env={})
    assert env["TERM"] == expected


def test_child_command_line() -> None:
    argv = child_argv("/s/story.yaml", watch=False)
    assert argv[:2] == [sys.executable, "-c"]
    assert argv[3:] == ["/s/story.yaml"]
    assert child_argv("/s/story.yaml", watch=True)[3:] == ["--watch", "/s/story.yaml"]


def test_the_child_finds_this_tui_from_anywhere(tmp_path: Path) -> None:
    """From an empty directory, with no PYTHONPATH, the child's program
    imports the tui package this server runs (here, the working tree)."""
    code = child_code(str(ROOT)).replace(
        "raise SystemExit(main(sys.argv[1:]))",
        "import tui.serve.child; print(tui.serve.child.__file__)",
    )
    assert "print" in code
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin"},
        check=True,
    )
    assert result.stdout.strip() == str(ROOT / "tui" / "serve" / "child.py")


def test_a_child_that_cannot_even_import_says_one_line(tmp_path: Path) -> None:
    """A broken install: no traceback naming the server's paths."""
    code = child_code(str(ROOT)).replace("tui.serve.child", "tui.serve.no_such_module")
    assert "no_such_module" in code
    result = subprocess.run(
        [sys.executable, "-c", code],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 70
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == "storybrowse: the story browser could not be started; sorry."


def test_window_sizes_are_clamped() -> None:
    assert clamp_size(0, 0) == (80, 24)
    assert clamp_size(100_000, 100_000) == (MAX_COLUMNS, MAX_ROWS)
    assert clamp_size(132, 43) == (132, 43)


# -- the log line ---------------------------------------------------------------------


def test_a_log_line_neutralises_what_the_client_sent() -> None:
    record = ConnectionRecord(client="192.0.2.7:50122", started=0.0)
    record.user = 'evil\x1b]52;c;AAAA\x07"\nuser'
    record.key = "public"
    record.outcome = "quit"
    line = record.line(ended=12.34)
    assert line.startswith("1970-01-01T00:00:00Z client=192.0.2.7:50122 user=")
    assert "\x1b" not in line and "\n" not in line and "\x07" not in line
    assert 'user="evil␛]52;c;AAAA␇\\" user"' in line
    assert line.endswith("key=public duration=12.3s outcome=quit")


def test_a_long_user_name_is_cut() -> None:
    record = ConnectionRecord(client="c", started=0.0, user="x" * 10_000)
    assert len(record.line(ended=1.0)) < 300


# -- the host key ----------------------------------------------------------------------


def test_the_host_key_is_created_once_with_mode_600(
    tmp_path: Path, asyncssh_installed: None
) -> None:
    from tui.serve.hostkey import load_or_create

    path = tmp_path / "state" / "storybrowse" / "key"
    key, created = load_or_create(path)
    assert created
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert path.with_name("key.pub").read_bytes().startswith(b"ssh-ed25519 ")
    again, created_again = load_or_create(path)
    assert not created_again
    assert again.get_fingerprint() == key.get_fingerprint()


def test_a_bad_host_key_is_refused(tmp_path: Path, asyncssh_installed: None) -> None:
    from tui.serve.hostkey import HostKeyError, load_or_create

    path = tmp_path / "key"
    path.write_text("garbage")
    path.chmod(0o600)
    with pytest.raises(HostKeyError, match="not a usable private key"):
        load_or_create(path)
    path.chmod(0o640)
    with pytest.raises(HostKeyError, match="chmod 600"):
        load_or_create(path)


# -- imports ----------------------------------------------------------------------------


def _modules_after(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return set(result.stdout.split())


def test_plain_storybrowse_never_imports_asyncssh() -> None:
    modules = _modules_after("from tui.cli import main\nmain(['check', " + repr(str(STORY)) + "])")
    assert "asyncssh" not in modules
    # Nor does loading the serve package, its options or the child's entry.
    modules = _modules_after(
        "import tui.serve, tui.serve.child, tui.serve.config\n"
        "tui.serve.config.parse_args(['--ssh', '1', '--public'])"
    )
    assert "asyncssh" not in modules
    assert "textual" not in modules
