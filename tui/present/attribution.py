"""How records are worded when they are shown: attributions and stances.

Pure text helpers, no UI.  They return plain (unsanitised) strings built from
the story's own text; whoever shows them passes them through
:mod:`tui.story.sanitize` like any other story text.  Stance words are in
:mod:`tui.present.describe`.

An attribution is the sentence that says who said something and how it
reached the article: ``Andrew Mines, research fellow, Program on Extremism at
George Washington University, told RFE/RL``.
"""

from __future__ import annotations

from tui.story.model import Actor, Quote, Story

from .describe import actor_name

# Reporting verbs whose object is the outlet the words were given to
# ("told RFE/RL").  Any other verb is followed by ", according to RFE/RL".
_VERBS_WITH_OBJECT = frozenset({"told", "tells", "tell", "wrote to", "writes to", "said to"})


def speaker_phrase(story: Story, actor_id: str) -> str:
    """Name, role and affiliation, comma-separated:
    ``Andrew Mines, research fellow, Program on Extremism at George Washington
    University``.  Parts that are not given are left out."""
    rec = story.get(actor_id)
    if not isinstance(rec, Actor):
        return actor_id
    parts = [rec.name]
    if rec.role:
        parts.append(rec.role)
    if rec.affiliation:
        parts.append(actor_name(story, rec.affiliation))
    return ", ".join(parts)


def via_phrase(story: Story, verb: str, via: tuple[str, ...]) -> str:
    """The verb with the chain of outlets, nearest first.

    ``told`` + ``(rferl,)`` -> ``told RFE/RL``; ``says`` + ``(rferl,)`` ->
    ``says, according to RFE/RL``; a longer chain adds ``, as reported by X``
    for each further outlet.  Without a chain, just the verb.
    """
    names = [actor_name(story, v) for v in via]
    if not names:
        return verb
    first, rest = names[0], names[1:]
    if verb.strip().lower() in _VERBS_WITH_OBJECT:
        text = f"{verb} {first}"
    else:
        text = f"{verb}, according to {first}"
    for name in rest:
        text += f", as reported by {name}"
    return text


def attribution(story: Story, quote: Quote) -> str:
    """The whole attribution sentence of a quote (no final full stop):
    ``Andrew Mines, research fellow, Program on Extremism at George
    Washington University, told RFE/RL``; without a role or affiliation the
    verb follows the name directly: ``Analysts say, according to RFE/RL``."""
    who = speaker_phrase(story, quote.speaker)
    rec = story.get(quote.speaker)
    appositive = isinstance(rec, Actor) and bool(rec.role or rec.affiliation)
    return f"{who}{',' if appositive else ''} {via_phrase(story, quote.verb, quote.via)}"
