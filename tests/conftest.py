"""Test-wide set-up. Django's settings for tests are ``plazo.conf.testing`` (see pyproject)."""
