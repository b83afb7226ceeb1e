"""The outbox: store a message once, act on it, tell the owner when one fails for good."""
