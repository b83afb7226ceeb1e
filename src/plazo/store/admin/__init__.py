"""The Django admin of plazo: every list, form and choice confined to the user's organisations."""

from plazo.store.admin import registrations, superusers, users  # noqa: F401  (registers the admins)
