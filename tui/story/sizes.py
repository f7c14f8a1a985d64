"""Sizes in bytes, as people read them: the one size formatter.

Binary units (KiB, MiB, GiB: powers of 1024), because the limits people are
told about are set in them (a story file may hold at most 32 MiB).  Never
imports textual.
"""

from __future__ import annotations

_UNITS = ((1024**3, "GiB"), (1024**2, "MiB"), (1024, "KiB"))


def size_label(n: int) -> str:
    """``"512 bytes"``, ``"1.5 KiB"``, ``"16.0 MiB"``, ``"2.0 GiB"``: *n* bytes
    with one decimal in the largest binary unit it reaches."""
    for factor, unit in _UNITS:
        if n >= factor:
            return f"{n / factor:.1f} {unit}"
    return f"{n} bytes"
