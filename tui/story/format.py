"""The story file format, declared once: every record type and its fields.

This table is the one place that says what a story file may hold.  The
loader's record builders (:mod:`tui.story.load_build`), the defaults, the
field order of ``export`` (:mod:`tui.story.export`) and the JSON Schema
(:mod:`tui.story.schema_gen`, which writes ``story.schema.json``) are all
derived from it; docs/story-format.md is checked against it by the tests.

A :class:`RecordType` is a mapping in the file (an incident, a claim, a
place...) with its :class:`Field` entries in file order.  A field has a
*type* that says how its value is read:

=========== ================================================================
``id``      the record's own id (``refers_to`` holds the record's kind)
``text``    one scalar, kept exactly as written
``texts``   a list of non-empty scalars
``choice``  one of ``choices`` (a closed vocabulary, see :mod:`tui.story.vocab`)
``date``    an EDTF date (see :mod:`tui.story.dates`)
``ref``     the id of another record, of one of the kinds in ``refers_to``
``refs``    a list of such ids
``place``   a plain place name, or a ``place`` record
``record``  one nested record of type ``record``
``records`` a list of records of type ``record``
``version`` the format version (the top-level ``storybrowse`` key)
``withdrawn`` an EDTF date, or ``true`` when the date is not known
=========== ================================================================

A record type may also name groups of fields of which exactly one must be
given (``one_of``: an incident's ``claim`` or ``claims``); a ``records``
field may ask for at least ``min_items`` records.

Versions: every field and every choice says in which format version it
appeared (``since``); :meth:`RecordType.for_version` gives the record type as
that version has it.  Format 2 added several claims per incident
(``claims``, claim and response ids, ``responds_to``), the statement fields
``speaker``, ``via``, ``date_reported`` and ``withdrawn``, and the stances
``supported`` and ``did-not-respond``.  To add a version:
give the new fields and choices ``since=2`` (a new record type gets its own
:class:`RecordType` and an entry in :data:`RECORD_TYPES`), add 2 to
:data:`FORMAT_VERSIONS` and make it :data:`FORMAT_VERSION`, give the model
the new attributes (with defaults, so version-1 files still build), and
regenerate the schema.  The loader reads every file with the newest
version's readers and notes where a newer field or choice is used; once the
file's ``storybrowse:`` key is known (it may come after the records) each
such use in a file that declares an older version is an error.

Never imports textual, nor the model (the model imports ``RecordKind`` from
here).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .vocab import ACTOR_KIND_CHOICES, FORM_CHOICES, STANCE_CHOICES, Choice

RecordKind = Literal["incident", "context", "actor", "quote", "source", "claim", "response"]
FieldType = Literal[
    "id",
    "text",
    "texts",
    "choice",
    "date",
    "ref",
    "refs",
    "place",
    "record",
    "records",
    "version",
    "withdrawn",
]

FORMAT_VERSION = 2  # the newest format version this storybrowse reads and writes
FORMAT_VERSIONS: tuple[int, ...] = (1, 2)  # every version it reads


@dataclass(frozen=True, slots=True)
class Field:
    """One key of a record, as the story file spells it.

    ``default`` (text and choice fields only) is used when the value is
    absent, null or empty; ``attr`` is the model's attribute when it is not
    ``name`` (``from`` is ``from_``).
    """

    name: str
    type: FieldType
    title: str
    description: str
    required: bool = False
    default: str | None = None
    refers_to: tuple[RecordKind, ...] = ()
    choices: tuple[Choice, ...] = ()
    record: str = ""
    attr: str = ""
    since: int = 1
    min_items: int = 0

    @property
    def model_attr(self) -> str:
        return self.attr or self.name

    def values(self, version: int = FORMAT_VERSION) -> tuple[str, ...]:
        """The allowed values of a choice field in *version*."""
        return tuple(c.value for c in self.choices if c.since <= version)


@dataclass(frozen=True, slots=True)
class RecordType:
    """A mapping in the story file and the fields it may hold, in file order.

    ``kind`` is the record's kind in the id namespace (None for records
    without an id: the story's metadata, a claim, a place...).
    """

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    kind: RecordKind | None = None
    one_of: tuple[tuple[str, ...], ...] = ()

    def field(self, name: str) -> Field:
        """The field called *name*; KeyError if there is none."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def required(self) -> tuple[str, ...]:
        """The keys that must be given (a ``one_of`` group of one is required)."""
        alone = {g[0] for g in self.one_of if len(g) == 1}
        return tuple(f.name for f in self.fields if f.required or f.name in alone)

    @property
    def alternatives(self) -> tuple[tuple[str, ...], ...]:
        """The ``one_of`` groups of two or more keys (exactly one is given)."""
        return tuple(g for g in self.one_of if len(g) > 1)

    def for_version(self, version: int) -> RecordType:
        """This record type as format *version* has it."""
        fields = tuple(f for f in self.fields if f.since <= version)
        if fields == self.fields:
            return self
        names = {f.name for f in fields}
        groups = tuple(g for g in (tuple(k for k in g if k in names) for g in self.one_of) if g)
        return RecordType(self.name, self.title, self.description, fields, self.kind, groups)


# The table is laid out by hand (one field per entry), not by the formatter.
# fmt: off

# ---------------------------------------------------------------------------
# Fields used by several record types
# ---------------------------------------------------------------------------


def _id(kind: RecordKind) -> Field:
    return Field("id", "id", "Id", "", required=True, refers_to=(kind,))


_NOTE = Field("note", "text", "Note", "Anything a reader should know.")
_SOURCE_REF = Field(
    "source", "ref", "Source", "Id of the `sources` record this is attributed to.",
    refers_to=("source",),
)
_TITLE = Field("title", "text", "Title", "A short title for the timeline.", required=True)
_WHEN = Field("date", "date", "Date", "When it happened (EDTF subset).", required=True)
_DATE_REPORTED = Field(
    "date_reported", "text", "Date as reported",
    "The date's wording in the source, e.g. \"April 18\" or \"last Wednesday\".",
)
_DATE_INFERRED = Field(
    "date_inferred", "record", "Date inferred",
    "Set when `date` holds more than the source says (e.g. a year taken from other "
    "reporting): a note and the supporting sources.",
    record="inference",
)
_FORM_DESCRIPTION = "Quote (the speaker's own words) or paraphrase (the reporter's summary)."


def _statement_id(kind: RecordKind, what: str) -> Field:
    return Field(
        "id", "id", "Id", f"Optional id of this {what}, so that others can refer to it.",
        refers_to=(kind,), since=2,
    )


# The fields every statement (a claim or a response) has since format 2.
_STATEMENT_V2 = (
    Field("speaker", "ref", "Speaker",
          "Id of the person who spoke for `by` (an actor), e.g. a government's spokesman.",
          refers_to=("actor",), since=2),
    Field("via", "refs", "Via",
          'Ids of the actors (usually media) it came through, nearest first: "told RFE/RL" '
          "-> [rferl].", refers_to=("actor",), since=2),
    Field("date_reported", "text", "Date as reported",
          'The date\'s wording in the source, e.g. "on Saturday".', since=2),
    Field("withdrawn", "withdrawn", "Withdrawn",
          "Set when the statement was later withdrawn or retracted: the date (EDTF), or "
          "`true` when the date is not known. A withdrawn statement is shown, marked.",
          since=2),
)


def _form(description: str, default: str) -> Field:
    return Field(
        "form", "choice", "Form", description, default=default, choices=FORM_CHOICES
    )


def _place(name: str, title: str, description: str, attr: str = "") -> Field:
    return Field(name, "place", title, description, record="place", attr=attr)


def _records(name: str, title: str, description: str, record: str, attr: str = "") -> Field:
    return Field(name, "records", title, description, record=record, attr=attr)


# ---------------------------------------------------------------------------
# The record types
# ---------------------------------------------------------------------------

STORY_META = RecordType(
    "storyMeta", "Story", "The article or story being browsed.",
    (
        Field("headline", "text", "Headline", "The headline, as published.", required=True),
        Field("outlet", "text", "Outlet", "Who published it."),
        Field("published", "date", "Published", "Publication date."),
        Field("url", "text", "URL", "Where it was published."),
        Field("summary", "text", "Summary", "A short summary."),
        Field("byline", "text", "Byline", "Author(s), as printed."),
    ),
)

SOURCE = RecordType(
    "source", "Source",
    "A report that items are attributed to: the article itself, an outlet it relays, or a "
    "document an inference rests on.",
    (
        _id("source"),
        Field("name", "text", "Name", 'Name of the report, e.g. "RFE/RL report".', required=True),
        Field("outlet", "text", "Outlet", "Who published it."),
        Field("published", "date", "Published", "Publication date."),
        Field("url", "text", "URL", "Where to find it."),
        Field("note", "text", "Note", "Anything a reader should know about this source."),
    ),
    kind="source",
)

ACTOR = RecordType(
    "actor", "Actor",
    "A government, group, organisation, outlet or person that claims, responds, speaks or "
    "relays.",
    (
        _id("actor"),
        Field("name", "text", "Name", 'Full name, e.g. "Government of Tajikistan".',
              required=True),
        Field("kind", "choice", "Kind", "What sort of actor this is.", required=True,
              choices=ACTOR_KIND_CHOICES),
        Field("aliases", "texts", "Aliases",
              'Other names used in the text, first one shown beside the name (e.g. "Dushanbe" '
              "for the government of Tajikistan)."),
        Field("affiliation", "ref", "Affiliation",
              "Id of the actor this one belongs to (an organisation, a government).",
              refers_to=("actor",)),
        Field("role", "text", "Role", 'Role or title, e.g. "research fellow".'),
        Field("description", "text", "Description", "Who this is."),
    ),
    kind="actor",
)

PLACE = RecordType(
    "place", "Place", "A place with its region and country.",
    (
        Field("name", "text", "Name", 'Town, district or site, e.g. "Khwaja Ghar".',
              required=True),
        Field("region", "text", "Region", "Province, oblast, state..."),
        Field("country", "text", "Country", "Country name."),
    ),
)

INFERENCE = RecordType(
    "inference", "Inferred value",
    "Set when the date is not the one the story's own text gives: why it was recorded, and on "
    "which sources it rests. Record what the source says; put anything else here.",
    (
        Field("note", "text", "Note",
              "Why this value was recorded and what it rests on, e.g. \"The article gives no "
              'year; the wire report of 19 April 2031 describes the same attack."',
              required=True),
        Field("sources", "refs", "Sources",
              "Ids of `sources` records that support the inference.", refers_to=("source",)),
    ),
)

CLAIM = RecordType(
    "claim", "Claim", "Who claims what, as reported.",
    (
        _statement_id("claim", "claim (responses name it in `responds_to`)"),
        Field("by", "ref", "By", "Id of the actor that makes the claim.", required=True,
              refers_to=("actor",)),
        Field("text", "text", "Text", "What is claimed: the quote, or the paraphrase as reported.",
              required=True),
        _form(_FORM_DESCRIPTION, "paraphrase"),
        Field("verb", "text", "Verb", 'The reporting verb, as in the source ("claimed", "said").',
              default="claimed"),
        _SOURCE_REF,
        Field("date", "date", "Date", "When the claim was made, if known."),
        _NOTE,
        *_STATEMENT_V2,
    ),
    kind="claim",
)

RESPONSE = RecordType(
    "response", "Response",
    "One responding actor's answer to the incident's claim. One record per actor and "
    "statement; an actor that first investigates and later denies gets two records. Silence "
    "in the source means no record.",
    (
        _statement_id("response", "response"),
        Field("by", "ref", "By", "Id of the responding actor.", required=True,
              refers_to=("actor",)),
        Field("stance", "choice", "Stance", "The stance of the response.", required=True,
              choices=STANCE_CHOICES),
        Field("text", "text", "Text", "The response: the quote, or the paraphrase as reported.",
              required=True),
        _form(_FORM_DESCRIPTION, "paraphrase"),
        Field("verb", "text", "Verb", 'The reporting verb, as in the source ("denied", "said").'),
        _SOURCE_REF,
        Field("date", "date", "Date", "When the response was made, if known."),
        _NOTE,
        *_STATEMENT_V2,
        Field("responds_to", "ref", "Responds to",
              "Id of the claim this response answers. Required when the incident has several "
              "claims; otherwise the response answers the incident's only claim.",
              refers_to=("claim",), since=2),
    ),
    kind="response",
)

INCIDENT = RecordType(
    "incident", "Incident", "An event on the timeline with a claim and the responses to it.",
    (
        _id("incident"),
        _TITLE,
        _WHEN,
        _DATE_REPORTED,
        _DATE_INFERRED,
        Field("kind", "text", "Kind", 'Free text, e.g. "rocket attack".'),
        _place("place", "Place", "Where it happened (for an event in one place)."),
        _place("from", "From", "Cross-border: where it was launched from.", attr="from_"),
        _place("to", "To", "Cross-border: where it landed."),
        Field("summary", "text", "Summary", "A short summary."),
        _NOTE,
        Field("claim", "record", "Claim",
              "Who claims what, as reported. Give `claim` or `claims`, not both.",
              record="claim"),
        Field("claims", "records", "Claims",
              "One or more claims about the incident (e.g. competing attributions), each with "
              "an id that responses name in `responds_to`. Give `claim` or `claims`, not both.",
              record="claim", since=2, min_items=1),
        _records("responses", "Responses", "One record per responding actor's statement.",
                 "response"),
    ),
    kind="incident",
    one_of=(("claim", "claims"),),
)

CONTEXT = RecordType(
    "context", "Context event",
    "Background shown on the timeline: an agreement, a change of power.",
    (
        _id("context"),
        _TITLE,
        _WHEN,
        Field("text", "text", "Text", "What happened."),
        _DATE_REPORTED,
        _DATE_INFERRED,
        Field("actors", "refs", "Actors", "Ids of the actors involved.", refers_to=("actor",)),
        _SOURCE_REF,
    ),
    kind="context",
)

QUOTE = RecordType(
    "quote", "Quote",
    "Something an actor said, quoted or paraphrased, with the chain it reached the story by.",
    (
        _id("quote"),
        Field("speaker", "ref", "Speaker", "Id of the actor who said it.", required=True,
              refers_to=("actor",)),
        Field("text", "text", "Text", "The words (form: quote) or the reporter's paraphrase.",
              required=True),
        _form("Quote or paraphrase.", "quote"),
        Field("verb", "text", "Verb",
              'The reporting verb as in the source ("said", "told", "argue").', default="said"),
        Field("via", "refs", "Via",
              'Ids of the actors (usually media) it was relayed through, nearest first: "told '
              'RFE/RL" -> [rferl].', refers_to=("actor",)),
        Field("about", "refs", "About",
              "Ids of the incidents, context events or actors it concerns.",
              refers_to=("incident", "context", "actor")),
        _SOURCE_REF,
        Field("date", "date", "Date", "When it was said, if known."),
        _NOTE,
    ),
    kind="quote",
)

DOCUMENT = RecordType(
    "document", "storybrowse story file",
    "A news story for storybrowse: metadata, sources, actors, incidents (a claim and each "
    "response), quotes and context events.",
    (
        Field("storybrowse", "version", "Format version",
              "The story format version: 1 or 2. Absent means the newest (2); every "
              "version-1 file is a valid version-2 file and means the same."),
        Field("story", "record", "Story", "The article or story being browsed.", required=True,
              record="storyMeta", attr="meta"),
        _records("sources", "Sources", "Reports that items are attributed to.", "source"),
        _records("actors", "Actors", "Everyone who claims, responds, speaks or relays.", "actor"),
        _records("incidents", "Incidents",
                 "Events on the timeline, each with a claim and its responses.", "incident"),
        _records("quotes", "Quotes", "Quotes and paraphrases.", "quote"),
        _records("context", "Context", "Background events shown on the timeline.", "context"),
    ),
)

# Every record type by name, in the order the JSON Schema lists them.
RECORD_TYPES: dict[str, RecordType] = {
    r.name: r
    for r in (
        INFERENCE, PLACE, STORY_META, SOURCE, ACTOR, CLAIM, RESPONSE, INCIDENT, CONTEXT, QUOTE,
    )
}
# fmt: on

# The record types that have an id, by their kind.
BY_KIND: dict[RecordKind, RecordType] = {r.kind: r for r in RECORD_TYPES.values() if r.kind}
# How messages name each kind: "'x' is an incident (...), not an actor".
KIND_NAMES: dict[RecordKind, str] = {
    "incident": "an incident",
    "context": "a context event",
    "actor": "an actor",
    "quote": "a quote",
    "source": "a source",
    "claim": "a claim",
    "response": "a response",
}
