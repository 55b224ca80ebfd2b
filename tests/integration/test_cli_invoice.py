"""`craftdesk invoice` says what the preview warns about (e.g. an hourly rate of 0,00 €)."""

from __future__ import annotations

import json

from craftdesk.cli import main
from craftdesk.sandbox import DEMO_TOKEN


def test_I1_cli_invoice_warns_about_zero_hourly_rate_and_creates_one_draft(
    sandbox, monkeypatch, tmp_path, capsys
):
    monkeypatch.setenv("CRAFTDESK_API_TOKEN", DEMO_TOKEN)
    base = ["--data-dir", str(tmp_path / "d"), "--api-url", sandbox.url]
    ab = next(o["id"] for o in sandbox.data.all("Order") if o["orderNumber"] == "AB-1042")
    assert main([*base, "import-order", ab]) == 0
    assert main([*base, "appointment", "done", "1", "--hours", "2"]) == 0
    capsys.readouterr()
    assert main([*base, "invoice", "1", "--preview", "--json"]) == 0
    warnings = json.loads(capsys.readouterr().out)["warnings"]
    assert any("ohne Rückfrage" in w for w in warnings) and not any("fragt craftdesk" in w for w in warnings)
    assert main([*base, "invoice", "1"]) == 0
    out, err = capsys.readouterr()
    assert "Warnung:" in err and "Stundensatz ist 0,00 €" in err
    # V5's question belongs to the window: the command line does not promise to ask
    assert "Positionen mit 0,00 €" in err and "ohne Rückfrage" in err and "fragt craftdesk nach" not in err
    invoice_id = out.strip()  # §7: the id and nothing else on standard output
    assert sandbox.data.get("Invoice", invoice_id) is not None
    # the demo's draft is shown by the demo, not looked for in the real sevDesk
    link = sandbox.url.split("/api/v1")[0] + f"/demo/invoice/{invoice_id}"
    assert f"Entwurf in sevDesk: {link}\n" in err
    assert main([*base, "invoice", "1"]) == 5
    assert sum(1 for r in sandbox.requests if r.path == "/Invoice/Factory/saveInvoice") == 1
    from craftdesk.store.db import close_database

    close_database()
