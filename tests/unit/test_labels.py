"""Product label lines read as elemental magnesium a day, and every bad line refused plainly."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgdesk.domain.content import Form, Product
from mgdesk.domain.errors import InputError
from mgdesk.domain.labels import LABEL_HINT, parse_label, read_products
from mgdesk.domain.visit import ProductChoice


def _form(ident: str, percent: float, *aliases: str) -> Form:
    return Form(
        id=ident,
        name=f"Magnesium {ident}",
        aliases=(ident, *aliases),
        compound="",
        elemental_percent=percent,
        elemental_sources=(),
        absorption="",
        absorption_sources=(),
        gi_tolerance="",
        gi_sources=(),
        laxative="unknown",
        tablet_elemental_mg=(),
        cautions="",
        grade="D",
        studies=(),
        sources=(),
    )


def _product(ident: str, name: str, form: str, unit: str, elemental: float) -> Product:
    return Product(ident, name, "laxative", form, unit, 0, elemental, ())


FORMS = [
    _form("glycinate", 14.1, "magnesium bisglycinate", "bisglycinate"),
    _form("citrate", 16.2, "trimagnesium dicitrate"),
    _form("hydroxide", 41.7, "Mg(OH)2", "milk of magnesia"),
    _form("sulfate", 9.9, "sulphate", "Epsom salt"),
    _form("oxide", 60.3, "MgO"),
    _form("threonate", 8.3, "L-threonate"),
    _form("chloride", 12.0, "magnesium chloride hexahydrate"),
]
PRODUCTS = [
    _product(
        "milk-of-magnesia", "Milk of magnesia (typical: 400 mg per 5 mL)", "hydroxide", "5 mL", 167
    ),
    _product("epsom-salt", "Epsom salt (magnesium sulfate), per gram", "sulfate", "g", 99),
    _product("multivitamin", "Adult multivitamin with minerals (typical)", "oxide", "tablet", 50),
]


def read(line: str, per_day: float = 1.0):  # type: ignore[no-untyped-def]
    return parse_label(line, FORMS, PRODUCTS, per_day)


# ----- real-world lines: (line, basis, form, elemental mg a day)

GOOD = [
    # US supplement labels state magnesium itself
    ("Magnesium (as glycinate) 200 mg", "elemental", "glycinate", 200),
    ("Magnesium (as magnesium citrate) 150 mg", "elemental", "citrate", 150),
    ("Magnesium (as Magnesium Bisglycinate Chelate) 200 mg", "elemental", "glycinate", 200),
    ("Magnesium (as oxide, citrate) 250 mg", "elemental", None, 250),
    ("Magnesium 250 mg", "elemental", None, 250),
    ("Mg 100mg", "elemental", None, 100),
    ("MAGNESIUM 400MG", "elemental", None, 400),
    ("elemental magnesium 200 mg", "elemental", None, 200),
    ("Magnesium citrate, elemental 150 mg", "elemental", "citrate", 150),
    ("200 mg magnesium (as glycinate)", "elemental", "glycinate", 200),
    ("200 mg of elemental magnesium", "elemental", None, 200),
    ("Magnesium as citrate 150 mg", "elemental", "citrate", 150),
    ("Magnesium 10 mmol", "elemental", None, 243.1),
    # a named compound states the compound
    ("Magnesium citrate 1,000 mg", "compound", "citrate", 162),
    ("Magnesium oxide 400 mg", "compound", "oxide", 241.2),
    ("MgO 500 mg", "compound", "oxide", 301.5),
    ("magnesium sulfate 2 g", "compound", "sulfate", 198),
    ("Magnesium L-threonate 2 g", "compound", "threonate", 166),
    ("Magnesium bisglycinate 1,419 mg", "compound", "glycinate", 200.1),
    ("magnesium chloride hexahydrate 1 g", "compound", "chloride", 120),
    ("Magnesium citrate 1,5 g", "compound", "citrate", 243),
    ("400 mg magnesium oxide, 2 tablets", "compound", "oxide", 482.4),
    # liquids and servings
    ("magnesium hydroxide 400 mg per 5 mL", "compound", "hydroxide", 166.8),
    ("magnesium hydroxide 400 mg per 5 mL, 10 mL", "compound", "hydroxide", 333.6),
    ("Mg(OH)2 400 mg/5 mL, 2 tsp", "compound", "hydroxide", 333.6),
    ("milk of magnesia 400 mg per 5 ml, 1 tbsp", "compound", "hydroxide", 500.4),
    ("Magnesium (as glycinate) 200 mg, 2 tablets", "elemental", "glycinate", 400),
    ("Magnesium (as glycinate) 200 mg (2 capsules)", "elemental", "glycinate", 400),
    ("Magnesium (as citrate) 300 mg per 2 capsules, 4 capsules", "elemental", "citrate", 600),
    ("Magnesium 100 mg per serving (2 capsules), 4 capsules", "elemental", None, 200),
    ("Magnesium 250 mg per tablet, 2 tablets twice daily", "elemental", None, 1000),
    ("Magnesium 200 mg x2", "elemental", None, 400),
    ("Magnesium 200 mg daily", "elemental", None, 200),
    # content products, by name or id, with the amount taken
    ("Milk of magnesia", "product", "hydroxide", 167),
    ("milk-of-magnesia", "product", "hydroxide", 167),
    ("Milk of magnesia, 10 mL", "product", "hydroxide", 334),
    ("MILK OF MAGNESIA (typical: 400 mg per 5 mL)", "product", "hydroxide", 167),
    ("Epsom salt, 5 g", "product", "sulfate", 495),
    ("Adult multivitamin with minerals, 2 tablets", "product", "oxide", 100),
]


@pytest.mark.parametrize(("line", "basis", "form", "mg"), GOOD)
def test_real_world_label_lines(line: str, basis: str, form: str | None, mg: float) -> None:
    reading = read(line)
    assert (reading.basis, reading.form) == (basis, form)
    assert reading.elemental_mg_per_day == pytest.approx(mg, abs=0.05)
    assert reading.label == line
    assert reading.explanation.endswith(".") and "\n" not in reading.explanation


def test_the_reading_says_what_was_stated_and_how_often() -> None:
    reading = read("magnesium hydroxide 400 mg per 5 mL, 10 mL")
    assert (reading.stated_mg, reading.serving, reading.units_per_day) == (400, "5 mL", 2)
    assert "41.7%" in reading.explanation and "333.6 mg a day" in reading.explanation
    assert reading.to_json()["elemental_mg"] == 333.6


def test_a_compound_line_explains_how_to_write_magnesium_itself() -> None:
    reading = read("Magnesium citrate 1,000 mg")
    assert "Magnesium (as citrate) 1000 mg" in reading.explanation


def test_per_day_multiplies_what_the_line_says() -> None:
    assert read("Magnesium (as glycinate) 200 mg, 2 tablets", per_day=2).elemental_mg_per_day == 800
    assert read("Milk of magnesia", per_day=3).units_per_day == 3


def test_thousands_separator_and_decimal_comma() -> None:
    assert read("Magnesium citrate 1,000 mg").stated_mg == 1000
    assert read("Magnesium 1,5 g").stated_mg == 1500


def test_read_products_names_the_entry() -> None:
    choices = [ProductChoice("Magnesium 100 mg"), ProductChoice("Calcium 500 mg")]
    with pytest.raises(InputError, match=r"^products\[1\]: product label 'Calcium 500 mg'"):
        read_products(choices, FORMS, PRODUCTS)
    readings = read_products([ProductChoice("Magnesium 100 mg", 2.0)], FORMS, PRODUCTS)
    assert readings[0].elemental_mg_per_day == 200


def test_real_content_converts_with_its_own_percentages(content) -> None:  # type: ignore[no-untyped-def]
    hydroxide = content.form("hydroxide")
    reading = parse_label(
        "magnesium hydroxide 400 mg per 5 mL, 10 mL", content.forms, content.products
    )
    assert reading.elemental_mg_per_day == pytest.approx(
        800 * hydroxide.elemental_percent / 100, abs=0.05
    )
    product = next(p for p in content.products if p.id == "milk-of-magnesia")
    by_id = parse_label("milk-of-magnesia, 10 mL", content.forms, content.products)
    assert by_id.basis == "product"
    assert by_id.elemental_mg_per_day == pytest.approx(product.elemental_mg * 10 / 5)
    assert parse_label("Magnesium (as glycinate) 200 mg", content.forms).form == "glycinate"


# ----- bad lines

BAD = [
    ("", "empty"),
    ("   ", "empty"),
    ("magnesium", "no amount"),
    ("Magnesium glycinate", "no amount"),
    ("Vitamin D 1000 IU", "mcg and IU"),
    ("Calcium 500 mg", "does not say magnesium"),
    ("Zinc 15 mg", "does not say magnesium"),
    ("Magnesium -200 mg", "negative"),
    ("Magnesium \u2212200 mg", "negative"),
    ("Magnesium 0 mg", "more than 0"),
    ("Magnesium 0.01 mg", "less than 0.1 mg"),
    ("Magnesium 999999 mg", "more than any label"),
    ("Magnesium 200 mg, 1000 tablets", "servings a day"),
    ("Magnesium 200 mg, 0 tablets", "more than 0"),
    ("Magnesium 200 mg per 0 ml, 5 ml", "serving size"),
    ("Magnesium 1.000 mg", "decimal point"),
    ("Magnesium unobtainate 200 mg", "unknown compound"),
    ("Magnesium citrate oxide 200 mg", "more than one compound"),
    ("Doctor's Best Magnesium (as glycinate) 200 mg", "brand names"),
    ("Magnesium 100 mg, 10 mL", "per 5 mL"),
    ("magnesium hydroxide 400 mg per 5 mL, 2 tablets", "per 5 mL but"),
    ("Magnesium 200 mg per 2 capsules per 5 ml", "two serving sizes"),
    ("Magnesium 200 mg banana", "could not read"),
    ("Magnesium 200 mg, 2 tablets, 3 capsules", "two amounts"),
    ("Milk of magnesia, 2 tablets", "same unit"),
    ("Magnesium 9,000 mg, 2 tablets", "far more"),
    ("x" * 10_000, "too long"),
    ("\U0001f48a\U0001f48a Mg \u221e mg", "no amount"),
    ("\u0000\u0007\u202e", "empty"),
    ("\u041c\u0430\u0433\u043d\u0438\u0439 200 mg", "does not say magnesium"),
]


@pytest.mark.parametrize(("line", "reason"), BAD)
def test_bad_lines_are_refused_with_the_line_and_an_example(line: str, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        read(line)
    message = str(caught.value)
    assert reason in message
    assert LABEL_HINT in message
    assert "\n" not in message and len(message) < 600
    if line.strip() and line.isprintable():
        assert line[:20] in message


def test_not_text_is_refused() -> None:
    with pytest.raises(InputError, match="must be text"):
        parse_label(200, FORMS)  # type: ignore[arg-type]


_PIECES = st.sampled_from(
    [
        "magnesium",
        "Mg",
        "(as glycinate)",
        "(as",
        ")",
        "citrate",
        "hydroxide",
        "200",
        "1,000",
        "1.000",
        "0",
        "-5",
        "mg",
        "g",
        "mmol",
        "per",
        "5 mL",
        ",",
        "x",
        "2",
        "tablets",
        "per 2 capsules",
        "twice daily",
        "milk of magnesia",
        "epsom salt",
        "tsp",
        "elemental",
        "\u00d7",
        "/",
        "\u00bd",
        "\u0663",
        "\U0001d7d0",
        "\u0000",
        "9" * 30,
        "1e5",
    ]
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.one_of(
        st.text(max_size=300),
        st.lists(_PIECES, max_size=12).map(" ".join),
        st.lists(_PIECES, max_size=12).map("".join),
    ),
    st.floats(min_value=0.25, max_value=24),
)
def test_no_label_text_crashes_the_parser(text: str, per_day: float) -> None:
    try:
        reading = read(text, per_day)
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert 0 < reading.elemental_mg_per_day <= 10_000
        assert reading.basis in ("elemental", "compound", "product")
