"""model → context (plain dict) → DOCX bytes → PDF: the one pipeline behind export and preview."""
