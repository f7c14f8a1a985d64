"""Command palette providers: jump to any incident, actor or quote by name.

They are the browser screen's (``BrowserScreen.COMMANDS``): each hit posts
:class:`tui.messages.JumpTo` to the screen the palette was opened from, which
shows the record; nothing here knows the screen's class.

Textual's palette parses a hit's display string as markup
(``Matcher.highlight`` calls ``Content.from_markup``), so these providers
never hand it story text as a string: every prompt is literal ``Content``
built here, with the fuzzy-matched characters highlighted by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from tui.messages import JumpTo
from tui.present.describe import actor_groups, actor_name, kind_heading, one_line
from tui.story.matching import fuzzy
from tui.story.model import RecordKind, Story
from tui.story.sanitize import display_line

EXCERPT = 70  # characters of a quote shown in the palette


def _clip(text: str, limit: int = EXCERPT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def highlighted(text: str, matcher: Matcher) -> Content:
    """*text* as literal Content with the fuzzy-matched characters styled.

    Matching is the core's (:func:`tui.story.matching.fuzzy`: case folded
    and accent-blind in every script, offsets into *text* itself), not
    Textual's, which lower-cases a copy and applies its offsets to the
    original (``İ`` lower-cases to two characters)."""
    content = Content(text)
    score, offsets = fuzzy(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _help(text: str) -> str:
    # The palette runs help through Content.from_markup, which returns a
    # Content unchanged: passing Content keeps it literal.
    return cast(str, Content(display_line(text)))


class StoryProvider(Provider):
    """Base: subclasses list (kind, id, display text, help) for the records."""

    def entries(self, story: Story) -> Iterator[tuple[RecordKind, str, str, str]]:
        raise NotImplementedError

    def _story(self) -> Story | None:
        """The story of the screen the palette was opened from."""
        story = getattr(self.screen, "story", None)
        return story if isinstance(story, Story) else None

    def _jump(self, kind: RecordKind, record_id: str) -> None:
        self.screen.post_message(JumpTo(kind, record_id))

    async def discover(self) -> Hits:
        story = self._story()
        if story is None:
            return
        for kind, record_id, text, help_text in self.entries(story):
            yield DiscoveryHit(
                Content(display_line(text)),
                partial(self._jump, kind, record_id),
                text=display_line(text),
                help=_help(help_text),
            )

    async def search(self, query: str) -> Hits:
        story = self._story()
        if story is None:
            return
        matcher = self.matcher(query)
        for kind, record_id, text, help_text in self.entries(story):
            shown = display_line(text)
            score, _offsets = fuzzy(query, shown)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(shown, matcher),
                    partial(self._jump, kind, record_id),
                    text=shown,
                    help=_help(help_text),
                )


class TimelineCommands(StoryProvider):
    """Incidents and context events, by title."""

    def entries(self, story: Story) -> Iterator[tuple[RecordKind, str, str, str]]:
        for entry in story.timeline():
            kind = story.kind_of(entry.id) or "incident"
            label = "Incident" if kind == "incident" else "Context"
            yield kind, entry.id, one_line(entry.title), f"{label} · {entry.date.display()}"


class ActorCommands(StoryProvider):
    """Actors, by name and aliases."""

    def entries(self, story: Story) -> Iterator[tuple[RecordKind, str, str, str]]:
        for kind, actors in actor_groups(story):
            for actor in actors:
                names = [actor.name, *actor.aliases]
                yield (
                    "actor",
                    actor.id,
                    one_line(" / ".join(names)),
                    f"Actor · {kind_heading(kind)}",
                )


class QuoteCommands(StoryProvider):
    """Quotes and paraphrases, by speaker and text."""

    def entries(self, story: Story) -> Iterator[tuple[RecordKind, str, str, str]]:
        for quote in story.quotes:
            speaker = actor_name(story, quote.speaker)
            form = "Quote" if quote.form == "quote" else "Paraphrase"
            yield "quote", quote.id, _clip(f"{speaker}: {one_line(quote.text)}"), form


STORY_PROVIDERS = frozenset({TimelineCommands, ActorCommands, QuoteCommands})
