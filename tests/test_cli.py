"""The command line: exit codes, output formats, no tracebacks, lazy textual.

Most tests run ``python -m tui`` in a subprocess (the console script may not
be on PATH); the subprocess imports the same ``tui`` package as these tests.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

import tui
from tui import cli
from tui.story import locate
from tui.story.load import check_story, load_story

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "story.yaml"
# Where the `tui` under test lives (the repository, or site-packages after a
# plain `pip install .`): the subprocesses must import that one.  They run in
# that directory by default, because `python -m`/`-c` put the current
# directory first on sys.path, before PYTHONPATH.
TUI_PARENT = Path(tui.__file__).resolve().parent.parent

# A small valid story, and the same with one error in it.
GOOD = textwrap.dedent(
    """\
    story:
      headline: A small story
    actors:
      - id: gov
        name: Government of Somewhere
        kind: government
        aliases: [Capital]
      - id: grp
        name: Some Group
        kind: armed-group
    incidents:
      - id: inc
        title: Something happened
        date: "2022-04-18"
        claim:
          by: grp
          text: We did it.
        responses:
          - by: gov
            stance: denied
            text: It did not happen.
    """
)
BAD = GOOD.replace("stance: denied", "stance: deny")
BAD_LINE = BAD.splitlines().index("        stance: deny") + 1


def run(
    *args: str | Path,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    python_args: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    full_env = dict(os.environ)
    full_env.pop("TEXTUAL_THEME", None)
    full_env["PYTHONPATH"] = os.pathsep.join(
        [str(TUI_PARENT), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    full_env["PYTHONIOENCODING"] = "utf-8"
    if env:
        full_env.update(env)
    return subprocess.run(
        [sys.executable, *python_args, "-m", "tui", *map(str, args)],
        cwd=cwd or TUI_PARENT,
        env=full_env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def assert_no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stdout, proc.stdout


@pytest.fixture
def good(tmp_path: Path) -> Path:
    p = tmp_path / "good.yaml"
    p.write_text(GOOD, encoding="utf-8")
    return p


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    p = tmp_path / "bad.yaml"
    p.write_text(BAD, encoding="utf-8")
    return p


@pytest.fixture
def seed_export() -> dict[str, Any]:
    proc = run("export", SEED, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert isinstance(data, dict)
    return data


# -- --version, --help, python -m tui ------------------------------------------


def test_version() -> None:
    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"storybrowse {tui.__version__}"


def test_help_lists_commands_keys_and_exit_codes() -> None:
    proc = run("--help")
    assert proc.returncode == 0
    out = proc.stdout
    assert out.startswith("usage: storybrowse")
    for word in ("check", "export", "schema", "--theme", "--no-mouse", "TEXTUAL_THEME"):
        assert word in out
    for key in ("shift+tab", "ctrl+p", "escape", "enter", "pgup"):
        assert key in out
    assert re.search(r"0 ok.*1 story invalid or unreadable.*2 usage error", out, re.S)
    assert "./check" in out


@pytest.mark.parametrize("sub", ["check", "export", "schema"])
def test_subcommand_help(sub: str) -> None:
    proc = run(sub, "--help")
    assert proc.returncode == 0
    assert proc.stdout.startswith(f"usage: storybrowse {sub}")
    assert "2 usage error" in proc.stdout


# -- check -----------------------------------------------------------------


def test_check_seed_is_clean() -> None:
    proc = run("check", SEED)
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.splitlines()[-1].startswith(f"{SEED}: ok")
    assert_no_traceback(proc)


def test_check_good_and_bad(good: Path, bad: Path) -> None:
    proc = run("check", good, bad)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert f"{good}: ok" in lines
    pattern = re.compile(
        rf"^{re.escape(str(bad))}:{BAD_LINE}:\d+: "
        r"incidents\[0\] \(\S+\)\.responses\[0\]\.stance: .*'deny'"
    )
    assert any(pattern.match(line) for line in lines), lines
    assert f"{bad}: invalid: 1 error" in lines
    assert lines[-1] == "2 files checked: 1 invalid, 1 error, 0 warnings"
    assert proc.stderr == ""


def test_check_reports_every_problem(tmp_path: Path) -> None:
    p = tmp_path / "two.yaml"
    p.write_text(BAD.replace("kind: armed-group", "kind: gang"), encoding="utf-8")
    expected = [x.format() for x in check_story(str(p))[1]]
    assert len(expected) == 2
    proc = run("check", p)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[:2] == expected


def test_check_warnings_do_not_fail_and_are_sanitised(tmp_path: Path) -> None:
    # An ESC in the story text and in the file name: a warning, exit 0, and
    # nothing raw reaches the terminal.
    p = tmp_path / "esc\x1b[31mname.yaml"
    # (A raw ESC is not allowed in YAML; a double-quoted "\u001b" is.)
    text = json.dumps("We did \x1b[31mit\x1b[0m.")
    p.write_text(GOOD.replace("We did it.", text), encoding="utf-8")
    _, problems = check_story(str(p))
    assert problems and all(x.severity == "warning" for x in problems)
    proc = run("check", p)
    assert proc.returncode == 0, proc.stdout
    assert "\x1b" not in proc.stdout
    assert "warning" in proc.stdout
    assert "esc␛[31mname.yaml" in proc.stdout
    assert proc.stdout.splitlines()[-1].endswith(": ok, 1 warning")


def test_non_utf8_terminal_gets_escapes_not_a_traceback(tmp_path: Path) -> None:
    p = tmp_path / "esc\x1bname.yaml"
    p.write_text(GOOD.replace("We did it.", '"\\u001b Dushanbe\u2019s"'), encoding="utf-8")
    proc = run("check", p, env={"PYTHONIOENCODING": "ascii"})
    assert proc.returncode == 0, proc.stderr
    assert_no_traceback(proc)
    assert "esc^[name.yaml" in proc.stdout  # ␛ in caret notation on an ASCII terminal
    # JSON is UTF-8 whatever the locale says, and means the same.
    ascii_export = run("export", p, env={"PYTHONIOENCODING": "ascii"})
    utf8_export = run("export", p)
    assert ascii_export.returncode == 0, ascii_export.stderr
    assert ascii_export.stdout == utf8_export.stdout
    claim = json.loads(ascii_export.stdout)["incidents"][0]["claim"]["text"]
    assert claim == "\x1b Dushanbe\u2019s"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("missing.yaml", None),
        ("empty.yaml", b""),
        ("list.yaml", b"- 1\n- 2\n"),
        ("tabs.yaml", b"story:\n\theadline: x\n"),
        ("latin1.yaml", "story:\n  headline: caf\xe9\n".encode("latin-1")),
        ("binary.yaml", bytes(range(256)) * 4),
        ("a-directory", "dir"),
    ],
)
@pytest.mark.parametrize("command", [["check"], ["export"], []])
def test_bad_input_exit_1_without_traceback(
    tmp_path: Path, name: str, content: bytes | str | None, command: list[str]
) -> None:
    p = tmp_path / name
    if content == "dir":
        p.mkdir()
    elif isinstance(content, bytes):
        p.write_bytes(content)
    proc = run(*command, p)
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    assert_no_traceback(proc)
    # The problems name the file, compiler style, with line and column unless
    # the problem is about the whole file (check: stdout; others: stderr).
    out = proc.stdout if command == ["check"] else proc.stderr
    assert re.search(rf"^{re.escape(str(p))}(:\d+:\d+)?: ", out, re.M), out
    if command != ["check"]:
        assert proc.stdout == ""


def test_check_json(good: Path, bad: Path) -> None:
    proc = run("check", "--format", "json", good, bad)
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert [d["file"] for d in data] == [str(good), str(bad)]
    assert [d["ok"] for d in data] == [True, False]
    assert data[0]["problems"] == []
    expected = check_story(str(bad))[1]
    assert data[1]["problems"] == [
        {
            "line": x.line,
            "column": x.column,
            "path": x.path,
            "message": x.message,
            "severity": x.severity,
        }
        for x in expected
    ]
    assert data[1]["problems"][0]["line"] == BAD_LINE


def test_check_json_clean_exits_0(good: Path) -> None:
    proc = run("check", good, "--format", "json")
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == [{"file": str(good), "ok": True, "problems": []}]


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "--format", "xml", "story.yaml"],
        ["check", "--bogus", "story.yaml"],
        ["export", "--format", "yaml"],
        ["export", "a.yaml", "b.yaml"],
        ["schema", "extra"],
        ["--bogus"],
        ["a.yaml", "b.yaml"],
        ["--no-mouse", "check"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    proc = run(*args)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert proc.stderr.startswith("usage: storybrowse")
    assert proc.stdout == ""
    assert_no_traceback(proc)


def test_subcommand_name_as_file_needs_a_path(tmp_path: Path) -> None:
    (tmp_path / "check").write_text(BAD, encoding="utf-8")
    proc = run("--no-mouse", "check", cwd=tmp_path)
    assert proc.returncode == 2
    assert "./check" in proc.stderr
    # ./check is the file: it is loaded (and here, rejected) as a story.
    proc = run("./check", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"./check:{BAD_LINE}:")


# -- export ------------------------------------------------------------------


def test_export_matches_the_loaded_seed(seed_export: dict[str, Any]) -> None:
    story = load_story(SEED)
    data = seed_export
    assert data["story"]["headline"] == story.meta.headline

    # Every incident, with its claim and every response and stance.
    assert [i["id"] for i in data["incidents"]] == [i.id for i in story.incidents]
    for exported, inc in zip(data["incidents"], story.incidents, strict=True):
        assert exported["title"] == inc.title
        assert exported["date"]["text"] == inc.date.text
        assert exported["date"]["display"] == inc.date.display()
        claim = exported["claim"]
        assert (claim["by"], claim["text"]) == (inc.claim.by, inc.claim.text)
        assert claim["by_ref"]["name"] == story.actor(inc.claim.by).name
        assert claim["by_ref"]["aliases"] == list(story.actor(inc.claim.by).aliases)
        assert [(r["by"], r["stance"], r["text"]) for r in exported["responses"]] == [
            (r.by, r.stance, r.text) for r in inc.responses
        ]
        assert [r["by_ref"]["name"] for r in exported["responses"]] == [
            story.actor(r.by).name for r in inc.responses
        ]
        for key, place in (("from", inc.from_), ("to", inc.to), ("place", inc.place)):
            assert exported[key] == (
                None
                if place is None
                else {"name": place.name, "region": place.region, "country": place.country}
            )

    # Every quote, with its speaker and via chain.
    assert [q["id"] for q in data["quotes"]] == [q.id for q in story.quotes]
    for exported, quote in zip(data["quotes"], story.quotes, strict=True):
        assert exported["text"] == quote.text
        assert exported["form"] == quote.form
        assert exported["speaker_ref"]["name"] == story.actor(quote.speaker).name
        assert exported["via"] == list(quote.via)
        assert [v["name"] for v in exported["via_ref"]] == [story.actor(v).name for v in quote.via]
        assert [a["type"] for a in exported["about_ref"]] == [story.kind_of(a) for a in quote.about]

    assert [a["id"] for a in data["actors"]] == [a.id for a in story.actors]
    assert [c["id"] for c in data["context"]] == [c.id for c in story.context]
    assert [s["id"] for s in data["sources"]] == [s.id for s in story.sources]
    assert [(t["type"], t["id"]) for t in data["timeline"]] == [
        ("incident" if e in story.incidents else "context", e.id) for e in story.timeline()
    ]


def test_export_has_what_the_issue_asks_of_the_seed(seed_export: dict[str, Any]) -> None:
    # Issue 2: both incidents, the four responses, quotes with a via chain.
    assert len(seed_export["incidents"]) == 2
    assert sum(len(i["responses"]) for i in seed_export["incidents"]) == 4
    assert all(r["stance"] for i in seed_export["incidents"] for r in i["responses"])
    assert any(q["via_ref"] for q in seed_export["quotes"])
    assert seed_export["context"]


def test_export_dates_are_objects(seed_export: dict[str, Any]) -> None:
    date = seed_export["incidents"][0]["date"]
    assert set(date) == {
        "text",
        "display",
        "year",
        "month",
        "day",
        "precision",
        "uncertain",
        "approximate",
    }
    assert isinstance(date["uncertain"], bool)


def test_export_keeps_text_exactly_and_escapes_controls(tmp_path: Path) -> None:
    text = "[red]x[/] a [/ b \x1b]52;c;AAAA\x07 \u009b31m \u202eevil ünïcode"
    p = tmp_path / "hostile.yaml"
    p.write_text(GOOD.replace("We did it.", json.dumps(text)), encoding="utf-8")
    proc = run("export", p)
    assert proc.returncode == 0, proc.stderr
    for raw in ("\x1b", "\x07", "\u009b", "\u202e"):
        assert raw not in proc.stdout
    assert "ünïcode" in proc.stdout  # not \u-escaped: ensure_ascii=False
    assert json.loads(proc.stdout)["incidents"][0]["claim"]["text"] == text
    assert "warning" in proc.stderr  # the control characters are reported


def test_export_without_file_uses_local_story(tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text(GOOD, encoding="utf-8")
    proc = run("export", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["story"]["headline"] == "A small story"


def test_export_without_file_uses_bundled_story(tmp_path: Path) -> None:
    proc = run("export", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["story"]["headline"] == load_story(SEED).meta.headline


def test_export_broken_pipe_is_quiet() -> None:
    env = dict(os.environ, PYTHONPATH=str(TUI_PARENT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "export", str(SEED)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=TUI_PARENT,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before anything is written
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=60) == cli.EXIT_BROKEN_PIPE
    assert err == ""


def test_export_piped_into_head() -> None:
    proc = subprocess.run(
        f"{shlex.quote(sys.executable)} -m tui export {shlex.quote(str(SEED))} | head -c 1",
        shell=True,
        cwd=TUI_PARENT,
        env=dict(os.environ, PYTHONPATH=str(TUI_PARENT)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.stdout == "{"
    assert proc.stderr == ""


# -- schema --------------------------------------------------------------------


def test_schema_path() -> None:
    proc = run("schema")
    assert proc.returncode == 0
    path = Path(proc.stdout.strip())
    assert path.name == "story.schema.json"
    assert path.is_file()
    assert path == locate.schema_path()


def test_schema_print() -> None:
    proc = run("schema", "--print")
    assert proc.returncode == 0
    assert proc.stdout == locate.schema_path().read_text(encoding="utf-8")
    assert json.loads(proc.stdout)["type"] == "object"


# -- textual is imported only by the browser ---------------------------------

_PROBE = """\
import sys
from tui.cli import main
code = main(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print("TEXTUAL-MODULES:", len(loaded), file=sys.stderr)
raise SystemExit(code)
"""


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--help"], 0),
        (["--version"], 0),
        (["check", str(SEED)], 0),
        (["check", "--format", "json", str(SEED)], 0),
        (["export", str(SEED)], 0),
        (["schema"], 0),
        (["/nonexistent/story.yaml"], 1),  # the browser fails before importing textual
    ],
)
def test_textual_not_imported(args: list[str], code: int) -> None:
    env = dict(os.environ, PYTHONPATH=str(TUI_PARENT))
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        cwd=TUI_PARENT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == code, proc.stderr
    assert "TEXTUAL-MODULES: 0" in proc.stderr


# -- the browser command, wired to the app --------------------------------------


@pytest.fixture
def app_runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, Any]]]:
    """Replace textual's App.run: record the app and the run() arguments.
    The terminal is a stand-in (stdout), so no real one is needed."""
    from textual.app import App

    from tui.terminal import tty

    calls: list[dict[str, Any]] = []

    def fake_run(self: App[Any], **kwargs: Any) -> None:
        calls.append({"app": self, **kwargs})

    monkeypatch.setattr(App, "run", fake_run)
    monkeypatch.setattr(tty, "find_terminal", lambda: tty.Terminal(0, sys.stdout))
    monkeypatch.setattr(tty, "refuse_term", lambda environ, fd: None)
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)
    yield calls


def test_browse_runs_the_app_with_mouse(app_runs: list[dict[str, Any]]) -> None:
    assert cli.main([str(SEED)]) == 0
    assert len(app_runs) == 1
    assert app_runs[0]["mouse"] is True


def test_browse_no_mouse_and_theme(app_runs: list[dict[str, Any]]) -> None:
    assert cli.main([str(SEED), "--no-mouse", "--theme", "ansi-light"]) == 0
    assert app_runs[0]["mouse"] is False
    assert app_runs[0]["app"].theme == "ansi-light"


def test_browse_theme_from_environment(
    app_runs: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEXTUAL_THEME", "ansi-dark")
    assert cli.main([str(SEED)]) == 0
    assert app_runs[0]["app"].theme == "ansi-dark"


@pytest.mark.parametrize("how", ["option", "environment"])
def test_unknown_theme_is_a_usage_error(how: str) -> None:
    if how == "option":
        proc = run(SEED, "--theme", "no-such-theme")
    else:
        proc = run(SEED, env={"TEXTUAL_THEME": "no-such-theme"})
    assert proc.returncode == 2
    assert "no-such-theme" in proc.stderr
    assert "ansi-dark" in proc.stderr and "textual-dark" in proc.stderr
    assert_no_traceback(proc)


def test_browse_invalid_story_does_not_start_the_app(
    app_runs: list[dict[str, Any]], bad: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main([str(bad)]) == 1
    assert app_runs == []
    assert capsys.readouterr().err.startswith(f"{bad}:{BAD_LINE}:")


def test_keyboard_interrupt_exits_130(
    monkeypatch: pytest.MonkeyPatch, good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import tui.story.load

    def interrupted(path: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(tui.story.load, "check_story", interrupted)
    assert cli.main(["check", str(good)]) == 130
    assert cli.main(["export", str(good)]) == 130
    assert cli.main([str(good)]) == 130
    assert "Traceback" not in capsys.readouterr().err


# -- where the story is found ------------------------------------------------------


def test_default_story_prefers_the_current_directory(tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text(GOOD, encoding="utf-8")
    assert locate.default_story_path(tmp_path) == tmp_path / "story.yaml"


def test_default_story_local_directory_is_not_skipped(tmp_path: Path) -> None:
    # ./story.yaml that is a directory is the user's: the loader reports it.
    (tmp_path / "story.yaml").mkdir()
    assert locate.default_story_path(tmp_path) == tmp_path / "story.yaml"


def test_default_story_falls_back_to_the_bundled_copy(tmp_path: Path) -> None:
    found = locate.default_story_path(tmp_path)
    assert found is not None
    assert found in locate.packaged_story_candidates()
    assert found.read_bytes() == SEED.read_bytes()


# -- the console script ---------------------------------------------------------


def test_console_script_is_installed_and_runs() -> None:
    script = Path(sys.executable).parent / ("storybrowse.exe" if os.name == "nt" else "storybrowse")
    assert script.is_file(), f"{script} is missing: install the package (pip install -e .)"
    proc = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"storybrowse {tui.__version__}"
    # `python -m tui` does the same thing as the script.
    for args in (["--help"], ["check", str(SEED)], ["/nonexistent.yaml"]):
        by_script = subprocess.run(
            [str(script), *args], capture_output=True, text=True, timeout=60, cwd=ROOT
        )
        by_module = run(*args)
        assert (by_script.returncode, by_script.stdout, by_script.stderr) == (
            by_module.returncode,
            by_module.stdout,
            by_module.stderr,
        )


class _Tty:
    """A stderr stand-in that says it is a terminal."""

    def __init__(self, tty: bool = True) -> None:
        self.text = ""
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


def test_loading_message_for_a_big_story_on_a_terminal(tmp_path: Path) -> None:
    big = tmp_path / "big\x1b[31mstory.yaml"  # a hostile name is shown sanitised
    with open(big, "wb") as fh:
        fh.truncate(7 * 1024 * 1024)
    stream = _Tty()
    assert cli.loading_message(str(big), stream)  # type: ignore[arg-type]
    assert stream.text.startswith("Loading big") and "(7.0 MiB)..." in stream.text
    assert "\x1b" not in stream.text and "\n" not in stream.text
    cli.clear_loading_message(stream)  # type: ignore[arg-type]
    assert stream.text.endswith("\r\x1b[K")


def test_no_loading_message_for_small_files_pipes_or_missing_files(tmp_path: Path) -> None:
    small = tmp_path / "small.yaml"
    small.write_text("x" * 1000)
    big = tmp_path / "big.yaml"
    with open(big, "wb") as fh:
        fh.truncate(cli.PROGRESS_BYTES)
    for path, stream in (
        (small, _Tty()),
        (big, _Tty(tty=False)),
        (tmp_path / "missing.yaml", _Tty()),
    ):
        assert not cli.loading_message(str(path), stream)  # type: ignore[arg-type]
        assert stream.text == ""
    assert cli.loading_message(str(big), _Tty())  # type: ignore[arg-type]


def test_a_big_broken_story_prints_its_errors_on_a_clean_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.yaml"
    padding = ("# " + "x" * 97 + "\n") * (cli.PROGRESS_BYTES // 100 + 1)
    broken.write_text(padding + "story: [unclosed\n")
    stream = _Tty()
    monkeypatch.setattr(sys, "stderr", stream)
    assert cli.main([str(broken)]) == cli.EXIT_INVALID
    message, _, rest = stream.text.partition("\r\x1b[K")
    assert message.startswith("Loading broken.yaml (2.0 MiB)...")
    assert rest.startswith(str(broken)) and "invalid YAML" in rest
    assert rest.endswith("\n")  # erased once, before the problems


def test_an_unknown_option_with_an_escape_is_not_echoed_raw() -> None:
    proc = run("--\x1b[31mx")
    assert proc.returncode == 2
    assert "\x1b" not in proc.stderr
    assert "\u241b[31mx" in proc.stderr
