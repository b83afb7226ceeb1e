"""The Django admin of plazo: every list, form and choice confined to the user's organisations."""

from plazo.store.admin import registrations, users  # noqa: F401  (registers the model admins)
