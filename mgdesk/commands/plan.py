"""`mgdesk plan --from visit.json [--json]`: the total against the upper limit, the forms that
may fit and a timetable, printed as a draft to agree with a doctor.

It reads only the visit file and the content DB (never the user DB), so it works when the user
DB is damaged. A bad product label is an InputError naming the line: the CLI exits 2.
"""

from __future__ import annotations

import argparse

from mgdesk.commands.input_files import read_visit_file
from mgdesk.commands.output import print_disclaimer, print_json, print_wrapped
from mgdesk.domain.errors import InputError
from mgdesk.domain.labels import mg_text
from mgdesk.domain.plan import MagnesiumPlan, make_plan
from mgdesk.domain.upper_limit import ABOVE_LIMIT_ADVICE
from mgdesk.store.content_db import ContentDB

TOP_FORMS = 5
LEVEL_MARKS = {"strong": "!! ", "caution": "!  ", "info": "-  "}


def run(args: argparse.Namespace) -> int:
    visit = read_visit_file(args.from_file)
    content = ContentDB.open_default()
    try:
        plan = make_plan(visit, content)
    except InputError as exc:
        raise InputError(f"{args.from_file}: {exc}") from None
    finally:
        content.close()
    if args.json:
        print_json(plan.to_json())
    else:
        print_plan(plan)
    return 0


def print_plan(plan: MagnesiumPlan) -> None:
    """The plan as plain text: totals, warnings, forms, timetable, draft label, disclaimer."""
    print(f"My magnesium plan: {plan.draft.lower()}")
    print()
    limit = (
        f"the upper limit is {plan.upper_limit_mg} mg a day ({plan.upper_limit_label})"
        if plan.upper_limit_mg is not None
        else f"no upper limit is set ({plan.upper_limit_label})"
    )
    state = "ABOVE the upper limit" if plan.above_upper_limit else "not above the upper limit"
    if plan.upper_limit_mg is None:
        state = "no limit to compare with"
    advice = f" {ABOVE_LIMIT_ADVICE}" if plan.above_upper_limit else ""
    print_wrapped(
        f"Supplemental magnesium: {mg_text(plan.total_supplemental_mg)} a day from your products; "
        f"{limit}: {state}. The limit counts supplements and medicines only, not food.{advice}"
    )
    if plan.target_mg is not None:
        print_wrapped(
            f"Your target: {mg_text(plan.target_mg)} a day, as you set it (not added to the "
            "products' total)."
        )
    if plan.rda_mg is not None:
        print_wrapped(
            f"For context only: the recommended intake ({plan.rda_kind}) for {plan.life_stage} is "
            f"{plan.rda_mg} mg a day from food, water and supplements together."
        )
    for product in plan.products:
        print_wrapped(
            f"{product.label}: {mg_text(product.elemental_mg_per_day)} a day. "
            f"{product.explanation}",
            "  ",
        )
    # The total's line above already says when it is above the limit: said once.
    warnings = [w for w in plan.warnings if w.code != "above-upper-limit"]
    if warnings:
        print()
        print("Warnings:")
        for warning in warnings:
            print_wrapped(f"{LEVEL_MARKS.get(warning.level, '- ')}{warning.text}", "  ")
    print()
    print("About this plan:")
    for sentence in plan.explanation:
        print_wrapped(f"- {sentence}", "  ")
    print()
    print(f"Forms that may fit (top {min(TOP_FORMS, len(plan.forms))} of {len(plan.forms)}):")
    for form in plan.forms[:TOP_FORMS]:
        chosen = ", your choice" if form.chosen else ""
        print(f"  {form.rank}. {form.name} (evidence grade {form.grade}{chosen})")
        for fit in form.symptoms:
            print_wrapped(f"For {fit.name.lower()} (grade {fit.grade}): {fit.why}", "       ")
        if not form.symptoms:
            print("       Not suggested for the symptoms you chose.")
        for option in form.tablets:
            over = " (above the upper limit)" if option.above_upper_limit else ""
            if option.rounded_down:
                over = " (rounded down to stay within the upper limit)"
            print(
                f"       {option.tablet_mg} mg tablets: {option.tablets_per_day} a day "
                f"= {option.total_mg} mg{over}"
            )
        if form.tablet_note:
            print_wrapped(form.tablet_note, "       ")
        if form.tolerance_note:
            print_wrapped(form.tolerance_note, "       ")
        print_wrapped(f"Gut: {form.gi_tolerance}", "       ")
    print()
    print("Timetable:")
    if not plan.timetable:
        print("  (nothing to place)")
    for row in plan.timetable:
        print(f"  {row.time}  {row.item}")
        if row.why:
            print_wrapped(row.why, "         ")
    if plan.conflicts:
        print()
        print("Not placed:")
        for conflict in plan.conflicts:
            print_wrapped(f"!! {conflict.text}", "  ")
    print()
    print(f"{plan.draft}.")
    print_disclaimer()
