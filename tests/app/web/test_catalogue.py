"""The Spanish catalogue: complete, no guessed (fuzzy) entries, the same placeholders as English."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import plazo.web

LOCALE = Path(plazo.web.__file__).parent / "locale" / "es" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def test_no_entry_is_fuzzy_or_untranslated() -> None:
    po = (LOCALE / "django.po").read_text(encoding="utf-8")
    assert "#, fuzzy" not in po
    assert re.search(r'msgstr(?:\[\d\])? ""\n\n', po) is None


def test_translations_keep_every_placeholder() -> None:
    with (LOCALE / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog  # type: ignore[attr-defined]
    assert len(catalogue) > 100
    for key, translated in catalogue.items():
        original = key[0] if isinstance(key, tuple) else key
        if original:
            assert set(PLACEHOLDER.findall(original)) == set(PLACEHOLDER.findall(translated))
