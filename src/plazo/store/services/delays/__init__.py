"""Delay cases: open, review, approve; the early-warning watch; offers and their policy."""
