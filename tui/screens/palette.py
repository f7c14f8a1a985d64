"""The command palette (ctrl+p): jump to any record of the story by name,
then the app's own commands, in our words.

One provider, the browser screen's (``BrowserScreen.COMMANDS``), lists the
story first (its overview, incidents and context events, actors, quotes,
sources) and the app's commands after them (:func:`app_command`: Textual's
system commands renamed for a reader; the app hands them over through
``palette_commands``).  With a query, every record that matches comes
before every command that does.  A record's hit posts
:class:`tui.messages.JumpTo` (the overview: :class:`tui.messages.ShowOverview`)
to the screen the palette was opened from; nothing here knows its class.

Textual's palette parses a hit's display string as markup
(``Matcher.highlight`` calls ``Content.from_markup``), so these providers
never hand it story text as a string: every prompt is literal ``Content``
built here, with the fuzzy-matched characters highlighted by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any, cast

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.message import Message

from tui.messages import JumpTo, ShowOverview
from tui.present.describe import actor_groups, actor_name, kind_heading, one_line, plural
from tui.present.story_view import source_rows
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


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the palette: its text (story text or our words), the help
    line under it, and what choosing it does."""

    text: str
    help: str
    run: Callable[[], Any]
    record: bool = True  # a story record (listed first), else an app command
    record_id: str = ""  # found by its id too (ids are shown everywhere)


# Textual's system commands (by their title) in our words: (title, help).
APP_COMMAND_WORDS: dict[str, tuple[str, str]] = {
    "Theme": (
        "Colours: choose a theme",
        "ansi-dark and ansi-light use your terminal's own colours",
    ),
    "Quit": ("Quit storybrowse", "Leave the browser and give the terminal back (q)"),
    "Keys": (
        "Keys that work here: show or hide the panel",
        "A panel on the right; ? lists every key",
    ),
    "Maximize": ("Fill the screen with this pane", "The other panes come back with Minimize"),
    "Minimize": ("Minimize: bring the other panes back", "Undo Fill the screen"),
}


def app_command(command: SystemCommand) -> SystemCommand:
    """*command* named in our words (:data:`APP_COMMAND_WORDS`); one we
    have no words for keeps Textual's."""
    words = APP_COMMAND_WORDS.get(command.title)
    if words is None:
        return command
    title, help_text = words
    if command.title == "Keys" and command.help.startswith("Hide"):
        title = "Keys that work here: hide the panel"
    return SystemCommand(title, help_text, command.callback, command.discover)


def story_entries(story: Story, post: Callable[[Message], object]) -> Iterator[Entry]:
    """The story's records in the order of the browser's panes: the
    overview, the timeline, actors by kind, quotes, sources.  Choosing one
    posts its message with *post*."""
    counts = f"{plural(len(story.incidents), 'incident')} · {plural(len(story.sources), 'source')}"
    yield Entry(
        "Story overview: " + one_line(story.meta.headline),
        f"Story · {counts} · key 0",
        partial(post, ShowOverview()),
    )
    for entry in story.timeline():
        kind: RecordKind = story.kind_of(entry.id) or "incident"
        label = "Incident" if kind == "incident" else "Context"
        yield Entry(
            one_line(entry.title),
            f"{label} · {entry.date.display()}",
            partial(post, JumpTo(kind, entry.id)),
            record_id=entry.id,
        )
    for group, actors in actor_groups(story):
        for actor in actors:
            yield Entry(
                one_line(" / ".join([actor.name, *actor.aliases])),
                f"Actor · {kind_heading(group)}",
                partial(post, JumpTo("actor", actor.id)),
                record_id=actor.id,
            )
    for quote in story.quotes:
        speaker = actor_name(story, quote.speaker)
        form = "Quote" if quote.form == "quote" else "Paraphrase"
        yield Entry(
            _clip(f"{speaker}: {one_line(quote.text)}"),
            form,
            partial(post, JumpTo("quote", quote.id)),
            record_id=quote.id,
        )
    for row in source_rows(story):
        facts = [p for p in (row.outlet, row.date, row.cited) if p]
        yield Entry(
            row.name,
            " · ".join(["Source", *facts]),
            partial(post, JumpTo("source", row.record_id)),
            record_id=row.record_id,
        )


class StoryCommands(Provider):
    """The story's records, then the app's commands (see the module doc)."""

    def _entries(self) -> Iterator[Entry]:
        screen = self.screen
        story = getattr(screen, "story", None)
        if isinstance(story, Story):
            entries = story_entries(story, screen.post_message)
            yield next(entries)  # the overview, then the screen's views of the story
            yield from getattr(screen, "palette_views", tuple)()
            yield from entries
        commands: Iterable[SystemCommand] = getattr(self.app, "palette_commands", _none)(screen)
        for command in commands:
            yield Entry(command.title, command.help, command.callback, record=False)

    async def discover(self) -> Hits:
        for entry in self._entries():
            text = display_line(entry.text)
            yield DiscoveryHit(Content(text), entry.run, text=text, help=_help(entry.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self._entries():
            shown = display_line(entry.text)
            score, _offsets = fuzzy(query, shown)
            if entry.record_id:  # or by its id: `ngo-report`, `gap-drone-1`
                score = max(score, fuzzy(query, entry.record_id)[0])
            if score > 0:
                # Every record that matches before every command that does.
                rank = 1.0 + score if entry.record else score / (1.0 + score)
                yield Hit(
                    rank,
                    highlighted(shown, matcher),
                    entry.run,
                    text=shown,
                    help=_help(entry.help),
                )


def _none(_screen: object) -> Iterable[SystemCommand]:
    return ()


STORY_PROVIDERS = frozenset({StoryCommands})
