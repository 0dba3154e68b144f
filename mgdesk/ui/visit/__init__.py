"""The My visit tab: the visit, saved visits and the handout preview."""
