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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plazo.core.calendar import has_holiday_calendar
from plazo.core.errors import PlazoError
from plazo.core.policy import default_policy_text
from plazo.store.models import Membership, Organisation, Role
from plazo.store.services.access.studio_places import FALLBACK_COUNTRY, place_defaults

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "StudioCreated",
    "StudioSetupError",
    "create_studio",
    "find_user_by_email",
    "has_studio",
    "password_problems",
    "studio_country",
    "studio_language",
]

# The shortest password Django's validators accept (AUTH_PASSWORD_VALIDATORS in plazo.conf.settings
# says the same); prompts and forms name it.
MIN_PASSWORD_LENGTH = 8
_FIRST_RUN_LOCK = 0x706C617A6F  # "plazo": the advisory lock of the first run


# How a refusal names its field, in the active language (``plazo init`` speaks the machine's,
# ``/setup/`` the browser's): "country: …", "país: …".
_FIELD_NAMES = {
    "organisation": gettext_lazy("studio name"),
    "email": gettext_lazy("e-mail address"),
    "language": gettext_lazy("clients' language"),
    "currency": gettext_lazy("currency"),
    "country": gettext_lazy("country"),
    "time_zone": gettext_lazy("time zone"),
    "password": gettext_lazy("password"),
}


class StudioSetupError(PlazoError):
    """One field of the first-run form is wrong; ``str()`` is ``"<field>: <message>"``, the
    field named and the message said in the active language."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{_FIELD_NAMES.get(field, field)}: {message}")
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


def studio_language() -> str | None:
    """The clients' usual language of the organisations here, when there are some and they
    agree on one (a studio of one's own has one organisation); else None."""
    languages = set(
        Organisation.objects.order_by().values_list("language", flat=True).distinct()[:2]
    )
    return languages.pop() if len(languages) == 1 else None


def studio_country() -> str | None:
    """The country of the organisations here, when there are some and they agree on one (a
    studio of one's own has one organisation); else None. A page with no organisation yet (the
    log-in page) writes times as people there do."""
    countries = set(
        Organisation.objects.order_by().values_list("country", flat=True).distinct()[:2]
    )
    return countries.pop() if len(countries) == 1 else None


def find_user_by_email(email: str) -> Any | None:
    """The one active user with this e-mail address (case-insensitive), else None."""
    users = list(get_user_model().objects.filter(email__iexact=email.strip())[:2])
    return users[0] if len(users) == 1 else None


def password_problems(password: str, *, email: str, name: str = "") -> list[str]:
    """What Django's password validators (``AUTH_PASSWORD_VALIDATORS``) say against ``password``
    for the person with this e-mail address and name; empty when it is acceptable.

    The same rules as the invitation page and every password change, so ``plazo init`` can ask
    again at once instead of refusing after every question.
    """
    given, _, family = name.strip().partition(" ")
    person = get_user_model()(username=email, email=email, first_name=given, last_name=family)
    try:
        validate_password(password, user=person)
    except ValidationError as error:
        return [str(message) for message in error.messages]
    return []


def _check(
    name: str,
    email: str,
    password: str,
    owner_name: str,
    language: str,
    currency: str,
    country: str,
) -> None:
    if not name.strip() or len(name) > 200:
        raise StudioSetupError("organisation", _("give a name of 1 to 200 characters"))
    try:
        validate_email(email)
    except ValidationError:
        raise StudioSetupError(
            "email", _("'%(email)s' is not an e-mail address") % {"email": email}
        ) from None
    if language not in ("es", "en"):
        raise StudioSetupError("language", _("use es or en"))
    if len(currency) != 3 or not currency.isalpha() or not currency.isupper():
        raise StudioSetupError("currency", _("use a three-letter ISO 4217 code such as GBP or EUR"))
    if len(country) != 2 or not country.isalpha() or not country.isupper():
        raise StudioSetupError("country", _("use a two-letter ISO 3166 code such as GB or ES"))
    if not has_holiday_calendar(country):
        raise StudioSetupError(
            "country",
            _("plazo has no public-holiday calendar for %(country)s") % {"country": country},
        )
    problems = password_problems(password, email=email, name=owner_name)
    if problems:
        raise StudioSetupError("password", " ".join(problems))


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
    language: str | None = None,
    currency: str | None = None,
    country: str = FALLBACK_COUNTRY,
    time_zone: str | None = None,
    first: bool = False,
) -> StudioCreated:
    """Create the organisation, its owner (a superuser and member) and its default policy.

    1. Check every value first, so a refusal writes nothing and names the field.
    2. The owner logs in with the e-mail address (it is also the user name); an existing user
       with that address is refused rather than given a new password.
    3. The policy is the default one written out, so the owner sees what they may edit.
    4. What is not given follows from the country by the rule ``plazo init`` and the first-run
       form start from (:func:`~plazo.store.services.access.studio_places.place_defaults`): its
       currency, its time zone (the machine's when it is one of the country's, else the
       country's only or capital's zone; a machine on UTC or an unknown zone changes nothing)
       and its clients' likely language.

    ``first`` refuses when any organisation exists (the first-run form and ``plazo init``); on
    PostgreSQL a transaction-level advisory lock makes two first runs at once wait for each other,
    so the second sees the first's organisation.
    """
    email = email.strip().lower()
    # What is not given follows from the country as it does for ``plazo init`` and the
    # first-run form: one rule (a time zone prefers the machine's when it is in the country).
    place = place_defaults(
        country=country.strip().upper() or FALLBACK_COUNTRY,
        currency=currency,
        time_zone=time_zone,
        language=language,
    )
    country, currency, zone, language = (
        place.country,
        place.currency,
        place.time_zone,
        place.language,
    )
    _check(organisation, email, password, owner_name, language, currency, country)
    if first:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_FIRST_RUN_LOCK])
        if Organisation.objects.exists():
            raise StudioSetupError("organisation", _("plazo is already set up; log in instead"))
    if zone not in available_timezones():
        raise StudioSetupError(
            "time_zone", _("'%(zone)s' is not a known time zone") % {"zone": zone}
        )
    ZoneInfo(zone)
    users = get_user_model().objects
    if users.filter(username__iexact=email).exists() or find_user_by_email(email) is not None:
        raise StudioSetupError(
            "email", _("a user with %(email)s already exists; log in instead") % {"email": email}
        )
    given, _space, family = owner_name.strip().partition(" ")
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
