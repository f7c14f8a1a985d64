"""Which URLs the exports may make links of: ``http`` and ``https`` only.

A story's ``url`` fields are free text; a ``javascript:`` or ``data:`` URL
written as a link in a published timeline or a fact-checking database
would run or load whatever it holds.  One rule, used by ``check`` (a
warning, never an error) and by every export.  Never imports textual.
"""

from __future__ import annotations

from urllib.parse import urlsplit

WEB_SCHEMES = frozenset({"http", "https"})


def is_web_url(url: str) -> bool:
    """True when *url* is an absolute ``http``/``https`` URL with a host,
    exactly as written (no leading space or control character, which a
    browser would strip); False for anything else, ``javascript:...``
    included."""
    if not url or url != url.strip() or any(ord(c) < 0x21 or c == "\x7f" for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.netloc)
