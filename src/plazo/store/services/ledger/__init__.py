"""The promise ledger: promises made, kept and broken, as records and metrics."""
