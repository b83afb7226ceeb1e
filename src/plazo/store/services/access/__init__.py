"""Who may act: organisations, API tokens and client status pages."""
