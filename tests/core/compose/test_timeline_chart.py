"""The timeline chart is a sharp, deterministic PNG that copes with thin data."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, timedelta

import pytest
from PIL import Image

from plazo.core.compose import BurnUp, render_timeline_png
from tests.core.compose.factories import make_forecast, make_project


def test_chart_is_a_png_at_twice_the_email_width() -> None:
    png = render_timeline_png(make_project(), make_forecast(), language="es")
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == (1120, 560)


def test_chart_is_deterministic() -> None:
    first = render_timeline_png(make_project(), make_forecast(), language="en")
    assert render_timeline_png(make_project(), make_forecast(), language="en") == first


def test_chart_differs_by_language() -> None:
    spanish = render_timeline_png(make_project(), make_forecast(), language="es")
    assert render_timeline_png(make_project(), make_forecast(), language="en") != spanish


def test_chart_draws_promised_and_stake_lines_in_their_colours() -> None:
    png = render_timeline_png(make_project(), make_forecast(), language="es", scale=1)
    counts = Image.open(io.BytesIO(png)).convert("RGB").getcolors(1 << 16)
    assert counts is not None
    colours = {rgb for _, rgb in counts}
    assert (220, 38, 38) in colours  # promised date
    assert (124, 58, 237) in colours  # client's stake date
    assert (191, 219, 254) in colours  # forecast fan


def test_chart_without_burn_up_or_stake_still_renders() -> None:
    forecast = replace(make_forecast(), burn_up=BurnUp((), (), ()))
    png = render_timeline_png(make_project(stake_on=None), forecast, language="en", scale=1)
    assert Image.open(io.BytesIO(png)).size == (560, 280)


def test_chart_copes_with_one_point_zero_scope_and_dates_out_of_order() -> None:
    one_point = BurnUp((make_project().start_on,), (0.0,), (0.0,))
    forecast = replace(make_forecast(), burn_up=one_point)
    project = make_project(stake_on=make_project().start_on.replace(year=2020))
    assert render_timeline_png(project, forecast, language="es")[:4] == b"\x89PNG"


def _drawn_texts(monkeypatch, **kwargs) -> list[str]:  # type: ignore[no-untyped-def]
    from PIL import ImageDraw

    texts: list[str] = []
    original = ImageDraw.ImageDraw.text

    def record(self, xy, text, *args, **kw):  # type: ignore[no-untyped-def]
        texts.append(text)
        return original(self, xy, text, *args, **kw)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", record)
    render_timeline_png(make_project(), make_forecast(), **kwargs)
    monkeypatch.undo()
    return texts


def test_the_stake_is_their_date_in_their_register(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    informal = _drawn_texts(monkeypatch, language="es", formal=False)
    formal = _drawn_texts(monkeypatch, language="es", formal=True)
    assert any(t.startswith("Tu fecha clave") for t in informal)
    assert not any(t.startswith("Su fecha clave") for t in informal)
    assert any(t.startswith("Su fecha clave") for t in formal)


def test_the_y_axis_states_its_unit(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    texts = _drawn_texts(monkeypatch, language="en")
    ticks = [t for t in texts if t[:1].isdigit() and not any(c.isalpha() for c in t[:-2])]
    assert ticks
    assert all(t.endswith(" h") for t in ticks)


def test_crowded_date_lines_get_separate_label_rows(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from plazo.core import chart_labels

    placed: list[list[chart_labels.LabelBox]] = []
    original = chart_labels.place_labels

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        boxes = original(*args, **kwargs)
        placed.append(boxes)
        return boxes

    monkeypatch.setattr("plazo.core.compose.chart.place_labels", spy)
    project = make_project("en", stake_on=make_project("en").promised_on)
    render_timeline_png(project, make_forecast(), language="en")
    [boxes] = placed
    assert len(boxes) == 2
    assert boxes[0].row != boxes[1].row or not boxes[0].overlaps(boxes[1])


def test_kept_glyphs_draw_the_same_bytes_as_a_plain_font(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PIL import ImageFont

    from plazo.core.compose import chart

    kept = [
        render_timeline_png(make_project(language), make_forecast(), language=language)
        for language in ("es", "en", "es")  # the third draws from what the first kept
    ]
    kept_font = chart._font(22)
    assert isinstance(kept_font, ImageFont.FreeTypeFont)
    monkeypatch.setattr(
        chart,
        "_font",
        lambda size: ImageFont.truetype(kept_font.path, size),  # type: ignore[arg-type]
    )
    plain = [
        render_timeline_png(make_project(language), make_forecast(), language=language)
        for language in ("es", "en", "es")
    ]
    assert kept == plain


def test_work_done_is_never_drawn_rising_before_its_scope() -> None:
    # M11: a project started on 2 Nov whose tasks were all typed in, and done, on 6 Dec: both
    # series are 0 until the last day. The done line stays on the baseline until that day.
    days = (*(date(2026, 11, 2) + timedelta(days=3 * i) for i in range(12)), date(2026, 12, 6))
    burn = BurnUp(days, (0.0,) * 12 + (32.0,), (0.0,) * 12 + (60.0,))
    forecast = replace(make_forecast(), burn_up=burn)
    png = render_timeline_png(make_project(), forecast, language="es", scale=1)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    done = [
        (x, y)
        for x in range(image.width)
        for y in range(62, image.height)  # the plot, below the legend's swatches
        if image.getpixel((x, y)) == (37, 99, 235)
    ]
    last_x = max(x for x, _ in done)
    baseline = max(y for _, y in done)
    before_the_last_day = [y for x, y in done if x < last_x - 4]
    assert before_the_last_day
    assert min(before_the_last_day) >= baseline - 4  # flat on the baseline, not sloping up


def _label_band_columns(png: bytes, colours: set[tuple[int, int, int]], scale: int) -> list[int]:
    """The x of every pixel of ``colours`` in the band above the plot where date labels go."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    width = image.size[0]
    return [
        x
        for y in range(28 * scale, 56 * scale)
        for x in range(width)
        if image.getpixel((x, y)) in colours
    ]


@pytest.mark.parametrize(("language", "formal"), [("es", False), ("es", True), ("en", False)])
def test_the_last_date_lines_label_keeps_the_charts_right_margin(
    language: str, formal: bool
) -> None:
    # Finding 10: "Tu fecha clave · 5 mar" touched the right edge of the Spanish PNG.
    project = make_project(
        language,
        start_on=date(2026, 12, 7),
        promised_on=date(2027, 2, 12),
        stake_on=date(2027, 3, 5),
    )
    forecast = replace(
        make_forecast(),
        p50_on=date(2027, 1, 27),
        p85_on=date(2027, 2, 9),
        p95_on=date(2027, 2, 18),
        burn_up=BurnUp((date(2026, 12, 7),), (1.0,), (110.0,)),
    )
    scale = 2
    png = render_timeline_png(project, forecast, language=language, formal=formal, scale=scale)
    stake_pixels = _label_band_columns(png, {(124, 58, 237)}, scale)
    assert stake_pixels  # the label is drawn
    width = 560 * scale
    # The same margin as the plot and the axis's last date: 14 px (at 1×) from the edge.
    assert max(stake_pixels) < width - 14 * scale
