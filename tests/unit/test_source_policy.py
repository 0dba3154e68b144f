"""Sources a clinician can trust: the build refuses a mirror, a vendor, an encyclopedia or an
unknown kind of publisher, naming file and key; the shipped content has none; and every DOI
or PMID is printed on the handout's reference list."""

from __future__ import annotations

import io
import re
import shutil
import tomllib
from pathlib import Path

import pypdf
import pytest

from mgdesk import paths
from mgdesk.domain.catalog import resolve_visit
from mgdesk.domain.content import PUBLISHER_KINDS, Source, Study
from mgdesk.domain.visit import VisitPlan
from mgdesk.report.handout import write_handout
from mgdesk.store.content_load import ContentError, denied_host, load_content

SOURCE = paths.content_source_dir()
assert SOURCE is not None
GOOD = """
[[source]]
id = "new-source"
title = "A page"
publisher = "Someone"
publisher_kind = "government"
year = 2026
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(SOURCE, target)
    return target


def add_source(folder: Path, text: str) -> None:
    with (folder / "sources.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n" + text.strip() + "\n")


def problems(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    return [str(p) for p in caught.value.problems]


def the_new_source_problems(folder: Path) -> list[str]:
    """The problems the build reports, each of which must name the file and the new entry."""
    count = len(tomllib.loads((folder / "sources.toml").read_text())["source"]) - 1
    found = problems(folder)
    assert found, "the build accepted a bad source"
    where = f"sources.toml: source[{count}]."
    assert all(p.startswith(where) for p in found), found
    return found


def test_a_good_source_is_accepted(folder: Path) -> None:
    add_source(folder, GOOD)
    assert any(s.id == "new-source" for s in load_content(folder).sources)


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://docslib.org/doc/1/magnesium", "docslib.org"),  # a mirror
        ("https://issuhub.com/view/index?id=1", "issuhub.com"),  # a mirror
        ("http://dotfit.com/content.aspx?id=1", "dotfit.com"),  # a vendor
        ("https://ntro.it.com/what-is-the-limit", "ntro.it.com"),  # a vendor
        ("https://vazzello.com/numbers/", "vazzello.com"),  # a vendor
        ("https://en.wikipedia.org/wiki/Magnesium", "wikipedia.org"),  # an encyclopedia
        ("HTTPS://EN.M.WIKIPEDIA.ORG/wiki/Magnesium", "wikipedia.org"),  # any subdomain, any case
    ],
)
def test_a_denied_host_is_refused(folder: Path, url: str, host: str) -> None:
    add_source(folder, GOOD + f'url = "{url}"\n')
    found = the_new_source_problems(folder)
    assert len(found) == 1
    assert found[0].startswith("sources.toml: source[") and ".url: " in found[0]
    assert f"{host} is a mirror, vendor or encyclopedia" in found[0]


def test_a_lookalike_host_is_not_denied() -> None:
    assert denied_host("https://notwikipedia.org/x", ["wikipedia.org"]) == ""
    assert denied_host("https://ods.od.nih.gov/factsheets/", ["wikipedia.org"]) == ""


@pytest.mark.parametrize("kind", ["website", "blog", "encyclopedia", "Journal", ""])
def test_an_unknown_publisher_kind_is_refused(folder: Path, kind: str) -> None:
    add_source(folder, GOOD.replace('"government"', f'"{kind}"'))
    found = the_new_source_problems(folder)
    assert len(found) == 1 and ".publisher_kind: " in found[0]
    if kind:
        assert f"'{kind}' is not one of: government, journal" in found[0]
    else:
        assert "must not be empty" in found[0]


def test_a_missing_publisher_kind_is_refused(folder: Path) -> None:
    add_source(folder, GOOD.replace('publisher_kind = "government"\n', ""))
    found = the_new_source_problems(folder)
    assert found == [f"{found[0].split('.publisher_kind')[0]}.publisher_kind: is missing"]


def test_mgdesk_kind_is_only_for_the_projects_own_work(folder: Path) -> None:
    add_source(folder, GOOD.replace('"government"', '"mgdesk"') + 'url = "https://x.org/"\n')
    found = the_new_source_problems(folder)
    assert len(found) == 1 and "'mgdesk' is for the project's own calculations" in found[0]


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ('doi = "doi:10.17226/5776"', "doi"),
        ('doi = "https://doi.org/10.17226/5776"', "doi"),
        ('pmid = "PMID 22271372"', "pmid"),
        ('url = "docslib.org/doc/1"', "url"),
    ],
)
def test_an_identifier_or_url_of_the_wrong_shape_is_refused(
    folder: Path, line: str, key: str
) -> None:
    add_source(folder, GOOD + line + "\n")
    found = the_new_source_problems(folder)
    assert len(found) == 1 and f".{key}: " in found[0]


def test_the_deny_list_is_required_data(folder: Path) -> None:
    path = folder / "sources.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"denied_hosts = \[[^\]]*\]\n", "", text), encoding="utf-8")
    assert "sources.toml: sources.denied_hosts: is missing" in problems(folder)


# ----- the shipped content


def test_the_shipped_sources_are_all_primary() -> None:
    raw = tomllib.loads((SOURCE / "sources.toml").read_text(encoding="utf-8"))
    denied = raw["denied_hosts"]
    for host in ("docslib.org", "issuhub.com", "ntro.it.com", "dotfit.com", "vazzello.com"):
        assert host in denied
    assert "wikipedia.org" in denied
    content = load_content(SOURCE)
    assert content.sources
    for source in content.sources:
        assert source.publisher_kind in PUBLISHER_KINDS, source.id
        assert not denied_host(source.url, denied), source.id
        assert "wikipedia" not in f"{source.publisher} {source.url}".lower(), source.id


def test_the_shipped_content_cites_each_report_by_its_doi() -> None:
    content = load_content(SOURCE)
    by_id = {s.id: s for s in content.sources}
    assert by_id["iom-1997"].doi == "10.17226/5776"
    assert (by_id["case-2020"].doi, by_id["case-2020"].pmid) == (
        "10.3390/molecules25143172",
        "32664540",
    )
    assert all("doi:" not in s.note and "PMID" not in s.note for s in content.sources)


# ----- the handout's reference list


def _references(content, document: dict[str, object]) -> tuple[str, list[Source | Study]]:
    plan = resolve_visit(VisitPlan.from_dict(document), content)
    stream = io.BytesIO()
    write_handout(plan, content, stream)
    reader = pypdf.PdfReader(io.BytesIO(stream.getvalue()))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    return text[text.index("References [1]") :], [*content.sources, *content.studies]


def test_the_handout_prints_every_doi_and_pmid_it_cites(content) -> None:
    visit = {
        "version": 1,
        "age": 44,
        "sex": "female",
        "symptoms": ["ibs", "pain", "migraine"],
        "forms": ["citrate"],
        "medicines": ["omeprazole"],
    }
    references, records = _references(content, visit)
    squeezed = references.replace(" ", "")
    # A source with a DOI (the IOM report) and studies with a PMID are among those cited.
    assert "doi:10.17226/5776" in references
    assert "PMID 22271372" in references
    checked = 0
    for record in records:
        name = record.citation if isinstance(record, Study) else record.title
        if name[:40].replace(" ", "") not in squeezed:
            continue
        for ident in (record.pmid, record.doi):
            if ident:
                assert ident.replace(" ", "") in squeezed, record.id
                checked += 1
    assert checked >= 3
