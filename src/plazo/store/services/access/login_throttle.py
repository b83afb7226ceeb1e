"""Count failed log-ins per user name and per address, lock after the limit, tell the owners.

The policy is :mod:`plazo.core.login_throttle`; this module keeps its state in the database
(``LoginThrottle`` rows, updated under a row lock so concurrent web processes count every
failure once) and writes the owners' alert to the outbox in the same transaction as the lock.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from plazo.core.compose.lockout_alert import compose_lockout_alert
from plazo.core.login_throttle import ThrottlePolicy, ThrottleState, after_failure, is_locked
from plazo.store.models import (
    LoginThrottle,
    Membership,
    MessageKind,
    MessageState,
    Organisation,
    Role,
)
from plazo.store.services.outbox.write import store_message

__all__ = [
    "address_key",
    "current_locks",
    "locked_until",
    "record_failure",
    "record_success",
    "throttle_policy",
    "unlock",
    "user_key",
]

logger = logging.getLogger("plazo.login")

_STATE_FIELDS = ("failures", "last_failure_at", "lockouts", "locked_at", "locked_until")


def throttle_policy() -> ThrottlePolicy:
    """The policy with the limit and first lock period from the environment."""
    return ThrottlePolicy(
        failure_limit=settings.PLAZO_LOGIN_FAILURE_LIMIT,
        first_lock=timedelta(minutes=settings.PLAZO_LOGIN_LOCK_MINUTES),
    )


def user_key(typed: str) -> str:
    """The key of the account a person typed, by user name or by e-mail, in any case."""
    typed = typed.strip()
    if "@" in typed:
        matches = list(
            get_user_model().objects.filter(email__iexact=typed).values_list("username", flat=True)
        )
        if len(matches) == 1:  # the same account, whichever way it was named
            typed = matches[0]
    return f"user:{typed.lower()[:190]}"


def address_key(address: str) -> str:
    return f"ip:{address[:190]}"


def locked_until(keys: Iterable[str], now: datetime) -> datetime | None:
    """The latest end of a lock on any of ``keys``, or None when none is locked."""
    ends = [
        end
        for end in LoginThrottle.objects.filter(
            key__in=list(keys), locked_until__gt=now
        ).values_list("locked_until", flat=True)
        if end is not None
    ]
    return max(ends, default=None)


@transaction.atomic
def record_failure(
    keys: Sequence[str],
    *,
    now: datetime,
    address: str,
    where: str,
    organisation: Organisation | None = None,
) -> datetime | None:
    """Count one failed attempt against every key; the end of the lock if one started now.

    A user key that starts a lock alerts the owners of every organisation the account belongs
    to; an address key alerts ``organisation``'s owners when the caller knows whose door was
    tried (a revoked API token's organisation), and otherwise is only logged.
    """
    policy = throttle_policy()
    started: datetime | None = None
    for key in keys:
        LoginThrottle.objects.get_or_create(key=key)
        row = LoginThrottle.objects.select_for_update().get(key=key)
        before = ThrottleState(**{name: getattr(row, name) for name in _STATE_FIELDS})
        if is_locked(before, now):
            continue  # attempts during a lock are refused earlier and never counted
        after = after_failure(policy, before, now)
        for name, value in asdict(after).items():
            setattr(row, name, value)
        row.save(update_fields=list(_STATE_FIELDS))
        if is_locked(after, now):
            assert after.locked_until is not None
            started = max(started or after.locked_until, after.locked_until)
            logger.warning("log-ins for %s are paused until %s", key, after.locked_until)
            _alert_owners(row, policy, now=now, address=address, where=where, org=organisation)
    return started


def record_success(key: str) -> None:
    """A successful log-in forgets the account's failures (not a lock, not the address's)."""
    LoginThrottle.objects.filter(key=key, failures__gt=0).update(failures=0)


def unlock(keys: Iterable[str]) -> int:
    """Lift the locks and forget the failures of ``keys``; how many keys were locked or counted."""
    removed, _ = LoginThrottle.objects.filter(key__in=list(keys)).delete()
    return removed


def current_locks(now: datetime) -> list[LoginThrottle]:
    """Every key locked at ``now``, the longest lock first."""
    return list(LoginThrottle.objects.filter(locked_until__gt=now).order_by("-locked_until"))


def _alert_owners(
    row: LoginThrottle,
    policy: ThrottlePolicy,
    *,
    now: datetime,
    address: str,
    where: str,
    org: Organisation | None,
) -> None:
    kind, _, name = row.key.partition(":")
    if kind == "user":
        organisations = list(
            Organisation.objects.filter(memberships__user__username__iexact=name).distinct()
        )
        who, command = name, f"plazo unlock {name}"
    else:
        organisations = [org] if org is not None else []
        who, command = f"the address {name}", f"plazo unlock --address {name}"
    if not organisations:
        logger.warning("no organisation to alert about the lock of %s", row.key)
    assert row.locked_until is not None
    assert row.locked_at is not None
    for organisation in organisations:
        by_language: dict[str, list[tuple[str, str]]] = {}
        for m in (
            Membership.objects.filter(organisation=organisation, role=Role.OWNER)
            .select_related("user")
            .order_by("pk")
        ):
            if m.user.email:
                name = m.user.get_full_name() or m.user.get_username()
                language = m.language or organisation.language
                by_language.setdefault(language, []).append((name, m.user.email))
        if not by_language:
            logger.warning("%s has no owner with an e-mail to alert", organisation.slug)
            continue
        _, fallback_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
        # one e-mail per language the owners read plazo in (the organisation's keeps its key)
        for language, owners in by_language.items():
            key = f"lockout:{row.pk}:{row.locked_at:%Y%m%dT%H%M%S}:{organisation.pk}"
            if language != organisation.language:
                key += f":{language}"
            composed = compose_lockout_alert(
                language=language,
                sender=(organisation.name, organisation.sender_email or fallback_email),
                to=owners,
                who=who,
                address=address,
                where=where,
                failures=policy.failure_limit,
                locked_until=row.locked_until,
                time_zone=organisation.time_zone,
                unlock_command=command,
                sent_at=now,
                message_key=key,
            )
            store_message(
                composed,
                organisation=organisation,
                project=None,
                key=key,
                state=MessageState.QUEUED,
                now=now,
                kind=MessageKind.OWNER_ALERT,
            )
