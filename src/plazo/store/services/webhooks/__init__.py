"""Webhook endpoints and the events delivered to them."""
