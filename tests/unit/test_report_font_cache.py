"""The handout's font tables cached between processes: the same font either way, and a cache
that is missing, damaged or unwritable only costs time."""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from mgdesk import paths
from mgdesk.report import font_cache
from mgdesk.report.font_cache import load_font

FONT = paths.resource("fonts", "NotoSans-Italic.ttf")
SAMPLE = "Zoë Ångström-Nguyễn, magnesium 350 mg (Ελληνικά, Кириллица) ≈ [3–5]"


def face_state(font: TTFont) -> dict[str, Any]:
    return {k: v for k, v in vars(font.face).items() if k not in ("_pdfScale", "_pos")}


def font_state(font: TTFont) -> dict[str, Any]:
    skip = ("face", "state", "encoding", "_widths")
    return {k: v for k, v in vars(font).items() if k not in skip}


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.marshal")) if folder.is_dir() else []


def test_the_second_load_comes_from_the_cache_and_is_the_same_font(tmp_path: Path) -> None:
    parsed = TTFont("Parsed", str(FONT))
    first = load_font("Cached", FONT, tmp_path)
    assert len(cache_files(tmp_path)) == 1
    second = load_font("Cached", FONT, tmp_path)

    assert not isinstance(first, font_cache._CachedFont)
    assert isinstance(second, font_cache._CachedFont)
    assert face_state(second) == face_state(parsed)
    # Every attribute TTFont.__init__ sets, set alike: fails if reportlab adds one.
    assert font_state(second) == font_state(first)
    assert vars(second).keys() - {"_widths"} == vars(parsed).keys()
    assert second.stringWidth(SAMPLE, 9.5) == parsed.stringWidth(SAMPLE, 9.5)
    # The glyphs embedded in the PDF: the same bytes.
    codes = sorted({ord(ch) for ch in SAMPLE})
    assert second.face.makeSubset(codes) == parsed.face.makeSubset(codes)


@pytest.mark.parametrize(
    "damage",
    [b"", b"not marshal at all", b"\x00" * 40, marshal.dumps({"charToGlyph": 1})],
)
def test_a_damaged_cache_is_parsed_again_and_replaced(tmp_path: Path, damage: bytes) -> None:
    load_font("Cached", FONT, tmp_path)
    [cache] = cache_files(tmp_path)
    cache.write_bytes(damage)

    font = load_font("Cached", FONT, tmp_path)

    assert not isinstance(font, font_cache._CachedFont)
    assert face_state(font) == face_state(TTFont("Parsed", str(FONT)))
    assert isinstance(load_font("Cached", FONT, tmp_path), font_cache._CachedFont)


def test_a_changed_font_file_is_not_read_from_an_old_cache(tmp_path: Path) -> None:
    copy = tmp_path / "font" / FONT.name
    copy.parent.mkdir()
    copy.write_bytes(FONT.read_bytes())
    load_font("Cached", copy, tmp_path / "cache")
    stat = copy.stat()
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))

    assert not isinstance(load_font("Cached", copy, tmp_path / "cache"), font_cache._CachedFont)
    assert len(cache_files(tmp_path / "cache")) == 2


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions")
def test_an_unwritable_cache_folder_still_gives_the_font(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        font = load_font("Cached", FONT, folder)
    finally:
        folder.chmod(0o700)
    assert face_state(font) == face_state(TTFont("Parsed", str(FONT)))
    assert cache_files(folder) == []


def test_a_cache_folder_that_is_a_file_still_gives_the_font(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("in the way")
    font = load_font("Cached", FONT, blocker)
    assert face_state(font) == face_state(TTFont("Parsed", str(FONT)))


def test_without_a_cache_folder_the_font_is_parsed(tmp_path: Path) -> None:
    font = load_font("Plain", FONT, None)
    assert not isinstance(font, font_cache._CachedFont)
    assert face_state(font) == face_state(TTFont("Parsed", str(FONT)))


@pytest.mark.parametrize("cache", [True, False])
def test_widths_are_remembered_and_right(tmp_path: Path, cache: bool) -> None:
    load_font("Cached", FONT, tmp_path)
    font = load_font("Cached", FONT, tmp_path if cache else None)
    parsed = TTFont("Parsed", str(FONT))
    words = [*SAMPLE.split(), *SAMPLE.split(), SAMPLE, ""]
    for size in (7.4, 9.5, 17):
        assert [font.stringWidth(w, size) for w in words] == [
            parsed.stringWidth(w, size) for w in words
        ]
    assert len(font._widths) == 3 * (len(set(SAMPLE.split())) + 2)


def test_the_cache_folder_follows_the_data_folder_override(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert paths.cache_dir() == data_dir / "cache"
    monkeypatch.delenv("MGDESK_DATA_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    if os.name == "posix" and os.uname().sysname == "Linux":
        assert paths.cache_dir() == tmp_path / "xdg-cache" / "mgdesk"


def test_the_width_memory_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(font_cache, "_MAX_WIDTHS", 5)
    font = load_font("Plain", FONT, None)
    for count in range(1, 40):
        assert font.stringWidth("m" * count, 10) == count * font.stringWidth("m", 10)
        assert len(font._widths) <= 5
