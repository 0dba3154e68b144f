"""The Interactions tab: medicines and conditions and what each means for magnesium."""
