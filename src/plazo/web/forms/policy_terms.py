"""The policy page's guided editor: caps, repeat escalation, offer percentages, extras' worth."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from plazo.core.policy import Policy
from plazo.web.policy_editor import percent_offers, terms_initial
from plazo.web.policy_summary import KINDS, code_words

__all__ = ["PolicyTermsForm"]


def _number(label: Any, *, most: int | None = None, least: int = 0, **kwargs: Any) -> Any:
    return forms.DecimalField(
        label=label,
        min_value=least,
        max_value=most,
        max_digits=12,
        decimal_places=2,
        **kwargs,
    )


class PolicyTermsForm(forms.Form):
    """Sent with the prefix ``terms``; fields for the policy's own extras and percent offers are
    added for the policy it edits."""

    cap_share = _number(
        _("Most one decision may offer, as a share of the project's value (%)"),
        most=100,
        required=False,
        help_text=_("Left empty: no cap on the share."),
    )
    cap_amount = _number(
        _("Most one decision may offer, in %(currency)s"),
        required=False,
        help_text=_("Left empty: no amount cap in this currency; other currencies keep theirs."),
    )
    per_repeat = _number(
        _("Each earlier slip of the project adds to money offers (%)"),
        most=1000,
        required=False,
        help_text=_("50 makes a first repeat offer ×1.5. Left empty or 0: no escalation."),
    )
    max_factor = forms.DecimalField(
        label=_("Money offers are multiplied by at most (×)"),
        min_value=1,
        max_value=10,
        max_digits=4,
        decimal_places=2,
        required=False,
        help_text=_("Left empty: 1 (never more than a first slip's)."),
    )

    prefix = "terms"

    def __init__(self, *args: Any, policy: Policy, currency: str, lang: str, **kwargs: Any):
        kwargs.setdefault("initial", terms_initial(policy, currency))
        super().__init__(*args, **kwargs)
        self.currency = currency
        self.fields["cap_amount"].label = str(self.fields["cap_amount"].label) % {
            "currency": currency
        }
        for key, item in policy.catalogue.items():
            self.fields[f"extra_{key}"] = _number(
                _("Free extra “%(name)s” is worth, in %(currency)s")
                % {"name": item.name(lang), "currency": currency},
                required=False,
                help_text=_("Counted against the caps. Left empty: as it is."),
            )
        for offer in percent_offers(policy):
            self.fields[offer.field] = _number(
                _("Rule “%(rule)s”: %(kind)s (%% of the value)")
                % {
                    "rule": code_words("rule", offer.rule_name, lang),
                    "kind": str(KINDS.get(offer.kind, offer.kind)).lower(),
                },
                most=100,
            )
