"""The organisation's settings and compensation policy, on pages an owner edits and members read."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from plazo.core.policy import PolicyError
from plazo.store.models import Membership, Organisation
from plazo.store.services.access.organisation_settings import (
    SettingsError,
    save_policy,
    update_settings,
)
from plazo.store.services.access.studio import create_studio
from plazo.store.services.delays.policy import organisation_policy
from plazo.web.policy_editor import terms_initial
from plazo.web.tenancy import SESSION_KEY
from tests.app.factories import make_org
from tests.app.web.helpers import browser_as, browser_for

pytestmark = pytest.mark.django_db
SETTINGS = "/settings/"
POLICY = "/settings/policy/"
GOOD = {
    "name": "Estudio Lumbre",
    "language": "es",
    "currency": "usd",
    "country": "mx",
    "time_zone": "America/Mexico_City",
    "sender_email": "hola@lumbre.example",
    "send_updates_automatically": "on",
}
ONE_RULE = """version = 1

[[rules]]
name = "siempre"
offers = [{ kind = "discount", percent = 4 }]
"""


def _fields(org: Organisation) -> dict[str, Any]:
    org.refresh_from_db()
    return {name: getattr(org, name) for name in GOOD}


def test_the_navigation_links_the_settings() -> None:
    browser, _ = browser_for(make_org())
    assert 'href="/settings/"' in browser.get("/").content.decode()


def test_an_owner_changes_the_settings() -> None:
    org = make_org()
    browser, _ = browser_for(org)
    page = browser.get(SETTINGS)
    assert page.status_code == 200
    assert 'name="time_zone"' in page.content.decode()
    response = browser.post(SETTINGS, GOOD)
    assert response.status_code == 302
    assert _fields(org) == {
        **GOOD,
        "currency": "USD",
        "country": "MX",
        "send_updates_automatically": True,
    }


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("currency", "e1r", "three-letter code"),
        ("country", "XX", "no holiday calendar"),
        ("time_zone", "Mars/Olympus", "time zone name"),
        ("sender_email", "not an address", "valid email"),
        ("name", "   ", "required"),
    ],
)
def test_a_bad_setting_is_refused_with_a_clear_error(field: str, value: str, says: str) -> None:
    org = make_org()
    before = _fields(org)
    browser, _ = browser_for(org)
    response = browser.post(SETTINGS, {**GOOD, field: value})
    assert response.status_code == 200
    assert says in response.content.decode()
    assert _fields(org) == before


def test_a_member_reads_the_settings_and_cannot_change_them() -> None:
    org = make_org(name="Estudio Norte")
    member = browser_as(org, "member")
    page = member.get(SETTINGS).content.decode()
    assert 'data-testid="read-only"' in page
    assert "Estudio Norte" in page
    assert 'name="time_zone"' not in page
    before = _fields(org)
    assert member.post(SETTINGS, GOOD).status_code == 403
    assert _fields(org) == before


def test_the_role_is_the_one_in_the_current_organisation() -> None:
    mine, theirs = make_org(), make_org(name="Ajena")
    browser, person = browser_for(mine)  # owner of mine
    Membership.objects.create(organisation=theirs, user=person, role="member")
    session = browser.session
    session[SESSION_KEY] = theirs.pk
    session.save()
    before = _fields(theirs)
    assert browser.post(SETTINGS, GOOD).status_code == 403
    assert _fields(theirs) == before


def test_an_owner_changes_only_their_own_organisation() -> None:
    mine, other = make_org(), make_org(name="Otra")
    before = _fields(other)
    browser, _ = browser_for(mine)
    browser.post(SETTINGS, GOOD)
    browser.post(POLICY, {"action": "save", "policy_toml": ONE_RULE})
    assert _fields(other) == before
    other.refresh_from_db()
    assert other.policy_toml == ""
    assert _fields(mine)["name"] == "Estudio Lumbre"


def test_the_policy_page_lists_the_default_rules_in_words() -> None:
    browser, _ = browser_for(make_org())
    page = browser.get(POLICY).content.decode()
    assert 'data-testid="uses-default"' in page
    assert "long-slip" in page
    assert "slip of 10–19 working days" in page
    assert "Discount on this project of 8 % of the value" in page
    assert "extra work of your choice" in page
    assert "at most 15 % of the project&#x27;s value" in page
    assert "[[rules]]" in page  # the document, ready to edit


def test_an_owner_saves_a_policy_and_it_is_the_one_used() -> None:
    org = make_org()
    browser, _ = browser_for(org)
    response = browser.post(POLICY, {"action": "save", "policy_toml": ONE_RULE})
    assert response.status_code == 302
    org.refresh_from_db()
    assert [rule.name for rule in organisation_policy(org).rules] == ["siempre"]
    page = browser.get(POLICY).content.decode()
    assert "siempre" in page
    assert "long-slip" not in page


def test_a_policy_that_does_not_load_is_refused_line_by_line() -> None:
    org = make_org()
    browser, _ = browser_for(org)
    broken = ONE_RULE.replace('kind = "discount"', 'kind = "refund"')
    response = browser.post(POLICY, {"action": "save", "policy_toml": broken})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Line 5, column" in text
    assert "refund" in text
    org.refresh_from_db()
    assert org.policy_toml == ""


def test_a_policy_that_does_not_load_is_refused_in_spanish_without_an_empty_key() -> None:
    browser, _ = browser_for(make_org())
    browser.cookies["django_language"] = "es"
    response = browser.post(POLICY, {"action": "save", "policy_toml": "version = 1\n"})
    text = response.content.decode()
    assert "Línea 1, columna 1: falta la clave obligatoria &#x27;rules&#x27;" in text
    assert "missing required key" not in text


def test_an_owner_goes_back_to_the_default_policy() -> None:
    org = make_org(policy_toml=ONE_RULE)
    browser, _ = browser_for(org)
    assert browser.post(POLICY, {"action": "default"}).status_code == 302
    org.refresh_from_db()
    assert org.policy_toml == ""


def test_a_member_reads_the_policy_and_cannot_change_it() -> None:
    org = make_org(policy_toml=ONE_RULE)
    member = browser_as(org, "member")
    page = member.get(POLICY).content.decode()
    assert 'data-testid="read-only"' in page
    assert "siempre" in page
    assert 'name="policy_toml"' not in page
    assert member.post(POLICY, {"action": "default"}).status_code == 403
    assert member.post(POLICY, {"action": "save", "policy_toml": ""}).status_code == 403
    org.refresh_from_db()
    assert org.policy_toml == ONE_RULE


def test_the_pages_speak_spanish() -> None:
    browser, _ = browser_for(make_org())
    browser.cookies["django_language"] = "es"
    assert "Política de compensación" in browser.get(POLICY).content.decode()
    assert "Ajustes" in browser.get(SETTINGS).content.decode()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"slug": "otra"}, "slug"),
        ({"time_zone": "Europe/Atlantis"}, "time_zone"),
        ({"currency": "eur"}, "currency"),
        ({"country": "ZZ"}, "country"),
        ({"name": "a\x00b"}, "name"),
    ],
)
def test_the_service_refuses_what_the_form_would_and_changes_nothing(
    values: dict[str, Any], field: str
) -> None:
    org = make_org()
    before = _fields(org)
    with pytest.raises(SettingsError) as refused:
        update_settings(org, {"name": "Nuevo nombre", **values})
    assert refused.value.field == field
    assert _fields(org) == before


def test_the_service_refuses_a_policy_that_does_not_load() -> None:
    org = make_org()
    with pytest.raises(PolicyError):
        save_policy(org, "version = 1\n[[rules]]\nname = 3\n")
    org.refresh_from_db()
    assert org.policy_toml == ""


def _terms(org: Organisation, **changes: str) -> dict[str, str]:
    """The guided editor's form as the page fills it, with ``changes``."""
    policy = organisation_policy(org)
    values = {
        f"terms-{name}": "" if value is None else str(value)
        for name, value in terms_initial(policy, org.currency).items()
    }
    return {"action": "terms", **values, **{f"terms-{k}": v for k, v in changes.items()}}


def test_the_terms_are_shown_in_words_before_any_editor() -> None:
    browser, _ = browser_for(make_org(currency="EUR"))
    page = browser.get(POLICY).content.decode()
    terms = page.index('data-testid="policy-terms"')
    assert terms < page.index('data-testid="terms-form"') < page.index('name="policy_toml"')
    short = page[terms : page.index("</section>", terms)]
    assert "at most 15 % of the project&#x27;s value; at most €5,000.00" in short
    assert "$5,500.00" in short  # the caps in the other currencies too
    assert "extra work of your choice, worth €400.00" in short
    assert "adds 50 % to money offers, up to ×2" in short


def test_an_owner_changes_the_common_terms_with_the_form_and_the_document_keeps_the_rest() -> None:
    org = make_org(currency="EUR", language="es")
    browser, _ = browser_for(org)
    form = _terms(
        org,
        cap_share="10",
        cap_amount="4000",
        per_repeat="25",
        max_factor="1.5",
        **{"extra_extra-work": "450", "offer_4_0": "4"},
    )
    response = browser.post(POLICY, form)
    assert response.status_code == 302
    org.refresh_from_db()
    policy = organisation_policy(org)
    assert policy.caps.max_share_of_value == Decimal("0.1")
    assert policy.caps.max_amount_by_currency["EUR"] == Decimal("4000")
    assert policy.caps.max_amount_by_currency["USD"] == Decimal("5500")  # untouched
    assert (policy.escalation.per_repeat, policy.escalation.max_factor) == (
        Decimal("0.25"),
        Decimal("1.5"),
    )
    assert policy.catalogue["extra-work"].value_by_currency["EUR"] == Decimal("450")
    assert policy.rules[4].offers[0].percent == Decimal("4")
    assert [rule.name for rule in policy.rules] == [
        rule.name for rule in organisation_policy(make_org()).rules
    ]
    assert "# Política de compensación por defecto de plazo." in org.policy_toml  # comments kept


def test_terms_out_of_range_are_refused_on_their_field_and_nothing_is_saved() -> None:
    org = make_org()
    browser, _ = browser_for(org)
    response = browser.post(POLICY, _terms(org, cap_share="150", max_factor="0.5"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('class="field-error"') == 2
    assert "less than or equal to 100" in page
    org.refresh_from_db()
    assert org.policy_toml == ""


def test_a_member_cannot_change_the_terms() -> None:
    org = make_org()
    member = browser_as(org, "member")
    assert 'data-testid="terms-form"' not in member.get(POLICY).content.decode()
    assert member.post(POLICY, _terms(org, cap_share="5")).status_code == 403
    org.refresh_from_db()
    assert org.policy_toml == ""


def test_a_spanish_organisation_edits_the_default_with_spanish_comments() -> None:
    browser, _ = browser_for(make_org(language="es"))
    page = browser.get(POLICY).content.decode()
    assert "# Política de compensación por defecto de plazo." in page
    assert "# plazo&#x27;s default compensation policy." not in page
    english = browser_for(make_org(language="en"))[0].get(POLICY).content.decode()
    assert "# plazo&#x27;s default compensation policy." in english


def test_a_new_spanish_studio_stores_the_default_with_spanish_comments() -> None:
    created = create_studio(
        organisation="Estudio Lumbre", email="ana@lumbre.example", password="x" * 12, language="es"
    )
    assert created.organisation.policy_toml.startswith("# Política de compensación")
