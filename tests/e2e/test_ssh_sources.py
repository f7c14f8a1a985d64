"""The story overview and the sources over SSH in tmux (issue 13), as a new
user meets them: the browser opens on the overview (outlet, byline, date,
URL, counts, the sources); 0 brings it back; 4 lists the sources with
their citations; a ``Source:`` line in an incident is a link to its source,
and escape comes back.  On the invented story told from several sources
(tests/fixtures/stories/sourced.yaml), at 80x24, in 16 colours and with
NO_COLOR."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import storyui
from sshterm import Pane, ShellFactory, Variant

pytestmark = pytest.mark.e2e

SOURCED = Path(__file__).resolve().parents[1] / "fixtures" / "stories" / "sourced.yaml"
OVERVIEW_LABEL = re.compile(r"Story overview [—-] ")
SOURCE_LABEL = re.compile(r"Source [—-] ")
VARIANTS = {
    "TERM=xterm": Variant("xterm", term="xterm"),
    "NO_COLOR=1": Variant("no-color", extra_env=(("NO_COLOR", "1"),)),
}


def start(pane: Pane, remote_dir: Path) -> int:
    shutil.copyfile(SOURCED, remote_dir / "sourced.yaml")
    since, _screen = storyui.start(pane, "storybrowse sourced.yaml")
    return since


@pytest.mark.parametrize("variant", list(VARIANTS.values()), ids=list(VARIANTS))
def test_the_overview(ssh_shell: ShellFactory, remote_dir: Path, variant: Variant) -> None:
    pane = ssh_shell(variant, 80, 24)
    since = start(pane, remote_dir)
    # It opens on the overview, the first timeline row selected.
    screen = pane.wait_for(OVERVIEW_LABEL)
    for expected in (
        "STORY",
        "Two governments trade blame over the Vesna dam breach",
        "Outlet: The Example Ledger",
        "Byline: Ana Probna and Tomas Vzorec",
        "Published: 20 Jun 2033",
        "URL: https://ledger.example/2033/06/vesna-dam",
    ):
        assert expected in screen, pane.report(f"overview: {expected!r} missing")
    storyui.wait_highlight(pane, "May 2033")
    # Moving shows the row; 0 brings the overview back, with the focus.
    pane.keys("Down")
    pane.wait_for("INCIDENT")
    pane.wait_gone(OVERVIEW_LABEL)
    pane.keys("0")
    pane.wait_for(re.compile(r"Story overview [—-] .*esc: back to the list"))
    # Scroll to the sources: every one is listed with its citations.
    pane.keys("G")
    screen = pane.wait_for("Leaked Nordmark memo")
    assert "0 citations" in screen, pane.report("the uncited source")
    pane.keys("Escape")
    pane.wait_for(storyui.LIST_FOCUSED)
    assert storyui.quit_app(pane, since) == []


@pytest.mark.parametrize("variant", list(VARIANTS.values()), ids=list(VARIANTS))
def test_the_sources(ssh_shell: ShellFactory, remote_dir: Path, variant: Variant) -> None:
    pane = ssh_shell(variant, 80, 24)
    since = start(pane, remote_dir)
    # 4: the sources list, each with its outlet, date and citations.
    pane.keys("4")
    screen = pane.wait_for(re.compile(r"Example Wire +11 Jun 2033 +4 citations"))
    assert "4 Sources (5)" in screen, pane.report("the sources tab")
    assert re.search(r"Leaked Nordmark memo +Unknown +0 citations", screen), pane.report("memo")
    pane.wait_for("SOURCE · wire-0611")
    # A Source: line is a link: a quote's is its first; enter follows it,
    # the source lists what cites it, escape comes back to the quote.
    pane.keys("3", "Enter")
    pane.wait_for(storyui.DETAIL_FOCUSED)
    pane.wait_for("Source: Radio Example interview with Lena Test")
    pane.keys("Enter")
    screen = pane.wait_for(re.compile(r"Source [—-] .*esc: back to the quote"))
    assert "SOURCE · interview" in screen, pane.report("the source's view")
    assert "Quotes citing it (2)" in screen, pane.report("what cites the source")
    pane.keys("Escape")
    pane.wait_for("QUOTE · test-on-breach")
    pane.keys("Escape")
    pane.wait_for(storyui.LIST_FOCUSED)
    assert storyui.quit_app(pane, since) == []
