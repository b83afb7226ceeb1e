"""An enumeration the core decides with is defined once; the models label the same members."""

from plazo.core import compose, policy


def test_the_composer_and_the_policy_share_one_offer_kind() -> None:
    assert compose.OfferKind is policy.OfferKind
