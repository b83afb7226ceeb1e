"""The configuration error, shared by every settings reader."""

__all__ = ["ConfigError"]


class ConfigError(Exception):
    """A setting is missing or wrong; the message is one sentence that says how to fix it."""
