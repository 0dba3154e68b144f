"""What every self-test check shares: the state handed from check to check, and how one fails.

The checks come as plug-in lists (`selftest_content`, `selftest_qt`), each importing only this
module, so that the runner can load them in order and none imports another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mgdesk.store.content_db import ContentDB


class CheckFailed(RuntimeError):
    """A check found the install broken; the message says what is wrong."""


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


@dataclass
class SelfTest:
    """What the checks hand on to each other: the content DB, then the handout's bytes."""

    content: ContentDB | None = None
    pdf: bytes = b""

    @property
    def db(self) -> ContentDB:
        if self.content is None:
            raise CheckFailed("the content DB was not opened")
        return self.content

    def close(self) -> None:
        if self.content is not None:
            self.content.close()


Check = Callable[[SelfTest], str]
