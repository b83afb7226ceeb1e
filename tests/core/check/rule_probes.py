"""What the exact rules alone find in a text: the probes the rule-fix tests ask with."""

from __future__ import annotations

from plazo.core.check.engine import analyse, rules_report


def rule_warns(text: str, code: str, lang: str) -> bool:
    return code in rules_report(analyse(text, lang)).warning_codes


def rule_has(text: str, element: str, lang: str) -> bool:
    return rules_report(analyse(text, lang)).elements[element].present


def rule_says(text: str, name: str, lang: str) -> bool:
    """``name`` is an element the rules find or a warning they give."""
    report = rules_report(analyse(text, lang))
    return (
        report.elements[name].present if name in report.elements else name in report.warning_codes
    )


def new_dates(text: str, lang: str) -> list[str]:
    """The new dates the rules read, as the folded text spells them."""
    analysis = analyse(text, lang)
    return [analysis.prepared.folded[s:e] for s, e in analysis.new_dates]
