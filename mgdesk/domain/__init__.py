"""Pure rules of mgdesk: no Qt, no SQL, so every rule is testable on plain data."""
