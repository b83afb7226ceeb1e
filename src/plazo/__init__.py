"""plazo keeps clients informed and promises kept."""

__version__ = "0.1.0"
