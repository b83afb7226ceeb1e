"""One of a thing is singular: "1 row", never "1 rows"; the admin says "webhook deliveries"."""

from __future__ import annotations

from plazo.cli.import_ import _summary
from plazo.store.models import WebhookDelivery
from plazo.store.services.importing import ImportReport


def test_an_import_of_one_row_says_one_row_and_one_client() -> None:
    report = ImportReport(
        kind="clients",  # type: ignore[arg-type]
        rows=1,
        created={"clients": 1, "contacts": 2},
        updated={},
        unchanged={},
        dry_run=False,
    )
    summary = _summary(report, "studio")
    assert summary.splitlines()[0] == "1 row of clients for studio"
    assert "created: 1 client, 2 contacts" in summary
    assert "1 rows" not in summary


def test_the_admin_names_webhook_deliveries_in_plural() -> None:
    assert WebhookDelivery._meta.verbose_name_plural == "webhook deliveries"
