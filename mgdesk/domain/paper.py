"""Which paper a handout is printed on by default: Letter where the locale says so, else A4.

Shared by the command line and the window, so both pick the same paper for the same user.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping

# Territories whose default paper is US Letter (as glibc's LC_PAPER has it); all others A4.
LETTER_TERRITORIES = frozenset(
    {"US", "CA", "MX", "PH", "PR", "CL", "CO", "CR", "GT", "NI", "PA", "SV", "VE"}
)
_LETTER_NAMES = ("united states", "canada", "mexico", "philippines", "puerto rico")


def default_page_size(environ: Mapping[str, str] | None = None) -> str:
    """Letter where the locale's territory uses it (US, Canada, Mexico, …), else A4.

    LC_ALL, then LC_PAPER, then LANG, as POSIX orders them; then the process locale. Letter
    when nothing says where the user is.
    """
    env = os.environ if environ is None else environ
    name = next((env[v] for v in ("LC_ALL", "LC_PAPER", "LANG") if env.get(v)), "")
    if not name:
        try:
            name = locale.getlocale()[0] or ""
        except ValueError:
            name = ""
    territory = _territory(name)
    if territory is None:
        return "letter"
    return "letter" if territory in LETTER_TERRITORIES else "a4"


def _territory(name: str) -> str | None:
    """ "en_US.UTF-8" -> "US"; "English_United States" -> "US"; "C", "POSIX", "" -> None."""
    base = name.split(".")[0].split("@")[0]
    if "_" not in base:
        return None
    region = base.split("_", 1)[1].strip()
    if len(region) == 2 and region.isalpha():
        return region.upper()
    lowered = region.casefold()
    if any(lowered.startswith(country) for country in _LETTER_NAMES):
        return "US"
    return "ZZ" if region else None
