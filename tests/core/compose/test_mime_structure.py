"""The e-mail form parses back: alternatives, chart related by CID, the .ics, threading."""

from __future__ import annotations

import email
from email import policy
from email.message import EmailMessage

from plazo.core.compose import Message
from tests.core.compose.factories import make_delay_notice, make_weekly_update


def parse(message: Message) -> EmailMessage:
    parsed = email.message_from_bytes(message.to_email().as_bytes(), policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def structure(part: EmailMessage, depth: int = 0) -> list[str]:
    lines = ["  " * depth + part.get_content_type()]
    if part.is_multipart():
        for child in part.iter_parts():
            assert isinstance(child, EmailMessage)
            lines += structure(child, depth + 1)
    return lines


def test_weekly_update_is_text_and_html_with_the_chart_inline() -> None:
    parsed = parse(make_weekly_update())
    assert structure(parsed) == [
        "multipart/alternative",
        "  text/plain",
        "  multipart/related",
        "    text/html",
        "    image/png",
    ]
    html_part = parsed.get_body(preferencelist=("html",))
    assert html_part is not None
    image = next(p for p in parsed.walk() if p.get_content_type() == "image/png")
    cid = image["Content-ID"].strip("<>")
    assert f'src="cid:{cid}"' in html_part.get_content()
    assert image.get_content()[:8] == b"\x89PNG\r\n\x1a\n"


def test_delay_notice_attaches_the_calendar_event() -> None:
    parsed = parse(make_delay_notice())
    assert structure(parsed) == [
        "multipart/mixed",
        "  multipart/alternative",
        "    text/plain",
        "    text/html",
        "  text/calendar",
    ]
    calendar = next(p for p in parsed.walk() if p.get_content_type() == "text/calendar")
    assert calendar.get_filename() == "entrega.ics"
    assert calendar.get_param("method") == "PUBLISH"
    assert b"BEGIN:VCALENDAR" in calendar.get_payload(decode=True)


def test_plain_text_survives_the_round_trip() -> None:
    message = make_weekly_update()
    text_part = parse(message).get_body(preferencelist=("plain",))
    assert text_part is not None
    assert text_part.get_content().replace("\r\n", "\n") == message.text


def test_headers_thread_every_message_of_a_project() -> None:
    update, delay = parse(make_weekly_update()), parse(make_delay_notice())
    assert update["References"] == delay["References"] == "<plazo.p7.thread@estudionorte.es>"
    assert update["In-Reply-To"] == "<plazo.p7.thread@estudionorte.es>"
    assert update["Message-ID"] == "<plazo.p7.weekly-2026-W49@estudionorte.es>"
    assert update["Message-ID"] != delay["Message-ID"]


def test_message_id_is_deterministic() -> None:
    assert (
        make_weekly_update().to_email()["Message-ID"]
        == make_weekly_update().to_email()["Message-ID"]
    )
    assert make_weekly_update().to_email().as_bytes().count(b"Message-ID") == 1


def test_reply_to_is_the_project_owner_and_from_is_the_organisation() -> None:
    parsed = parse(make_delay_notice())
    assert parsed["Reply-To"] == "Ana Ruiz <ana@estudionorte.es>"
    assert parsed["From"] == "Estudio Norte <avisos@estudionorte.es>"
    assert parsed["To"] == "Laura Gómez <laura@bodegasribera.es>"
    assert parsed["Date"] == "Mon, 30 Nov 2026 08:00:00 +0000"
    assert parsed["Content-Language"] == "es"


def test_html_has_css_inlined_and_keeps_dark_mode() -> None:
    html = make_weekly_update().html
    assert '<p style="' in html
    assert "prefers-color-scheme: dark" in html
    assert 'name="color-scheme" content="light dark"' in html


def test_composing_twice_gives_the_same_bytes() -> None:
    assert make_weekly_update() == make_weekly_update()
    assert make_delay_notice().to_email().as_bytes() == make_delay_notice().to_email().as_bytes()


def test_without_a_chart_the_update_is_text_and_html_only() -> None:
    assert structure(parse(make_weekly_update(with_chart=False))) == [
        "multipart/alternative",
        "  text/plain",
        "  text/html",
    ]


def test_kept_headers_give_the_bytes_of_freshly_parsed_ones(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from email.headerregistry import HeaderRegistry

    from plazo.core.compose import message as message_module

    messages = [
        make_weekly_update(),
        make_delay_notice(sequence=1),
        make_delay_notice(sequence=2),
        make_weekly_update(),
    ]  # the later ones reuse kept headers
    kept = [m.to_email().as_bytes() for m in messages]
    assert [m.to_email().as_bytes() for m in messages] == kept  # folded once, then recalled
    plain = policy.SMTP.clone(header_factory=HeaderRegistry())
    monkeypatch.setattr(message_module, "_POLICY", plain)
    assert [m.to_email().as_bytes() for m in messages] == kept
