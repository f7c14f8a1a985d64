"""The user's settings: ``$XDG_CONFIG_HOME/storybrowse/config.toml``.

::

    theme = "ansi-dark"          # a Textual theme name

    [keymap]                     # binding id = "key,key"
    "list.down" = "down,j,ctrl+n"
    quit = "q,ctrl+q"

``--config PATH`` names another file (which must then exist); without it a
missing file is no error.  Every problem (TOML syntax, an unknown setting,
an unknown binding id, a bad key, a value of the wrong type) is a
:class:`ConfigError` naming the file and the line.  ``tomllib`` gives no
line for a value, so the line is found by scanning the file's text for the
key.  The theme and binding ids are checked against the lists the caller
passes (:func:`check_config`): this module imports neither textual nor the
browser, except Textual's key names for :func:`key_problem`.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser, from PyPI (a dependency there)
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

CONFIG_NAME = "config.toml"
SETTINGS = ("theme", "keymap")
MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})


class ConfigError(Exception):
    """A problem in the config file; ``str()`` is ``FILE:LINE: message``."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line > 0 else str(path)
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Config:
    """What the file sets: *theme* (None: not set) and *keymap* (binding
    id -> ``"key,key"``).  *path*: the file read (None: there was none);
    *lines*: the line of each setting (``"theme"``, ``"keymap.ID"``)."""

    path: Path | None = None
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


def default_config_path(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_CONFIG_HOME/storybrowse/config.toml``; ``~/.config`` when
    the variable is unset, empty or not absolute (as the XDG spec says)."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CONFIG_HOME", "")
    if not base or not os.path.isabs(base):
        base = os.path.join(env.get("HOME") or os.path.expanduser("~"), ".config")
    return Path(base) / "storybrowse" / CONFIG_NAME


def read_config(path: Path, *, required: bool = False) -> Config:
    """Read the config file at *path*.  A missing file gives an empty
    :class:`Config` unless *required* (``--config``).  Raises
    :class:`ConfigError` for an unreadable file, bad TOML, an unknown
    setting or a value of the wrong type (ids and keys: :func:`check_config`)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        if required:
            raise ConfigError(path, 0, "no such file") from None
        return Config()
    except OSError as exc:
        raise ConfigError(path, 0, f"cannot be read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
        values = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise ConfigError(path, 0, f"not UTF-8 text ({exc.reason})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, _toml_error_line(str(exc)), f"not valid TOML: {exc}") from None
    lines = _setting_lines(text)
    for name in values:
        if name not in SETTINGS:
            from tui.story.suggest import did_you_mean

            raise ConfigError(
                path,
                lines.get(name, 0),
                f"unknown setting {name!r}{did_you_mean(name, SETTINGS)}; "
                f"the settings are: {', '.join(SETTINGS)}",
            )
    theme = values.get("theme")
    if theme is not None and (not isinstance(theme, str) or not theme):
        raise ConfigError(
            path, lines.get("theme", 0), 'theme must be a name in quotes: "ansi-dark"'
        )
    keymap = values.get("keymap", {})
    if not isinstance(keymap, dict):
        raise ConfigError(
            path, lines.get("keymap", 0), 'keymap must be a table: [keymap] then id = "keys"'
        )
    for binding_id, keys in keymap.items():
        line = next((n for k, n in lines.items() if k.startswith(f"keymap.{binding_id}")), 0)
        if isinstance(keys, dict):
            dotted = f"{binding_id}.{next(iter(keys), '')}"
            raise ConfigError(
                path, line, f'keymap: write an id with a dot in quotes: "{dotted}" = "key,key"'
            )
        if not isinstance(keys, str):
            raise ConfigError(
                path, line, f'keymap: the keys of {binding_id!r} must be text in quotes: "key,key"'
            )
    return Config(path, theme, dict(keymap), lines)


def check_config(config: Config, *, binding_ids: Collection[str], themes: Collection[str]) -> None:
    """Raise :class:`ConfigError` if *config*'s theme is not one of *themes*,
    a keymap id is not one of *binding_ids*, or a key is not one Textual
    knows (see :func:`key_problem`)."""
    if config.path is None:
        return
    path = config.path
    if config.theme is not None and config.theme not in themes:
        raise ConfigError(
            path,
            config.lines.get("theme", 0),
            f"unknown theme {config.theme!r}; valid themes: {', '.join(sorted(themes))}",
        )
    for binding_id, keys in config.keymap.items():
        line = config.lines.get(f"keymap.{binding_id}", 0)
        if binding_id not in binding_ids:
            from tui.story.suggest import close_matches

            close = close_matches(binding_id, sorted(binding_ids), n=3)
            hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
            raise ConfigError(
                path,
                line,
                f"keymap: no key binding has the id {binding_id!r}{hint}; "
                "`storybrowse --help` lists every id",
            )
        for key in keys.split(","):
            problem = key_problem(key.strip())
            if problem is not None:
                raise ConfigError(path, line, f"keymap: {binding_id}: {problem}")


def key_problem(key: str) -> str | None:
    """Why *key* (``ctrl+n``, ``j``, ``question_mark``, ``?``, ``f5``) is not
    a key Textual can bind, or None if it is."""
    from textual.keys import KEY_NAME_REPLACEMENTS, Keys, _get_unicode_name_from_key

    if not key:
        return "an empty key (two commas, or one at the end?)"
    *modifiers, base = key.split("+") if len(key) > 1 else [key]
    for modifier in modifiers:
        if modifier not in MODIFIERS:
            return (
                f"{key!r}: {modifier!r} is not a modifier "
                f"(the modifiers are {', '.join(sorted(MODIFIERS))})"
            )
    if not base:
        return f"{key!r} has no key after the '+'"
    if len(base) == 1:
        return None if base.isprintable() and not base.isspace() else f"{key!r} is not a key"
    names = {k.value for k in Keys} | set(KEY_NAME_REPLACEMENTS.values())
    if base in names:
        return None
    import unicodedata

    try:
        character = unicodedata.lookup(_get_unicode_name_from_key(base))
    except KeyError:
        character = ""
    if len(character) == 1 and character.isprintable():
        return None
    return (
        f"{key!r} is not a key name (keys are written like j, G, ?, enter, escape, tab, "
        "space, up, pagedown, home, f5, ctrl+n, shift+tab)"
    )


_KEY_LINE = re.compile(r"""^\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_.-]+))\s*=""")
_TABLE_LINE = re.compile(r"""^\s*\[\s*([A-Za-z0-9_-]+|"[^"]*")\s*\]""")


def _setting_lines(text: str) -> dict[str, int]:
    """The line of each top-level setting (``theme``) and table
    (``keymap``), and of each key inside a table (``keymap.ID``), found by
    scanning *text*: tomllib keeps no lines.  Dotted keys at the top level
    (``keymap.quit = "q"``) are found too."""
    lines: dict[str, int] = {}
    table = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        heading = _TABLE_LINE.match(raw)
        if heading:
            table = heading.group(1).strip('"')
            lines.setdefault(table, number)
            continue
        found = _KEY_LINE.match(raw)
        if not found:
            continue
        name = next(g for g in found.groups() if g is not None)
        full = f"{table}.{name}" if table else name
        lines.setdefault(full, number)
        lines.setdefault(full.split(".", 1)[0], number)
    return lines


def _toml_error_line(message: str) -> int:
    """The line tomllib names in *message* (``(at line 3, column 5)``), or 0."""
    found = re.search(r"line (\d+)", message)
    return int(found.group(1)) if found else 0
