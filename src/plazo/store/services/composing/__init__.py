"""Composer inputs: stored rows turned into the plain values the core composes messages from."""
