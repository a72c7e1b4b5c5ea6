"""The rules of COMPLIANCE.md as code: notice, consent, retention, filing."""
