"""Readers browsing through the real ssh client: browse and quit, two
readers at once, a resize, a client killed mid-session, a server shut down
under its readers."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from conftest import ServerFactory
from serveharness import CLAIMS, FIRST_TITLE, HEADLINE, STORY, Keys, Server, connect
from termclient import Terminal


def _longest_row(screen: str) -> int:
    return max(len(row) for row in screen.split("\n"))


def test_reader_browses_and_quits(shared_server: Server, keys: Keys) -> None:
    reader = connect(shared_server.port, keys.reader)
    try:
        # The story's headline, its timeline and its overview (issue 13).
        reader.wait(lambda s: HEADLINE in s and FIRST_TITLE in s and "STORY" in s, "the story")
        reader.key("down")
        reader.wait_for(CLAIMS[1])
        reader.key("q")
        assert reader.wait_exit() == 0, reader.report("ssh did not exit with status 0")
        # Nothing garbled on the way: every escape sequence arrived whole.
        assert reader.parse_errors == 0
    finally:
        reader.close()
    line = shared_server.wait_connection_line(lambda s: "outcome=quit" in s, "the quit")
    assert 'user="reader"' in line
    assert f"key={keys.reader_fingerprint}" in line
    assert " client=127.0.0.1:" in line
    shared_server.wait_idle()


def test_two_readers_have_their_own_screen_and_selection(shared_server: Server, keys: Keys) -> None:
    first = connect(shared_server.port, keys.reader, width=80, height=24)
    second = connect(shared_server.port, keys.reader, width=100, height=30)
    try:
        first.wait_for("Story overview")  # the browser opens on it
        second.wait_for("Story overview")
        # Each app lays itself out for its own terminal.
        second.wait(lambda s: _longest_row(s) > 80, "the second app to use 100 columns")
        first.key("down")
        first.key("down")
        first.wait_for(CLAIMS[2])
        # The second reader's cursor did not move: one Down selects the
        # second incident there, not a fourth.
        second.key("down")
        screen = second.wait_for(CLAIMS[1])
        assert CLAIMS[2] not in screen, second.report("the second reader followed the first")
        assert CLAIMS[2] in first.text(), first.report("the first reader's selection changed")
        assert len(shared_server.children()) == 2
        first.key("q")
        second.key("q")
        assert first.wait_exit() == 0
        assert second.wait_exit() == 0
    finally:
        first.close()
        second.close()
    shared_server.wait_idle()


def test_resizing_the_window_lays_the_app_out_again(shared_server: Server, keys: Keys) -> None:
    reader = connect(shared_server.port, keys.reader, width=80, height=24)
    try:
        reader.wait_for(FIRST_TITLE)
        reader.resize(110, 24)
        reader.wait(lambda s: _longest_row(s) > 90, "the app to use 110 columns")
        reader.resize(80, 40)
        # The footer (the key help) moves to the new last row.
        reader.wait(lambda s: "Quit" in s.split("\n")[39], "the footer on row 40")
        reader.key("q")
        assert reader.wait_exit() == 0
    finally:
        reader.close()


def test_killing_the_client_leaves_no_process_or_pty(shared_server: Server, keys: Keys) -> None:
    shared_server.wait_idle()
    reader = connect(shared_server.port, keys.reader)
    try:
        reader.wait_for(FIRST_TITLE)
        children = shared_server.children()
        assert len(children) == 1, children
        assert shared_server.pty_fds(), "the server holds no pty while a reader browses"
        reader.kill(signal.SIGKILL)
        reader.wait_exit()
    finally:
        reader.close()
    shared_server.wait_idle()
    assert not os.path.exists(f"/proc/{children[0]}"), "the reader's storybrowse is still there"
    line = shared_server.wait_connection_line(
        lambda s: "outcome=client-gone" in s, "the vanished client"
    )
    assert f"key={keys.reader_fingerprint}" in line


def test_shutdown_tells_readers_and_ends_their_sessions(
    start_server: ServerFactory, keys: Keys
) -> None:
    server = start_server("--authorized-keys", str(keys.authorized))
    reader: Terminal = connect(server.port, keys.reader)
    try:
        reader.wait_for(FIRST_TITLE)
        (child,) = server.children()
        server.proc.send_signal(signal.SIGTERM)
        reader.wait_raw("the server is shutting down")
        assert reader.wait_exit() == 1
        # The reader's terminal is given back: the alternate screen is left.
        tail = bytes(reader.raw[reader.raw.rfind(b"shutting down") - 200 :])
        assert b"\x1b[?1049l" in tail, reader.report("terminal not restored")
    finally:
        reader.close()
    assert server.proc.wait(timeout=15) == 0, server.log()
    assert not os.path.exists(f"/proc/{child}"), "the reader's storybrowse outlived the server"
    assert "outcome=shutdown" in server.log()
    assert "stopped" in server.log()


def test_with_watch_readers_see_the_story_change(
    start_server: ServerFactory, keys: Keys, tmp_path: Path
) -> None:
    story = tmp_path / "story.yaml"
    story.write_text(STORY.read_text(encoding="utf-8"), encoding="utf-8")
    server = start_server("--authorized-keys", str(keys.authorized), "--watch", story=story)
    reader = connect(server.port, keys.reader)
    try:
        reader.wait_for(FIRST_TITLE)
        # The author saves a new version (written aside, renamed over).
        new = tmp_path / "story.yaml.new"
        new.write_text(
            story.read_text(encoding="utf-8").replace(FIRST_TITLE, "Alpha harbour revised"),
            encoding="utf-8",
        )
        new.replace(story)
        reader.wait_for("Alpha harbour revised")
        reader.key("q")
        assert reader.wait_exit() == 0
    finally:
        reader.close()


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped by init."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status


def test_killing_the_server_hangs_up_its_readers(keys: Keys, tmp_path: Path) -> None:
    """Even a server killed outright leaves no storybrowse running: closing
    the pty master (the kernel does it for the dead server) hangs up the
    reader's terminal, and SIGHUP ends the app."""
    server = Server(tmp_path, ["--authorized-keys", str(keys.authorized)]).start()
    reader = connect(server.port, keys.reader)
    try:
        reader.wait_for(FIRST_TITLE)
        (child,) = server.children()
        server.proc.send_signal(signal.SIGKILL)
        server.proc.wait(timeout=10)
        server.wait_until(lambda: not _running(child), "the orphaned storybrowse to end", 10)
    finally:
        reader.close()
        server.stop()
