"""TrueType faces for reportlab, with what it reads from each file cached between processes
and the width of each word cached within one.

Loading a face, reportlab walks its character map, advance widths and glyph offsets in Python:
about 10 ms a face here, three faces a handout, more than laying out a page. What it reads
depends only on the font file and the reportlab version, so the first load keeps it in the
cache folder (marshal: plain dicts, lists and numbers, nothing executable), keyed by both, and
a later process reads only the file's header and takes those tables from the cache, as a font
cache of the desktop does. The cache can make a handout faster, never different: whatever is
wrong with it (missing, stale, unreadable, unwritable, not the expected shape) means the face
is parsed from the file as before.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace, TTFontFile

# Bumped when what is cached changes shape.
_FORMAT = 1
_MAX_WIDTHS = 100_000
# Set on every face whatever it holds, or not data read from the file.
_NOT_CACHED = frozenset({"_pdfScale", "_ttf_data", "_pos", "filename"})


class _Font(TTFont):  # type: ignore[misc]
    """A TTFont that remembers the width of each word it has measured.

    Line breaking measures every word of every paragraph, in Python, character by character;
    a handout has about 13,000 such measurements of 2,800 different words.
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._widths: dict[tuple[str, float, str], float] = {}

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:  # noqa: N802
        key = (text, size, encoding)
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) >= _MAX_WIDTHS:  # a long session in the window
                self._widths.clear()
            width = self._widths[key] = super().stringWidth(text, size, encoding)
        return width


def load_font(name: str, path: Path, cache_dir: Path | None) -> TTFont:
    """The face at `path` as a reportlab font named `name`, from the cache when it can be."""
    if cache_dir is None:
        return _Font(name, str(path))
    cache = cache_dir / _cache_name(path)
    tables = _read(cache)
    if tables is not None:
        font = _CachedFont(name, path, tables)
        if font.face.charWidths:
            return font
    font = _Font(name, str(path))
    _write(cache, _tables(font.face, path))
    return font


class _CachedFont(_Font):
    """A TTFont whose face read only the file's header; the rest comes from the cache.

    The attributes are those TTFont.__init__ sets (a test compares the two whole).
    """

    def __init__(self, name: str, path: Path, tables: dict[str, Any]) -> None:
        face = _header_only(path)
        vars(face).update(tables)
        self.fontName = name
        self.face = face
        self.encoding = TTEncoding()
        self.state: WeakKeyDictionary[Any, Any] = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        unshaped = rl_config.unShapedFontGlob or ()
        self.shapable = not any(fnmatch(name, pattern) for pattern in unshaped)
        self._widths = {}


def _header_only(path: Path) -> TTFontFace:
    """A face with the file's names and metrics but no character tables (charInfo=0)."""
    face = TTFontFace.__new__(TTFontFace)
    pdfmetrics.TypeFace.__init__(face, None)
    TTFontFile.__init__(face, str(path), charInfo=0)
    return face


def _tables(face: TTFontFace, path: Path) -> dict[str, Any]:
    """What a full parse holds that a header-only one lacks."""
    header = vars(_header_only(path))
    return {
        key: value
        for key, value in vars(face).items()
        if key not in _NOT_CACHED and (key not in header or header[key] != value)
    }


def _cache_name(path: Path) -> str:
    stat = path.stat()
    key = "|".join(
        str(part)
        for part in (_FORMAT, reportlab.Version, marshal.version, path.name)
        + (stat.st_size, stat.st_mtime_ns)
    )
    return f"{path.stem}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.marshal"


def _read(cache: Path) -> dict[str, Any] | None:
    try:
        tables = marshal.loads(cache.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(tables, dict) or not all(isinstance(k, str) for k in tables):
        return None
    expected = {"charToGlyph": dict, "charWidths": dict, "glyphPos": list, "hmetrics": list}
    if not all(isinstance(tables.get(k), kind) for k, kind in expected.items()):
        return None
    return tables


def _write(cache: Path, tables: dict[str, Any]) -> None:
    """Keep the tables for the next process; a cache that cannot be written is no error."""
    try:
        data = marshal.dumps(tables)
    except ValueError:  # something reportlab holds that marshal cannot: do without the cache
        return
    try:
        cache.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=cache.parent, prefix=".font-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, cache)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return
