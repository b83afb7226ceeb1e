"""A project's check-in week, and which weekly updates are not written (held, skipped, covered)."""
