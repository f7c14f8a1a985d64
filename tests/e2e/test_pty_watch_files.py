"""``storybrowse --watch`` when the story's path stops being a story file
(issue 12, items 5-7): replaced by a FIFO, a symlink to the terminal, a
character device, a directory, a symlink to a file that is not a story.

Each time, in a real pty: the problems panel says what the path is now,
quotes nothing from a foreign file, keys still reach the app (nothing reads
the terminal behind its back), a good save afterwards loads again, and ``q``
quits with status 0 within seconds.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from ptyterm import PtyTerminal, child_env, find_storybrowse

pytestmark = pytest.mark.e2e

SECRET = "Shadowline-9f3"


def story(headline: str) -> str:
    return f"""\
storybrowse: "1"
story:
  headline: {headline}
actors:
  - id: samplavia
    name: Samplavia
    kind: government
incidents:
  - id: ferry
    title: Ferry shelled at the river crossing
    date: 2031-04-02
    claim:
      by: samplavia
      text: Samplavia says the ferry was shelled from across the river.
  - id: bridge
    title: Bridge closed after the shelling
    date: 2031-04-03
    claim:
      by: samplavia
      text: Samplavia closes the bridge.
"""


def _fifo(path: Path) -> None:
    tmp = path.with_name("new.fifo")
    os.mkfifo(tmp)
    os.replace(tmp, path)


def _symlink(target: str) -> Callable[[Path], None]:
    def swap(path: Path) -> None:
        tmp = path.with_name("new.link")
        tmp.symlink_to(target)
        os.replace(tmp, path)

    return swap


def _directory(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _foreign(path: Path) -> None:
    foreign = path.with_name("shadow")
    foreign.write_text(f"root:{SECRET}:20228:0:99999:7::\nalice:{SECRET}:1:2:3::\n")
    _symlink(str(foreign))(path)


def _restore(path: Path, text: str) -> None:
    if path.is_dir() and not path.is_symlink():
        path.rmdir()
    tmp = path.with_name("new.yaml")
    tmp.write_text(text)
    os.replace(tmp, path)


SWAPS: dict[str, tuple[Callable[[Path], None], str]] = {
    "fifo": (_fifo, "not a regular file: a FIFO"),
    "symlink to /dev/tty": (_symlink("/dev/tty"), "not a regular file: a character"),
    "character device": (_symlink("/dev/zero"), "not a regular file: a character"),
    "directory": (_directory, "is a directory, not a story file"),
    "symlink to a foreign file": (_foreign, "not a story file"),
}


@pytest.fixture
def watching(tmp_path: Path) -> Iterator[tuple[PtyTerminal, Path]]:
    script = find_storybrowse()
    if script is None or not script.is_file():
        pytest.skip("storybrowse is not installed in this environment (pip install .)")
    path = tmp_path / "s.yaml"
    path.write_text(story("Version one of the river story"))
    term = PtyTerminal(
        [str(script), "--watch", path.name],
        width=100,
        height=30,
        cwd=tmp_path,
        env=child_env("xterm-256color"),
    )
    try:
        yield term, path
    finally:
        term.kill()


@pytest.mark.parametrize("kind", sorted(SWAPS))
def test_a_swapped_path_is_a_clear_problem_and_q_still_quits(
    watching: tuple[PtyTerminal, Path], kind: str
) -> None:
    term, path = watching
    swap, message = SWAPS[kind]
    term.wait_for("Version one of the river story")
    term.wait_for("Ferry shelled")
    swap(path)
    term.wait_for(message)
    assert SECRET not in term.text()
    assert SECRET.encode() not in term.raw
    # Keys still reach the app (nothing reads the terminal behind its
    # back): 2 shows the actors.
    term.send(b"2", "2")
    term.wait_for("Samplavia")
    # A good save afterwards loads again (the panel goes).
    _restore(path, story("Version two of the river story"))
    term.wait_for("Version two of the river story")
    term.wait_gone(message.split(":")[0])
    # Swap again and quit while the path is not a file.
    swap(path)
    term.wait_for(message)
    term.send(b"q", "q")
    assert term.wait_exit(timeout=5) == 0


def test_q_quits_while_the_path_is_a_fifo_from_the_start_of_a_reload(
    watching: tuple[PtyTerminal, Path],
) -> None:
    """Quit right after the swap, before the panel can show: the reload in
    flight never holds the process."""
    term, path = watching
    term.wait_for("Version one of the river story")
    _fifo(path)
    term.send(b"q", "q")
    assert term.wait_exit(timeout=5) == 0
