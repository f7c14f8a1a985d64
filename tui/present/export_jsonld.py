"""``storybrowse export --format jsonld``: every claim and every response as
a schema.org ``Claim``, for fact-checking databases.

The document is ``{"@context": "https://schema.org", "@graph": [...]}``
with one ``Claim`` per claim and per response, in the order of the story
file.  A Claim has:

* ``@id``: a blank node, ``_:<incident id>.claim.<n>`` or
  ``_:<incident id>.response.<n>`` (``n`` counts from 1 in file order);
* ``name``: who and what (``Government of Tajikistan: DENIED``);
* ``text``: the statement's text, exactly;
* ``author``: the actor (``Person`` for a person or analyst,
  ``GovernmentOrganization`` for a government, ``NewsMediaOrganization``
  for media, ``Organization`` otherwise), then the speaker who spoke for
  it when the story names one;
* ``datePublished``: the statement's own date as ISO 8601 to its
  precision (``2022-05``), only when it is a known, unqualified date (an
  uncertain or approximate date has no ISO form; it stays in the story);
* ``appearance``: the source, a ``CreativeWork`` with its ``url``;
* ``about``: the incident, an ``Event`` (``_:<incident id>``) with its
  name, ``startDate`` (as above) and ``location``; a response is also
  about the claim it answers;
* ``creativeWorkStatus``: ``Withdrawn`` when the statement was withdrawn.

storybrowse never rates a claim, so there is no ``ClaimReview``.  Never
imports textual.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tui.story.dates import EdtfDate
from tui.story.export import dumps
from tui.story.model import Actor, Claim, Incident, Response, Source, Story

from .describe import stance_word

CONTEXT = "https://schema.org"

JSON = dict[str, Any]

PERSON_KINDS = frozenset({"person", "analyst"})
ORGANIZATION_TYPES: dict[str, str] = {
    "government": "GovernmentOrganization",
    "media": "NewsMediaOrganization",
}


def actor_type(kind: str) -> str:
    """The schema.org type of an actor of *kind*: ``Person`` or an
    ``Organization`` (or one of its subtypes)."""
    if kind in PERSON_KINDS:
        return "Person"
    return ORGANIZATION_TYPES.get(kind, "Organization")


def iso_date(date: EdtfDate | None) -> str | None:
    """``2022-05-07``, ``2022-05`` or ``2022``; None when the year is not
    known or the date is uncertain or approximate."""
    if date is None or date.year is None or date.uncertain or date.approximate:
        return None
    out = f"{date.year:04d}"
    if date.month is not None:
        out += f"-{date.month:02d}"
        if date.day is not None:
            out += f"-{date.day:02d}"
    return out


def _actor(story: Story, actor_id: str) -> JSON:
    rec = story.get(actor_id)
    if not isinstance(rec, Actor):
        return {"@type": "Thing", "@id": f"_:{actor_id}", "name": actor_id}
    out: JSON = {"@type": actor_type(rec.kind), "@id": f"_:{rec.id}", "name": rec.name}
    if rec.aliases:
        out["alternateName"] = list(rec.aliases)
    return out


def _event(inc: Incident) -> JSON:
    out: JSON = {"@type": "Event", "@id": f"_:{inc.id}", "name": inc.title}
    start = iso_date(inc.date)
    if start is not None:
        out["startDate"] = start
    place = inc.to or inc.place
    if place is not None:
        out["location"] = {"@type": "Place", "name": place.label}
    return out


def _appearance(story: Story, source_id: str | None) -> JSON | None:
    rec = story.get(source_id) if source_id is not None else None
    if not isinstance(rec, Source):
        return None
    out: JSON = {"@type": "CreativeWork", "@id": f"_:{rec.id}", "name": rec.name}
    if rec.url:
        out["url"] = rec.url
    return out


def _claim_id(inc: Incident, claim: Claim) -> str | None:
    """The node id of *claim*; None for a claim not in ``inc.claims`` (in a
    story as of a date, a claim made later: it has no node)."""
    for i, c in enumerate(inc.claims, 1):
        if c is claim:
            return f"_:{inc.id}.claim.{i}"
    return None


def statement_node(story: Story, inc: Incident, st: Claim | Response, n: int) -> JSON:
    """The ``Claim`` of one claim or response (*n*: its 1-based index among
    the incident's claims or responses)."""
    who = _actor(story, st.by)
    if isinstance(st, Response):
        node_id = f"_:{inc.id}.response.{n}"
        name = f"{who['name']}: {stance_word(st.stance)}"
        about: list[JSON] = [_event(inc)]
        answers = _claim_id(inc, inc.claim_for(st))
        if answers is not None:
            about.append({"@id": answers})
    else:
        node_id = f"_:{inc.id}.claim.{n}"
        name = f"{who['name']}: CLAIM"
        about = [_event(inc)]
    authors = [who]
    if st.speaker is not None:
        authors.append(_actor(story, st.speaker))
    node: JSON = {
        "@type": "Claim",
        "@id": node_id,
        "name": name,
        "text": st.text,
        "author": authors if len(authors) > 1 else who,
        "about": about if len(about) > 1 else about[0],
    }
    published = iso_date(st.date)
    if published is not None:
        node["datePublished"] = published
    appearance = _appearance(story, st.source)
    if appearance is not None:
        node["appearance"] = appearance
    if st.withdrawn is not None:
        node["creativeWorkStatus"] = "Withdrawn"
    return node


def statement_nodes(story: Story) -> Iterator[JSON]:
    """The ``Claim`` nodes in file order: per incident its claims, then its
    responses."""
    for inc in story.incidents:
        for i, claim in enumerate(inc.claims, 1):
            yield statement_node(story, inc, claim, i)
        for i, response in enumerate(inc.responses, 1):
            yield statement_node(story, inc, response, i)


def jsonld(story: Story) -> JSON:
    """The JSON-LD document (see the module docstring)."""
    return {"@context": CONTEXT, "@graph": list(statement_nodes(story))}


def iter_jsonld(story: Story) -> Iterator[str]:
    """``dumps(jsonld(story))`` in pieces, one node at a time (the text is
    the same), so that a large story's graph is never held whole."""
    yield "{\n" + f'  "@context": {dumps(CONTEXT)},\n  "@graph": ['
    empty = True
    for node in statement_nodes(story):
        yield ("\n" if empty else ",\n") + "    " + dumps(node).replace("\n", "\n    ")
        empty = False
    yield "]\n}" if empty else "\n  ]\n}"
