"""How a saved id the reference content no longer has is shown: kept, named, never dropped.

A content pack may retire a symptom or form that an old visit or journal entry names; the
user's record stays as it was and reads "no longer in the reference" where the name would be.
"""

from __future__ import annotations

from collections.abc import Mapping

NO_LONGER = "no longer in the reference"


def retired_label(ident: str) -> str:
    return f"{ident} ({NO_LONGER})"


def shown_name(names: Mapping[str, str], ident: str) -> str:
    """The content's name for `ident`, or the id marked as no longer in the reference."""
    name = names.get(ident)
    return name if name else retired_label(ident)
