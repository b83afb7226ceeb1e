"""The locator finds where a key is written, in every shape a hand-written TOML file takes."""

from __future__ import annotations

import tomllib

import pytest

from plazo.core.policy.locate import KeyLocator, Path

DOCUMENT = """\
# a comment with key = "value"
version = 1
note = \"\"\"
fake = "not a key"
\"\"\"

[caps]
max_amount = { EUR = 5000, "JPY" = 800000 }

[[rules]]
name = "first"
when.cause = ["ours",
    "client"]  # trailing comment
offers = [
    { kind = "discount", percent = 3 },
    { kind = "extra", item = 'support' },
]

[[rules]]
name = "second"
  [rules.when]
  min_repeat = 1
  [[rules.offers]]
  kind = "credit"
  [[rules.offers]]
  kind = "discount"
"""


@pytest.fixture(scope="module")
def locator() -> KeyLocator:
    tomllib.loads(DOCUMENT)  # the locator only ever sees documents tomllib accepted
    return KeyLocator(DOCUMENT)


@pytest.mark.parametrize(
    ("path", "position"),
    [
        (("version",), (2, 1)),
        (("fake",), (1, 1)),  # inside a multi-line string: not a key, so not found
        (("caps",), (7, 1)),
        (("caps", "max_amount", "EUR"), (8, 16)),
        (("caps", "max_amount", "JPY"), (8, 28)),
        (("rules", 0), (10, 1)),
        (("rules", 0, "when", "cause"), (12, 1)),
        (("rules", 0, "when", "cause", 1), (13, 5)),
        (("rules", 0, "offers", 1), (16, 5)),
        (("rules", 0, "offers", 1, "item"), (16, 23)),
        (("rules", 0, "offers", 0, "percent"), (15, 26)),
        (("rules", 1, "name"), (20, 1)),
        (("rules", 1, "when", "min_repeat"), (22, 3)),
        (("rules", 1, "offers", 1, "kind"), (26, 3)),
        (("rules", 1, "offers", 1, "unknown"), (25, 3)),
        (("nothing", "here"), (1, 1)),
    ],
)
def test_the_locator_finds_each_key(
    locator: KeyLocator, path: Path, position: tuple[int, int]
) -> None:
    assert locator.find(path) == position
