"""Fixed wording shared by every screen, command and handout page (DESIGN.md: one disclaimer)."""

DISCLAIMER = (
    "Reference information, not medical advice. Talk to your doctor before starting magnesium, "
    "especially with kidney disease or the medicines listed."
)

HANDOUT_FOOTER_PREFIX = "Self-reported by the patient."

PLAN_DRAFT = "A draft to agree with your doctor"

NOT_A_DIAGNOSIS = (
    "This is a self-report to discuss with a doctor. It is not a diagnosis: the criteria are "
    "not meant for self-diagnosis."
)

COVERAGE_NOTE = (
    "mgdesk's medicine list is not complete: a medicine that is not listed is not thereby safe "
    "to take with magnesium. Ask your pharmacist."
)
