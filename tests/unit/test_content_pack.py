"""Signed content packs: the done-when round trip, and every kind of refusal changing nothing."""

from __future__ import annotations

import json
import os
import random
import shutil
import struct
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from mgdesk.cli import main
from mgdesk.store import content_install, content_pack
from mgdesk.store.content_db import ContentDB, ensure_built
from mgdesk.store.content_pack import MAX_PACK_BYTES, PackError, encode, read_members
from tests.unit import pack_helpers as helpers


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return helpers.new_key()


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return helpers.edited_source(tmp_path_factory.mktemp("pack") / "content")


@pytest.fixture(scope="module")
def good(key: Ed25519PrivateKey, source: Path) -> bytes:
    return helpers.pack_bytes(key, source)


@pytest.fixture(autouse=True)
def trusted(key: Ed25519PrivateKey, data_dir: Path) -> Path:
    return helpers.trust(key, data_dir)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def as_json(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    code, out, err = run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def state_of(data_dir: Path) -> dict[str, bytes]:
    """Every byte of the content in use: the bundled DB and all of the data folder's content/."""
    found = {"bundled": ensure_built().read_bytes()}
    folder = data_dir / "content"
    if folder.is_dir():
        found.update({str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()})
    return found


def fosamax_advice(capsys: pytest.CaptureFixture[str]) -> str:
    document = as_json(capsys, "interactions", "Fosamax")
    assert isinstance(document, list)
    return str(document[0]["advice"])


def study_grade(capsys: pytest.CaptureFixture[str], ident: str) -> str:
    studies = as_json(capsys, "list", "studies")
    assert isinstance(studies, list)
    return str(next(s["grade"] for s in studies if s["id"] == ident))


def search_ids(capsys: pytest.CaptureFixture[str], query: str) -> list[str]:
    hits = as_json(capsys, "search", query)
    assert isinstance(hits, list)
    return [h["id"] for h in hits if h.get("kind") != "suggestion"]


def test_install_changes_the_answers_and_rollback_restores_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, good: bytes
) -> None:
    dose_args = (
        "dose",
        "--age",
        "40",
        "--sex",
        "female",
        "--form",
        "glycinate",
        "--elemental-mg",
        "200",
    )
    before = (
        fosamax_advice(capsys),
        study_grade(capsys, helpers.GRADE_STUDY),
        search_ids(capsys, helpers.ADVICE_WORD),
        as_json(capsys, *dose_args),
    )
    assert helpers.ADVICE_WORD not in before[0]
    assert "bisphosphonates" not in before[2]
    pack = tmp_path / "new.mgpack"
    pack.write_bytes(good)

    code, out, err = run(capsys, "content", "install", str(pack))
    assert code == 0, err
    assert helpers.ADVICE_WORD in fosamax_advice(capsys)
    assert study_grade(capsys, helpers.GRADE_STUDY) == "D" != before[1]
    assert "bisphosphonates" in search_ids(capsys, helpers.ADVICE_WORD)
    assert as_json(capsys, *dose_args) == before[3]  # dose answers from the pack, unchanged
    status = as_json(capsys, "content", "status")
    assert isinstance(status, dict)
    assert status["content_version"] == helpers.NEW_VERSION
    assert status["origin"] == "installed"
    assert status["key_id"] == status["trusted_keys"][0]["key_id"]

    code, _, err = run(capsys, "content", "rollback")
    assert code == 0, err
    after = (
        fosamax_advice(capsys),
        study_grade(capsys, helpers.GRADE_STUDY),
        search_ids(capsys, helpers.ADVICE_WORD),
        as_json(capsys, *dose_args),
    )
    assert after == before
    status = as_json(capsys, "content", "status")
    assert isinstance(status, dict) and status["origin"] == "bundled"


def test_verify_json_lists_exactly_the_two_changes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, good: bytes
) -> None:
    pack = tmp_path / "new.mgpack"
    pack.write_bytes(good)
    document = as_json(capsys, "content", "verify", str(pack))
    assert isinstance(document, dict)
    changes = {(c["kind"], c["id"], c["change"]) for c in document["changes"]}
    assert changes == {("group", "bisphosphonates", "changed"), ("study", "bagis-2013", "grade")}
    grade = next(c for c in document["changes"] if c["change"] == "grade")
    assert grade["detail"] == "grade C → D"


def test_self_test_names_the_installed_content(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, good: bytes
) -> None:
    pack = tmp_path / "new.mgpack"
    pack.write_bytes(good)
    assert run(capsys, "content", "install", str(pack))[0] == 0
    from mgdesk.commands.selfcheck import SelfTest
    from mgdesk.commands.selftest_content import check_content_db

    state = SelfTest()
    try:
        line = check_content_db(state)
    finally:
        state.close()
    assert f"content {helpers.NEW_VERSION} (installed pack" in line


def test_rollback_goes_to_the_previous_installed_pack_and_downgrades_are_refused(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    key: Ed25519PrivateKey,
    good: bytes,
    data_dir: Path,
) -> None:
    first = tmp_path / "first.mgpack"
    first.write_bytes(good)
    newer = tmp_path / "newer.mgpack"
    src = helpers.edited_source(tmp_path / "src2", version="2026.12.2")
    newer.write_bytes(helpers.pack_bytes(key, src))
    assert run(capsys, "content", "install", str(first))[0] == 0
    assert run(capsys, "content", "install", str(newer))[0] == 0
    before = state_of(data_dir)
    code, _, err = run(capsys, "content", "install", str(first))
    assert code == 2 and "not newer" in err and err.count("\n") == 1
    assert state_of(data_dir) == before
    assert run(capsys, "content", "rollback")[0] == 0
    status = as_json(capsys, "content", "status")
    assert isinstance(status, dict)
    assert (status["content_version"], status["origin"]) == (helpers.NEW_VERSION, "installed")


def _replace_member(pack: bytes, index: int, data: bytes) -> bytes:
    members = read_members(pack)
    members[index] = data
    return encode(*members)


def _renamed(pack: bytes, name: str) -> bytes:
    """The pack with its DB member renamed (the sizes kept right)."""
    old = b"content.sqlite"
    at = pack.index(old)
    length = struct.pack(">H", len(name.encode()))
    return pack[: at - 2] + length + name.encode() + pack[at + len(old) :]


def _flip(pack: bytes, at: int) -> bytes:
    return pack[:at] + bytes([pack[at] ^ 0x01]) + pack[at + 1 :]


def _bad_packs(key: Ed25519PrivateKey, source: Path, good: bytes, tmp: Path) -> dict[str, bytes]:
    stranger = helpers.new_key()
    invalid = tmp / "invalid"
    shutil.copytree(source, invalid)
    symptoms = invalid / "symptoms.toml"
    symptoms.write_text(
        symptoms.read_text(encoding="utf-8").replace('"bagis-2013"', '"no-such-study"', 1),
        encoding="utf-8",
    )
    from mgdesk.store.content_pack import sources_blob

    members = read_members(good)
    other_db = ensure_built().read_bytes()
    unmatched = content_pack.make_pack(
        key, other_db, members[3], helpers.NEW_VERSION, "2026-12-01", "x"
    )
    return {
        "truncated": good[: len(good) // 2],
        "flipped in the header": _flip(good, 3),
        "flipped in the manifest": _flip(good, 40),
        "flipped in the signature": _flip(good, good.index(b"signature") + 20),
        "flipped in the DB": _flip(good, len(good) // 2),
        "flipped at the end": _flip(good, len(good) - 2),
        "untrusted key": helpers.pack_bytes(stranger, source),
        "digest mismatch": _replace_member(good, 2, other_db),
        "schema newer": helpers.pack_bytes(key, source, content_schema=99),
        "app too old": helpers.pack_bytes(key, source, min_mgdesk_version="99.0"),
        "older version": helpers.pack_bytes(
            key, helpers.edited_source(tmp / "old", version="2000.1.1")
        ),
        "dot-dot member": _renamed(good, "../content.sqlite"),
        "absolute member": _renamed(good, "/etc/content.sqlite"),
        "unknown member": _renamed(good, "evil.sqlite"),
        "fails validation": content_pack.make_pack(
            key,
            read_members(helpers.pack_bytes(key, source))[2],
            sources_blob(invalid),
            helpers.NEW_VERSION,
            "2026-12-01",
            "x",
        ),
        "DB not built from its sources": unmatched,
        "trailing bytes": good + b"\0",
    }


BAD_MESSAGES = {
    "truncated": "truncated",
    "flipped in the header": "header",
    "flipped in the manifest": "signature does not match",
    "flipped in the signature": "signature does not match",
    "flipped in the DB": "does not match the digest",
    "flipped at the end": "do not match the digest",
    "untrusted key": "does not trust",
    "digest mismatch": "does not match the digest",
    "schema newer": "newer than this mgdesk reads",
    "app too old": "needs mgdesk 99.0",
    "older version": "not newer",
    "dot-dot member": "path outside the pack",
    "absolute member": "path outside the pack",
    "unknown member": "unknown or misplaced member",
    "fails validation": "fails validation",
    "DB not built from its sources": "not what its sources build to",
    "trailing bytes": "after its last member",
}


@pytest.fixture(scope="module")
def bad_packs(
    key: Ed25519PrivateKey, source: Path, good: bytes, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, bytes]:
    return _bad_packs(key, source, good, tmp_path_factory.mktemp("bad"))


@pytest.mark.parametrize("installed_first", [False, True], ids=["bundled", "installed"])
@pytest.mark.parametrize("case", sorted(BAD_MESSAGES))
def test_every_bad_pack_is_refused_in_one_line_and_changes_nothing(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    data_dir: Path,
    key: Ed25519PrivateKey,
    bad_packs: dict[str, bytes],
    case: str,
    installed_first: bool,
) -> None:
    if installed_first:
        src = helpers.edited_source(tmp_path / "first", version="2026.11.5", two_changes=False)
        first = tmp_path / "first.mgpack"
        first.write_bytes(helpers.pack_bytes(key, src))
        assert run(capsys, "content", "install", str(first))[0] == 0
    pack = tmp_path / "bad.mgpack"
    pack.write_bytes(bad_packs[case])
    before = state_of(data_dir)
    for action in ("verify", "install"):
        code, out, err = run(capsys, "content", action, str(pack))
        assert code == 2, (case, err)
        assert err.count("\n") == 1 and "Traceback" not in err
        assert BAD_MESSAGES[case] in err, err
        assert out == ""
    assert state_of(data_dir) == before


def test_a_pack_far_larger_than_any_real_one_is_refused_before_it_is_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    huge = tmp_path / "huge.mgpack"
    with huge.open("wb") as stream:
        stream.truncate(MAX_PACK_BYTES * 4)  # sparse: nothing is really written or read
    before = state_of(data_dir)
    code, _, err = run(capsys, "content", "install", str(huge))
    assert code == 2 and "more than any content pack can be" in err
    assert state_of(data_dir) == before


def test_a_member_claiming_a_huge_size_is_refused_before_reading_it(good: bytes) -> None:
    at = good.index(b"content.sqlite") + len(b"content.sqlite")
    lying = good[:at] + struct.pack(">I", 0xFFFFFFF0) + good[at + 4 :]
    with pytest.raises(PackError, match="more than allowed"):
        read_members(lying)


def test_a_thousand_random_byte_flips_are_all_refused(good: bytes, tmp_path: Path) -> None:
    rng = random.Random(15)
    target = tmp_path / "flipped.mgpack"
    accepted = []
    for _ in range(1000):
        data = bytearray(good)
        at = rng.randrange(len(data))
        data[at] ^= rng.randrange(1, 256)
        target.write_bytes(bytes(data))
        try:
            content_pack.open_pack(target)
        except PackError:
            continue
        accepted.append(at)
    assert accepted == []


def test_a_damaged_installed_pack_is_set_aside_and_the_bundled_content_used(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, good: bytes, data_dir: Path
) -> None:
    pack = tmp_path / "new.mgpack"
    pack.write_bytes(good)
    assert run(capsys, "content", "install", str(pack))[0] == 0
    installed = data_dir / "content" / f"{helpers.NEW_VERSION}.sqlite"
    with installed.open("ab") as stream:
        stream.write(b"garbage")
    db = ContentDB.open_default()
    try:
        assert db.path == ensure_built()
        assert db.meta.content_version != helpers.NEW_VERSION
    finally:
        db.close()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "was changed on disk" in err
    assert not installed.exists()
    assert any((data_dir / "content" / "damaged").iterdir())
    ContentDB.open_default().close()
    assert capsys.readouterr().err == ""  # said once


def test_an_installed_pack_copied_with_a_new_time_but_the_same_bytes_is_kept(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, good: bytes, data_dir: Path
) -> None:
    pack = tmp_path / "new.mgpack"
    pack.write_bytes(good)
    assert run(capsys, "content", "install", str(pack))[0] == 0
    installed = data_dir / "content" / f"{helpers.NEW_VERSION}.sqlite"
    stat = installed.stat()
    os.utime(installed, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    db = ContentDB.open_default()
    try:
        assert db.meta.content_version == helpers.NEW_VERSION
    finally:
        db.close()
    assert capsys.readouterr().err == ""
    assert content_install.read_state()[-1].mtime_ns == stat.st_mtime_ns + 10**9


def test_an_installed_pack_changed_in_place_is_set_aside(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, good: bytes, data_dir: Path
) -> None:
    pack = tmp_path / "new.mgpack"
    pack.write_bytes(good)
    assert run(capsys, "content", "install", str(pack))[0] == 0
    installed = data_dir / "content" / f"{helpers.NEW_VERSION}.sqlite"
    data = bytearray(installed.read_bytes())
    data[5000] ^= 0xFF
    installed.write_bytes(bytes(data))
    db = ContentDB.open_default()
    try:
        assert db.path == ensure_built()
    finally:
        db.close()
    assert "was changed on disk" in capsys.readouterr().err
    assert content_install.read_state() == []


def test_pack_command_signs_what_verify_accepts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, key: Ed25519PrivateKey, source: Path
) -> None:
    keyfile = helpers.write_private(key, tmp_path / "release.pem")
    out = tmp_path / "made.mgpack"
    code, _, err = run(
        capsys, "content", "pack", "--key", str(keyfile), "-o", str(out), "--source", str(source)
    )
    assert code == 0, err
    document = as_json(capsys, "content", "verify", str(out))
    assert isinstance(document, dict) and document["content_version"] == helpers.NEW_VERSION
    assert document["key_origin"] == "user"


def test_pack_command_refuses_a_key_that_is_not_an_ed25519_private_key(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, trusted: Path
) -> None:
    code, _, err = run(capsys, "content", "pack", "--key", str(trusted), "-o", str(tmp_path / "x"))
    assert code == 2 and err.count("\n") == 1
    assert not (tmp_path / "x").exists()


def test_status_lists_every_trusted_key_and_ignores_a_file_that_is_not_one(
    capsys: pytest.CaptureFixture[str], data_dir: Path, key: Ed25519PrivateKey
) -> None:
    helpers.trust(helpers.new_key(), data_dir, "second.pub")
    (data_dir / "keys" / "junk.pub").write_text("not a key")
    status = as_json(capsys, "content", "status")
    assert isinstance(status, dict)
    assert [k["path"].rsplit("/", 1)[1] for k in status["trusted_keys"]] == [
        "second.pub",
        "test.pub",
    ]
    assert status["origin"] == "bundled" and status["installed"] == []
