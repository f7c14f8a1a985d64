"""Building the story's records from its YAML events (private to
:mod:`tui.story.load`).

:class:`_Parser` is a recursive descent over the event stream that follows
the format: the document, then each record, reading every key it finds (so
that every problem is reported) and building a record only if its required
values are there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from yaml.events import (
    DocumentStartEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from .load_events import _is_null, _join, _mark
from .load_refs import _ABOUT, _ACTOR, _SOURCE, _References
from .load_sink import _q
from .model import (
    ACTOR_KINDS,
    STANCES,
    Actor,
    Claim,
    ContextEvent,
    Form,
    Incident,
    Inference,
    Place,
    Quote,
    Response,
    Source,
    Story,
    StoryMeta,
)

_T = TypeVar("_T")

_NEED = "a story needs at least story: {headline: ...}"

_TOP_KEYS = ("storybrowse", "story", "sources", "actors", "incidents", "quotes", "context")
_STORY_KEYS = ("headline", "outlet", "published", "url", "summary", "byline")
_SOURCE_KEYS = ("id", "name", "outlet", "published", "url", "note")
_ACTOR_KEYS = ("id", "name", "kind", "aliases", "affiliation", "role", "description")
_INCIDENT_KEYS = (
    "id",
    "title",
    "date",
    "date_reported",
    "date_inferred",
    "kind",
    "place",
    "from",
    "to",
    "summary",
    "note",
    "claim",
    "responses",
)
_INFERENCE_KEYS = ("note", "sources")
_PLACE_KEYS = ("name", "region", "country")
_CLAIM_KEYS = ("by", "text", "form", "verb", "source", "date", "note")
_RESPONSE_KEYS = ("by", "stance", "text", "form", "verb", "source", "date", "note")
_QUOTE_KEYS = ("id", "speaker", "text", "form", "verb", "via", "about", "source", "date", "note")
_CONTEXT_KEYS = (
    "id",
    "title",
    "date",
    "text",
    "date_reported",
    "date_inferred",
    "actors",
    "source",
)


class _Parser(_References):
    """Reads the YAML events of one story and builds the model as it goes."""

    # -- the document ----------------------------------------------------
    def document(self) -> Story | None:
        """Parse the whole stream; None if it holds no valid story."""
        self.next()  # StreamStart
        ev = self.next()
        if type(ev) is StreamEndEvent:
            what = "is empty" if not self.yaml_text.strip() else "has only comments or blank lines"
            self.sink.add(0, 0, "", f"the file {what}; {_NEED}")
            return None
        root = self.next()  # ev was DocumentStart
        story = None
        if type(root) is MappingStartEvent:
            story = self.story(root)
        else:
            line, column = _mark(root)
            if _is_null(root):
                what = "is empty"
            else:
                what = "is a list" if type(root) is SequenceStartEvent else "is text"
                what += ", not a mapping with keys such as story: and incidents:"
            self.sink.add(line, column, "", f"the document {what}; {_NEED}", schema=True)
            self.skip(root)
        self.next()  # DocumentEnd
        ev = self.next()
        if type(ev) is DocumentStartEvent:
            line, column = _mark(ev)
            self.sink.add(
                line,
                column,
                "",
                "a second YAML document; a story file holds exactly one "
                "(remove this '---' and what follows, or split the file)",
            )
            return None
        return story

    def story(self, start: Any) -> Story | None:
        meta = None
        sources: tuple[Source, ...] = ()
        actors: tuple[Actor, ...] = ()
        incidents: tuple[Incident, ...] = ()
        quotes: tuple[Quote, ...] = ()
        context: tuple[ContextEvent, ...] = ()
        for name, ev in self.pairs(start, "", _TOP_KEYS, ("story",)):
            if name == "storybrowse":
                raw = self.text(ev, "", name, True)
                if raw is not None and raw != "1":
                    self.error(
                        ev,
                        "",
                        name,
                        f"format version {_q(raw)} is not supported; "
                        "this storybrowse reads version 1",
                    )
            elif name == "story":
                meta = self.meta(ev)
            elif name == "sources":
                sources = self.records(ev, name, self.source)
            elif name == "actors":
                actors = self.records(ev, name, self.actor)
            elif name == "incidents":
                incidents = self.records(ev, name, self.incident)
            elif name == "quotes":
                quotes = self.records(ev, name, self.quote)
            else:
                context = self.records(ev, name, self.context)
        self.resolve()
        if meta is None or self.sink.errors:
            return None
        return Story(
            meta=meta,
            sources=sources,
            actors=actors,
            incidents=incidents,
            quotes=quotes,
            context=context,
        )

    def records(self, ev: Any, key: str, build: Callable[[Any, str], _T | None]) -> tuple[_T, ...]:
        out = []
        for i, item in self.items(ev, "", key):
            rec = build(item, f"{key}[{i}]")
            if rec is not None:
                out.append(rec)
        return tuple(out)

    # -- records ---------------------------------------------------------
    # Each reads every key it finds (so that every problem is reported) and
    # builds its record only if the required values are there.

    def meta(self, start: Any) -> StoryMeta | None:
        p = "story"
        if not self.is_mapping(start, p):
            return None
        headline = outlet = url = summary = byline = None
        published = None
        for name, ev in self.pairs(start, p, _STORY_KEYS, ("headline",)):
            if name == "headline":
                headline = self.text(ev, p, name, True)
            elif name == "outlet":
                outlet = self.text(ev, p, name)
            elif name == "published":
                published = self.date(ev, p, name)
            elif name == "url":
                url = self.text(ev, p, name)
            elif name == "summary":
                summary = self.text(ev, p, name)
            else:
                byline = self.text(ev, p, name)
        if headline is None:
            return None
        return StoryMeta(headline, outlet, published, url, summary, byline)

    def source(self, start: Any, p: str) -> Source | None:
        if not self.is_mapping(start, p):
            return None
        rid = name_ = outlet = url = note = None
        published = None
        for name, ev in self.pairs(start, p, _SOURCE_KEYS, ("id", "name")):
            if name == "id":
                rid = self.ident(ev, p, "source")
            elif name == "name":
                name_ = self.text(ev, p, name, True)
            elif name == "outlet":
                outlet = self.text(ev, p, name)
            elif name == "published":
                published = self.date(ev, p, name)
            elif name == "url":
                url = self.text(ev, p, name)
            else:
                note = self.text(ev, p, name)
        if rid is None or name_ is None:
            return None
        return Source(rid, name_, outlet, published, url, note)

    def actor(self, start: Any, p: str) -> Actor | None:
        if not self.is_mapping(start, p):
            return None
        rid = name_ = kind = affiliation = role = description = None
        aliases: tuple[str, ...] = ()
        for name, ev in self.pairs(start, p, _ACTOR_KEYS, ("id", "name", "kind")):
            if name == "id":
                rid = self.ident(ev, p, "actor")
            elif name == "name":
                name_ = self.text(ev, p, name, True)
            elif name == "kind":
                kind = self.choice(ev, p, name, ACTOR_KINDS, True)
            elif name == "aliases":
                aliases = self.text_list(ev, p, name)
            elif name == "affiliation":
                affiliation = self.ref(ev, p, name, _ACTOR)
            elif name == "role":
                role = self.text(ev, p, name)
            else:
                description = self.text(ev, p, name)
        if rid is None or name_ is None or kind is None:
            return None
        return Actor(rid, name_, kind, aliases, affiliation, role, description)

    def place(self, start: Any, p: str, key: str) -> Place | None:
        if type(start) is ScalarEvent:
            if _is_null(start):
                return None
            name_ = self.text(start, p, key, True)  # "" is not a place
            return None if name_ is None else Place(name_)
        if type(start) is not MappingStartEvent:
            self.expected(start, p, key, "a place name or a mapping with 'name'")
            return None
        path = _join(p, key)
        name_ = region = country = None
        for name, ev in self.pairs(start, path, _PLACE_KEYS, ("name",)):
            if name == "name":
                name_ = self.text(ev, path, name, True)
            elif name == "region":
                region = self.text(ev, path, name)
            else:
                country = self.text(ev, path, name)
        return None if name_ is None else Place(name_, region, country)

    def inference(self, start: Any, p: str, key: str) -> Inference | None:
        if _is_null(start):
            return None
        path = _join(p, key)
        if not self.is_mapping(start, path):
            return None
        note = None
        sources: tuple[str, ...] = ()
        for name, ev in self.pairs(start, path, _INFERENCE_KEYS, ("note",)):
            if name == "note":
                note = self.text(ev, path, name, True)
            else:
                sources = self.ref_list(ev, path, name, _SOURCE)
        return None if note is None else Inference(note, sources)

    def statement(
        self, start: Any, p: str, keys: tuple[str, ...], required: tuple[str, ...]
    ) -> dict[str, Any] | None:
        """The fields a claim and a response share (and a response's stance),
        or None when the mapping is missing or a required field is bad."""
        if not self.is_mapping(start, p):
            return None
        f: dict[str, Any] = {}
        for name, ev in self.pairs(start, p, keys, required):
            if name == "by":
                f[name] = self.ref(ev, p, name, _ACTOR, True)
            elif name == "stance":
                f[name] = self.choice(ev, p, name, STANCES, True)
            elif name == "text":
                f[name] = self.text(ev, p, name, True)
            elif name == "form":
                f[name] = self.form(ev, p)
            elif name == "source":
                f[name] = self.ref(ev, p, name, _SOURCE)
            elif name == "date":
                f[name] = self.date(ev, p, name)
            else:  # verb, note
                f[name] = self.text(ev, p, name)
        if any(f.get(k) is None for k in required):
            return None
        return f

    def claim(self, start: Any, p: str) -> Claim | None:
        f = self.statement(start, p, _CLAIM_KEYS, ("by", "text"))
        if f is None:
            return None
        return Claim(
            f["by"],
            f["text"],
            f.get("form") or "paraphrase",
            f.get("verb") or "claimed",
            f.get("source"),
            f.get("date"),
            f.get("note"),
        )

    def response(self, start: Any, p: str) -> Response | None:
        f = self.statement(start, p, _RESPONSE_KEYS, ("by", "stance", "text"))
        if f is None:
            return None
        return Response(
            f["by"],
            f["stance"],
            f["text"],
            f.get("form") or "paraphrase",
            f.get("verb"),
            f.get("source"),
            f.get("date"),
            f.get("note"),
        )

    def incident(self, start: Any, p: str) -> Incident | None:
        if not self.is_mapping(start, p):
            return None
        rid = title = date_reported = kind = summary = note = None
        date = None
        date_inferred = None
        place = from_ = to = None
        claim = None
        responses: list[Response] = []
        required = ("id", "title", "date", "claim")
        for name, ev in self.pairs(start, p, _INCIDENT_KEYS, required):
            if name == "id":
                rid = self.ident(ev, p, "incident")
            elif name == "title":
                title = self.text(ev, p, name, True)
            elif name == "date":
                date = self.date(ev, p, name, True)
            elif name == "claim":
                claim = self.claim(ev, f"{p}.claim")
            elif name == "responses":
                for i, item in self.items(ev, p, name):
                    response = self.response(item, f"{p}.responses[{i}]")
                    if response is not None:
                        responses.append(response)
            elif name == "place":
                place = self.place(ev, p, name)
            elif name == "from":
                from_ = self.place(ev, p, name)
            elif name == "to":
                to = self.place(ev, p, name)
            elif name == "date_reported":
                date_reported = self.text(ev, p, name)
            elif name == "date_inferred":
                date_inferred = self.inference(ev, p, name)
            elif name == "kind":
                kind = self.text(ev, p, name)
            elif name == "summary":
                summary = self.text(ev, p, name)
            else:
                note = self.text(ev, p, name)
        if rid is None or title is None or date is None or claim is None:
            return None
        return Incident(
            rid,
            title,
            date,
            claim,
            tuple(responses),
            date_reported,
            date_inferred,
            kind,
            place,
            from_,
            to,
            summary,
            note,
        )

    def quote(self, start: Any, p: str) -> Quote | None:
        if not self.is_mapping(start, p):
            return None
        rid = speaker = text = verb = source = note = None
        form: Form | None = None
        date = None
        via: tuple[str, ...] = ()
        about: tuple[str, ...] = ()
        for name, ev in self.pairs(start, p, _QUOTE_KEYS, ("id", "speaker", "text")):
            if name == "id":
                rid = self.ident(ev, p, "quote")
            elif name == "speaker":
                speaker = self.ref(ev, p, name, _ACTOR, True)
            elif name == "text":
                text = self.text(ev, p, name, True)
            elif name == "form":
                form = self.form(ev, p)
            elif name == "verb":
                verb = self.text(ev, p, name)
            elif name == "via":
                via = self.ref_list(ev, p, name, _ACTOR)
            elif name == "about":
                about = self.ref_list(ev, p, name, _ABOUT)
            elif name == "source":
                source = self.ref(ev, p, name, _SOURCE)
            elif name == "date":
                date = self.date(ev, p, name)
            else:
                note = self.text(ev, p, name)
        if rid is None or speaker is None or text is None:
            return None
        return Quote(
            rid, speaker, text, form or "quote", verb or "said", via, about, source, date, note
        )

    def context(self, start: Any, p: str) -> ContextEvent | None:
        if not self.is_mapping(start, p):
            return None
        rid = title = text = date_reported = source = None
        date = None
        date_inferred = None
        actors: tuple[str, ...] = ()
        for name, ev in self.pairs(start, p, _CONTEXT_KEYS, ("id", "title", "date")):
            if name == "id":
                rid = self.ident(ev, p, "context")
            elif name == "title":
                title = self.text(ev, p, name, True)
            elif name == "date":
                date = self.date(ev, p, name, True)
            elif name == "text":
                text = self.text(ev, p, name)
            elif name == "date_reported":
                date_reported = self.text(ev, p, name)
            elif name == "date_inferred":
                date_inferred = self.inference(ev, p, name)
            elif name == "actors":
                actors = self.ref_list(ev, p, name, _ACTOR)
            else:
                source = self.ref(ev, p, name, _SOURCE)
        if rid is None or title is None or date is None:
            return None
        return ContextEvent(rid, title, date, text, date_reported, date_inferred, actors, source)
