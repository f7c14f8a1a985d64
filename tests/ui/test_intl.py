"""International text in the browser: search and the palette find names in
every script and highlight the right characters; every character of the
table is shown as the same symbol `show` prints; right-to-left text keeps
the columns."""

from __future__ import annotations

from occurrences import occurrences
from rich.cells import cell_len
from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from tui.app import create_app
from tui.story.characters import CLASSES, symbol
from tui.story.load import load_story_text


def _highlighted(prompt: object) -> str:
    """The characters of a palette prompt that carry a style (the match)."""
    text = str(prompt).split("\n")[0]  # the prompt, not its help line
    marked = set()
    for span in getattr(prompt, "spans", ()):
        marked.update(range(span.start, min(span.end, len(text))))
    return "".join(text[i] for i in sorted(marked))


async def _palette(ui, app, pilot, query: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Open the palette, type *query*, return {prompt: highlighted chars}."""
    await pilot.press("ctrl+p")
    await ui.until(pilot, lambda: isinstance(app.screen, CommandPalette))
    app.screen.query_one(Input).value = query
    command_list = app.screen.query_one(CommandList)
    await ui.until(pilot, lambda: command_list.option_count > 0)
    await pilot.pause(0.3)  # let every provider answer
    prompts = [command_list.get_option_at_index(i).prompt for i in range(command_list.option_count)]
    return {str(p).split("\n")[0]: _highlighted(p) for p in prompts}


async def test_palette_finds_ilkay_in_every_case(ui) -> None:  # type: ignore[no-untyped-def]
    app = ui.app("intl")
    async with app.run_test(size=(100, 30)) as pilot:
        for query, highlight in (("ilkay", "İlkay"), ("İLKAY", "İlkay"), ("lu", "lu")):
            found = await _palette(ui, app, pilot, query)
            assert found.get("İlkay Testoğlu") == highlight, (query, found)
            await pilot.press("escape")
            await ui.until(pilot, lambda: not isinstance(app.screen, CommandPalette))
        # `lu` did hide Lulu Sampleton once.
        found = await _palette(ui, app, pilot, "lu")
        assert found.get("Lulu Sampleton") == "Lu", found
        # Other scripts: the highlight is on the characters the query matched.
        for query, prompt, highlight in (
            ("STRASSE", "Agentur Hauptstraße", "straße"),
            ("οδυσσεας", "Οδυσσέας Παπαδόπουλος", "Οδυσσέας"),
            ("самплистана", "Министерство обороны Самплистана / Samplistan defence ministry",
             "Самплистана"),
            ("محمد", "محمّد نوری / Mohammad Nuri", "محمّد"),
            ("dushanbe", "Rockets hit the port of Dushanbe\u0301-Nord", "Dushanbe\u0301"),
        ):  # fmt: skip
            app.screen.query_one(Input).value = query
            await pilot.pause(0.3)
            command_list = app.screen.query_one(CommandList)
            await ui.until(pilot, lambda cl=command_list: cl.option_count > 0)
            prompts = [
                command_list.get_option_at_index(i).prompt for i in range(command_list.option_count)
            ]
            got = {str(p).split("\n")[0]: _highlighted(p) for p in prompts}
            assert got.get(prompt) == highlight, (query, got)
        app.screen.query_one(Input).value = "İLKAY"
        await pilot.pause(0.3)
        await pilot.press("enter")
        await ui.until(pilot, lambda: not isinstance(app.screen, CommandPalette))
        assert ui.detail(app).target == ("actor", "ilkay")


async def test_search_finds_ilkay_in_every_case(ui) -> None:  # type: ignore[no-untyped-def]
    app = ui.app("intl")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = ui.browser(app)
        for query in ("ilkay", "İLKAY", "lu", "ΟΔΥΣΣΕΥΣ", "محمد", "Dushanbe", "STRASSE"):
            await pilot.press("slash")
            screen.search_bar.value = query
            await pilot.pause()
            assert screen.search.hit is not None, query
            found = occurrences(screen.story, query)
            assert screen.search.hits is not None and screen.search.hits.total == len(found)
            assert screen.search.hit == found[0]
            if query in ("ilkay", "İLKAY", "lu"):
                ilkay = [m for m in found if m.record_id == "ilkay"]
                assert [m.text[s:e] for m in ilkay for s, e in [m.span or (0, 0)]] == [
                    "lu" if query == "lu" else "İlkay"
                ]
            await pilot.press("enter")
            assert "no matches" not in ui.screen_text(app)
            await pilot.press("escape")
        await pilot.press("slash")
        screen.search_bar.value = "İLKAY"
        await pilot.press("enter")
        await pilot.pause()
        # The first match is the claim that quotes İlkay: the detail shows it.
        assert ui.detail(app).target == ("incident", "river-rockets")


async def test_every_character_of_the_table_shows_as_its_symbol(ui) -> None:  # type: ignore[no-untyped-def]
    """One incident per character, its title the character (as an escape);
    the timeline shows the symbol `show` prints for it, never the character."""
    lines = ["storybrowse: 1", "story:", "  headline: The table", "actors:"]
    lines += ["  - {id: a, name: A, kind: other}", "incidents:"]
    chars = [ch for cls in CLASSES for ch in cls.chars()]
    for n, ch in enumerate(chars):
        lines.append(
            f'  - {{id: i{n}, title: "\\U{ord(ch):08X} t{n}", date: "2031", '
            "claim: {by: a, text: x}}"
        )
    story = load_story_text("\n".join(lines) + "\n")
    assert len(story.incidents) == len(chars)
    app = create_app(story)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        rows = ui.rows(app, "timeline")
        by_title = {}
        for row in rows:
            for word in row.split():
                if word.startswith("t") and word[1:].isdigit():
                    by_title[int(word[1:])] = row
        assert len(by_title) == len(chars)
        for n, ch in enumerate(chars):
            cls = next(c for c in CLASSES if ch in set(c.chars()))
            row = by_title[n]
            if cls.shown:
                assert f"{symbol(ch)} t{n}" in row, (cls.key, row)
                assert ch not in row
            else:
                assert ch in row
        # And in the detail, the same symbol.
        ui.browser(app).navigate("incident", "i27", focus="detail")
        await ui.settle(pilot)
        assert f"{symbol(chars[27])} t27" in ui.screen_text(app)


async def test_right_to_left_text_keeps_the_columns(ui) -> None:  # type: ignore[no-untyped-def]
    app = ui.app("intl")
    async with app.run_test(size=(80, 24)) as pilot:
        ui.browser(app).navigate("incident", "river-rockets", focus="detail")
        await ui.settle(pilot)
        lines = ui.screen_lines(app)
        assert any("وزارت" in line for line in lines), "\n".join(lines)
        assert all(cell_len(line) == 80 for line in lines)
        # The vertical borders are in the same columns on every line that
        # holds right-to-left text as on the lines around it.
        bars = {i for i, c in enumerate(lines[3]) if c in "│┃"}
        for line in lines[3:20]:
            if "وزارت" in line or "خارجه" in line:
                assert bars <= {i for i, c in enumerate(line) if c in "│┃"}, line
        await pilot.press("2")
        ui.browser(app).navigate("actor", "kabul-mfa", focus="list")
        await ui.settle(pilot)
        assert any("وزارت امور خارجه" in line for line in ui.screen_lines(app))
