"""A bounded load test of ``storybrowse serve``: 20 readers at once on
loopback, each pressing keys for 30 s.  Not part of the normal test run.

Run it by hand::

    STORYBROWSE_LOAD_TEST=1 pytest tests/serve/load_test.py -s
    python tests/serve/load_test.py [--sessions 20] [--seconds 30]

Each reader is a real ``ssh -tt`` client on a pty of its own.  A reader
presses ``j`` and ``k`` in turn; ``j`` selects the second incident, ``k`` the
first, and the key counts as answered when that incident's claim text
arrives in the output: the key-to-screen latency is the time from writing
the key to the arrival of that repaint.  The next key follows 50 ms later.
All readers are driven from one thread with ``select``, reading raw bytes
(no terminal emulation), so the driver itself costs little CPU.

Memory: the RSS and PSS (proportional set size: shared pages divided among
the processes sharing them) of every reader's storybrowse, from /proc,
sampled once all readers are browsing and again at the end; and the
server's own RSS.

Every reader must answer every key (within 10 s); the test fails otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pty
import select
import signal
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serveharness import CLAIMS, FIRST_TITLE, Server, client_env, ssh_argv

KEY_TIMEOUT = 10.0
PAUSE = 0.05
# Which claim text each key brings up.
EXPECT = {b"j": CLAIMS[1].encode(), b"k": CLAIMS[0].encode()}


@dataclass
class Reader:
    pid: int
    fd: int
    started: float
    buffer: bytearray = field(default_factory=bytearray)
    first_screen: float | None = None
    key: bytes | None = None
    sent_at: float = 0.0
    next_at: float = 0.0
    latencies: list[float] = field(default_factory=list)
    timeouts: int = 0
    ended: bool = False


def _spawn(port: int) -> Reader:
    argv = ssh_argv(port, None, user="load")
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execvpe(argv[0], argv, client_env())
        finally:
            os._exit(127)
    import fcntl
    import struct
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    os.set_blocking(fd, False)
    return Reader(pid=pid, fd=fd, started=time.monotonic())


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of *pid* in KiB."""
    rss = pss = 0
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
    return rss, pss


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time *pid* has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(sessions: int = 20, seconds: float = 30.0, pause: float = PAUSE) -> dict[str, object]:
    """Run the load; return the measurements (raises AssertionError if a
    reader failed to answer)."""
    workdir = Path(tempfile.mkdtemp(prefix="storybrowse-load-"))
    server = Server(workdir, ["--public", "--max-sessions", str(sessions + 5)]).start()
    readers: list[Reader] = []
    samples: list[list[tuple[int, int]]] = []
    try:
        readers = [_spawn(server.port) for _ in range(sessions)]
        by_fd = {r.fd: r for r in readers}
        deadline_start = time.monotonic() + 60
        # Phase 1: everyone's first screen.
        while any(r.first_screen is None for r in readers):
            assert time.monotonic() < deadline_start, "not every reader got a first screen"
            ready, _, _ = select.select(list(by_fd), [], [], 0.1)
            for fd in ready:
                reader = by_fd[fd]
                with contextlib.suppress(BlockingIOError, OSError):
                    reader.buffer += os.read(fd, 65536)
                if reader.first_screen is None and FIRST_TITLE.encode() in reader.buffer:
                    reader.first_screen = time.monotonic() - reader.started
                    reader.buffer.clear()
        samples.append([_memory(pid) for pid in server.children()])
        cpu_before = (
            _cpu_seconds(server.proc.pid),
            sum(_cpu_seconds(pid) for pid in server.children()),
        )
        # Phase 2: keys for *seconds*.
        end = time.monotonic() + seconds
        now = time.monotonic()
        for i, reader in enumerate(readers):
            reader.next_at = now + i * pause / sessions  # spread the first keys
        while time.monotonic() < end or any(r.key is not None for r in readers):
            now = time.monotonic()
            for reader in readers:
                if reader.key is None and now >= reader.next_at and now < end:
                    reader.key = b"j" if len(reader.latencies) % 2 == 0 else b"k"
                    reader.buffer.clear()
                    os.write(reader.fd, reader.key)
                    reader.sent_at = now
                elif reader.key is not None and now - reader.sent_at > KEY_TIMEOUT:
                    reader.timeouts += 1
                    reader.key = None
                    reader.next_at = now
            ready, _, _ = select.select(list(by_fd), [], [], 0.01)
            for fd in ready:
                reader = by_fd[fd]
                try:
                    chunk = os.read(fd, 65536)
                except BlockingIOError:
                    continue
                except OSError:
                    chunk = b""
                if not chunk:
                    reader.ended = True
                    del by_fd[fd]
                    continue
                reader.buffer += chunk
                if reader.key is not None and EXPECT[reader.key] in reader.buffer:
                    arrived = time.monotonic()
                    reader.latencies.append(arrived - reader.sent_at)
                    reader.key = None
                    reader.next_at = arrived + pause
            if not by_fd:
                break
        samples.append([_memory(pid) for pid in server.children()])
        server_rss = _memory(server.proc.pid)[0]
        server_cpu = _cpu_seconds(server.proc.pid) - cpu_before[0]
        children_cpu = sum(_cpu_seconds(pid) for pid in server.children()) - cpu_before[1]
    finally:
        for reader in readers:
            with contextlib.suppress(OSError):
                os.write(reader.fd, b"q")
        time.sleep(1.0)
        for reader in readers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(reader.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(reader.pid, 0)
            with contextlib.suppress(OSError):
                os.close(reader.fd)
        server.stop()

    latencies = [v for r in readers for v in r.latencies]
    rss = [m[0] for sample in samples for m in sample]
    pss = [m[1] for sample in samples for m in sample]
    first = [r.first_screen for r in readers if r.first_screen is not None]
    result: dict[str, object] = {
        "sessions": sessions,
        "seconds": seconds,
        "pause_s": pause,
        "cpus": os.cpu_count(),
        "keys_answered": len(latencies),
        "keys_per_reader_min": min(len(r.latencies) for r in readers),
        "timeouts": sum(r.timeouts for r in readers),
        "readers_ended_early": sum(r.ended for r in readers),
        "first_screen_s": {
            "median": round(statistics.median(first), 3),
            "max": round(max(first), 3),
        },
        "latency_ms": {
            "p50": round(_percentile(latencies, 0.50) * 1000, 1),
            "p90": round(_percentile(latencies, 0.90) * 1000, 1),
            "p99": round(_percentile(latencies, 0.99) * 1000, 1),
            "max": round(max(latencies) * 1000, 1),
        },
        "child_rss_mib": {
            "mean": round(statistics.mean(rss) / 1024, 1),
            "max": round(max(rss) / 1024, 1),
        },
        "child_pss_mib": {"mean": round(statistics.mean(pss) / 1024, 1)},
        "server_rss_mib": round(server_rss / 1024, 1),
        # CPU used while the keys were pressed: the server (SSH, crypto,
        # relaying) against all the readers' storybrowses together.
        "server_cpu_s": round(server_cpu, 2),
        "children_cpu_s": round(children_cpu, 2),
    }
    assert result["timeouts"] == 0, result
    assert result["readers_ended_early"] == 0, result
    assert all(len(r.latencies) >= 10 for r in readers), result
    return result


def test_twenty_readers_for_thirty_seconds() -> None:
    if os.environ.get("STORYBROWSE_LOAD_TEST") != "1":
        raise AssertionError("set STORYBROWSE_LOAD_TEST=1 to run the load test")
    print(json.dumps(run(), indent=2))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument(
        "--pause", type=float, default=PAUSE, help="seconds between an answer and the next key"
    )
    args = parser.parse_args()
    print(json.dumps(run(args.sessions, args.seconds, args.pause), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
