"""A studio of one's own: the first organisation, its owner and its policy, on an empty install.

:func:`create_studio` is the one use case behind ``plazo init`` and the web app's ``/setup/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils.text import slugify

from plazo.core.errors import PlazoError
from plazo.core.policy import default_policy_text
from plazo.store.models import Membership, Organisation, Role

__all__ = [
    "COUNTRY_TIME_ZONES",
    "MIN_PASSWORD_LENGTH",
    "StudioCreated",
    "StudioSetupError",
    "create_studio",
    "find_user_by_email",
    "has_studio",
]

MIN_PASSWORD_LENGTH = 8
_FIRST_RUN_LOCK = 0x706C617A6F  # "plazo": the advisory lock of the first run

# The time zone an organisation starts with, by country (the rest start in UTC; editable later).
COUNTRY_TIME_ZONES = {
    "ES": "Europe/Madrid",
    "PT": "Europe/Lisbon",
    "FR": "Europe/Paris",
    "DE": "Europe/Berlin",
    "IT": "Europe/Rome",
    "GB": "Europe/London",
    "IE": "Europe/Dublin",
    "NL": "Europe/Amsterdam",
    "US": "America/New_York",
    "MX": "America/Mexico_City",
    "AR": "America/Argentina/Buenos_Aires",
    "CL": "America/Santiago",
    "CO": "America/Bogota",
    "PE": "America/Lima",
}


class StudioSetupError(PlazoError):
    """One field of the first-run form is wrong; ``str()`` is ``"<field>: <message>"``."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class StudioCreated:
    """The new organisation and its owner."""

    organisation: Organisation
    owner: Any


def has_studio() -> bool:
    """Whether any organisation exists (the first-run form is offered only while none does)."""
    return Organisation.objects.exists()


def find_user_by_email(email: str) -> Any | None:
    """The one active user with this e-mail address (case-insensitive), else None."""
    users = list(get_user_model().objects.filter(email__iexact=email.strip())[:2])
    return users[0] if len(users) == 1 else None


def _check(
    name: str, email: str, password: str, language: str, currency: str, country: str
) -> None:
    if not name.strip() or len(name) > 200:
        raise StudioSetupError("organisation", "give a name of 1 to 200 characters")
    try:
        validate_email(email)
    except ValidationError:
        raise StudioSetupError("email", f"{email!r} is not an e-mail address") from None
    if language not in ("es", "en"):
        raise StudioSetupError("language", "use es or en")
    if len(currency) != 3 or not currency.isalpha() or not currency.isupper():
        raise StudioSetupError("currency", "use a three-letter ISO 4217 code such as EUR")
    if len(country) != 2 or not country.isalpha() or not country.isupper():
        raise StudioSetupError("country", "use a two-letter ISO 3166 code such as ES")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise StudioSetupError("password", f"use at least {MIN_PASSWORD_LENGTH} characters")
    try:
        validate_password(password, user=get_user_model()(username=email, email=email))
    except ValidationError as error:
        raise StudioSetupError("password", " ".join(error.messages)) from None


def _free_slug(name: str) -> str:
    base = slugify(name)[:70] or "studio"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_studio(
    *,
    organisation: str,
    email: str,
    password: str,
    owner_name: str = "",
    language: str = "es",
    currency: str = "EUR",
    country: str = "ES",
    time_zone: str | None = None,
    first: bool = False,
) -> StudioCreated:
    """Create the organisation, its owner (a superuser and member) and its default policy.

    1. Check every value first, so a refusal writes nothing and names the field.
    2. The owner logs in with the e-mail address (it is also the user name); an existing user
       with that address is refused rather than given a new password.
    3. The policy is the default one written out, so the owner sees what they may edit.

    ``first`` refuses when any organisation exists (the first-run form and ``plazo init``); on
    PostgreSQL a transaction-level advisory lock makes two first runs at once wait for each other,
    so the second sees the first's organisation.
    """
    email = email.strip().lower()
    currency, country = currency.strip().upper(), country.strip().upper()
    _check(organisation, email, password, language, currency, country)
    if first:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_FIRST_RUN_LOCK])
        if Organisation.objects.exists():
            raise StudioSetupError("organisation", "plazo is already set up; log in instead")
    zone = time_zone or COUNTRY_TIME_ZONES.get(country, "UTC")
    if zone not in available_timezones():
        raise StudioSetupError("time_zone", f"{zone!r} is not a known time zone")
    ZoneInfo(zone)
    users = get_user_model().objects
    if users.filter(username__iexact=email).exists() or find_user_by_email(email) is not None:
        raise StudioSetupError("email", f"a user with {email} already exists; log in instead")
    given, _, family = owner_name.strip().partition(" ")
    owner = users.create_superuser(
        username=email,
        email=email,
        password=password,
        first_name=given[:150],
        last_name=family[:150],
    )
    org = Organisation.objects.create(
        name=organisation.strip(),
        slug=_free_slug(organisation),
        language=language,
        currency=currency,
        country=country,
        time_zone=zone,
        sender_email=email,
        policy_toml=default_policy_text(language),
    )
    Membership.objects.create(organisation=org, user=owner, role=Role.OWNER)
    return StudioCreated(org, owner)
