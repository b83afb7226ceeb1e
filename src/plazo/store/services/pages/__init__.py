"""Read models behind the dashboard's pages (selectors: they read, never write)."""
