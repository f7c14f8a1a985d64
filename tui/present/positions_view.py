"""Positions over time in the views: an incident's claims and one column per
responding actor (its statements in date order under its latest stance), the
positions strip, which claim each response answers, and an actor's own
statements by date, grouped by incident.

The computations are the core's (:mod:`tui.story.positions`); this module
only words them into blocks (:mod:`tui.present.blocks`) for
:mod:`tui.present.view`.  Text in the blocks is the story's own,
unsanitised.  Never imports textual.
"""

from __future__ import annotations

from tui.story.dates import EdtfDate
from tui.story.model import Actor, Claim, Incident, Response, Story
from tui.story.positions import Position, actor_statements, positions

from .blocks import Block, Column, Field, Item, Line, Section, Text
from .describe import SEPARATOR, one_line, stance_word, withdrawn_word
from .story_view import source_field

UNDATED = "undated"
ARROW = " → "


def statement_date(date: EdtfDate | None) -> str:
    """A statement's date as shown: ``10 Mar 2031``, or ``undated``."""
    return date.display() if date is not None else UNDATED


def _actor(story: Story, actor_id: str) -> Actor | None:
    rec = story.get(actor_id)
    return rec if isinstance(rec, Actor) else None


def actor_label(story: Story, actor_id: str) -> str:
    rec = _actor(story, actor_id)
    return rec.label if rec is not None else actor_id


def speaker_words(story: Story, speaker_id: str) -> str:
    """``Darin Vell, spokesman``: the speaker's name and role."""
    rec = _actor(story, speaker_id)
    if rec is None:
        return speaker_id
    return f"{rec.name}, {rec.role}" if rec.role else rec.name


def who_said(story: Story, statement: Claim | Response) -> str:
    """``Government of Examplestan (Darin Vell, spokesman)``: the actor, and
    the person who spoke for it; the actor's label when nobody is named."""
    if statement.speaker is None:
        return actor_label(story, statement.by)
    rec = _actor(story, statement.by)
    name = rec.name if rec is not None else statement.by
    return f"{name} ({speaker_words(story, statement.speaker)})"


def claim_name(story: Story, claim: Claim) -> str:
    """How a response names the claim it answers: ``state-claim (Government
    of Samplavia)``."""
    who = actor_label(story, claim.by)
    return f"{claim.id} ({who})" if claim.id else who


def _form_label(verb: str | None, form: str) -> str:
    text = verb or ""
    if form != "quote":
        text += " (paraphrase)" if text else "(paraphrase)"
    return f"{text}:" if verb else text


def _facts(story: Story, inc: Incident, st: Claim | Response, *, when: bool) -> list[Line]:
    """The statement's facts: its date and WITHDRAWN (with *when*), the
    speaker, the outlets it came through, the claim a response answers (with
    several claims), the date as reported, the source."""
    lines: list[Line] = []
    if when and (st.date is not None or story.as_of is not None):
        # As of a date, an undated statement stays, marked.
        lines.append(Field("When", statement_date(st.date)))
    mark = withdrawn_word(st.withdrawn)
    if mark and when:
        lines.append(Text(mark))
    if st.speaker is not None:
        lines.append(Field("Speaker", speaker_words(story, st.speaker)))
    if st.via:
        lines.append(Field("Via", ", ".join(actor_label(story, v) for v in st.via)))
    if isinstance(st, Response):
        answers = inc.claim_for(st)
        if any(answers is c for c in inc.later_claims):
            # as of a date: a response made before the claim it answers
            made = statement_date(answers.date)
            lines.append(Field("Answers", f"{claim_name(story, answers)}, not yet made ({made})"))
        elif len(inc.claims) > 1:
            lines.append(Field("Answers", claim_name(story, answers)))
    if st.date_reported:
        lines.append(Field("as reported", st.date_reported, muted=True))
    src = source_field(story, st.source)
    if src is not None:
        lines.append(src)
    return lines


def _words(st: Claim | Response) -> list[Line]:
    label = _form_label(st.verb, st.form)
    lines: list[Line] = [Text(label, "muted")] if label else []
    lines.append(Text(st.text, quoted=st.form == "quote"))
    return lines


def statement_blocks(story: Story, inc: Incident, position: Position) -> tuple[Block, ...]:
    """A responding actor's statements.  One statement: its words, then its
    facts (``When``, speaker, via, source...), then its note.  Several: one
    block each, headed by its date and stance (``10 Mar 2031 · DENIED``,
    ``undated`` when it has no date), in date order."""
    if len(position.responses) == 1:
        [r] = position.responses
        blocks = [Block(tuple(_words(r)))]
        facts = _facts(story, inc, r, when=True)
        if facts:
            blocks.append(Block(tuple(facts)))
        if r.note:
            blocks.append(Block((Field("Note", r.note),)))
        return tuple(blocks)
    out = []
    for r in position.responses:
        words = [statement_date(r.date), stance_word(r.stance), withdrawn_word(r.withdrawn)]
        head: list[Line] = [Text(SEPARATOR.join(w for w in words if w), "muted")]
        note: list[Line] = [Field("Note", r.note)] if r.note else []
        out.append(Block((*head, *_words(r), *_facts(story, inc, r, when=False), *note)))
    return tuple(out)


def latest_word(position: Position) -> str:
    """The column heading's stance: ``CONFIRMED``; when every statement was
    withdrawn, the last one's stance beside the mark, ``DISPUTED ·
    WITHDRAWN 9 Jun 2040``: a withdrawn stance is marked, never hidden."""
    if position.latest:
        return stance_word(position.latest)
    last = position.responses[-1]
    return SEPARATOR.join([stance_word(last.stance), withdrawn_word(last.withdrawn) or "WITHDRAWN"])


def actor_column(story: Story, inc: Incident, position: Position) -> Column:
    """One responding actor: its latest stance in the heading, its
    statements under it in date order."""
    blocks = statement_blocks(story, inc, position)
    return Column(
        latest_word(position),
        position.latest or position.responses[-1].stance,
        actor_label(story, position.actor),
        blocks,
        position.actor,
    )


def short_date(date: EdtfDate | None, year: int | None) -> str:
    """``10 Mar`` when the date is a plain day of *year*; otherwise as
    :func:`statement_date` shows it."""
    plain = date is not None and not (date.uncertain or date.approximate)
    if plain and date is not None and year is not None and date.year == year and date.day:
        return date.display().rsplit(" ", 1)[0]
    return statement_date(date)


def trail(position: Position, year: int | None = None) -> str:
    """``DENIED 10 Mar → CONFIRMED 11 Mar`` (the year left out when it is
    *year*, the incident's); a withdrawn statement is marked
    ``(withdrawn)``, an undated one ``undated``."""
    steps = []
    for r in position.responses:
        step = f"{stance_word(r.stance)} {short_date(r.date, year)}"
        if r.withdrawn is not None:
            step += " (withdrawn)"
        steps.append(step)
    return ARROW.join(steps)


def positions_strip(story: Story, inc: Incident) -> list[Section]:
    """``Positions``: one line per responding actor with its trail; only
    when some actor's position moved (several statements, or one
    withdrawn), as otherwise the column headings say it all."""
    found = positions(inc)
    if not any(p.changed or len(p.responses) > 1 for p in found):
        return []
    items = tuple(
        Item(f"{actor_label(story, p.actor)}  {trail(p, inc.date.year)}", p.actor, kind="actor")
        for p in found
    )
    return [Section("Positions", len(items), items)]


def response_columns(story: Story, inc: Incident) -> list[Column]:
    return [actor_column(story, inc, p) for p in positions(inc)]


def actor_statement_sections(story: Story, actor: Actor) -> list[Section]:
    """What the actor claimed or responded (as itself or as the speaker),
    each statement with its own date, in date order, grouped by incident;
    each group starts with the actor's trail on that incident."""
    sections: list[Section] = []
    for inc, said in actor_statements(story, actor.id):
        # Section titles are our own words (never sanitised): the incident's
        # title is the first item.
        items: list[Item] = [Item(one_line(inc.title), inc.id, kind="incident")]
        mine = [p for p in positions(inc) if p.actor == actor.id]
        if mine and len(mine[0].responses) > 1:
            items.append(Item(trail(mine[0], inc.date.year), inc.id, tag="TRAIL", kind="incident"))
        for st in said:
            when = statement_date(st.date)
            mark = withdrawn_word(st.withdrawn)
            text = f"{when}  {one_line(st.text)}"
            if mark:
                text = f"{when}  {mark}  {one_line(st.text)}"
            if st.by != actor.id:
                text += f" (for {actor_label(story, st.by)})"
            if isinstance(st, Response):
                tag, stance = stance_word(st.stance), st.stance
            else:
                tag, stance = "CLAIMED", None
            items.append(Item(text, inc.id, tag=tag, stance=stance, kind="incident"))
        title = f"Statements on the incident of {inc.date.display()}"
        sections.append(Section(title, len(said), tuple(items)))
    return sections
