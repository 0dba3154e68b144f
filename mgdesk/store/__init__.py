"""Storage: the read-only reference content and the user's own database."""
