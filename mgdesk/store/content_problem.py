"""One defect in the reference content, as every check of the content build reports it.

Its own module so that the checks the loader runs (reading grade, glossary) can name it
without importing the loader that imports them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One defect in the content: where it is and what is wrong."""

    file: str
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}.toml" + (f": {self.key}" if self.key else "")
        return f"{where}: {self.message}"
