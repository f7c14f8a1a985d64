"""The textual-free part of live reload (tui/watch.py): when a change is
due, and that a file changing while it is read is never taken as a version.

The clock is a fake one moved by hand, so nothing here depends on timing.
Each file starts with a modification time in the past, as a story saved a
while ago does, so every write below gives it a new one.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.story.errors import Problem
from tui.story.load import check_story
from tui.story.model import Story
from tui.watch import MISSING, FileWatch, Outcome, signature

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "story.yaml"
SETTLE = 0.2


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def story_file(tmp_path: Path) -> Path:
    path = tmp_path / "story.yaml"
    path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    return path


@pytest.fixture
def clock() -> Clock:
    return Clock()


def edited(old: str, new: str) -> str:
    """The seed story (as the fixture first wrote it) with *old* replaced."""
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new)


TITLE = "Claimed rocket attack on Termez, Uzbekistan"


def settle(watch: FileWatch, clock: Clock) -> bool:
    """Poll as the browser would, past the settle time: was a load due?"""
    due = False
    for _ in range(4):
        due = watch.due() or due
        clock.advance(SETTLE / 2 + 0.01)
    return watch.due() or due


def load_and_accept(watch: FileWatch) -> Outcome:
    outcome = watch.load()
    assert watch.accept(outcome)
    return outcome


def test_nothing_is_due_while_the_file_is_unchanged(story_file: Path, clock: Clock) -> None:
    watch = FileWatch(story_file, settle=SETTLE, clock=clock)
    assert not settle(watch, clock)


def test_a_change_is_due_only_once_it_has_settled(story_file: Path, clock: Clock) -> None:
    watch = FileWatch(story_file, settle=SETTLE, clock=clock)
    story_file.write_text(edited(TITLE, "Retitled"), encoding="utf-8")
    assert not watch.due()  # first seen now
    clock.advance(SETTLE / 2)
    assert not watch.due()  # unchanged, but not for long enough
    clock.advance(SETTLE / 2)
    assert watch.due()
    outcome = load_and_accept(watch)
    assert outcome.story is not None
    assert outcome.story.incident("termez-rockets").title == "Retitled"
    assert not settle(watch, clock)  # loaded: nothing more to do


def test_atomic_rename_is_seen(story_file: Path, clock: Clock) -> None:
    watch = FileWatch(story_file, settle=SETTLE, clock=clock)
    tmp = story_file.with_name(".story.yaml.swp")
    tmp.write_text(edited(TITLE, "Renamed into place"), encoding="utf-8")
    os.replace(tmp, story_file)
    assert settle(watch, clock)
    story = load_and_accept(watch).story
    assert story is not None and story.incident("termez-rockets").title == "Renamed into place"


def test_same_size_rename_with_an_old_mtime_is_seen(story_file: Path, clock: Clock) -> None:
    """``cp -p`` or ``mv`` of a file saved earlier: size and mtime may be
    the old ones, but the inode is new."""
    watch = FileWatch(story_file, settle=SETTLE, clock=clock)
    tmp = story_file.with_name("other.yaml")
    tmp.write_text(edited("Termez", "Termiz"), encoding="utf-8")
    os.utime(tmp, ns=(1_000_000_000, 1_000_000_000))
    assert tmp.stat().st_size == story_file.stat().st_size
    os.replace(tmp, story_file)
    assert settle(watch, clock)


def test_truncate_then_write_in_place(story_file: Path, clock: Clock) -> None:
    watch = FileWatch(story_file, settle=SETTLE, clock=clock)
    new = edited(TITLE, "Written in place")
    with open(story_file, "r+", encoding="utf-8") as fh:
        fh.truncate(0)
        fh.flush()
        assert not watch.due()  # the empty file is seen...
        clock.advance(SETTLE / 2)
        fh.write(new)
    assert not watch.due()  # ...but replaced before it settled
    assert settle(watch, clock)
    story = load_and_accept(watch).story
    assert story is not None and story.incident("termez-rockets").title == "Written in place"


def test_several_writes_in_a_row_load_the_last(story_file: Path, clock: Clock) -> None:
    watch = FileWatch(story_file, settle=SETTLE, clock=clock)
    for n in range(5):
        story_file.write_text(edited(TITLE, f"Save {n}" + "!" * n), encoding="utf-8")
        assert not watch.due()
        clock.advance(SETTLE / 3)
    assert settle(watch, clock)
    story = load_and_accept(watch).story
    assert story is not None and story.incident("termez-rockets").title == "Save 4!!!!"


def test_delete_then_recreate(story_file: Path, clock: Clock) -> None:
    watch = FileWatch(story_file, settle=SETTLE, clock=clock)
    text = edited(TITLE, "Recreated")
    story_file.unlink()
    assert not watch.due()
    clock.advance(SETTLE / 2)
    story_file.write_text(text, encoding="utf-8")
    assert settle(watch, clock)
    story = load_and_accept(watch).story
    assert story is not None and story.incident("termez-rockets").title == "Recreated"


def test_a_file_that_stays_deleted_is_a_real_problem(story_file: Path, clock: Clock) -> None:
    watch = FileWatch(story_file, settle=SETTLE, clock=clock)
    story_file.unlink()
    assert signature(story_file) == MISSING
    assert settle(watch, clock)
    outcome = load_and_accept(watch)
    assert outcome.story is None
    assert outcome.errors and outcome.errors[0].file == str(story_file)


def test_an_invalid_settled_file_is_loaded_once_with_its_problems(
    story_file: Path, clock: Clock
) -> None:
    watch = FileWatch(story_file, settle=SETTLE, clock=clock)
    story_file.write_text(edited("stance: denied", "stance: deny"), encoding="utf-8")
    assert settle(watch, clock)
    outcome = load_and_accept(watch)
    assert outcome.story is None
    assert any("'deny'" in p.message and p.line > 0 and p.column > 0 for p in outcome.errors)
    assert not settle(watch, clock)  # the same bad version is not loaded again


def test_a_file_changing_while_it_is_read_is_dropped_then_reloaded(
    story_file: Path, clock: Clock
) -> None:
    """The loader reads a half-written file; the writer finishes before the
    load returns: that outcome is not shown, and the finished file is loaded
    once it has settled."""
    full = edited(TITLE, "Finished")
    half = full[: len(full) // 2]
    story_file.write_text(half, encoding="utf-8")
    os.utime(story_file, ns=(2_000_000_000, 2_000_000_000))
    calls: list[str] = []

    def slow_writer_loader(path: str) -> tuple[Story | None, list[Problem]]:
        result = check_story(path)
        if not calls:  # the writer finishes during the first load
            story_file.write_text(full, encoding="utf-8")
        calls.append(path)
        return result

    watch = FileWatch(story_file, settle=SETTLE, clock=clock, loader=slow_writer_loader)
    watch.loaded = MISSING  # as if the half file were new
    assert settle(watch, clock)
    first = watch.load()
    assert not first.settled and first.story is None
    assert not watch.accept(first)
    assert settle(watch, clock)
    second = load_and_accept(watch)
    assert second.story is not None
    assert second.story.incident("termez-rockets").title == "Finished"
    assert len(calls) == 2


def test_a_change_between_due_and_load_is_not_taken(story_file: Path, clock: Clock) -> None:
    """``due`` saw one version settle; if another is there when the load
    starts, that one has not settled yet."""
    watch = FileWatch(story_file, settle=SETTLE, clock=clock)
    story_file.write_text(edited(TITLE, "First"), encoding="utf-8")
    assert settle(watch, clock)
    story_file.write_text(edited(TITLE, "Second, half"), encoding="utf-8")
    outcome = watch.load()
    assert not outcome.settled and not watch.accept(outcome)
    assert not watch.due()  # the new version is seen now...
    assert settle(watch, clock)  # ...and is due once it has settled


def test_baseline_taken_before_the_first_load(story_file: Path, clock: Clock) -> None:
    """A save between the baseline and the start of watching is reloaded."""
    baseline = signature(story_file)
    story_file.write_text(edited(TITLE, "Saved meanwhile"), encoding="utf-8")
    watch = FileWatch(story_file, settle=SETTLE, clock=clock, baseline=baseline)
    assert settle(watch, clock)
    unwatched = FileWatch(story_file, settle=SETTLE, clock=clock)
    assert not settle(unwatched, clock)
