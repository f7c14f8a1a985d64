"""The story cache (tui/story/cache.py): same results as a real load, never
wrong data from a damaged entry, off where it must be."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from tui.story import cache
from tui.story.load import check_story

STORIES = Path(__file__).resolve().parent.parent / "fixtures" / "stories"
# A denial later admitted, with two responses dated before the claim they
# answer: two warnings.
DENIAL = STORIES / "denial_admitted.yaml"
THREE = STORIES / "three_governments.yaml"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A private cache home; every story is big enough to be cached; the
    entry is written here, not by a forked process."""
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.setattr(cache, "_write_on_the_side", cache.write_entry)
    return {"XDG_CACHE_HOME": str(tmp_path / "cache")}


def entries(environ: dict[str, str]) -> list[Path]:
    directory = cache.cache_dir(environ)
    return sorted(directory.glob("*.pickle")) if directory.exists() else []


def copy(src: Path, tmp_path: Path, name: str = "story.yaml") -> Path:
    dest = tmp_path / name
    shutil.copyfile(src, dest)
    return dest


def test_a_second_load_comes_from_the_cache_and_equals_a_real_load(
    env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy(DENIAL, tmp_path)
    first = cache.check_story_cached(path, env)
    assert len(entries(env)) == 1
    # The second load must not parse: make the parser fail if it is used.
    monkeypatch.setattr("tui.story.load.check_story_text", lambda *a: pytest.fail("parsed"))
    second = cache.check_story_cached(path, env)
    real = check_story(path)
    assert first == real and second == real
    assert second[0] is not None and second[0].timeline() == real[0].timeline()  # type: ignore[union-attr]


def test_warnings_come_back_from_the_cache_with_the_callers_file_name(
    env: dict[str, str], tmp_path: Path
) -> None:
    a = copy(DENIAL, tmp_path, "a.yaml")
    b = copy(DENIAL, tmp_path, "b.yaml")  # same bytes: the same entry
    cache.check_story_cached(a, env)
    story, problems = cache.check_story_cached(b, env)
    assert len(entries(env)) == 1
    assert story is not None
    assert [p.format() for p in problems] == [p.format() for p in check_story(b)[1]]
    assert len(problems) == 2 and all(p.file == str(b) for p in problems)


def test_an_edited_file_is_a_miss_never_the_old_story(env: dict[str, str], tmp_path: Path) -> None:
    path = copy(THREE, tmp_path)
    cache.check_story_cached(path, env)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("headline:", "headline: Edited", 1), encoding="utf-8")
    story, _ = cache.check_story_cached(path, env)
    assert story is not None and story.meta.headline.startswith("Edited")
    assert len(entries(env)) == 2


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "magic"])
def test_a_damaged_entry_is_ignored(env: dict[str, str], tmp_path: Path, damage: str) -> None:
    path = copy(DENIAL, tmp_path)
    cache.check_story_cached(path, env)
    [entry] = entries(env)
    blob = bytearray(entry.read_bytes())
    if damage == "flip":
        blob[len(blob) // 2] ^= 0x55
    elif damage == "truncate":
        del blob[len(blob) * 3 // 4 :]
    elif damage == "empty":
        blob = bytearray()
    else:
        blob[0:4] = b"XXXX"
    entry.write_bytes(bytes(blob))
    assert cache.read_entry(entry, str(path)) is None
    assert cache.check_story_cached(path, env) == check_story(path)


def test_an_entry_writable_by_others_is_not_read(env: dict[str, str], tmp_path: Path) -> None:
    path = copy(DENIAL, tmp_path)
    cache.check_story_cached(path, env)
    [entry] = entries(env)
    assert cache.read_entry(entry, str(path)) is not None
    entry.chmod(0o666)
    assert cache.read_entry(entry, str(path)) is None


def test_a_story_with_errors_is_never_cached(env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(DENIAL.read_text(encoding="utf-8").replace("stance: denied", "stance: deny"))
    assert cache.check_story_cached(path, env) == check_story(path)
    assert cache.check_story_cached(path, env)[0] is None
    assert entries(env) == []


def test_an_unreadable_path_is_reported_as_by_check_story(
    env: dict[str, str], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.yaml"
    assert cache.check_story_cached(missing, env) == check_story(missing)
    assert cache.check_story_cached(tmp_path, env) == check_story(tmp_path)


@pytest.mark.parametrize(
    "extra", [{"STORYBROWSE_CACHE": "0"}, {"STORYBROWSE_RESTRICTED": "1"}], ids=["off", "serve"]
)
def test_no_cache_when_switched_off_or_restricted(
    env: dict[str, str], tmp_path: Path, extra: dict[str, str]
) -> None:
    path = copy(DENIAL, tmp_path)
    environ = {**env, **extra}
    assert not cache.enabled(environ)
    assert cache.check_story_cached(path, environ) == check_story(path)
    assert not cache.cache_dir(environ).exists()


def test_small_files_are_not_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    environ = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    path = copy(DENIAL, tmp_path)
    assert path.stat().st_size < cache.MIN_BYTES
    assert cache.check_story_cached(path, environ) == check_story(path)
    assert not cache.cache_dir(environ).exists()


def test_only_the_newest_entries_are_kept(env: dict[str, str], tmp_path: Path) -> None:
    path = copy(THREE, tmp_path)
    text = path.read_text(encoding="utf-8")
    for n in range(cache.KEEP + 2):
        path.write_text(text.replace("headline:", f"headline: v{n}", 1), encoding="utf-8")
        cache.check_story_cached(path, env)
        for entry in entries(env):  # distinct mtimes, oldest first
            os.utime(entry, (entry.stat().st_mtime - 1,) * 2)
    kept = entries(env)
    assert len(kept) == cache.KEEP
    story, _ = cache.check_story_cached(path, env)
    assert story is not None and story.meta.headline.startswith(f"v{cache.KEEP + 1}")


def test_the_entry_name_depends_on_the_bytes_and_the_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a, b = cache.entry_name(b"story: a"), cache.entry_name(b"story: b")
    assert a != b and a.endswith(".pickle")
    monkeypatch.setattr(cache, "_code_digest", "another version")
    assert cache.entry_name(b"story: a") != a


def test_the_forked_writer_writes_the_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    environ = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    path = copy(DENIAL, tmp_path)
    loaded = cache.check_story_cached(path, environ)
    deadline = time.monotonic() + 20
    while not entries(environ) and time.monotonic() < deadline:
        time.sleep(0.05)
    [entry] = entries(environ)
    time.sleep(0.1)  # os.replace makes it whole at once; the pruning may still run
    assert cache.read_entry(entry, str(path)) == loaded
