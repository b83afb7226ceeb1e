"""The default policy ships with its comments in English and Spanish: the same policy in both."""

from __future__ import annotations

from dataclasses import replace

from plazo.core.policy import Policy, default_policy, default_policy_text, load_policy


def _comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if line.lstrip().startswith("#"))


def _without_positions(policy: Policy) -> Policy:
    """The policy without where its rules stand in the document (the comments move them)."""
    rules = tuple(replace(rule, line=0) for rule in policy.rules)
    return replace(policy, rules=rules, source="")


def test_the_spanish_document_is_the_same_policy_with_spanish_comments() -> None:
    spanish = default_policy_text("es")
    assert _without_positions(load_policy(spanish)) == _without_positions(default_policy())
    assert "Política de compensación por defecto de plazo." in _comments(spanish)
    assert "How to read it" not in spanish
    assert "default compensation policy" not in spanish


def test_english_is_the_default_and_any_other_language_falls_back_to_it() -> None:
    english = default_policy_text()
    assert english == default_policy_text("en") == default_policy_text("fr")
    assert "How to read it" in _comments(english)


def test_both_documents_differ_only_in_their_comments() -> None:
    def data(text: str) -> list[str]:
        return [line.split("#")[0].rstrip() for line in text.splitlines() if line.strip()]

    english, spanish = default_policy_text("en"), default_policy_text("es")
    strip = [line for line in data(english) if line]
    assert strip == [line for line in data(spanish) if line]
