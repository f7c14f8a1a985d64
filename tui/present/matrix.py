"""The positions matrix: who stands where on every incident.

:func:`positions_matrix` is the model, a pure function of the story (and
optionally a date): rows are the incidents in timeline order; columns are
the actors that made or answered claims, governments first, then by how
many statements they made (claims and responses), then in file order; a
cell is that actor's latest stance on that incident (the core's
:func:`tui.story.positions.positions`), ``claimed`` for an actor that made
a claim and answered none, ``withdrawn`` when every statement it made there
was withdrawn, and empty (None) when it said nothing.  A cell is *changed*
when the actor's stance changed over time or a statement was withdrawn.

:func:`fit_matrix` fits it to a width: the incident column, each actor
column's width and its header (the actor's name on :data:`HEADER_LINES`
lines, or an alias when the name does not fit), and whether the stance
words are shortened (only when the full words would not all fit; the
legend then says what each short word means).  The browser's matrix
(:mod:`tui.widgets.matrix`) and ``show --matrix``
(:mod:`tui.present.matrix_text`) are drawn from the fitted matrix.

Text in the model is the story's own, unsanitised; the fitted matrix holds
sanitised, one-line text (:func:`tui.story.sanitize.display_line`).  Never
imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.story.cells import cell_width, pad, split_at, truncate, wrap
from tui.story.dates import EdtfDate
from tui.story.model import Actor, Claim, Incident, Story
from tui.story.positions import WITHDRAWN, Position, as_of, positions, stands
from tui.story.sanitize import display_line

from .describe import one_line, stance_word
from .positions_view import actor_label, short_date, trail

# The cell key of an actor that made a claim on the incident and answered none.
CLAIMED = "claimed"
# Before a changed cell's word: the stance changed, or a statement was withdrawn.
CHANGED_MARK = "*"

# Short words, used only when the full words do not all fit (the legend
# then lists the ones shown).  Every stance of the vocabulary has one.
SHORT_WORDS: dict[str, str] = {
    CLAIMED: "CLAIM",
    "denied": "DENY",
    "disputed": "DISP",
    "investigating": "INVES",
    "declined-to-comment": "DECL",
    "confirmed": "CONF",
    "supported": "SUPP",
    "did-not-respond": "NORSP",
    WITHDRAWN: "WDRN",
}

HEADER_LINES = 2  # lines of an actor column's header
GAP = 1  # cells between two actor columns
LABEL_GAP = 2  # cells between the incident column and the first actor column
DATE_GAP = 2  # cells between an incident's date and its title
DATE_MAX = 12  # dates are padded to the widest, at most this ("18 Apr 2022?")
HEADER_MAX = 16  # the widest a column grows to fit its actor's name
HEADER_MAX_SHORT = 12  # the same when the words are shortened
LABEL_MIN = 16  # the incident column is at least this wide
TITLE_MIN = 12  # the incident column leaves a title this many cells where it can
COLUMN_ROOM = 10  # ... and an actor column this many beside it


@dataclass(frozen=True, slots=True)
class MatrixCell:
    """One actor on one incident.  ``key``: a stance, :data:`CLAIMED` or
    :data:`WITHDRAWN`; ``changed``: its stance changed over time or a
    statement was withdrawn; ``position``: its responses (None when it only
    claimed); ``claims``: the claims it made on the incident."""

    key: str
    changed: bool
    position: Position | None
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class MatrixColumn:
    """An actor that made or answered a claim; ``statements``: how many
    claims and responses it made in the story (as of the matrix's date)."""

    actor_id: str
    name: str
    label: str  # the name with its first alias, for sentences
    aliases: tuple[str, ...]
    kind: str
    statements: int


@dataclass(frozen=True, slots=True)
class MatrixRow:
    incident: Incident
    date: str  # the incident's date as the timeline shows it
    title: str  # one line
    cells: tuple[MatrixCell | None, ...]  # one per column; None: said nothing


@dataclass(frozen=True, slots=True)
class Matrix:
    columns: tuple[MatrixColumn, ...]
    rows: tuple[MatrixRow, ...]
    as_of: EdtfDate | None = None
    # Per column, the distinct (key, changed) of its cells: the widths of
    # its words are known without going through every row again.
    kinds: tuple[frozenset[tuple[str, bool]], ...] = ()

    def keys(self) -> frozenset[str]:
        """The cell keys that occur (for the legend)."""
        return frozenset(c.key for r in self.rows for c in r.cells if c is not None)

    def changed(self) -> bool:
        """Is some cell marked as changed?"""
        return any(c is not None and c.changed for r in self.rows for c in r.cells)


def _cell(position: Position | None, claims: list[Claim]) -> MatrixCell:
    if position is not None:
        return MatrixCell(position.latest_key, position.changed, position, tuple(claims))
    standing = [c for c in claims if stands(c)]
    key = CLAIMED if standing else WITHDRAWN
    return MatrixCell(key, len(standing) != len(claims), None, tuple(claims))


def _counts(story: Story) -> dict[str, int]:
    """Claims and responses per actor (``by``)."""
    counts: dict[str, int] = {}
    for inc in story.incidents:
        for st in inc.statements():
            counts[st.by] = counts.get(st.by, 0) + 1
    return counts


def positions_matrix(story: Story, date: EdtfDate | None = None) -> Matrix:
    """The matrix of *story*, or of the story as it stood on *date*
    (:func:`tui.story.positions.as_of`).  See the module docstring for the
    order of rows and columns and what a cell holds.

    With *date*, the columns are the actors that had spoken by then, in
    the order of the whole story (so that stepping through the dates never
    reorders them).  A story that is already as of a date is taken as it
    is, ordered by what it holds."""
    whole = story
    if date is not None:
        story = as_of(story, date)
    incidents = [e for e in story.timeline() if isinstance(e, Incident)]
    grid: list[dict[str, MatrixCell]] = []
    for inc in incidents:
        claims: dict[str, list[Claim]] = {}
        for c in inc.claims:
            claims.setdefault(c.by, []).append(c)
        found = {p.actor: p for p in positions(inc)}
        grid.append({a: _cell(found.get(a), claims.get(a, [])) for a in (*claims, *found)})
    counts = _counts(story)
    ranks = _counts(whole) if whole is not story else counts
    order = {a.id: i for i, a in enumerate(story.actors)}

    def sort_key(actor_id: str) -> tuple[bool, int, int]:
        rec = story.get(actor_id)
        government = isinstance(rec, Actor) and rec.kind == "government"
        return (not government, -ranks.get(actor_id, 0), order.get(actor_id, len(order)))

    columns = tuple(_column(story, a, counts[a]) for a in sorted(counts, key=sort_key))
    rows = tuple(
        MatrixRow(
            inc,
            inc.date.display(compact=True),
            one_line(inc.title),
            tuple(row.get(col.actor_id) for col in columns),
        )
        for inc, row in zip(incidents, grid, strict=True)
    )
    kinds: list[set[tuple[str, bool]]] = [set() for _ in columns]
    for r in rows:
        for i, cell in enumerate(r.cells):
            if cell is not None:
                kinds[i].add((cell.key, cell.changed))
    return Matrix(columns, rows, story.as_of, tuple(frozenset(k) for k in kinds))


def _column(story: Story, actor_id: str, statements: int) -> MatrixColumn:
    rec = story.get(actor_id)
    if isinstance(rec, Actor):
        return MatrixColumn(actor_id, rec.name, rec.label, rec.aliases, rec.kind, statements)
    return MatrixColumn(actor_id, actor_id, actor_id, (), "other", statements)


# -- words ---------------------------------------------------------------------


def cell_word(key: str, *, short: bool = False) -> str:
    """The word a cell shows: ``DENIED`` (or ``DENY`` when *short*),
    ``CLAIMED``, ``WITHDRAWN``: the stance words of
    :func:`tui.present.describe.stance_word`."""
    if short:
        return SHORT_WORDS.get(key, stance_word(key)[:5])
    return stance_word(key)


def cell_text(cell: MatrixCell | None, *, short: bool = False) -> str:
    """The cell as drawn: the word behind :data:`CHANGED_MARK` or a space
    (so the words line up); ``""`` for an empty cell."""
    if cell is None:
        return ""
    mark = CHANGED_MARK if cell.changed else " "
    return mark + cell_word(cell.key, short=short)


def legend(matrix: Matrix, *, short: bool) -> list[str]:
    """The legend's entries: what the mark and an empty cell mean, and with
    *short* each short word shown (``DENY denied``), in the order of
    :data:`SHORT_WORDS`."""
    out = []
    if matrix.changed():
        out.append(f"{CHANGED_MARK} the stance changed over time, or a statement was withdrawn")
    out.append("empty: said nothing on it")
    if short:
        keys = matrix.keys()
        out += [f"{SHORT_WORDS[k]} {cell_word(k).lower()}" for k in SHORT_WORDS if k in keys]
    return out


def cell_summary(story: Story, row: MatrixRow, index: int, column: MatrixColumn) -> str:
    """Cell *index* of *row* (whose actor is *column*) in words, for the
    line under the matrix: ``Government of Nordmark: DENIED 8 Mar
    (withdrawn) → INVESTIGATING 10 Mar``, a claim as ``CLAIMED 27 Sep``,
    ``Government of Ostravia: said nothing on this incident`` when empty.
    Story text, unsanitised."""
    cell = row.cells[index]
    who = actor_label(story, column.actor_id)
    if cell is None:
        return f"{who}: said nothing on this incident"
    year = row.incident.date.year
    steps = []
    for c in cell.claims:
        step = f"CLAIMED {short_date(c.date, year)}"
        steps.append(step + (" (withdrawn)" if c.withdrawn is not None else ""))
    if cell.position is not None:
        steps.append(trail(cell.position, year))
    return f"{who}: " + " · ".join(steps)


# -- fitting to a width ----------------------------------------------------------


def header_lines(name: str, width: int, lines: int = HEADER_LINES) -> tuple[list[str], bool]:
    """*name* (sanitised, one line) word-wrapped to *lines* lines of at most
    *width* cells (``""`` for the unused ones), and whether it fitted whole;
    when it did not, the last line ends in an ellipsis."""
    width = max(1, width)
    wrapped = wrap(name, width) if name else [""]
    whole = len(wrapped) <= lines and all(cell_width(w) <= width for w in name.split())
    head = wrapped[:lines]
    if not whole:
        cut, _ = split_at(head[-1], max(0, width - 1)) if width > 1 else ("", "")
        head[-1] = cut.rstrip(" ") + "…"
    return head + [""] * (lines - len(head)), whole


def _header(column: MatrixColumn, width: int) -> tuple[list[str], bool]:
    """The header of *column* at *width*: its name, else the first alias
    that fits whole, else the longest tail of its name that fits behind an
    ellipsis (``… of Ostravia``: names tend to end in what tells them
    apart), else its name cut."""
    for text in (column.name, *column.aliases):
        lines, whole = header_lines(display_line(text), width)
        if whole:
            return lines, True
    words = display_line(column.name).split()
    for start in range(1, len(words)):
        lines, whole = header_lines("… " + " ".join(words[start:]), width)
        if whole:
            return lines, False
    return header_lines(display_line(column.name), width)[0], False


def _header_width(column: MatrixColumn, least: int, most: int) -> int:
    """The narrowest width from *least* to *most* at which the column's
    name fits its header whole, else one of its aliases (in order), else
    *most*."""
    for text in (column.name, *column.aliases):
        shown = display_line(text)
        for width in range(least, max(least, most) + 1):
            if header_lines(shown, width)[1]:
                return width
    return max(least, most)


@dataclass(frozen=True, slots=True)
class FittedColumn:
    x: int  # where the column starts, from the first actor column
    width: int
    header: tuple[str, ...]  # HEADER_LINES lines, sanitised


@dataclass(frozen=True, slots=True)
class Fitted:
    """A matrix fitted to ``width`` cells (see :func:`fit_matrix`).  All
    widths are in terminal cells."""

    matrix: Matrix
    width: int
    short: bool  # the stance words are shortened
    label_width: int  # the incident column (date, gap, title)
    date_width: int
    columns: tuple[FittedColumn, ...]

    @property
    def cells_width(self) -> int:
        """The width of all the actor columns, with the gaps between them."""
        if not self.columns:
            return 0
        last = self.columns[-1]
        return last.x + last.width

    @property
    def view_width(self) -> int:
        """The width left for actor columns beside the incident column."""
        return max(0, self.width - self.label_width - LABEL_GAP)

    def label(self, row: MatrixRow) -> str:
        """The incident column of *row*: its date, padded, and its title,
        sanitised and cut to fit (with an ellipsis)."""
        date = display_line(row.date)
        text = pad(date, self.date_width) + " " * DATE_GAP + display_line(row.title)
        return pad(truncate(text, self.label_width), self.label_width)

    def cell(self, row: MatrixRow, index: int) -> str:
        """Cell *index* of *row* as drawn (:func:`cell_text`), padded to its
        column's width."""
        return pad(cell_text(row.cells[index], short=self.short), self.columns[index].width)

    def legend(self) -> list[str]:
        return legend(self.matrix, short=self.short)


def _columns(matrix: Matrix, short: bool, cap: int) -> tuple[FittedColumn, ...]:
    out = []
    x = 0
    for i, column in enumerate(matrix.columns):
        words = (cell_word(key, short=short) for key, _changed in matrix.kinds[i])
        need = 1 + max((cell_width(w) for w in words), default=0)
        width = _header_width(column, max(need, 1), cap)
        header, _ = _header(column, width)
        out.append(FittedColumn(x, width, tuple(header)))
        x += width + GAP
    return tuple(out)


def fit_matrix(matrix: Matrix, width: int) -> Fitted:
    """Fit *matrix* to *width* cells.

    The incident column is as wide as its widest date and title, but at
    most two fifths of *width* (more if that leaves a title fewer than
    :data:`TITLE_MIN` cells beside its date, while an actor column still
    has :data:`COLUMN_ROOM` cells; never less than :data:`LABEL_MIN`); it
    gives way, down to a date and :data:`TITLE_MIN` cells of title, if that
    lets the actor columns fit with their full words.
    Each actor column is as wide as its widest word and grows (up to
    :data:`HEADER_MAX`) until the actor's name fits its header.  When
    those columns do not all fit beside the incident column, the words are
    shortened (:data:`SHORT_WORDS`) and the headers capped at
    :data:`HEADER_MAX_SHORT`; what is still too wide scrolls (the browser)
    or is printed in groups (``show``)."""
    dates = [cell_width(display_line(r.date)) for r in matrix.rows]
    # Dates are lined up to the usual width; a longer one pushes its title.
    date_width = min(max(dates, default=0), DATE_MAX)
    natural = max(
        (
            max(d, date_width) + DATE_GAP + cell_width(display_line(r.title))
            for d, r in zip(dates, matrix.rows, strict=True)
        ),
        default=0,
    )
    # Two fifths of the width, but room for a title beside the date, and
    # room for an actor column beside it all.
    wanted = max((width * 2) // 5, date_width + DATE_GAP + TITLE_MIN)
    label_width = min(natural, max(LABEL_MIN, min(wanted, width - LABEL_GAP - COLUMN_ROOM)))
    full = _columns(matrix, False, HEADER_MAX)
    fitted = Fitted(matrix, width, False, label_width, date_width, full)
    if fitted.cells_width <= fitted.view_width:
        return fitted
    # Full words are worth a shorter title: the incident column gives way
    # down to a date and TITLE_MIN cells of title before words are shortened.
    least = min(natural, max(LABEL_MIN, date_width + DATE_GAP + TITLE_MIN))
    room = width - LABEL_GAP - fitted.cells_width
    if room >= least:
        return Fitted(matrix, width, False, min(room, label_width), date_width, full)
    short = _columns(matrix, True, HEADER_MAX_SHORT)
    return Fitted(matrix, width, True, label_width, date_width, short)
