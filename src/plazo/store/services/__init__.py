"""Use cases: one function, one transaction; views, API and CLI call these and nothing else."""
