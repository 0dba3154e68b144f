"""The Symptoms tab: what each symptom is and what magnesium may do for it."""
