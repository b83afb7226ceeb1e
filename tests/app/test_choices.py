"""The models label the core's enumerations; they never define a second copy."""

from plazo.core import compose, policy
from plazo.core.ledger import records
from plazo.store.models import choices


def test_the_models_use_the_cores_enumerations() -> None:
    assert choices.OfferKind is policy.OfferKind
    assert choices.Register is compose.Register
    assert choices.OfferState is records.OfferState
    assert choices.CommitmentOutcome is records.Outcome
    assert [v for v, _ in choices.OFFER_KIND_CHOICES] == [k.value for k in policy.OfferKind]
