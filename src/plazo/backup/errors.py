"""The one error of backing up and restoring."""

__all__ = ["BackupError"]


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""
