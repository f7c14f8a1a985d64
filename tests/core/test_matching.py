"""One matching function for search, the palette and did-you-mean, correct
in every script, with offsets into the ORIGINAL text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.present.search import SearchIndex
from tui.present.view import suggest_ids
from tui.story.load import load_story
from tui.story.matching import contains, find_all, fold, fold_mapped, fuzzy
from tui.story.suggest import close_matches

INTL = Path(__file__).resolve().parents[1] / "fixtures" / "stories" / "intl.yaml"

# (text, query, the matched original text)
CASES = [
    ("İlkay Testoğlu", "ilkay", "İlkay"),  # capital dotted I: casefold is 2 code points
    ("İlkay Testoğlu", "İLKAY", "İlkay"),
    ("İlkay Testoğlu", "lu", "lu"),
    ("İlkay Testoğlu", "Testoğlu", "Testoğlu"),
    ("İlkay Testoğlu", "kay", "kay"),
    ("Kadır Ilgaz", "kadir", "Kadır"),  # dotless ı
    ("KADIR", "kadır", "KADIR"),
    ("Agentur Hauptstraße", "STRASSE", "straße"),  # ß folds to ss
    ("HAUPTSTRASSE", "straße", "STRASSE"),
    ("Οδυσσέας", "ΟΔΥΣΣΕΑΣ", "Οδυσσέας"),  # final sigma, tonos
    ("Ο ΟΔΥΣΣΕΥΣ", "οδυσσευς", "ΟΔΥΣΣΕΥΣ"),
    ("Министерство обороны", "ОБОРОНЫ", "обороны"),
    ("محمّد نوری", "محمد", "محمّد"),  # shadda ignored
    ("محمد نوری", "محمّد", "محمد"),
    ("وزارت امور خارجه", "خارجه", "خارجه"),
    ("علي", "علی", "علي"),  # Arabic yeh vs Farsi yeh
    ("Dushanbe\u0301-Nord", "dushanbe", "Dushanbe\u0301"),  # combining accent
    ("Dushanbé", "Dushanbe", "Dushanbé"),  # precomposed
    ("Dushanbe", "Dushanbé", "Dushanbe"),
    ("ﬁre at the port", "fire", "ﬁre"),  # ligature (compatibility)
    ("ＵＮ report", "un", "ＵＮ"),  # full width
    ("a  b\nc", "A B C", "a  b\nc"),  # whitespace runs
]


@pytest.mark.parametrize(("text", "query", "matched"), CASES)
def test_find_all_maps_offsets_to_the_original(text: str, query: str, matched: str) -> None:
    spans = find_all(text, query)
    assert spans, (text, query)
    start, end = spans[0]
    assert text[start:end] == matched
    assert contains(text, query)


@pytest.mark.parametrize(("text", "query", "matched"), CASES)
def test_fuzzy_offsets_land_on_the_matched_characters(text: str, query: str, matched: str) -> None:
    score, offsets = fuzzy(query, text)
    assert score > 0
    start = text.find(matched)
    wanted = {i for i in range(start, start + len(matched)) if not text[i].isspace()}
    assert {i for i in offsets if not text[i].isspace()} == wanted


def test_fuzzy_subsequence_and_no_match() -> None:
    score, offsets = fuzzy("ıt", "İlkay Testoğlu")  # i...t
    assert score > 0 and [("İlkay Testoğlu")[i] for i in offsets] == ["İ", "T"]
    assert fuzzy("xyz", "İlkay Testoğlu") == (0.0, ())
    assert fuzzy("", "anything") == (0.0, ())
    assert fuzzy("   ", "anything") == (0.0, ())


def test_lu_finds_both_actors_and_lulu_scores_higher() -> None:
    """The reported bug: `lu` hid "Lulu Sampleton" and found nothing in
    "İlkay Testoğlu" (offsets were computed on a lower-cased copy)."""
    ilkay, _ = fuzzy("lu", "İlkay Testoğlu")
    lulu, _ = fuzzy("lu", "Lulu Sampleton")
    assert ilkay > 0 and lulu > ilkay


def test_strict_fold_keeps_marks() -> None:
    assert fold("Dushanbé", loose=False) == "dushanbé"
    assert fold("Dushanbé") == "dushanbe"
    assert fold("STRASSE", loose=False) == fold("Straße", loose=False)


def test_fold_mapped_agrees_with_fold_on_every_script() -> None:
    story = load_story(INTL)
    texts = [text for text, _q, _m in CASES] + [a.name for a in story.actors]
    texts += [r.text for inc in story.incidents for r in inc.responses]
    texts += ["\u2764\ufe0f ok", "می\u200cخواهم", " lead and trail ", "Ǆemal ǰ", "한국어"]
    for text in texts:
        mapped = fold_mapped(text)
        assert mapped.text == fold(text), text
        assert len(mapped.origin) == len(mapped.text)
        assert list(mapped.origin) == sorted(mapped.origin)


def test_search_finds_every_script_in_the_story() -> None:
    index = SearchIndex(load_story(INTL))
    for query, record in (
        ("ilkay", "ilkay"),
        ("İLKAY", "ilkay"),
        ("strasse", "agentur"),
        ("ΟΔΥΣΣΕΑΣ", "odysseas"),
        ("самплистана", "samplistan"),
        ("محمد", "mohammad"),
        ("Dushanbe-Nord", "river-rockets"),
    ):
        matches = index.search(query)
        assert record in {m.record_id for m in matches}, query
        for m in matches:
            for start, end in m.spans():
                assert fold(m.text[start:end]) == fold(query), (query, m.text, start, end)


def test_search_spans_point_into_the_original_text() -> None:
    index = SearchIndex(load_story(INTL))
    match = next(m for m in index.search("lu") if m.record_id == "ilkay" and m.field == "name")
    assert [match.text[s:e] for s, e in match.spans()] == ["lu"]
    match = next(m for m in index.search("ilkay") if m.field == "claim.text")
    assert [match.text[s:e] for s, e in match.spans()] == ["İlkay"]


def test_did_you_mean_folds_like_search() -> None:
    story = load_story(INTL)
    assert suggest_ids(story, "RIVER-ROCKETS") == ["river-rockets"]
    assert suggest_ids(story, "İLKAY") == ["ilkay"]
    assert close_matches("STRAẞE", ["strasse", "other"]) == ["strasse"]
    assert close_matches("Dushanbé-nord", ["x", "dushanbe-nord"]) == ["dushanbe-nord"]
    assert close_matches("", ["a"]) == []
