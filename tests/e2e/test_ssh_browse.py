"""The reader's walk through the story, over SSH in tmux, in each terminal variant:
open the story and move through the timeline, open the Tajikistan incident
(claim and both responses side by side), filter by an actor, search, help, quit.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

import pytest
import storyui
from sshterm import Pane, ShellFactory, Variant, shell_value

pytestmark = pytest.mark.e2e


def timeline(pane: Pane) -> None:
    """Scenario 1: the story opens on the timeline; the cursor moves, and the
    detail follows the highlighted row."""
    storyui.wait_highlight(pane, storyui.FIRST_ROW)
    pane.wait_for(re.compile("US[–-]Taliban agreement"))
    pane.keys("Down")
    storyui.wait_highlight(pane, storyui.SECOND_ROW)
    pane.wait_for("Taliban retake control of Kabul")
    pane.keys("j")
    storyui.wait_highlight(pane, storyui.TERMEZ_ROW)
    pane.keys("k")
    storyui.wait_highlight(pane, storyui.SECOND_ROW)
    pane.keys("G")
    storyui.wait_highlight(pane, storyui.TAJIKISTAN_ROW)
    pane.keys("g")
    storyui.wait_highlight(pane, storyui.FIRST_ROW)


def tajikistan(pane: Pane) -> None:
    """Scenario 2: IS-K's claim, Dushanbe's denial and the Taliban's probe, on
    the same screen rows."""
    storyui.move_to(pane, storyui.TAJIKISTAN_ROW)
    pane.keys("Enter")
    pane.wait_for(storyui.DETAIL_FOCUSED)
    headings = ("CLAIM", "DENIED", "INVESTIGATING")
    screen = pane.wait(
        lambda s: bool(storyui.side_by_side_rows(s, *headings)),
        "CLAIM | DENIED | INVESTIGATING on one row",
    )
    names = ("Islamic State-Khorasan", "Tajikistan (Dushanbe)", "Taliban")
    assert storyui.side_by_side_rows(screen, *names), pane.report("actors not side by side")
    claim, denial, probe = storyui.columns(screen, *headings)[:3]
    assert "IS-K claimed that it had fired rockets" in claim, pane.report(f"claim: {claim!r}")
    assert "Both Dushanbe and Tashkent have denied" in denial, pane.report(f"denial: {denial!r}")
    assert "Taliban officials say they are probing" in probe, pane.report(f"probe: {probe!r}")
    # Back to the list.
    pane.keys("Escape")
    pane.wait_for(storyui.LIST_FOCUSED)


def filter_by_actor(pane: Pane) -> None:
    """Scenario 3: filter the lists by Tajikistan; the filter shows; Escape clears it."""
    pane.keys("2")
    pane.wait_for(storyui.ACTOR_HEADING)
    pane.keys("g")
    storyui.move_to(pane, "Tajikistan (Dushanbe)")
    pane.keys("f")
    screen = pane.wait_for(storyui.FILTER_LINE)
    found = storyui.FILTER_LINE.search(screen)
    assert found is not None and "Tajikistan" in found.group("actor"), screen
    tab = storyui.TIMELINE_TAB.search(screen)
    assert tab is not None and tab.group("shown") == "1", pane.report("timeline not filtered")
    pane.keys("1")
    screen = pane.wait(
        lambda s: storyui.TAJIKISTAN_ROW in s and storyui.FIRST_ROW not in s,
        "the filtered timeline",
    )
    pane.keys("Escape")
    screen = pane.wait(lambda s: storyui.FILTER_LINE.search(s) is None, "the filter cleared")
    tab = storyui.TIMELINE_TAB.search(screen)
    assert tab is not None and tab.group("shown") is None, pane.report("filter not cleared")
    pane.wait_for(storyui.FIRST_ROW)


def search(pane: Pane) -> None:
    """Scenario 4: / Termez finds the Termez incident; n goes to the next match."""
    pane.keys("/")
    pane.wait_for(storyui.SEARCH_PLACEHOLDER)
    pane.type("Termez")
    screen = pane.wait(
        lambda s: any(m.group("query") == "Termez" for m in storyui.SEARCH_FOUND.finditer(s)),
        "what the search for Termez found, beside the bar",
    )
    found = storyui.SEARCH_FOUND.search(screen)
    assert found is not None and int(found.group("count")) >= 2, screen
    assert found.group("pos") == "1"
    storyui.wait_highlight(pane, storyui.TERMEZ_ROW)
    pane.keys("Enter")
    pane.wait(lambda s: bool(storyui.SEARCH_KEPT.search(s)), "the search bar to close")
    pane.keys("n")
    pane.wait(
        lambda s: any(m.group("pos") == "2" for m in storyui.SEARCH_STATUS.finditer(s)),
        "match 2",
    )


def help_screen(pane: Pane) -> None:
    """Scenario 5: ? opens the help; Escape closes it."""
    pane.keys("?")
    screen = pane.wait_for(storyui.HELP_MARK)
    assert "Quit" in screen and "Search" in screen, screen
    pane.keys("Escape")
    pane.wait_gone(storyui.HELP_MARK)


def walkthrough(pane: Pane, command: str = "storybrowse") -> None:
    since, _ = storyui.start(pane, command)
    timeline(pane)
    tajikistan(pane)
    filter_by_actor(pane)
    search(pane)
    help_screen(pane)
    # Scenario 6: quit cleanly.
    assert storyui.quit_app(pane, since) == []


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_walkthrough_sizes(ssh_shell: ShellFactory, size: tuple[int, int]) -> None:
    walkthrough(ssh_shell(Variant("xterm-256color"), *size))


VARIANTS = {
    "TERM=xterm": Variant("xterm", term="xterm"),
    "TERM=screen-256color": Variant("screen-256color", term="screen-256color"),
    "TERM=tmux-256color": Variant("tmux-256color", term="tmux-256color"),
    "NO_COLOR=1": Variant("no-color", extra_env=(("NO_COLOR", "1"),)),
    "TERM=xterm,TEXTUAL_THEME=ansi-light": Variant(
        "ansi-light", term="xterm", extra_env=(("TEXTUAL_THEME", "ansi-light"),)
    ),
    "LANG=C": Variant("lang-c", lang="C"),
    "LANG=POSIX": Variant("lang-posix", lang="POSIX"),
}


@pytest.mark.parametrize("variant", list(VARIANTS.values()), ids=list(VARIANTS))
def test_walkthrough_variants(ssh_shell: ShellFactory, variant: Variant) -> None:
    walkthrough(ssh_shell(variant, 80, 24))


def test_walkthrough_latin1_locale(
    ssh_shell: ShellFactory, latin1: Variant, e2e_note: Callable[[str, object], None]
) -> None:
    """A server whose locale is not UTF-8 at all (ISO-8859-1)."""
    e2e_note("locale", latin1.name)
    pane = ssh_shell(latin1, 80, 24)
    encoding = "ISO-8859-1" if latin1.name == "latin1" else "ANSI_X3.4-1968"
    pane.run_shell("locale charmap", encoding)
    walkthrough(pane)


def test_walkthrough_in_tmux_on_the_server(ssh_shell: ShellFactory) -> None:
    """tmux -> ssh -> tmux -> storybrowse: the server-side tmux set up as the
    README recommends, the app started in it, then attached to."""
    pane = ssh_shell(Variant("xterm-256color"), 80, 24)
    tmux = f"tmux -L e2e-remote-{secrets.token_hex(3)} -f /dev/null"
    pane.line(
        f"{tmux} start-server \\; set -s escape-time 10 \\; "
        "set -g default-terminal tmux-256color \\; set -g status off \\; "
        "new-session -d -s app storybrowse"
    )
    pane.wait_prompt()
    assert panes_running_storybrowse(pane, tmux) == 1
    walkthrough(pane, f"{tmux} attach-session -t app")


def panes_running_storybrowse(pane: Pane, tmux: str) -> int:
    """How many panes of the server-side tmux run storybrowse's Python."""
    return shell_value(
        pane, f"{tmux} list-panes -a -F '#{{pane_current_command}}' | grep -c -i -e python -e story"
    )


def test_no_mouse_turns_mouse_tracking_off(ssh_shell: ShellFactory) -> None:
    """--no-mouse (for slow links) never turns mouse tracking on; without it,
    the app does (so this test can tell)."""
    mouse_on = re.compile(rb"\x1b\[\?(?:[0-9;]*;)?(?:1000|1002|1003)[;h]")
    pane = ssh_shell(Variant("xterm", term="xterm"), 80, 24)
    for command, tracks in (
        ("storybrowse", True),
        ("storybrowse --no-mouse --theme ansi-dark", False),
    ):
        pane.line("clear")
        pane.wait_prompt()
        since, _ = storyui.start(pane, command)
        timeline(pane)
        assert storyui.quit_app(pane, since) == []
        assert bool(mouse_on.search(pane.raw()[since:])) is tracks, command
