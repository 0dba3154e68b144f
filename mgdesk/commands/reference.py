"""The reference commands: dose, interactions, search and list.

They read only the content DB, so they keep working when the user DB is damaged or newer.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import asdict
from typing import Any

from mgdesk.commands.output import print_disclaimer, print_json, print_wrapped
from mgdesk.domain import conversion
from mgdesk.domain.dosage import lookup, make_person
from mgdesk.domain.errors import InputError
from mgdesk.domain.interactions import ConditionResult, InteractionResult
from mgdesk.domain.text import COVERAGE_NOTE, DISCLAIMER
from mgdesk.store.content_db import ContentDB

GROUP_WORDS = {
    "male": "male",
    "female": "female",
    "pregnancy": "pregnancy",
    "lactation": "breastfeeding",
}


def dose(args: argparse.Namespace) -> int:
    content = ContentDB.open_default()
    person = make_person(
        content.dosage, args.age, args.months, args.sex, args.pregnant, args.lactating
    )
    result = lookup(content.dosage, person)
    if (args.form is None) != (args.elemental_mg is None):
        raise InputError("--form and --elemental-mg go together: give both or neither")
    document: dict[str, Any] = {
        "life_stage": result.life_stage,
        "group": result.group,
        "intake_mg": result.intake_mg,
        "intake_kind": result.intake_kind,
        "supplement_ul_mg": result.supplement_ul_mg,
        "ul_note": result.ul_note,
    }
    if args.form is not None:
        form = content.resolve_form(args.form)
        elemental = conversion.check_mg(args.elemental_mg, "--elemental-mg")
        compound = conversion.compound_from_elemental(elemental, form.elemental_percent)
        document.update(
            form=form.id,
            form_name=form.name,
            elemental_mg=elemental,
            elemental_percent=form.elemental_percent,
            compound=form.compound,
            compound_mg=round(compound),
            above_upper_limit=result.supplement_ul_mg is not None
            and elemental > result.supplement_ul_mg,
        )
    document["disclaimer"] = DISCLAIMER
    if args.json:
        print_json(document)
        return 0
    kind = (
        "Recommended Dietary Allowance (RDA)"
        if result.intake_kind == "RDA"
        else ("Adequate Intake (AI)")
    )
    print(f"Life stage: {result.life_stage}, {GROUP_WORDS[result.group]}")
    print(f"{kind}: {result.intake_mg} mg a day, from food, water and supplements together")
    if result.supplement_ul_mg is None:
        print_wrapped(f"Upper limit for supplemental magnesium: none set. {result.ul_note}")
    else:
        print(
            f"Upper limit for supplemental magnesium: {result.supplement_ul_mg} mg a day "
            "(supplements and medicines only, not food)"
        )
    if args.form is not None:
        print(
            f"{document['elemental_mg']:g} mg of elemental magnesium as {document['form_name']} "
            f"({document['elemental_percent']:g}% magnesium, {document['compound']}) "
            f"= about {document['compound_mg']:,} mg of the compound"
        )
        if document["above_upper_limit"]:
            print_wrapped(
                "This is above the upper limit for supplemental magnesium. Some studies used more, "
                "but only under a doctor's supervision: diarrhea is the side effect that limits "
                "the dose."
            )
    print("These are reference values, not a prescription.")
    print_disclaimer()
    return 0


def _interaction_json(result: InteractionResult) -> dict[str, Any]:
    return {
        "kind": "medicine",
        "input": result.input,
        "generic": result.generic,
        "brand_names": list(result.brand_names),
        "group": result.group,
        "severity": result.severity,
        "effect": result.effect,
        "advice": result.advice,
        "clinician": result.clinician,
        "before_hours": result.before_hours,
        "after_hours": result.after_hours,
        "sources": list(result.sources),
        "suggestions": list(result.suggestions),
    }


def _condition_json(result: ConditionResult) -> dict[str, Any]:
    return {
        "kind": "condition",
        "input": result.input,
        "id": result.id,
        "generic": None,
        "brand_names": [],
        "group": None,
        "name": result.name,
        "severity": result.severity,
        "advice": result.advice,
        "meaning": result.meaning,
        "sources": list(result.sources),
    }


def interactions(args: argparse.Namespace) -> int:
    if not args.names and not args.condition:
        raise InputError("name at least one medicine (or --condition NAME)")
    content = ContentDB.open_default()
    medicines = content.medicine_index.check_all(args.names)
    conditions = [content.condition_index.check(name) for name in args.condition]
    if args.json:
        print_json(
            [_interaction_json(r) for r in medicines] + [_condition_json(c) for c in conditions]
        )
        return 0
    for result in medicines:
        if result.known:
            print(f"{result.input}: {result.generic} ({result.group}), severity {result.severity}")
            print_wrapped(result.advice, "  ")
        else:
            # The line says it is not listed; what that means (COVERAGE_NOTE) follows once below.
            near = f" Did you mean: {', '.join(result.suggestions)}?" if result.suggestions else ""
            print(f"{result.input}: not in mgdesk's list.{near}")
        if result.sources:
            print(f"  Sources: {', '.join(result.sources)}")
    for condition in conditions:
        print(f"{condition.name} (condition), severity {condition.severity}")
        print_wrapped(condition.advice, "  ")
        print(f"  Sources: {', '.join(condition.sources)}")
    print()
    print_wrapped(COVERAGE_NOTE)
    print_disclaimer()
    return 0


def _limit(text: str) -> int:
    digits = text.strip()  # str.strip() also takes control characters int() refuses (\x1f)
    if not re.fullmatch(r"[0-9]{1,3}", digits) or not 1 <= int(digits) <= 200:
        raise InputError(f"--limit must be a whole number from 1 to 200, not {text[:20]!r}")
    return int(digits)


def search(args: argparse.Namespace) -> int:
    if not args.query.strip():
        raise InputError("search needs something to look for, e.g. mgdesk search sleep")
    limit = _limit(args.limit)
    content = ContentDB.open_default()
    result = content.search(args.query, limit)
    if args.json:
        print_json([{**asdict(hit), "did_you_mean": result.did_you_mean} for hit in result.hits])
        return 0
    if result.did_you_mean:
        print(f"Did you mean: {result.did_you_mean}?")
    if not result.hits:
        print("Nothing found.")
    for hit in result.hits:
        print(f"[{hit.kind}] {hit.title} ({hit.id})")
        if hit.snippet:
            print_wrapped(hit.snippet, "    ")
    return 0


def _merged(*groups: tuple[str, ...]) -> list[str]:
    merged: list[str] = []
    for group in groups:
        merged += [i for i in group if i not in merged]
    return merged


def listing(args: argparse.Namespace) -> int:
    content = ContentDB.open_default()
    items: list[dict[str, Any]]
    if args.kind == "symptoms":
        items = [
            {
                "id": s.id,
                "name": s.name,
                "aliases": list(s.aliases),
                "grade": s.grade,
                "fm_evidence": s.fm_evidence,
                "sources": _merged(s.studies, s.sources),
                "forms": [f.form for f in s.forms],
            }
            for s in content.symptoms
        ]
    elif args.kind == "forms":
        items = [
            {
                "id": f.id,
                "name": f.name,
                "aliases": list(f.aliases),
                "grade": f.grade,
                "elemental_percent": f.elemental_percent,
                "compound": f.compound,
                "laxative": f.laxative,
                "suggested_for": list(f.suggested_for),
                "tablet_elemental_mg": list(f.tablet_elemental_mg),
                "sources": _merged(f.studies, f.elemental_sources, f.sources),
            }
            for f in content.forms
        ]
    elif args.kind == "medicines":
        groups = {g.id: g.name for g in content.groups}
        items = [
            {
                "id": m.generic.casefold(),
                "name": m.generic,
                "brand_names": list(m.brands),
                "aliases": list(m.aliases),
                "group": groups[m.group],
            }
            for m in content.medicines
        ]
    elif args.kind == "conditions":
        items = [
            {"id": c.id, "name": c.name, "severity": c.severity, "sources": list(c.sources)}
            for c in content.conditions
        ]
    else:
        items = [
            {
                "id": s.id,
                "name": s.short_name,
                "citation": s.citation,
                "year": s.year,
                "design": s.design,
                "size": s.size,
                "grade": s.grade,
                "fibromyalgia": s.fibromyalgia,
                "pmid": s.pmid,
                "doi": s.doi,
            }
            for s in content.studies
        ]
    if args.json:
        print_json(items)
        return 0
    for item in items:
        extra = f"  grade {item['grade']}" if "grade" in item else ""
        if args.kind == "medicines":
            extra = f"  ({item['group']}; {', '.join(item['brand_names']) or 'no brand listed'})"
        print(f"{item['id']:<28} {item['name']}{extra}")
    return 0
