"""A date tried on the review page to see its chance is not the notice's date until the owner
saves it; a chosen date other than the recommended one is flagged, with a way back in one click."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from plazo.store.models import DelayCase
from tests.app.web.test_notice_review import _draft_case, _form, _text

pytestmark = pytest.mark.django_db


def _later_working_day(case: DelayCase) -> date:
    assert case.recommended_on is not None
    later = case.recommended_on + timedelta(days=21)
    while later.weekday() >= 5:
        later += timedelta(days=1)
    return later


def test_a_date_tried_and_left_is_not_kept_but_the_facts_are() -> None:
    browser, case = _draft_case()
    tried = _later_working_day(case)
    form = _form(case, browser, new_on=tried.isoformat())
    assert browser.post(f"/cases/{case.pk}/draft/", form).status_code == 204
    case.refresh_from_db()
    assert case.chosen_on is None  # still the forecast's recommendation
    assert case.cause == form["cause"]
    page = _text(browser.get(f"/cases/{case.pk}/"))
    assert f'id="new_on" name="new_on" value="{case.recommended_on.isoformat()}"' in page
    assert 'data-testid="chosen-differs"' not in page


def test_trying_a_date_says_it_is_not_the_recommended_one_and_not_kept_yet() -> None:
    browser, case = _draft_case()
    tried = _later_working_day(case)
    form = _form(case, browser)
    live = _text(browser.post(f"/cases/{case.pk}/preview/", {**form, "new_on": str(tried)}))
    assert 'data-testid="chosen-differs"' in live
    assert "it becomes the notice's date when you save the draft or approve" in live
    assert 'data-testid="preview-date-differs"' in live
    assert 'value="recommend"' in live


def test_a_saved_other_date_is_flagged_and_one_click_goes_back_to_the_recommendation() -> None:
    browser, case = _draft_case()
    tried = _later_working_day(case)
    form = _form(case, browser, new_on=tried.isoformat())
    browser.post(f"/cases/{case.pk}/", {**form, "action": "save"})
    case.refresh_from_db()
    assert case.chosen_on == tried
    page = _text(browser.get(f"/cases/{case.pk}/"))
    assert 'data-testid="chosen-differs"' in page
    assert "save the draft or approve" not in page  # it is saved: the flag only says it differs

    back = browser.post(f"/cases/{case.pk}/", {**form, "action": "recommend"})

    assert back.status_code == 302
    case.refresh_from_db()
    assert case.chosen_on is None
    assert case.cause == form["cause"]
    page = _text(browser.get(f"/cases/{case.pk}/"))
    assert 'data-testid="chosen-differs"' not in page
    assert f'id="new_on" name="new_on" value="{case.recommended_on.isoformat()}"' in page
