"""International text over SSH in tmux: the palette and search find
"İlkay Testoğlu" by `ilkay`, `İLKAY` and `lu`, typed as a user types them
(UTF-8 through ssh and tmux), and right-to-left text keeps the columns."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import storyui
import wcwidth
from sshterm import Pane, ShellFactory, Variant

pytestmark = pytest.mark.e2e

BASE = Variant("xterm-256color")
INTL = Path(__file__).resolve().parents[1] / "fixtures" / "stories" / "intl.yaml"


def palette_finds(pane: Pane, query: str) -> str:
    pane.keys("C-p")
    pane.wait_for(re.compile(r"Search for commands|🔎|>"))
    pane.type(query)
    screen = pane.wait_for("İlkay Testoğlu")
    pane.keys("Escape")
    pane.wait_gone("Actor · Analysts")
    return screen


def search_finds(pane: Pane, query: str) -> str:
    pane.keys("/")
    pane.wait_for(storyui.SEARCH_PLACEHOLDER)
    pane.type(query)
    pane.keys("Enter")
    screen = pane.wait(
        lambda s: (m := storyui.SEARCH_STATUS.search(s)) is not None and m["query"] == query,
        f"the search status for {query!r}",
    )
    return screen


def test_palette_and_search_find_ilkay(ssh_shell: ShellFactory, remote_dir: Path) -> None:
    shutil.copyfile(INTL, remote_dir / "intl.yaml")
    pane = ssh_shell(BASE, 80, 24)
    since, _ = storyui.start(pane, "storybrowse intl.yaml")
    for query in ("ilkay", "İLKAY", "lu"):
        screen = palette_finds(pane, query)
        assert "İlkay Testoğlu" in screen, pane.report(f"palette {query!r}")
    # `lu` also lists Lulu Sampleton.
    pane.keys("C-p")
    pane.type("lu")
    pane.wait_for("Lulu Sampleton")
    # Choosing İlkay opens the actor.
    pane.keys("BSpace", "BSpace")
    pane.type("İLKAY")
    pane.wait_for("İlkay Testoğlu")
    pane.keys("Enter")
    pane.wait_for(storyui.ACTOR_HEADING)
    assert "İlkay Testoğlu" in pane.screen(), pane.report("the actor is not shown")
    for query in ("ilkay", "İLKAY", "lu"):
        screen = search_finds(pane, query)
        assert "no matches" not in screen, pane.report(f"search {query!r}")
        pane.keys("Escape")
        pane.wait_gone(storyui.SEARCH_STATUS)
    # The denial in Dari sits in its own column, the borders in place.
    screen = search_finds(pane, "خارجه")
    rows = [line for line in screen.split("\n") if "وزارت" in line]
    assert rows, pane.report("the Dari response is not on the screen")
    assert all(wcwidth.wcswidth(line) <= 80 for line in screen.split("\n")), pane.report("width")
    pane.keys("Escape")
    pane.wait_gone(storyui.SEARCH_STATUS)
    assert storyui.quit_app(pane, since) == []
