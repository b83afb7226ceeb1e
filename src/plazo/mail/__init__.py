"""Delivery: Django e-mail backends and, later, the outbox worker."""
