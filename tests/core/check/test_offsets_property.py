"""For any input the checker either refuses it clearly or reports spans that point into it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from plazo.core.check import CheckError, check

PHRASES = [
    "Lo siento mucho, ",
    "estará lista el 3 de marzo. ",
    "We're sorry: ",
    "you'll have it on Friday the 7th. ",
    "«perdón» ",
    '"sorry" ',
    "because you didn't send it. ",
    "no sabemos cuándo. ",
    "ASAP ",
    "10% off ",
    "Ñandú ÁÉÍÓÚ ",
    "\n\n",
    "<b>",
    "</p>",
    "&amp;",
]

messages = st.lists(st.sampled_from(PHRASES) | st.text(max_size=12), max_size=12).map("".join)


@settings(max_examples=150, deadline=None)
@given(messages)
def test_spans_are_inside_the_input_and_match_it_for_plain_text(text: str) -> None:
    try:
        report = check(text)
    except CheckError:
        return
    ranges = [(s.start, s.end, s.text) for r in report.elements.values() for s in r.evidence]
    ranges += [(w.start, w.end, w.text) for w in report.warnings]
    for start, end, found in ranges:
        assert 0 <= start < end <= len(text)
        if "<" not in text:
            assert text[start:end] == found
    assert 0 <= report.score <= 100
