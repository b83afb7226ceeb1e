"""Back up a studio (database, outbox, manifest) and restore it into an empty home."""

from plazo.backup.errors import BackupError
from plazo.backup.make import make_backup
from plazo.backup.restore import restore_backup

__all__ = ["BackupError", "make_backup", "restore_backup"]
