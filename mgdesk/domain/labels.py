"""Reading one product label line as elemental magnesium a day, so every product counts once.

US supplement labels state magnesium itself ("Magnesium (as glycinate) 200 mg": elemental);
medicine labels and some supplements name the compound ("magnesium hydroxide 400 mg per 5 mL",
"Magnesium citrate 1,000 mg"), which the form's elemental fraction converts. A line naming a
content product ("Milk of magnesia, 10 mL") uses that product's figure per unit. Anything the
rules do not cover is refused with a message that shows what a label line looks like: a wrong
count against the upper limit would be worse than asking again. Pure: no I/O.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from mgdesk.domain.content import Form, Product
from mgdesk.domain.conversion import MAX_MG
from mgdesk.domain.errors import InputError
from mgdesk.domain.names import clean_label, normalise
from mgdesk.domain.visit import ProductChoice

MAX_LABEL = 200
MAX_UNITS_PER_DAY = 100.0
MAX_ELEMENTAL_PER_DAY = 10_000.0
MIN_ELEMENTAL_PER_DAY = 0.1
MG_PER_MMOL = 24.305  # the molar mass of magnesium, g/mol = mg/mmol
BASES = ("elemental", "compound", "product")
LABEL_HINT = (
    "A label line looks like 'Magnesium (as glycinate) 200 mg, 2 tablets' (magnesium itself) "
    "or 'magnesium hydroxide 400 mg per 5 mL, 10 mL' (the compound)"
)

# ----- the small grammar of a label line (matched on casefolded, NFKC-normalised text)
# Pattern sources, compiled on first use by `_compiled`.

_NUM = (
    r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:,[0-9]{1,2}(?![0-9])|\.[0-9]+)?)"
)
_MASS = (
    rf"(?P<sign>[-\u2212]\s*)?(?P<num>{_NUM})\s*(?P<unit>mg|milligrams?|mmol|g|gm|grams?)(?![a-z])"
)
_COUNT_WORDS = (
    "tablets?|tabs?|capsules?|caps?|softgels?|gel ?caps?|vegicaps?|gummies|gummy|sachets?|"
    "sticks?|scoops?|lozenges?|chewables?|pills?|pieces?"
)
_SERVING_WORDS = "servings?|doses?"
_VOLUME_WORDS = "ml|millilit(?:er|re)s?|l|lit(?:er|re)s?|tsp|teaspoons?|tbsp|tablespoons?"
_MASS_WORDS = "g|grams?"
_UNIT = rf"(?:{_COUNT_WORDS}|{_SERVING_WORDS}|{_VOLUME_WORDS}|{_MASS_WORDS})"
_AS = r"\(\s*(?:as|from)\s+(?P<what>[^()]*)\)"
_SEP = r"[\s,;:]*"
_CLAUSES: tuple[tuple[str, str], ...] = (
    ("per_day", rf"{_SEP}(?:(?:a|per|each|every|/)\s*day|daily|/\s*d)(?![a-z])"),
    (
        "frequency",
        rf"{_SEP}(?P<f>once|twice|thrice|(?P<n>{_NUM}|one|two|three|four|five|six)\s*times)"
        r"\s*(?:(?:a|per|each|every|/)\s*day|daily)(?![a-z])",
    ),
    (
        "per",
        rf"{_SEP}(?:per|/|in|each|every|for)\s*(?:(?P<n>{_NUM})\s*)?(?P<u>{_UNIT})(?![a-z])",
    ),
    ("times", rf"{_SEP}(?:x|\u00d7|\*)\s*(?P<n>{_NUM})(?![0-9.,])"),
    ("times", rf"{_SEP}(?P<n>{_NUM})\s*(?:x|\u00d7)(?![a-z])"),
    ("taken", rf"{_SEP}(?:take|taking|taken)?\s*(?P<n>{_NUM})\s*(?P<u>{_UNIT})(?![a-z])"),
    ("unit", rf"{_SEP}(?:a|one|each|per)?\s*(?P<u>{_COUNT_WORDS}|{_SERVING_WORDS})(?![a-z])"),
    (
        "filler",
        rf"{_SEP}(?:of|elemental|magnesium|total|providing|provides|contains|containing|"
        r"liquid|oral|solution|suspension|powder|chewable|take|taken|by mouth)(?![a-z])",
    ),
    ("end", rf"{_SEP}[.]?\s*$"),
)
_MAGNESIUM_WORDS = frozenset({"magnesium", "mg", "elemental", "total"})
_MODIFIERS = frozenset(
    {
        "chelate",
        "chelated",
        "buffered",
        "anhydrous",
        "hydrate",
        "dihydrate",
        "trihydrate",
        "hexahydrate",
        "heptahydrate",
        "nonahydrate",
        "fully",
        "reacted",
        "powder",
        "and",
        "or",
        "of",
        "the",
        "from",
    }
)
_STOP_WORDS = frozenset(
    {"per", "in", "each", "x", "daily", "a", "every", "for", "take", "taken", "once", "twice"}
)


@dataclass(frozen=True)
class LabelReading:
    """How one label line was counted: the amount it states and the magnesium it adds a day."""

    label: str
    form: str | None
    basis: str
    stated_mg: float
    serving: str
    units_per_day: float
    elemental_mg_per_day: float
    explanation: str

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "form": self.form,
            "basis": self.basis,
            "stated_mg": number(self.stated_mg),
            "serving": self.serving,
            "units_per_day": number(self.units_per_day),
            "elemental_mg": number(self.elemental_mg_per_day),
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class _Quantity:
    amount: float
    family: str  # "count" | "serving" | "ml" | "g"
    word: str


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """The grammar's patterns, compiled the first time a label is read rather than on import:
    they cost more to compile than the rest of the module to load, and the window's first paint
    and the handout import this module but seldom read a label."""
    return re.compile(pattern)


def number(value: float) -> int | float:
    """A figure for JSON and text: whole numbers without a decimal point, else one decimal."""
    rounded = round(float(value), 1)
    return int(rounded) if rounded.is_integer() else rounded


def mg_text(value: float) -> str:
    """`1,000 mg`, `166.8 mg`: the way every amount is written."""
    shown = number(value)
    return f"{shown:,} mg" if isinstance(shown, int) else f"{shown:,.1f} mg"


def _fail(label: str, reason: str) -> InputError:
    shown = clean_label(label, 60)
    if len(label) > 60:
        shown += "…"
    return InputError(f"product label {shown!r}: {reason}. {LABEL_HINT}.")


def _clean(line: str) -> str:
    text = unicodedata.normalize("NFKC", line)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return " ".join(text.split())


def _to_float(text: str) -> float:
    if re.fullmatch(r"[0-9]+,[0-9]{1,2}", text):
        return float(text.replace(",", "."))
    return float(text.replace(",", ""))


def _quantity(amount: float, word: str) -> _Quantity:
    word = word.replace(" ", "")
    if re.fullmatch(_COUNT_WORDS.replace(" ?", ""), word):
        return _Quantity(amount, "count", word)
    if re.fullmatch(_SERVING_WORDS, word):
        return _Quantity(amount, "serving", word)
    if re.fullmatch(r"tsp|teaspoons?", word):
        return _Quantity(amount * 5, "ml", "mL")
    if re.fullmatch(r"tbsp|tablespoons?", word):
        return _Quantity(amount * 15, "ml", "mL")
    if re.fullmatch(r"l|lit(?:er|re)s?", word):
        return _Quantity(amount * 1000, "ml", "mL")
    if re.fullmatch(r"ml|millilit(?:er|re)s?", word):
        return _Quantity(amount, "ml", "mL")
    return _Quantity(amount, "g", "g")


def _lower_name(form: Form) -> str:
    """ "magnesium L-threonate": the name inside a sentence."""
    return form.name[:1].lower() + form.name[1:]


def _singular(word: str) -> str:
    if word in ("gummies",):
        return "gummy"
    return word[:-1] if word.endswith("s") and word not in ("ml",) else word


def _serving_text(quantity: _Quantity | None) -> str:
    if quantity is None:
        return "serving"
    if quantity.family in ("ml", "g"):
        return f"{number(quantity.amount):g} {quantity.word}"
    if quantity.amount == 1:
        return _singular(quantity.word)
    return f"{number(quantity.amount):g} {quantity.word}"


# ----- forms named in a line


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _words(text: str) -> list[str]:
    return [_plain(w) for w in re.findall(r"[^\W_]+", text.casefold())]


def _form_keys(forms: Iterable[Form]) -> list[tuple[tuple[str, ...], Form]]:
    keys: list[tuple[tuple[str, ...], Form]] = []
    for form in forms:
        for name in (form.id, form.name, *form.aliases):
            words = tuple(w for w in _words(name) if w not in ("magnesium", "mg"))
            if words:
                keys.append((words, form))
    keys.sort(key=lambda item: -len(item[0]))
    return keys


def _forms_named(words: Sequence[str], keys: list[tuple[tuple[str, ...], Form]]) -> list[Form]:
    """The forms named in `words`, or [] when any word is neither a form nor a modifier."""
    covered = [False] * len(words)
    found: list[Form] = []
    for key, form in keys:
        size = len(key)
        for start in range(len(words) - size + 1):
            if any(covered[start : start + size]):
                continue
            if tuple(words[start : start + size]) == key:
                covered[start : start + size] = [True] * size
                if form not in found:
                    found.append(form)
    leftover = [w for w, c in zip(words, covered, strict=True) if not c and w not in _MODIFIERS]
    return found if not leftover else []


# ----- products


def _product_keys(products: Iterable[Product]) -> dict[str, Product]:
    keys: dict[str, Product] = {}
    for product in products:
        short = product.name.split(" (")[0].split(",")[0]
        for name in (product.id, product.name, short):
            if normalise(name):
                keys.setdefault(normalise(name), product)
    return keys


def _product_unit(product: Product) -> _Quantity:
    match = re.fullmatch(rf"\s*(?:(?P<n>{_NUM})\s*)?(?P<u>{_UNIT})\s*", product.unit.casefold())
    if match is None:
        return _Quantity(1, "count", product.unit)
    amount = _to_float(match["n"]) if match["n"] else 1.0
    return _quantity(amount, match["u"])


_TRAILING_QUANTITY = (
    rf"(?P<head>.*?)[\s,;:]*(?:(?:x|\u00d7)\s*(?P<x>{_NUM})|(?P<n>{_NUM})\s*(?P<u>{_UNIT})?)"
    r"(?:\s*(?:(?:a|per|each|/)\s*day|daily))?\s*"
)


def _match_product(
    label: str, text: str, products: dict[str, Product], per_day: float
) -> LabelReading | None:
    product = products.get(normalise(text))
    units = 1.0
    taken_text = ""
    if product is None:
        match = _compiled(_TRAILING_QUANTITY).fullmatch(text)
        if match is None or normalise(match["head"]) not in products:
            return None
        product = products[normalise(match["head"])]
        unit = _product_unit(product)
        if match["x"]:
            units = _to_float(match["x"])
        else:
            amount = _to_float(match["n"])
            if match["u"] is None:
                units = amount
            else:
                taken = _quantity(amount, match["u"])
                same = taken.family == unit.family or {taken.family, unit.family} <= {
                    "count",
                    "serving",
                }
                if not same:
                    raise _fail(
                        label,
                        f"{product.name.split(' (')[0]} is counted per {product.unit}; "
                        f"give the amount taken in the same unit",
                    )
                units = taken.amount / unit.amount
                taken_text = f" ({number(taken.amount):g} {taken.word})"
    units *= per_day
    _check_units(label, units)
    total = product.elemental_mg * units
    _check_total(label, total)
    short = product.name.split(" (")[0]
    times = f" × {number(units):g}{taken_text}" if units != 1 else ""
    return LabelReading(
        label=label,
        form=product.form or None,
        basis="product",
        stated_mg=product.elemental_mg,
        serving=product.unit,
        units_per_day=units,
        elemental_mg_per_day=round(total, 1),
        explanation=(
            f"Matched to mgdesk's product '{short}': {mg_text(product.elemental_mg)} of "
            f"magnesium per {product.unit}{times} = {mg_text(total)} a day (a typical label: "
            "your own label's figure is more exact)."
        ),
    )


def _check_units(label: str, units: float) -> None:
    if not 0 < units <= MAX_UNITS_PER_DAY:
        if units <= 0:
            raise _fail(label, "the amount taken must be more than 0")
        raise _fail(label, f"more than {MAX_UNITS_PER_DAY:g} servings a day cannot be right")


def _check_total(label: str, total: float) -> None:
    if total < MIN_ELEMENTAL_PER_DAY:
        raise _fail(label, "less than 0.1 mg of magnesium a day; check the numbers")
    if total > MAX_ELEMENTAL_PER_DAY:
        raise _fail(
            label,
            f"{mg_text(total)} of magnesium a day is far more than anyone takes; check the numbers",
        )


# ----- the rest of a line after its amount


@dataclass
class _Rest:
    per: _Quantity | None = None
    taken: list[_Quantity] | None = None
    factor: float = 1.0
    elemental: bool = False


def _read_rest(label: str, text: str) -> _Rest:
    rest = _Rest(taken=[])
    position = 0
    while True:
        for kind, pattern in _CLAUSES:
            match = _compiled(pattern).match(text, position)
            if match is None or (match.end() == position and kind != "end"):
                continue
            break
        else:
            left = text[position:].strip(" ,;:")
            raise _fail(label, f"could not read {clean_label(left, 30)!r} after the amount")
        if kind == "end":
            return rest
        position = match.end()
        if kind == "per":
            if rest.per is not None:
                raise _fail(label, "it gives two serving sizes")
            amount = _to_float(match["n"]) if match["n"] else 1.0
            if amount <= 0:
                raise _fail(label, "a serving size must be more than 0")
            rest.per = _quantity(amount, match["u"])
        elif kind == "taken":
            assert rest.taken is not None
            rest.taken.append(_quantity(_to_float(match["n"]), match["u"]))
        elif kind == "unit" and rest.per is None:
            rest.per = _quantity(1.0, match["u"])
        elif kind == "times":
            rest.factor *= _to_float(match["n"])
        elif kind == "frequency":
            rest.factor *= _frequency(match["f"], match["n"])
        elif kind == "filler" and "elemental" in match.group(0):
            rest.elemental = True


def _frequency(word: str, count: str | None) -> float:
    named = {"once": 1, "twice": 2, "thrice": 3, "one": 1, "two": 2, "three": 3}
    named.update({"four": 4, "five": 5, "six": 6})
    if count is None:
        return float(named[word.split()[0]])
    return float(named[count]) if count in named else _to_float(count)


def _units(label: str, rest: _Rest) -> tuple[float, _Quantity | None]:
    """Servings taken a day, and what one serving is."""
    taken = list(rest.taken or [])
    per = rest.per
    if per is not None and per.family == "serving" and taken and taken[0].family == "count":
        per = taken.pop(0)  # "per serving (2 capsules)"
    if len(taken) > 1:
        raise _fail(label, "it gives two amounts taken")
    if not taken:
        return rest.factor, per
    dose = taken[0]
    if per is None:
        if dose.family in ("count", "serving"):
            return dose.amount * rest.factor, _Quantity(1, dose.family, dose.word)
        raise _fail(
            label,
            f"say what the amount is for (e.g. 'per 5 mL') before the {dose.word} taken",
        )
    if dose.family != per.family:
        raise _fail(
            label,
            f"the amount is per {_serving_text(per)} but what is taken is in {dose.word}",
        )
    return dose.amount / per.amount * rest.factor, per


# ----- the entry points


def parse_label(
    line: str,
    forms: Sequence[Form],
    products: Sequence[Product] = (),
    per_day: float = 1.0,
) -> LabelReading:
    """Read one label line as elemental magnesium a day; InputError naming the line otherwise.

    `per_day` multiplies what the line says is taken (ProductChoice.per_day). A reading depends
    only on its arguments, and the plan reads every product again at each change of the visit:
    readings are remembered (a refusal is not, so it is raised again each time).
    """
    if isinstance(line, str) and not isinstance(per_day, bool):
        return _remembered_reading(line, tuple(forms), tuple(products), per_day)
    return _read_label(line, forms, products, per_day)


@functools.lru_cache(maxsize=512)
def _remembered_reading(
    line: str, forms: tuple[Form, ...], products: tuple[Product, ...], per_day: float
) -> LabelReading:
    return _read_label(line, forms, products, per_day)


def _read_label(
    line: str, forms: Sequence[Form], products: Sequence[Product], per_day: float
) -> LabelReading:
    if not isinstance(line, str):
        raise InputError(f"a product label must be text. {LABEL_HINT}.")
    if len(line) > MAX_LABEL:
        raise _fail(line, f"too long: at most {MAX_LABEL} characters")
    label = _clean(line)
    if not label:
        raise InputError(f"a product label must not be empty. {LABEL_HINT}.")
    if isinstance(per_day, bool) or not 0 < per_day <= MAX_UNITS_PER_DAY:
        raise _fail(label, f"units a day must be more than 0 and at most {MAX_UNITS_PER_DAY:g}")
    text = label.casefold().replace("\u2013", "-").replace("\u2014", "-")

    product = _match_product(label, text, _product_keys(products), per_day)
    if product is not None:
        return product

    as_texts = [m["what"] for m in _compiled(_AS).finditer(text)]
    text = _compiled(_AS).sub(" ", text).replace("(", ", ").replace(")", ", ")
    stated, unit, subject, rest_text = _amount(label, text)
    rest = _read_rest(label, rest_text)
    units, serving = _units(label, rest)
    units *= per_day
    _check_units(label, units)

    split = re.split(r"\b(?:as|from)\b", subject, maxsplit=1)
    if len(split) == 2:  # "Magnesium as citrate 150 mg"
        subject = split[0]
        as_texts.append(split[1])
    keys = _form_keys(forms)
    subject_words = _words(subject)
    remainder = [w for w in subject_words if w not in _MAGNESIUM_WORDS]
    meaningful = [w for w in remainder if w not in _MODIFIERS]
    named = _forms_named(remainder, keys) if meaningful else []
    mentions_magnesium = bool(as_texts) or any(w in ("magnesium", "mg") for w in subject_words)
    if meaningful and not named:
        if not mentions_magnesium:
            raise _fail(label, "it does not say magnesium")
        known = ", ".join(f.id for f in forms)
        raise _fail(
            label,
            f"unknown compound or extra words {' '.join(meaningful)[:40]!r} (mgdesk knows: "
            f"{known}; leave out brand names)",
        )
    if not meaningful and not mentions_magnesium:
        raise _fail(label, "it does not say magnesium")

    elemental_said = rest.elemental or "elemental" in subject_words or unit == "mmol"
    if as_texts or not meaningful or elemental_said:
        return _elemental(label, forms, keys, as_texts, named, stated, unit, units, serving)
    if len(named) > 1:
        raise _fail(
            label,
            "it names more than one compound; give the magnesium itself instead "
            "(e.g. 'Magnesium (as citrate, oxide) 200 mg')",
        )
    form = named[0]
    per_serving = stated * form.elemental_percent / 100.0
    total = per_serving * units
    _check_total(label, total)
    times = f" \u00d7 {number(units):g}" if units != 1 else ""
    return LabelReading(
        label=label,
        form=form.id,
        basis="compound",
        stated_mg=round(stated, 2),
        serving=_serving_text(serving),
        units_per_day=units,
        elemental_mg_per_day=round(total, 1),
        explanation=(
            f"Counted as {mg_text(stated)} of {_lower_name(form)} per {_serving_text(serving)}, "
            f"which is {form.elemental_percent:g}% magnesium ({mg_text(per_serving)}){times} = "
            f"{mg_text(total)} a day; if your label means magnesium itself, write it as "
            f"'Magnesium (as {form.id}) {number(stated):g} mg'."
        ),
    )


def _amount(label: str, text: str) -> tuple[float, str, str, str]:
    """The stated amount in mg, its unit, the words naming the substance, and the rest."""
    amount = _compiled(_MASS).search(text)
    if amount is None:
        if re.search(r"[0-9]\s*(?:iu|mcg|\u00b5g|\u03bcg)(?![a-z])", text):
            raise _fail(label, "no amount in mg or g (mcg and IU are not used for magnesium)")
        raise _fail(label, "no amount in mg or g")
    if amount["sign"]:
        raise _fail(label, "the amount must not be negative")
    unit = amount["unit"]
    if (
        unit != "mmol"
        and not unit.startswith("g")
        and re.fullmatch(r"[0-9]{1,3}(?:\.[0-9]{3})+", amount["num"])
    ):
        raise _fail(
            label,
            f"write {amount['num']} mg as {amount['num'].replace('.', '')} or with "
            "a comma (a dot is read as a decimal point)",
        )
    stated = _to_float(amount["num"])
    if unit.startswith("g"):
        stated *= 1000
    elif unit == "mmol":
        stated *= MG_PER_MMOL
    if stated <= 0:
        raise _fail(label, "the amount must be more than 0")
    if stated > MAX_MG:
        raise _fail(label, f"{mg_text(stated)} is more than any label states; check the number")
    subject = text[: amount.start()]
    rest = text[amount.end() :]
    if _words(subject):
        return stated, unit, subject, rest
    # amount first: "200 mg magnesium oxide, 2 tablets"
    end = 0
    for token in re.finditer(r"[^\W_]+", rest):
        if re.search(r"[,;]", rest[end : token.start()]) and end:
            break
        word = _plain(token.group(0))
        if word in _STOP_WORDS or word[0].isdigit():
            break
        end = token.end()
    return stated, unit, rest[:end], rest[end:]


def _elemental(
    label: str,
    forms: Sequence[Form],
    keys: list[tuple[tuple[str, ...], Form]],
    as_texts: list[str],
    named: list[Form],
    stated: float,
    unit: str,
    units: float,
    serving: _Quantity | None,
) -> LabelReading:
    as_forms: list[Form] = []
    for as_text in as_texts:
        as_words = [w for w in _words(as_text) if w not in _MAGNESIUM_WORDS]
        for found in _forms_named(as_words, keys) if as_words else []:
            if found not in as_forms:
                as_forms.append(found)
    candidates = as_forms or named
    form = candidates[0] if len(candidates) == 1 else None
    total = stated * units
    _check_total(label, total)
    what = f" (as {_lower_name(form)})" if form is not None else ""
    how = (
        f"the amount in mmol of magnesium (1 mmol is {MG_PER_MMOL:g} mg)"
        if unit == "mmol"
        else "elemental magnesium, not the weight of the compound"
    )
    times = f" \u00d7 {number(units):g}" if units != 1 else ""
    return LabelReading(
        label=label,
        form=form.id if form is not None else None,
        basis="elemental",
        stated_mg=round(stated, 2),
        serving=_serving_text(serving),
        units_per_day=units,
        elemental_mg_per_day=round(total, 1),
        explanation=(
            f"Counted as {mg_text(stated)} of magnesium itself{what} per "
            f"{_serving_text(serving)}{times} = {mg_text(total)} a day, because the label states "
            f"{how}."
        ),
    )


def read_product(
    choice: ProductChoice, forms: Sequence[Form], products: Sequence[Product] = ()
) -> LabelReading:
    """One product of a visit: its label line times the units a day the user set."""
    return parse_label(choice.label, forms, products, choice.per_day)


def read_products(
    choices: Sequence[ProductChoice], forms: Sequence[Form], products: Sequence[Product] = ()
) -> tuple[LabelReading, ...]:
    """Every product of a visit; the first bad line is an InputError naming `products[i]`."""
    readings = []
    for index, choice in enumerate(choices):
        try:
            readings.append(read_product(choice, forms, products))
        except InputError as exc:
            raise InputError(f"products[{index}]: {exc}") from None
    return tuple(readings)
