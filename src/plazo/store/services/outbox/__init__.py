"""The outbox: store a message once, and what a person can do to one (retry, cancel)."""
