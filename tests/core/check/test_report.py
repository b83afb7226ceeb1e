"""The report: DESIGN §5 JSON shape, score range and the pass rule."""

from __future__ import annotations

from plazo.core.check import ELEMENTS, WARNINGS, check
from plazo.core.check.score import ELEMENT_POINTS, score

GOOD = (
    "Hi Rachel, I'm sorry: the portal won't be ready for the 14th. I know you were counting on "
    "it for your board meeting. The cause was a SAML configuration we hadn't scoped; we've "
    "identified every remaining dependency so it won't happen again. We've added a second "
    "developer and you'll have the release on Thursday 20th. The first three months of support "
    "are on the house."
)


def test_a_complete_message_passes_with_full_score() -> None:
    report = check(GOOD)
    assert report.passes, report.to_dict()
    assert report.score == 100


def test_json_has_the_design_shape_plus_the_models_probabilities() -> None:
    data = check(GOOD).to_dict()
    assert set(data) == {"lang", "score", "elements", "warnings", "warning_probabilities"}
    assert list(data["elements"]) == list(ELEMENTS)
    for element in data["elements"].values():
        assert set(element) == {"present", "evidence", "probability"}
        for span in element["evidence"]:
            assert set(span) == {"start", "end", "text"}


def test_warnings_carry_code_offsets_text_and_message() -> None:
    data = check("We'll have it ready as soon as possible.").to_dict()
    assert data["warnings"]
    for warning in data["warnings"]:
        assert set(warning) == {"code", "start", "end", "text", "message"}
        assert warning["code"] in WARNINGS
        assert warning["message"]


def test_score_weights_sum_to_100_and_warnings_lower_it() -> None:
    assert sum(ELEMENT_POINTS.values()) == 100
    assert score(ELEMENTS, ()) == 100
    assert score(ELEMENTS, ("blames_client",)) < 100
    assert score((), WARNINGS) == 0


def test_a_message_with_a_warning_does_not_pass() -> None:
    report = check(GOOD + " The delay is because you didn't send the logo on time.")
    assert not report.passes
