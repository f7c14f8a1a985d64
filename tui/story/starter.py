"""The starter story that ``storybrowse new FILE`` writes, and how it is written.

The template is a complete, valid story (it loads with no problem at all: see
tests/test_new.py) about invented places, with a comment on every section, so
that an author can keep its shape and replace its facts.  Its first line
points yaml-language-server at the JSON Schema that ships with storybrowse.

The file is written atomically: to a temporary file in the same directory,
then renamed into place, so a reader (or ``storybrowse --watch``) never sees
half of it.  Never imports textual.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from .locate import schema_path

_SCHEMA_MARK = "@SCHEMA@"

TEMPLATE = """\
# yaml-language-server: $schema=@SCHEMA@
#
# A storybrowse story: one contested news story, kept by hand.
#
#   storybrowse check FILE          validate it (file:line:column: message)
#   storybrowse FILE                browse it
#   storybrowse show FILE ID        print one record (the claim beside the responses)
#
# The first line lets editors with yaml-language-server (VS Code's YAML
# extension, Neovim, Helix, ...) check and complete this file as you type. It
# names the JSON Schema installed with storybrowse; if storybrowse moves,
# `storybrowse schema` prints the new path.
#
# Everything below is an invented example (Examplestan, Samplavia): replace it.
# Rules of thumb:
#   - ids: a letter, then letters, digits, "-", "_" or "."; unique in the whole
#     file; refer to records by id.
#   - dates, in quotes: "2024-03-05", "2024-03", "2024"; "?" marks uncertain
#     ("2024?-03-05"), "~" approximate, X what the source does not give
#     ("XXXX-03-05").
#   - quote text that holds ": " or starts with a quote mark, "[", "{", "&",
#     "*", "!", "|", ">", "%", "@" or "#"; or write it on the next lines after ">-".
#   - text is kept exactly as written; nothing is ever guessed.
# The whole format: docs/story-format.md in storybrowse's repository.

storybrowse: 2

# The article or report this file encodes.
story:
  headline: Rockets fired across the Lumen river, two capitals disagree
  outlet: The Example Gazette
  published: "2031-09-14"
  summary: >-
    The Northern Liberation Front says it fired rockets into Samplavia from
    Examplestan. Samplavia denies any rocket landed; Examplestan says it is
    looking into the claim.

# Reports that claims, responses and quotes are attributed to (`source: id`).
sources:
  - id: gazette
    name: "The Example Gazette: Rockets fired across the Lumen river"
    outlet: The Example Gazette
    published: "2031-09-14"

# Everyone who claims, responds, speaks or relays words. kind is one of:
# government, political-group, armed-group, organisation, media, person,
# analyst, other. The first alias is shown beside the name.
actors:
  - id: nlf
    name: Northern Liberation Front
    kind: armed-group
    aliases: [NLF]
  - id: samplavia
    name: Samplavia
    kind: government
    aliases: [Samplegrad]
  - id: examplestan
    name: Examplestan
    kind: government
    aliases: [Lumenburg]
  - id: lumen-institute
    name: Lumen Institute for Peace Studies
    kind: organisation
  - id: mira-testova
    name: Mira Testova
    kind: analyst
    role: senior researcher
    affiliation: lumen-institute
  - id: example-wire
    name: Example Wire Service
    kind: media
  - id: lumenburg-spokesman
    name: Ilo Varga
    kind: person
    role: spokesman
    affiliation: examplestan

# Events on the timeline: who claims what, and how each side responds.
# A response's stance is one of: confirmed, supported (a third party backs
# the claim), disputed, denied, investigating, declined-to-comment,
# did-not-respond (asked, no answer). form is quote (the exact words) or
# paraphrase (the default). One record per statement, each with its own date:
# an actor that first investigates and later denies gets two. On any claim or
# response: speaker (who spoke for `by`), via (outlets, nearest first),
# date_reported, and withdrawn ("2031-09-20", or true) for a statement later
# retracted. Several competing claims: `claims:` (a list, each with an id)
# instead of `claim:`, and `responds_to: ID` on every response.
incidents:
  - id: lumen-rockets
    title: Claimed rocket fire across the Lumen river
    kind: rocket attack
    date: "XXXX-09-10"        # the article says "September 10", no year
    date_reported: September 10
    from:
      name: Lumen valley
      country: Examplestan
    to:
      name: Riverside district
      country: Samplavia
    claim:
      by: nlf
      form: paraphrase
      verb: claimed
      text: >-
        The NLF said it had fired rockets across the river at military
        positions in Samplavia's Riverside district on September 10.
      source: gazette
    responses:
      - by: samplavia
        stance: denied
        form: quote
        verb: said
        text: No rocket has landed on Samplavian soil.
        source: gazette
      - by: examplestan
        stance: investigating
        speaker: lumenburg-spokesman
        date: "XXXX-09-11"
        date_reported: the next day
        text: >-
          Lumenburg says it is looking into whether anything was launched
          from its side of the river.
        source: gazette

# Quotes and paraphrases, with who said them and what they are about.
# via lists the outlets the words passed through, nearest first:
# "told Example Wire" is `verb: told` and `via: [example-wire]`.
quotes:
  - id: testova-provoke
    speaker: mira-testova
    form: quote
    verb: told
    via: [example-wire]
    about: [nlf, lumen-rockets]
    source: gazette
    text: >-
      The Front wants both capitals to believe the other one let it happen.

# Background events shown on the timeline between the incidents.
context:
  - id: river-accord
    title: Lumen river accord
    date: "2029-05"
    actors: [samplavia, examplestan]
    text: >-
      Samplavia and Examplestan agree to keep armed groups away from the river.
    source: gazette
"""


def schema_reference() -> str:
    """How the starter's first line names the installed JSON Schema: its
    absolute path, or a ``file:`` URI if the path holds a space (the
    modeline ends at the first space)."""
    path = schema_path()
    text = str(path)
    return path.as_uri() if any(ch.isspace() for ch in text) else text


def starter_text(schema: str | None = None) -> str:
    """The starter story, its schema line naming *schema* (default: the
    installed schema, see :func:`schema_reference`)."""
    return TEMPLATE.replace(_SCHEMA_MARK, schema if schema is not None else schema_reference())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _exists(target: Path) -> FileExistsError:
    return FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target))


# mkstemp adds 8 random characters; with ".", "." and ".tmp" that is 14
# more than the prefix's name.
_TEMPORARY_EXTRA = 14


def _name_max(directory: Path) -> int:
    """The longest file name (in bytes) *directory*'s file system allows."""
    try:
        return os.pathconf(directory, "PC_NAME_MAX")
    except (OSError, ValueError):
        return 255  # every common file system


def _temporary_prefix(target: Path) -> str:
    """``.NAME.`` with NAME cut (by whole characters) so that the temporary
    file's whole name fits in the file system's NAME_MAX: a valid 250-byte
    name must not fail because its temporary sibling is 14 bytes longer."""
    room = max(1, _name_max(target.parent) - _TEMPORARY_EXTRA)
    name = target.name
    while len(os.fsencode(name)) > room:
        name = name[:-1]
    return f".{name}."


def write_new(path: str | os.PathLike[str], text: str, *, force: bool = False) -> None:
    """Write *text* to *path* atomically (a temporary file in the same
    directory, renamed into place).

    Without *force*, raises :class:`FileExistsError` if *path* exists (even
    if it appears while writing: the final step is a hard link, which fails
    rather than replace anything).  Other failures raise :class:`OSError`;
    no temporary file is left behind either way.
    """
    target = Path(path)
    if not force and (target.exists() or target.is_symlink()):
        raise _exists(target)
    fd, tmp_name = tempfile.mkstemp(
        prefix=_temporary_prefix(target), suffix=".tmp", dir=target.parent
    )
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it 0600
        if force:
            os.replace(tmp, target)
            return
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise
        except OSError:
            # No hard links on this file system (some network or FAT ones).
            if target.exists() or target.is_symlink():
                raise _exists(target) from None
            os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
