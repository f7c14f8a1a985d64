"""The wording of attributions and stances (tui/present/attribution.py, describe.py)."""

from __future__ import annotations

from pathlib import Path

from tui.present.attribution import attribution, speaker_phrase, via_phrase
from tui.present.describe import stance_word
from tui.story.load import load_story
from tui.story.model import Actor, Quote, Story, StoryMeta

SEED = Path(__file__).resolve().parents[2] / "story.yaml"


def small_story() -> Story:
    actors = (
        Actor("ana", "Ana Sample", "analyst", role="senior fellow", affiliation="inst"),
        Actor("inst", "Institute", "organisation"),
        Actor("wire", "Wire", "media"),
        Actor("gazette", "Gazette", "media"),
        Actor("crowd", "Observers", "other"),
    )
    return Story(meta=StoryMeta(headline="h"), actors=actors)


def test_via_sentence_for_andrew_mines() -> None:
    story = load_story(SEED)
    assert attribution(story, story.quote("mines-showcase-failures")) == (
        "Andrew Mines, research fellow, Program on Extremism at George Washington "
        "University, told RFE/RL"
    )


def test_verb_without_object_says_according_to() -> None:
    story = load_story(SEED)
    assert attribution(story, story.quote("mines-fly-in-the-face")) == (
        "Andrew Mines, research fellow, Program on Extremism at George Washington "
        "University, says, according to RFE/RL"
    )
    assert attribution(story, story.quote("experts-sow-distrust")) == (
        "Experts (unnamed) say, according to RFE/RL"
    )
    assert attribution(story, story.quote("analysts-exploit-strains")) == "Analysts (unnamed) say"


def test_longer_via_chain_names_every_outlet_nearest_first() -> None:
    story = small_story()
    quote = Quote("q", "ana", "text", verb="told", via=("wire", "gazette"))
    assert attribution(story, quote) == (
        "Ana Sample, senior fellow, Institute, told Wire, as reported by Gazette"
    )
    assert via_phrase(story, "said", ("wire", "gazette")) == (
        "said, according to Wire, as reported by Gazette"
    )
    assert via_phrase(story, "said", ()) == "said"


def test_speaker_phrase_leaves_out_what_is_not_given() -> None:
    story = small_story()
    assert speaker_phrase(story, "ana") == "Ana Sample, senior fellow, Institute"
    assert speaker_phrase(story, "crowd") == "Observers"
    assert attribution(story, Quote("q", "crowd", "t", verb="say")) == "Observers say"


def test_stance_words() -> None:
    assert stance_word("denied") == "DENIED"
    assert stance_word("declined-to-comment") == "DECLINED TO COMMENT"
    assert stance_word("investigating") == "INVESTIGATING"
