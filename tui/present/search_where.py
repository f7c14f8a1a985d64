"""Where a search match is, in words: the one wording of the browser's
search line (``in Tajikistan's response to “Claimed rocket fire…”``).

Never an internal path (``responses[0].text``): the field is named as a
reader knows it, and the record by its title, name or speaker.  Pure;
never imports textual.
"""

from __future__ import annotations

import re

from tui.present.search import Match
from tui.story.cells import truncate
from tui.story.model import Actor, Incident, Quote, Record, Source, Story
from tui.story.sanitize import display_line

# Cells a record's title may take in the phrase (cut with an ellipsis).
TITLE_CELLS = 30

_INDEXED = re.compile(r"^(\w+)\[(\d+)\]")

# The fields of a record, as a reader calls them: "the {words} of ...".
_FIELD_WORDS = {
    "title": "title",
    "date": "date",
    "date_reported": "reported date",
    "date_inferred.note": "note on the date",
    "kind": "kind",
    "place": "place",
    "from": "origin",
    "to": "destination",
    "summary": "summary",
    "note": "note",
    "text": "text",
    "name": "name",
    "role": "role",
    "description": "description",
    "outlet": "outlet",
    "url": "URL",
    "headline": "headline",
    "byline": "byline",
    "verb": "verb",
    "stance": "stance",
}


def quoted(text: str, cells: int = TITLE_CELLS) -> str:
    """*text* on one line, sanitised, in quotation marks, cut to *cells*."""
    return f"“{truncate(display_line(text), cells)}”"


def possessive(name: str) -> str:
    """``Tajikistan's``, ``Reuters'``."""
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"


def _actor_name(story: Story, actor_id: str) -> str:
    actor = story.get(actor_id)
    return display_line(actor.name) if isinstance(actor, Actor) else actor_id


def _words(field: str) -> str:
    return _FIELD_WORDS.get(field, field.replace("_", " "))


def _of(part: str, whole: str) -> str:
    """``the note on X`` for a note, else ``the verb of X``."""
    if part == "note":
        return f"the note on {whole}"
    return f"the {_words(part)} of {whole}"


def _statement(story: Story, inc: Incident, field: str, title: str) -> str | None:
    """A field of a claim or response: ``Tajikistan's response to “…”``."""
    found = _INDEXED.match(field)
    if field.startswith("claim."):
        whole, rest = f"the claim of {title}", field.removeprefix("claim.")
    elif found is not None and found[1] == "claims":
        whole = f"claim {int(found[2]) + 1} of {title}"
        rest = field[found.end() + 1 :]
    elif found is not None and found[1] == "responses":
        n = int(found[2])
        if n >= len(inc.responses):
            return None
        who = possessive(_actor_name(story, inc.responses[n].by))
        whole, rest = f"{who} response to {title}", field[found.end() + 1 :]
    else:
        return None
    return whole if rest == "text" else _of(rest, whole)


def _record_words(story: Story, rec: Record | None, match: Match, cells: int) -> str:
    field = match.field
    if isinstance(rec, Incident):
        title = quoted(rec.title, cells)
        said = _statement(story, rec, field, title)
        if said is not None:
            return said
        return _of(field, title)
    if isinstance(rec, Actor):
        name = quoted(rec.name, cells)
        found = _INDEXED.match(field)
        if found is not None and found[1] == "aliases":
            return f"an alias of {name}"
        if field in ("name", "kind"):
            return f"the {field} of actor {name}"
        return _of(field, name)
    if isinstance(rec, Quote):
        whole = f"the quote by {truncate(_actor_name(story, rec.speaker), cells)}"
        return whole if field == "text" else _of(field, whole)
    if isinstance(rec, Source):
        return _of(field, f"source {quoted(rec.name, cells)}")
    if rec is not None:  # a context event
        return _of(field, quoted(rec.title, cells))
    return f"{match.kind} {match.record_id}"  # never: the index matches records that exist


def where(story: Story, match: Match, *, cells: int = TITLE_CELLS) -> str:
    """Where *match* is, in words: ``in the claim of “Claimed rocket…”``,
    ``in Tajikistan's response to “…”``, ``in the quote by Andrew Mines``,
    ``in an alias of “Government of Tajikistan”``, ``in the URL of source
    “…”``, ``in the summary of the story``.  A record's title is cut to
    *cells* terminal cells; all story text is sanitised."""
    if match.kind == "story":
        return f"in the {_words(match.field)} of the story"
    return "in " + _record_words(story, story.get(match.record_id), match, cells)
