"""Webhook signatures: HMAC-SHA256 over "<timestamp>.<body>", verified in constant time."""

from __future__ import annotations

import hashlib
import hmac

from plazo.core.webhook_signature import sign, verify

SECRET = "whsec_" + "ab" * 32
BODY = b'{"id":"3f1c","type":"notice.sent"}'
AT = 1_796_115_600


def test_the_signature_is_the_hex_hmac_of_timestamp_dot_body() -> None:
    expected = hmac.new(SECRET.encode(), b"1796115600." + BODY, hashlib.sha256).hexdigest()
    assert sign(SECRET, AT, BODY) == f"sha256={expected}"


def test_a_fresh_signature_verifies() -> None:
    assert verify(SECRET, AT, BODY, sign(SECRET, AT, BODY), now=AT + 299)


def test_a_tampered_body_fails_verification() -> None:
    signature = sign(SECRET, AT, BODY)
    assert not verify(SECRET, AT, BODY.replace(b"notice", b"update"), signature, now=AT)


def test_a_signature_moved_to_another_timestamp_fails() -> None:
    assert not verify(SECRET, AT + 60, BODY, sign(SECRET, AT, BODY), now=AT + 60)


def test_another_secret_fails() -> None:
    assert not verify(SECRET, AT, BODY, sign("whsec_other", AT, BODY), now=AT)


def test_an_old_request_is_refused_as_a_replay() -> None:
    signature = sign(SECRET, AT, BODY)
    assert not verify(SECRET, AT, BODY, signature, now=AT + 301)
    assert not verify(SECRET, AT, BODY, signature, now=AT - 301)
    assert verify(SECRET, AT, BODY, signature, now=AT + 3600, tolerance_seconds=3600)
