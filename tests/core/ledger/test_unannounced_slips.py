"""A later date nobody told the client of is no notice (outsider 6, B2).

Lucía moved a kitchen's promise from 29 January to 5 February 2027 on 21 December 2026 with no
notice and no word to the client; the ledger counted it as a notice given "29 working days"
ahead and listed no silent slip. Only a notice sent, or a telling a person recorded, is notice.
"""

from __future__ import annotations

from datetime import date

from plazo.core.ledger import (
    MissedDeadline,
    PromiseRecord,
    Standing,
    UnannouncedSlip,
    compute_metrics,
    promise_standings,
)

FIRST = PromiseRecord("K", "Whitfield", promised_on=date(2027, 1, 29), made_on=date(2026, 12, 6))


def _moved(**heard: object) -> PromiseRecord:
    return PromiseRecord(
        "K", "Whitfield", promised_on=date(2027, 2, 5), made_on=date(2026, 12, 21), **heard
    )


def test_a_later_date_set_without_a_word_is_no_notice_and_is_listed() -> None:
    metrics = compute_metrics([FIRST, _moved()], [], today=date(2026, 12, 21))
    assert metrics.notice_lead_working_days == ()
    assert metrics.slips_without_notice == (
        UnannouncedSlip("K", "Whitfield", date(2027, 1, 29), date(2027, 2, 5), date(2026, 12, 21)),
    )
    assert metrics.to_dict()["slips_without_notice"][0]["moved_to"] == "2027-02-05"


def test_its_replaced_deadline_is_missed_without_notice_once_it_passes() -> None:
    before = compute_metrics([FIRST, _moved()], [], today=date(2027, 1, 29))
    after = compute_metrics([FIRST, _moved()], [], today=date(2027, 1, 30))
    assert before.missed_without_notice == ()
    assert after.missed_without_notice == (MissedDeadline("K", "Whitfield", date(2027, 1, 29)),)


def test_a_notice_sent_or_a_recorded_telling_is_notice_from_that_day() -> None:
    sent = compute_metrics([FIRST, _moved(notice_sent_on=date(2026, 12, 22))], [])
    told = compute_metrics([FIRST, _moved(told_on=date(2026, 12, 18))], [])
    assert sent.notice_lead_working_days == (28,)
    assert told.notice_lead_working_days == (30,)
    assert sent.slips_without_notice == told.slips_without_notice == ()


def test_a_notice_still_in_the_outbox_is_not_yet_notice_nor_a_silent_slip() -> None:
    waiting = compute_metrics([FIRST, _moved(has_notice=True)], [], today=date(2026, 12, 21))
    assert waiting.notice_lead_working_days == ()
    assert waiting.slips_without_notice == ()


def test_a_date_brought_forward_is_heard_when_it_is_made() -> None:
    earlier = PromiseRecord(
        "K", "Whitfield", promised_on=date(2027, 1, 22), made_on=date(2026, 12, 21)
    )
    metrics = compute_metrics([FIRST, earlier], [], today=date(2027, 1, 30))
    # 29 January passed, but the client had heard of the 22nd, which is what was missed
    assert metrics.slips_without_notice == ()
    assert metrics.missed_without_notice == (MissedDeadline("K", "Whitfield", date(2027, 1, 22)),)


def test_the_standing_says_how_the_client_heard_of_the_later_date() -> None:
    today = date(2026, 12, 21)
    words = [
        promise_standings([FIRST, moved], today=today)[0]
        for moved in (
            _moved(),
            _moved(has_notice=True),
            _moved(told_on=date(2026, 12, 18)),
            _moved(has_notice=True, notice_sent_on=date(2026, 12, 22)),
        )
    ]
    assert [s.told for s in words] == ["not_told", "notice_waiting", "outside", "notice"]
    assert all(s.standing is Standing.REPLACED for s in words)
    assert [s.notice_working_days for s in words] == [None, None, 30, 28]
