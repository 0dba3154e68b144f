"""Writing a user's file so that a failure never leaves half a file: temporary file, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


@contextlib.contextmanager
def atomic_writer(target: Path) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces `target` only if the block ends without error.

    The temporary file sits beside the target (same file system, so the rename is atomic) and is
    flushed to disk before the rename; on any failure it is removed and `target` is untouched.
    """
    target = Path(target)
    if target.is_dir():
        raise IsADirectoryError(21, "is a folder, not a file", str(target))
    folder = target.parent if str(target.parent) else Path(".")
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            os.chmod(temp, target.stat().st_mode & 0o777)
        else:
            os.chmod(temp, 0o644 & ~_umask())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_atomic(target: Path, data: bytes) -> None:
    with atomic_writer(target) as stream:
        stream.write(data)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
