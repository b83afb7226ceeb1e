"""Django forms of the dashboard's editing pages: they parse and validate, the store decides."""
