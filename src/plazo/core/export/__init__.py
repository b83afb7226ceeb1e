"""Files plazo writes for other programs (spreadsheets, accounting)."""
