"""The policy page names a rule's earlier slips in words: a first slip is "first slip", never
"up to 0 earlier slips", and one earlier slip is singular, in English and in Spanish."""

from __future__ import annotations

import pytest
from django.utils import translation

from plazo.core.policy import load_policy
from plazo.web.policy_summary import summarise_policy
from tests.app.factories import make_org
from tests.app.web.helpers import browser_for

BOUNDS = {
    "first": "max_repeat = 0",
    "first-explicit": "min_repeat = 0, max_repeat = 0",
    "second": "min_repeat = 1, max_repeat = 1",
    "third": "min_repeat = 2, max_repeat = 2",
    "repeat": "min_repeat = 1",
    "many": "min_repeat = 2",
    "up-to-one": "max_repeat = 1",
    "up-to-three": "min_repeat = 0, max_repeat = 3",
    "some": "min_repeat = 1, max_repeat = 3",
    "any": "min_repeat = 0",
}
WORDS = {
    "en": {
        "first": "first slip",
        "first-explicit": "first slip",
        "second": "exactly 1 earlier slip",
        "third": "exactly 2 earlier slips",
        "repeat": "at least 1 earlier slip",
        "many": "at least 2 earlier slips",
        "up-to-one": "up to 1 earlier slip",
        "up-to-three": "up to 3 earlier slips",
        "some": "1–3 earlier slips",
        "any": "any number of earlier slips",
    },
    "es": {
        "first": "primer retraso",
        "first-explicit": "primer retraso",
        "second": "exactamente 1 retraso anterior",
        "third": "exactamente 2 retrasos anteriores",
        "repeat": "al menos 1 retraso anterior",
        "many": "al menos 2 retrasos anteriores",
        "up-to-one": "hasta 1 retraso anterior",
        "up-to-three": "hasta 3 retrasos anteriores",
        "some": "1–3 retrasos anteriores",
        "any": "cualquier número de retrasos anteriores",
    },
}
POLICY = "version = 1\n" + "".join(
    f'\n[[rules]]\nname = "{name}"\nwhen = {{ {bounds} }}\noffers = []\n'
    for name, bounds in BOUNDS.items()
)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_count_of_earlier_slips_is_named_in_words(lang: str) -> None:
    with translation.override(lang):
        summary = summarise_policy(load_policy(POLICY), currency="EUR", lang=lang)
    assert {rule.name: rule.when for rule in summary.rules} == {
        name: [words] for name, words in WORDS[lang].items()
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "first", "wrong"),
    [
        ("en", "working days; first slip; notice", "up to 0"),
        ("es", "días laborables; primer retraso; aviso", "hasta 0"),
    ],
)
def test_the_default_policys_first_rule_says_first_slip(lang: str, first: str, wrong: str) -> None:
    browser, _ = browser_for(make_org())
    browser.cookies["django_language"] = lang
    page = browser.get("/settings/policy/").content.decode()
    assert first in page
    assert wrong not in page


DAYS = (
    'version = 1\n\n[[rules]]\nname = "one-day"\n'
    "when = { min_slip_working_days = 1, max_slip_working_days = 1, "
    "max_notice_lead_working_days = 1 }\noffers = []\n\n"
    '[[rules]]\nname = "long"\nwhen = { min_slip_working_days = 20 }\noffers = []\n'
)


@pytest.mark.parametrize(
    ("lang", "one_day", "long"),
    [
        ("en", ["slip of 1 working day", "notice up to 1 working day ahead"],
         ["slip of 20 or more working days"]),
        ("es", ["retraso de 1 día laborable", "aviso con hasta 1 día laborable de antelación"],
         ["retraso de 20 o más días laborables"]),
    ],
)  # fmt: skip
def test_one_working_day_is_singular(lang: str, one_day: list[str], long: list[str]) -> None:
    with translation.override(lang):
        summary = summarise_policy(load_policy(DAYS), currency="EUR", lang=lang)
    assert {rule.name: rule.when for rule in summary.rules} == {"one-day": one_day, "long": long}
