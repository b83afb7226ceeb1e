"""Bad input raises CheckError; HTML keeps offsets into the original text; language detection."""

from __future__ import annotations

import pytest

from plazo.core.check import CheckError, check


@pytest.mark.parametrize(
    "data",
    ["", "   \n\t ", b"\xff\xfe\x00binary", b"caf\xe9 latin-1", "x" * 1_000_001, "12/12 !!"],
)
def test_unusable_input_raises_a_clear_error(data: str | bytes) -> None:
    with pytest.raises(CheckError):
        check(data)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ("   \n ", "empty"),
        ("12/12 !!", "empty"),
        ("Xyzzy plugh quux frob.", "language"),
        ("x" * 1_000_001, "invalid"),
    ],
)
def test_the_error_names_its_reason_for_callers_that_word_it_themselves(
    data: str, code: str
) -> None:
    with pytest.raises(CheckError) as raised:
        check(data)
    assert raised.value.code == code


def test_an_unknown_language_code_is_refused() -> None:
    with pytest.raises(CheckError, match="unsupported language"):
        check("Sorry for the delay.", lang="fr")


def test_language_is_detected() -> None:
    assert check("Sentimos mucho el retraso con el pedido.").lang == "es"
    assert check("We are sorry about the delay with the order.").lang == "en"


def test_lang_overrides_detection() -> None:
    assert check("Sorry for the delay.", lang="es").lang == "es"


def test_evidence_offsets_point_into_the_original_text() -> None:
    text = "Hola Ana, lo siento: la web estará lista el 22 de marzo."
    report = check(text)
    for result in report.elements.values():
        for span in result.evidence:
            assert text[span.start : span.end] == span.text


def test_html_is_stripped_but_offsets_point_into_the_html() -> None:
    html = "<p>Dear Ann,</p><p>We're <b>truly sorry</b>: you'll have it on March 3rd.</p>"
    report = check(html)
    apology = report.elements["apology"].evidence[0]
    assert "sorry" in apology.text
    # The evidence is the sentence that carried the decision, located in the HTML.
    assert "<b>truly sorry</b>" in html[apology.start : apology.end]
    assert report.elements["new_date"].present


def test_html_entities_are_decoded() -> None:
    assert (
        check("<p>Lo siento, la entrega ser&aacute; el 3 de mayo.</p>").elements["new_date"].present
    )


def test_bytes_in_utf8_are_accepted() -> None:
    assert check("Lo siento, llegará el 3 de mayo.".encode()).lang == "es"
