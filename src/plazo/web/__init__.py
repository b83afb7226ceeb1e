"""The web shell: URLs, views, templates and the WSGI application."""
