"""ReaderProcess on its own: a child on a pty of its own, driven from an
asyncio loop, with small shell programs standing in for storybrowse."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

from tui.serve.process import ReaderProcess

ENV = {"PATH": "/usr/bin:/bin", "TERM": "xterm"}


class Child:
    """A ReaderProcess and what it reported."""

    def __init__(
        self, script: str, *, kill_grace: float = 2.0, argv: list[str] | None = None
    ) -> None:
        self.output = bytearray()
        self.exits: list[int] = []
        self.diagnostics: list[str] = []
        self.process = ReaderProcess(
            asyncio.get_running_loop(),
            argv if argv is not None else ["sh", "-c", script],
            on_diagnostics=self.diagnostics.append,
            env=ENV,
            cwd="/",
            width=80,
            height=24,
            on_output=self.output.extend,
            on_exit=self.exits.append,
            kill_grace=kill_grace,
        )
        self.process.start()

    async def wait_output(self, text: bytes, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output:
            assert time.monotonic() < deadline, f"no {text!r} in {bytes(self.output)!r}"
            await asyncio.sleep(0.02)

    async def wait_exit(self, timeout: float = 10.0) -> int:
        """Reap as the server does on SIGCHLD (here: by polling)."""
        deadline = time.monotonic() + timeout
        while not self.process.poll():
            assert time.monotonic() < deadline, "the child did not end"
            await asyncio.sleep(0.02)
        assert len(self.exits) == 1, self.exits
        return self.exits[0]


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status


async def test_keys_in_output_out_and_the_exit_status() -> None:
    # The pty is in keys-only mode: no CR -> NL translation, so a newline.
    child = Child("read line; echo got:$line; exit 3")
    child.process.write(b"hello\n")
    await child.wait_output(b"got:hello")
    assert await child.wait_exit() == 3


async def test_the_child_leads_its_own_session_on_its_own_terminal() -> None:
    child = Child('echo "sid=$(ps -o sid= -p $$) pid=$$ tty=$(tty)"; sleep 60')
    await child.wait_output(b"tty=")
    text = bytes(child.output).decode()
    sid = text.split("sid=")[1].split()[0]
    assert sid == str(child.process.pid), text
    assert "/dev/pts/" in text
    child.process.terminate()
    assert await child.wait_exit() == -signal.SIGHUP


async def test_a_resize_reaches_the_child() -> None:
    child = Child(
        "trap 'echo \"size=$(stty size)\"' WINCH; echo ready; while :; do sleep 0.05; done"
    )
    await child.wait_output(b"ready")
    child.process.resize(100, 30)
    await child.wait_output(b"size=30 100")
    child.process.terminate()
    await child.wait_exit()


async def test_nothing_the_child_started_outlives_it() -> None:
    child = Child("sleep 60 & echo grandchild=$!; exit 0")
    await child.wait_output(b"grandchild=")
    grandchild = int(bytes(child.output).split(b"grandchild=")[1].split()[0])
    assert await child.wait_exit() == 0
    deadline = time.monotonic() + 5
    while _alive(grandchild):
        assert time.monotonic() < deadline, "the grandchild outlived the child"
        await asyncio.sleep(0.02)


async def test_a_child_that_ignores_hangups_is_killed_after_the_grace_period() -> None:
    child = Child("trap '' HUP TERM; echo ready; sleep 60", kill_grace=0.3)
    await child.wait_output(b"ready")
    child.process.terminate()
    assert await child.wait_exit() == -signal.SIGKILL
    assert child.process.returncode == -signal.SIGKILL


async def test_a_failed_start_leaves_no_descriptor(tmp_path: Path) -> None:
    before = set(os.listdir("/proc/self/fd"))
    process = ReaderProcess(
        asyncio.get_running_loop(),
        [str(tmp_path / "no-such-program")],
        env=ENV,
        cwd="/",
        width=80,
        height=24,
        on_output=lambda data: None,
        on_exit=lambda code: None,
    )
    try:
        process.start()
    except OSError:
        pass
    else:
        raise AssertionError("a missing program started")
    assert set(os.listdir("/proc/self/fd")) <= before


async def test_kill_now_reaps_at_once() -> None:
    """What the server does last at shutdown, for a child that lingers."""
    child = Child("trap '' HUP TERM; echo ready; sleep 60")
    await child.wait_output(b"ready")
    pid = child.process.pid
    assert pid is not None
    child.process.kill_now()
    assert child.exits == [-signal.SIGKILL]
    assert not _alive(pid)
    assert not os.path.exists(f"/proc/{pid}")


# -- the pty before the app starts (issue 12, item 1) ---------------------------


async def test_the_pty_starts_in_keys_only_mode() -> None:
    """Raw input with ISIG off from the first byte; output processing on."""
    child = Child("stty -a; echo; echo done")
    await child.wait_output(b"done")
    modes = bytes(child.output).decode().split()
    for off in ("-isig", "-icanon", "-echo", "-iexten", "-ixon", "-icrnl", "-brkint"):
        assert off in modes, (off, modes)
    assert "opost" in modes and "onlcr" in modes, modes
    text = bytes(child.output).decode()
    for char in ("intr", "quit", "susp"):
        assert f"{char} = <undef>" in text, text
    assert await child.wait_exit() == 0


async def test_signal_keys_are_bytes_for_the_child_never_signals() -> None:
    """ctrl+c, ctrl+\\ and ctrl+z sent before the child reads anything
    (as a reader typing while Python starts) reach it as bytes; it is
    neither interrupted, nor killed with a core dump, nor stopped."""
    code = (
        "import sys, time; time.sleep(0.5); "
        "data = sys.stdin.buffer.read(9); print('got', data.hex(), flush=True)"
    )
    child = Child("", argv=[sys.executable, "-c", code])
    child.process.write(b"\x03\x1c\x1a" * 3)  # at once: the child is still starting
    await child.wait_output(b"got 031c1a031c1a031c1a")
    assert await child.wait_exit() == 0


async def test_a_traceback_goes_to_the_diagnostics_pipe_not_the_reader() -> None:
    code = (
        "import os, sys; "
        "os.write(int(os.environ['STORYBROWSE_DIAGNOSTICS_FD']), b'Traceback: boom\\n'); "
        "print('shown', flush=True); sys.exit(70)"
    )
    child = Child("", argv=[sys.executable, "-c", code])
    await child.wait_output(b"shown")
    assert await child.wait_exit() == 70
    assert child.diagnostics == ["Traceback: boom\n"]
    assert b"Traceback" not in child.output
