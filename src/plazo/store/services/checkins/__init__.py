"""Weekly check-ins: what each project's client hears, composed from stored rows."""
