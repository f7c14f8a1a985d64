"""The closed vocabularies of the story format, with what each value means,
and the rules for ids.

Part of the format table (:mod:`tui.story.format`): the loader, the JSON
Schema (its ``enum`` and ``enumDescriptions``), the docs' tables and the UI
take them from here.  Every value says in which format version it appeared.
Never imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Choice:
    """One value of a closed vocabulary."""

    value: str
    description: str
    since: int = 1


# ---------------------------------------------------------------------------
# The closed vocabularies
# ---------------------------------------------------------------------------

STANCE_CHOICES: tuple[Choice, ...] = (
    Choice(
        "denied",
        "The actor says the claimed event did not happen, or did not happen as claimed.",
    ),
    Choice(
        "disputed",
        "The actor contests part of the claim (who, where, how) without denying it outright.",
    ),
    Choice(
        "investigating",
        "The actor says it is looking into the claim (a probe, an inquiry).",
    ),
    Choice(
        "declined-to-comment",
        "The actor was asked and explicitly declined to comment. Not the same as not "
        "responding: silence in the source means no response record.",
    ),
    Choice("confirmed", "The actor confirms the claimed event (not necessarily who did it)."),
    Choice(
        "supported",
        "A party that is not the claimant backs the claim from its own assessment "
        '("intelligence indicates").',
        since=2,
    ),
    Choice(
        "did-not-respond",
        "The actor was asked and gave no answer. Not the same as declined-to-comment.",
        since=2,
    ),
)
ACTOR_KIND_CHOICES: tuple[Choice, ...] = (
    Choice(
        "government",
        "A state's government or one of its ministries, forces or officials acting for it.",
    ),
    Choice(
        "political-group", "A party or movement acting politically (e.g. a de facto authority)."
    ),
    Choice("armed-group", "A non-state armed group."),
    Choice("organisation", "A university, think tank, NGO or international body."),
    Choice("media", "A news outlet or agency (used in `via` chains)."),
    Choice("person", "A named or described individual."),
    Choice("analyst", 'An analyst or expert, named or not ("analysts say").'),
    Choice("other", "Anything else."),
)
FORM_CHOICES: tuple[Choice, ...] = (
    Choice("quote", "Direct quotation: the text is the speaker's own words, as printed."),
    Choice("paraphrase", "Indirect speech: the text is the reporter's summary of what was said."),
)

STANCES: tuple[str, ...] = tuple(c.value for c in STANCE_CHOICES)
ACTOR_KINDS: tuple[str, ...] = tuple(c.value for c in ACTOR_KIND_CHOICES)
FORMS: tuple[str, ...] = tuple(c.value for c in FORM_CHOICES)

# Ids: what the loader accepts (and the schema's pattern says).
ID_PATTERN = r"[A-Za-z][A-Za-z0-9_.-]*"
AMBIGUOUS_IDS: tuple[str, ...] = ("y", "n", "yes", "no", "on", "off", "true", "false", "null")
