"""``storybrowse diff`` after a new user's trial: withdrawn statements
marked wherever one is summarised; actors named from the version they come
from and told apart by id when two share a name; likely id renames; text
wrapped without breaking a word from its punctuation; ``--width``.

On an invented story (entirely fictional) shaped like a real contested
one: a leak, a denial later admitted, a government that disputed and then
withdrew, a government investigating."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tui import cli
from tui.present.diff_json import diff_json, iter_diff_json
from tui.present.diff_markdown import render_diff_markdown
from tui.present.diff_text import render_diff_text
from tui.present.diff_view import build_report
from tui.story.cells import cell_width
from tui.story.compare import compare
from tui.story.load import load_story
from tui.story.model import Story
from tui.story.renames import Rename, likely_renames

SGR = re.compile(r"\x1b\[[0-9;]*m")

OLD = """\
storybrowse: 2
story:
  headline: The Veyra leak
  outlet: The Example Courier
  published: 2031-06-02
sources:
  - id: courier
    name: The Example Courier
actors:
  - id: orlan-gov
    name: Government of the Republic of Orlania
    kind: government
  - id: veyra
    name: Government of Veyra
    kind: government
  - id: fakeland
    name: Government of Fakeland
    kind: government
  - id: leakers
    name: Open Veyra Collective
    kind: media
incidents:
  - id: veyra-leak
    title: Leak of Veyran cabinet minutes
    kind: leak
    date: 2031-05-20
    claim:
      by: leakers
      text: The Collective said the minutes came from an Orlanian server.
      source: courier
    responses:
      - by: orlan-gov
        stance: denied
        text: Orlania denied any role in the leak.
        date: 2031-05-21
        source: courier
      - id: fake-doubt
        by: fakeland
        stance: disputed
        text: Fakeland said the minutes were forged.
        date: 2031-05-21
        withdrawn: 2031-05-25
        source: courier
"""

# Added to OLD's responses: a withdrawn response, and a long one.
ADDED_RESPONSES = """\
      - id: gov-fake
        by: fakeland
        stance: disputed
        text: Fakeland disputed the Collective's account once more.
        date: 2031-05-22
        withdrawn: 2031-05-26
        source: courier
      - by: orlan-gov
        stance: investigating
        text: The ministry said it was looking into it.
        date: 2031-06-01
        source: courier
"""

# An incident added with a withdrawn claim and a withdrawn response.
ADDED_INCIDENT = """\
  - id: second-leak
    title: A second batch of minutes appears online
    kind: leak
    date: 2031-06-01
    claim:
      by: leakers
      text: The Collective published a second batch.
      withdrawn: 2031-06-04
    responses:
      - by: orlan-gov
        stance: investigating
        text: The ministry said it was looking into it.
        date: 2031-06-01
      - by: fakeland
        stance: denied
        text: Fakeland denied it.
        date: 2031-06-02
        withdrawn: 2031-06-03
"""


def story(tmp_path: Path, name: str, text: str) -> Story:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_story(path)


def text_of(old: Story, new: Story, **kw: object) -> str:
    report = build_report(old, new, compare(old, new), "old.yaml", "new.yaml")
    return render_diff_text(report, **kw)  # type: ignore[arg-type]


@pytest.fixture
def grown(tmp_path: Path) -> tuple[Story, Story]:
    old = story(tmp_path, "old.yaml", OLD)
    new_text = OLD + ADDED_RESPONSES + ADDED_INCIDENT
    # the withdrawn response that both have is edited: a changed statement
    new_text = new_text.replace("were forged.", "were forged by Orlania.")
    return old, story(tmp_path, "new.yaml", new_text)


# -- 1. withdrawn, wherever a statement is summarised --------------------------


def test_withdrawn_statements_are_marked_when_added_removed_or_changed(
    grown: tuple[Story, Story],
) -> None:
    old, new = grown
    lines = text_of(old, new).splitlines()
    assert (
        "  + Added response gov-fake by Government of Fakeland · 22 May 2031 · DISPUTED"
        " · WITHDRAWN 26 May 2031" in lines
    )
    assert (
        "  ~ Changed response fake-doubt by Government of Fakeland · 21 May 2031 · DISPUTED"
        " · WITHDRAWN 25 May 2031" in lines
    )
    # in an added incident: the claim and the response
    assert "  claim by Open Veyra Collective · WITHDRAWN 4 Jun 2031" in lines
    assert (
        "  response by Government of Fakeland · 2 Jun 2031 · DENIED · WITHDRAWN 3 Jun 2031" in lines
    )
    # a standing statement is not marked
    assert (
        "  + Added response by Government of the Republic of Orlania · 1 Jun 2031 · INVESTIGATING"
        in lines
    )
    back = text_of(new, old).splitlines()
    assert (
        "  - Removed response gov-fake by Government of Fakeland · 22 May 2031 · DISPUTED"
        " · WITHDRAWN 26 May 2031" in back
    )


def test_every_summary_of_a_withdrawn_statement_says_so(grown: tuple[Story, Story]) -> None:
    """The kind: each withdrawn statement of either version that the report
    names (by its text on the next line) carries WITHDRAWN and its date."""
    old, new = grown
    seen = 0
    for a, b in ((old, new), (new, old)):
        lines = text_of(a, b).splitlines()
        withdrawn = {
            st.text: st.withdrawn
            for s in (a, b)
            for inc in s.incidents
            for st in inc.statements()
            if st.withdrawn is not None
        }
        for i, line in enumerate(lines[1:], 1):
            when = withdrawn.get(line.strip())
            if when is not None and not isinstance(when, bool):
                assert lines[i - 1].endswith(f" · WITHDRAWN {when.display()}"), lines[i - 1]
                seen += 1
    assert seen == 4  # added gov-fake, the added incident's claim and response, removed gov-fake


def _without_fakeland(text: str) -> str:
    text = text.replace(
        "  - id: fakeland\n    name: Government of Fakeland\n    kind: government\n", ""
    )
    return text.split("      - id: fake-doubt")[0]


def test_a_removed_actor_is_named_from_the_old_story_and_its_stance_as_its_heading(
    tmp_path: Path,
) -> None:
    old = story(tmp_path, "old.yaml", OLD + ADDED_RESPONSES)
    new = story(tmp_path, "new.yaml", _without_fakeland(OLD))
    out = text_of(old, new)
    # every response withdrawn, the last on 26 May: as its column heading says it
    assert (
        "  Government of Fakeland on veyra-leak: DISPUTED · WITHDRAWN 26 May 2031 → no response\n"
        in out
    )
    assert "fakeland on" not in out
    assert "(withdrawn)" not in out


def test_markdown_marks_withdrawn_in_bold(grown: tuple[Story, Story]) -> None:
    old, new = grown
    md = render_diff_markdown(build_report(old, new, compare(old, new), "a", "b"))
    assert "**DISPUTED** · **WITHDRAWN 26 May 2031**" in md


# -- 2. actors named from their own version; renames ---------------------------


def test_a_renamed_actor_id_is_named_from_each_version_and_hinted(tmp_path: Path) -> None:
    old = story(tmp_path, "old.yaml", OLD)
    new = story(tmp_path, "new.yaml", re.sub(r"\borlan-gov\b", "orlania", OLD))
    out = text_of(old, new)
    name = "Government of the Republic of Orlania"
    assert f"  {name} [orlan-gov] on veyra-leak: DENIED → no response\n" in out
    assert f"  {name} [orlania] on veyra-leak: no response → DENIED\n" in out
    assert f"  - Removed response by {name} [orlan-gov] · 21 May 2031 · DENIED\n" in out
    assert f"  + Added response by {name} [orlania] · 21 May 2031 · DENIED\n" in out
    assert not re.search(r"^\s*orlan-gov on", out, re.M)
    assert out.split("\n\n")[1] == (
        "Ids that appear renamed\n"
        "  actor orlan-gov appears to be renamed orlania (the same record but for its id)"
    )
    # an actor not renamed keeps its plain name
    assert "[fakeland]" not in out and "[leakers]" not in out


def test_renames_by_name_by_statements_and_none_when_ambiguous(tmp_path: Path) -> None:
    old = story(tmp_path, "old.yaml", OLD)
    # id and name both changed: the statements moved with it
    both = re.sub(r"\borlan-gov\b", "orlania", OLD).replace(
        "Government of the Republic of Orlania", "Orlanian government"
    )
    new = story(tmp_path, "both.yaml", both)
    assert likely_renames(old, new, compare(old, new)) == (
        Rename("actor", "orlan-gov", "orlania", "same statements"),
    )
    # the id changed and the kind too: the same name
    kind = re.sub(r"\borlan-gov\b", "orlania", OLD).replace(
        "Orlania\n    kind: government", "Orlania\n    kind: person", 1
    )
    new = story(tmp_path, "kind.yaml", kind)
    assert likely_renames(old, new, compare(old, new)) == (
        Rename("actor", "orlan-gov", "orlania", "same name"),
    )
    # two candidates for one removed actor, for the same reason: no guess
    two = kind.replace(
        "  - id: veyra\n",
        "  - id: orlania2\n    name: Government of the Republic of Orlania\n"
        "    kind: analyst\n  - id: veyra\n",
    )
    new = story(tmp_path, "two.yaml", two)
    assert likely_renames(old, new, compare(old, new)) == ()
    # an actor removed and an unrelated one added: no guess
    other = OLD.replace(
        "id: leakers\n    name: Open Veyra Collective", "id: press\n    name: Press"
    )
    other = other.replace("by: leakers", "by: press")
    new = story(tmp_path, "other.yaml", other.replace("The Collective said", "The press said"))
    assert likely_renames(old, new, compare(old, new)) == ()


# -- 3. wrapping and styling ----------------------------------------------------


@pytest.mark.parametrize("width", [20, 21, 33, 47, 62, 80])
def test_no_continuation_starts_with_punctuation(grown: tuple[Story, Story], width: int) -> None:
    """Within the width; nothing lost; and, where a word and its mark fit
    on a line, never a line that starts with the mark."""
    old, new = grown
    for a, b in ((old, new), (new, old)):
        whole = text_of(a, b)
        wrapped = text_of(a, b, width=width)
        assert "".join(wrapped.split()) == "".join(whole.split())
        lines = wrapped.splitlines()
        assert max(cell_width(x) for x in lines) <= width
        assert all(x == x.rstrip() for x in lines)
        if width > 30:
            for line in lines:
                assert not re.match(r"\s*[:;,.·→)]", line), line


def test_the_heading_and_its_mark_are_styled_alike_without_colour(
    grown: tuple[Story, Story],
) -> None:
    old, new = grown
    out = text_of(old, new, sgr=True, colour=False)
    [line] = [x for x in out.splitlines() if "Added incident" in SGR.sub("", x)]
    unstyled = SGR.sub("", re.sub(r"\x1b\[1m[^\x1b]*\x1b\[0m", "", line))
    assert unstyled.strip() == "", line  # every visible character is bold
    assert "+ Added" in SGR.sub("", line)


# -- 4. --width --------------------------------------------------------------------


def test_width_wraps_text_in_a_pipe_too(
    capsys: pytest.CaptureFixture[str], grown: tuple[Story, Story], tmp_path: Path
) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    assert cli.main(["diff", str(old), str(new)]) == 1
    whole = capsys.readouterr().out
    assert max(len(x) for x in whole.splitlines()) > 80  # a pipe: never wrapped
    assert cli.main(["diff", str(old), str(new), "--width", "40"]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert max(cell_width(x) for x in out.splitlines()) <= 40
    assert "".join(out.split()) == "".join(whole.split())


@pytest.mark.parametrize("bad", ["19", "1001", "x", "-5"])
def test_a_bad_width_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], grown: tuple[Story, Story], tmp_path: Path, bad: str
) -> None:
    code = cli.main(
        ["diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "--width", bad]
    )
    assert code == 2
    assert "usage: storybrowse diff" in capsys.readouterr().err


def test_json_lists_the_likely_renames_streamed_or_whole(tmp_path: Path) -> None:
    old = story(tmp_path, "old.yaml", OLD)
    new = story(tmp_path, "new.yaml", re.sub(r"\borlan-gov\b", "orlania", OLD))
    changes = compare(old, new)
    streamed = json.loads("".join(iter_diff_json(old, new, changes, "a", "b")))
    assert streamed == diff_json(old, new, changes, "a", "b")
    assert streamed["renamed"] == [
        {"type": "actor", "old": "orlan-gov", "new": "orlania", "reason": "same record"}
    ]
    assert diff_json(old, old, compare(old, old), "a", "a")["renamed"] == []
