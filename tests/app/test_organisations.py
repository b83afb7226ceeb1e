"""``--org`` picks the organisation; without it, the only one, or a clear error."""

from __future__ import annotations

import pytest

from plazo.store.services.access.organisations import OrganisationChoiceError, pick_organisation
from tests.app.factories import make_org

pytestmark = pytest.mark.django_db


def test_the_only_organisation_is_the_default() -> None:
    org = make_org()
    assert pick_organisation(None) == org


def test_several_organisations_need_a_slug_and_the_error_lists_them() -> None:
    make_org(slug="alpha")
    beta = make_org(slug="beta")
    with pytest.raises(OrganisationChoiceError, match=r"several organisations.*alpha, beta"):
        pick_organisation(None)
    assert pick_organisation("beta") == beta


def test_an_unknown_slug_or_no_organisation_is_a_clear_error() -> None:
    with pytest.raises(OrganisationChoiceError, match="no organisation yet"):
        pick_organisation(None)
    make_org(slug="alpha")
    with pytest.raises(
        OrganisationChoiceError, match="no organisation with slug 'gamma'; known: alpha"
    ):
        pick_organisation("gamma")
