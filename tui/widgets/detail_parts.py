"""Building blocks shared by the detail views.

- :class:`Link`: one cross-link (a record kind and id).  The detail pane moves
  a cursor over its links; enter (or a click) follows one.
- :class:`Columns`: side-by-side columns with full-height dividers drawn in
  the gaps between them (a CSS border only spans its own column's height).
- :class:`Lines`: assembles a block of text from labels and literal story
  text into one ``Content``, so a view needs a handful of widgets, not one
  per line.

Story text only enters through :func:`tui.widgets.text.literal` /
:func:`~tui.widgets.text.literal_line`; labels are our own constants.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual.containers import Horizontal
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Static

from tui.story.attribution import attribution, stance_word
from tui.story.describe import actor_name
from tui.story.model import Actor, ContextEvent, Incident, Quote, RecordKind, Source, Story
from tui.widgets.text import literal, literal_line

Part = Content | str | tuple[str, str]

# Inline styles (spans inside Content).  Theme variables keep them legible in
# every theme; meaning never rests on colour alone (words carry it).
LABEL = "bold"
MUTED = "$foreground-muted"
STANCE_STYLES: dict[str, str] = {
    "denied": "$text-error",
    "disputed": "$text-error",
    "investigating": "$text-warning",
    "declined-to-comment": "$foreground-muted",
    "confirmed": "$text-success",
}
# With 16 colours the pale $text-* shades of the dark themes all become white;
# the saturated base colours map to red, yellow and green.
STANCE_STYLES_16: dict[str, str] = {
    "denied": "$error",
    "disputed": "$error",
    "investigating": "$text-warning",
    "declined-to-comment": "$foreground-muted",
    "confirmed": "$success",
}

# How many links a section of the actor view lists before it says "N more".
SECTION_LIMIT = 15


def stance_class(stance: str) -> str:
    """CSS class for a stance word widget: ``stance-denied`` ...
    Unknown stances get ``stance-other`` (the word is still shown)."""
    return f"stance-{stance}" if stance in STANCE_STYLES else "stance-other"


def stance_content(stance: str, *, ansi16: bool = False) -> Content:
    """The stance word, bold and coloured, for use inside a line.  *ansi16*:
    the terminal has 16 colours (see ``STANCE_STYLES_16``)."""
    styles = STANCE_STYLES_16 if ansi16 else STANCE_STYLES
    style = f"bold {styles.get(stance, '')}".strip()
    return literal_line(stance_word(stance), style)


class Link(Static):
    """A cross-link to a record.  Not focusable: the pane owns the cursor."""

    class Clicked(Message):
        def __init__(self, link: Link) -> None:
            super().__init__()
            self.link = link

    def __init__(
        self, kind: RecordKind, record_id: str, content: Content, *, classes: str = ""
    ) -> None:
        super().__init__(content, classes=f"link {classes}".strip())
        self.kind: RecordKind = kind
        self.record_id = record_id

    def on_click(self, event: Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self))


class Columns(Horizontal):
    """A row of columns; draws a divider in the one-cell gap left of every
    column that does not start at the left edge (the columns get
    ``margin-left: 1`` in detail.tcss).

    When the columns are stacked (narrow terminals) every column starts at the
    left edge and nothing is drawn here; stacked columns get a top rule in CSS.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"columns--divider"}

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        left, top = self.content_region.x, self.content_region.y
        shown = [child for child in self.children if child.display]
        gaps = {child.region.x - left - 1 for child in shown if child.region.x > left}
        # A row no column covers is the gutter between the rows of a grid.
        gutter = bool(shown) and not any(
            child.region.y - top <= y < child.region.bottom - top for child in shown
        )
        if gutter:
            line = "".join("┼" if x in gaps else "─" for x in range(width))
        else:
            line = "".join("│" if x in gaps else " " for x in range(width))
        return Strip([Segment(line, self.get_component_rich_style("columns--divider"))], width)


class Lines:
    """Collects lines of Content and joins them with newlines."""

    def __init__(self) -> None:
        self._lines: list[Content] = []

    def __bool__(self) -> bool:
        return bool(self._lines)

    def add(self, *parts: Part) -> Lines:
        """Add one line made of *parts*: ``str`` and ``(str, style)`` are our
        own labels; story text must already be Content from ``literal``."""
        self._lines.append(Content.assemble(*parts))
        return self

    def blank(self) -> Lines:
        """An empty line, unless the block is empty or already ends with one."""
        if self._lines and self._lines[-1].plain:
            self._lines.append(Content(""))
        return self

    def field(self, label: str, value: Content) -> Lines:
        """``Label: value`` (label bold)."""
        return self.add((label + ": ", LABEL), value)

    def build(self) -> Content:
        lines = list(self._lines)
        while lines and not lines[-1].plain:
            lines.pop()
        return Content("\n").join(lines)


def quoted(text: str, form: str) -> Content:
    """Story text with quote marks if it is a direct quote."""
    if form == "quote":
        return Content.assemble("“", literal(text), "”")
    return literal(text)


def form_label(verb: str | None, form: str) -> Content:
    """``claimed (paraphrase):`` or ``told:``; the verb is story text."""
    parts: list[Part] = []
    if verb:
        parts.append(literal_line(verb))
    if form != "quote":
        parts.append((" (paraphrase)" if verb else "(paraphrase)", "italic " + MUTED))
    if verb:
        parts.append(":")
    return Content.assemble(*parts)


def actor_label(story: Story, actor_id: str) -> str:
    rec = story.get(actor_id)
    return rec.label if isinstance(rec, Actor) else actor_id


def source_name(story: Story, source_id: str | None) -> Content | None:
    """The source's name as literal Content, or None when there is none."""
    if not source_id:
        return None
    rec = story.get(source_id)
    return literal_line(rec.name if isinstance(rec, Source) else source_id)


def source_names(story: Story, source_ids: tuple[str, ...]) -> Content:
    return Content("; ").join(
        n for n in (source_name(story, s) for s in source_ids) if n is not None
    )


def date_lines(
    lines: Lines, label: str, date_text: str, reported: str | None, inferred: bool
) -> None:
    """``When: 7 May 2022?`` with the wording as reported and a pointer to
    the explanation when the date is inferred."""
    lines.field(label, literal_line(date_text))
    if reported:
        lines.add(("as reported: ", MUTED), "“", literal_line(reported), "”")
    if inferred:
        lines.add(("inferred: see Date below", "italic " + MUTED))


def inference_block(
    lines: Lines, story: Story, date_text: str, note: str, sources: tuple[str, ...]
) -> None:
    """The explanation of an inferred date, with its sources."""
    lines.add(("Date: ", LABEL), literal_line(date_text), (" (inferred)", "italic"))
    lines.add(literal(note))
    if sources:
        lines.field("Sources", source_names(story, sources))


def heading(text: str, count: int | None = None) -> Static:
    """A section heading (our own words, never story text)."""
    label = text if count is None else f"{text} ({count})"
    return Static(Content(label), classes="section-title")


def excerpt_line(quote: Quote) -> Content:
    """A quote on one line (the CSS ellipsises it): marks if a direct quote."""
    if quote.form == "quote":
        return Content.assemble("“", literal_line(quote.text), "”")
    return Content.assemble(("(paraphrase) ", "italic " + MUTED), literal_line(quote.text))


def record_line(story: Story, record_id: str, *, with_kind: bool = False) -> Content:
    """A one-line description of any record, for link rows."""
    rec = story.get(record_id)
    kind = story.kind_of(record_id)
    prefix: list[Part] = [(f"{kind}: ", MUTED)] if with_kind and kind else []
    body: list[Part]
    if isinstance(rec, (Incident, ContextEvent)):
        body = [(rec.date.display(), LABEL), "  ", literal_line(rec.title)]
    elif isinstance(rec, Actor):
        body = [literal_line(rec.label)]
    elif isinstance(rec, Quote):
        body = [literal_line(actor_name(story, rec.speaker), LABEL), ": ", excerpt_line(rec)]
    elif isinstance(rec, Source):
        body = [literal_line(rec.name)]
    else:
        body = [literal_line(record_id), (" (not found)", MUTED)]
    return Content.assemble(*prefix, *body)


def record_link(story: Story, record_id: str, *, with_kind: bool = False) -> Link | None:
    """A one-line link row to any record, or None if the id is unknown."""
    kind = story.kind_of(record_id)
    if kind is None:
        return None
    content = Content.assemble("▸ ", record_line(story, record_id, with_kind=with_kind))
    return Link(kind, record_id, content, classes="link-row")


def quote_block(story: Story, quote: Quote) -> Link:
    """A quote in full with its attribution, as a link to the quote."""
    body = Content.assemble(
        quoted(quote.text, quote.form),
        *([("  (paraphrase)", "italic " + MUTED)] if quote.form != "quote" else []),
        "\n",
        ("— ", MUTED),
        literal_line(attribution(story, quote), MUTED),
    )
    return Link("quote", quote.id, body, classes="link-block")


def more_line(hidden: int, hint: str) -> Static:
    return Static(Content.styled(f"… and {hidden} more; {hint}", "italic"), classes="more")
