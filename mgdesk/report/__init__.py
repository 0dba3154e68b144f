"""The visit handout: a VisitPlan and the reference content rendered as a PDF for the doctor.

`assemble` gathers what the pages show (pure, no reportlab), `styles` holds every font and
style, `flowables` the few platypus pieces reportlab lacks, and `handout.write_handout` lays
the story out. Nothing is imported here, so a module that only needs `assemble` does not pay
for reportlab.
"""
