"""A local shell in a private tmux pane (no ssh), with an invented two-actor
story, for the tests of the terminal's lifecycle: signals, redirected and
missing streams, refused TERMs, input bytes, crashes.

``open_shell(env, width, height)`` (the ``local_shell`` fixture in
test_terminal_*.py) returns a :class:`sshterm.Pane` at the prompt, in a
directory holding ``two.yaml``.  :func:`app_pid` finds the running
storybrowse; :func:`cpu_seconds` reads its CPU time from /proc.
"""

from __future__ import annotations

import os
import re
import secrets
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from sshterm import DEFAULT_TIMEOUT, POLL, PROMPT, Pane, Tmux, last_line, shell_value

# Two governments trading denials over two incidents; invented.  The
# Latin-1 tests search for the é in "Défense".
STORY = """\
storybrowse: 1
story:
  headline: Border crossing shelled; two capitals trade denials
  outlet: The Invented Courier
  published: 2032-03-02
sources:
  - id: courier
    name: The Invented Courier
actors:
  - id: vesna
    name: Government of Vesna
    kind: government
  - id: korlan
    name: Government of Korlan
    kind: government
incidents:
  - id: crossing
    title: Shelling at the Vesna crossing
    date: 2032-02-27
    claim:
      by: korlan
      text: Korlan said the shells came from Vesna's side of the crossing.
      source: courier
    responses:
      - by: vesna
        stance: denied
        text: The Défense ministry of Vesna denied firing; it later admitted an accident.
        source: courier
  - id: bridge
    title: Fire on the Korlan bridge
    date: 2032-02-28
    claim:
      by: vesna
      text: Vesna said the bridge fire was set from Korlan.
      source: courier
    responses:
      - by: korlan
        stance: investigating
        text: Korlan says it is looking into it.
        source: courier
"""
STORY_NAME = "two.yaml"
MAIN_MARK = "1 Timeline"

Opener = Callable[..., Pane]


def local_shell(tmux: Tmux, tools: Mapping[str, str], tmp_path: Path) -> Iterator[Opener]:
    """The body of the ``local_shell`` fixture."""
    panes: list[Pane] = []
    (tmp_path / STORY_NAME).write_text(STORY, encoding="utf-8")
    bindir = str(Path(tools["storybrowse"]).parent)

    def open_shell(env: Mapping[str, str] | None = None, width: int = 80, height: int = 24) -> Pane:
        name = f"life-{secrets.token_hex(3)}"
        base = {
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "PATH": f"{bindir}:{os.environ.get('PATH', '/usr/bin:/bin')}",
            "PS1": PROMPT + " ",
            "HOME": str(tmp_path),
            "XDG_STATE_HOME": str(tmp_path / "state"),
        }
        argv = ["bash", "--norc", "--noprofile", "--noediting", "-i"]
        cd = ["sh", "-c", f"cd {tmp_path} && exec " + " ".join(argv)]
        pane = Pane.spawn(tmux, name, cd, width, height, tmp_path, env={**base, **(env or {})})
        panes.append(pane)
        pane.wait_prompt()
        return pane

    yield open_shell
    for pane in panes:
        pane.kill()


def start(pane: Pane, command: str) -> int:
    """Type *command*; wait for the story on screen.  Returns the offset in
    the raw log where the app's output begins."""
    since = len(pane.raw_at_prompt())
    pane.line(command)
    pane.wait_for(MAIN_MARK)
    pane.wait_stable(quiet=0.2)
    return since


def app_pid(story: Path, timeout: float = DEFAULT_TIMEOUT) -> int:
    """The pid of the storybrowse process whose command line names *story*."""
    deadline = time.monotonic() + timeout
    wanted = str(story).encode()
    while time.monotonic() < deadline:
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                argv = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if (
                any(a.endswith(b"storybrowse") for a in argv[:2])
                and any(a.endswith(wanted) or a == STORY_NAME.encode() for a in argv[1:])
                and _cwd_is(entry, story.parent)
            ):
                return int(entry)
        time.sleep(POLL)
    raise AssertionError(f"no storybrowse process for {story}")


def _cwd_is(pid: str, directory: Path) -> bool:
    try:
        return Path(os.readlink(f"/proc/{pid}/cwd")) == directory
    except OSError:
        return False


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of *pid* so far, from /proc/PID/stat."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()
    # utime and stime are fields 14 and 15 of stat(5); fields[0] is field 3.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def process_state(pid: int) -> str:
    """The one-letter state of *pid* (R, S, T for stopped...)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    return stat[stat.rindex(")") + 2]


def exit_status(pane: Pane) -> int:
    """The shell's $? once the prompt is back."""
    pane.wait_prompt()
    return shell_value(pane, "echo $?")


def wait_until(predicate: Callable[[], bool], what: str, timeout: float = DEFAULT_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(POLL)


def at_prompt(screen: str) -> bool:
    return last_line(screen) == PROMPT


ONE_LINE = re.compile(r"^storybrowse: .+$", re.MULTILINE)
