"""Outgoing webhooks: the worker posts queued deliveries, signed, and records each outcome.

Events are queued by ``plazo.store.services.webhooks.events``; signing is pure and lives in
``plazo.core.webhook_signature``; :mod:`plazo.webhooks.delivery` moves the bytes.
"""
