"""A1a: part categories chosen among the account's real ones; a warning (not silence) when
none of the configured categories exists; ``craftdesk settings get|set part-categories``."""

from __future__ import annotations

import io
import sys

import pytest

from craftdesk import cli
from craftdesk.context import AppContext
from craftdesk.sandbox import DEMO_TOKEN, Sandbox, build_demo_data
from craftdesk.services import part_categories
from craftdesk.services.importer import run_import
from craftdesk.store import settings
from craftdesk.store.db import close_database
from craftdesk.store.models import Article, SyncRun


@pytest.fixture
def real_sandbox():
    """A demo account whose part categories are named like a real one's."""
    sb = Sandbox(data=build_demo_data(real_categories=True))
    sb.start()
    yield sb
    sb.stop()


@pytest.fixture
def env(monkeypatch, real_sandbox, data_dir):
    monkeypatch.setenv("CRAFTDESK_API_URL", real_sandbox.url)
    monkeypatch.setenv("CRAFTDESK_DATA_DIR", str(data_dir))
    monkeypatch.setenv("CRAFTDESK_API_TOKEN", DEMO_TOKEN)
    original = AppContext.client

    def fast_client(self, token=None, cancel_event=None, **kwargs):
        kwargs.setdefault("max_retries", 0)
        return original(self, token, cancel_event, **kwargs)

    monkeypatch.setattr(AppContext, "client", fast_client)
    yield real_sandbox
    close_database()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_A1a_demo_offers_an_account_with_real_category_names():
    names = [
        c["name"] for c in build_demo_data(real_categories=True).all("Category") if c["objectType"] == "Part"
    ]
    assert names == ["Standard", "Dienstleistung"]
    default = [c["name"] for c in build_demo_data().all("Category") if c["objectType"] == "Part"]
    assert default == ["Artikel", "Dienstleistung"]  # the default demo keeps working


def test_A1a_sync_without_a_configured_category_warns_on_stderr_and_exits_0(env, capsys):
    code, out, err = run(capsys, "sync", "all")
    assert code == 0, err
    assert "Artikel: 0 neu" in out
    lines = [line for line in err.splitlines() if line]
    assert len(lines) == 1 and "Traceback" not in err
    assert "„Artikel“" in lines[0] and "„Standard“, „Dienstleistung“" in lines[0]
    assert "keine Artikel importiert" in lines[0]
    assert Article.select().count() == 0
    run_row = SyncRun.select().order_by(SyncRun.id.desc()).get()
    assert run_row.status == "ok" and "Standard" in (run_row.error or "")
    assert not any(r.path == "/Part" for r in env.requests)  # nothing to import, not read


def test_A1a_settings_set_then_sync_imports_the_chosen_categories(env, capsys):
    code, out, err = run(capsys, "settings", "set", "part-categories", " standard ,Dienstleistung")
    assert (code, err) == (0, "")
    assert out.strip() == "standard,Dienstleistung"
    code, out, err = run(capsys, "settings", "get", "part-categories")
    assert (code, out.strip()) == (0, "standard,Dienstleistung")
    code, out, err = run(capsys, "sync", "articles")
    assert code == 0 and err == ""
    parts = env.data.all("Part")
    assert Article.select().count() == len(parts) > 0


def test_A1a_settings_set_names_a_category_the_account_did_not_have(env, capsys):
    # Before any import nothing is known about the account: stored without a word.
    assert run(capsys, "settings", "set", "part-categories", "Gibtsnicht")[::2] == (0, "")
    assert run(capsys, "sync", "articles")[0] == 0  # reads the account's categories (and warns)
    code, out, err = run(capsys, "settings", "set", "part-categories", "gibtsnicht,standard")
    assert (code, out) == (0, "gibtsnicht,standard\n")  # stored all the same (exit 0)
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("craftdesk: Warnung:")
    assert "„gibtsnicht“" in lines[0] and "standard“" not in lines[0].split("(")[0]
    assert "„Standard“, „Dienstleistung“" in lines[0]
    code, out, err = run(capsys, "settings", "set", "part-categories", "Dienstleistung")
    assert (code, err) == (0, "")  # a name the account has: no warning


def test_A1a_settings_get_default_and_usage_errors(env, capsys):
    assert run(capsys, "settings", "get", "part-categories")[:2] == (0, "Artikel\n")
    code, _out, err = run(capsys, "settings", "set", "part-categories", " , ")
    assert code == 2 and "mindestens eine" in err and err.count("\n") == 1
    with pytest.raises(SystemExit) as exited:
        cli.main(["settings", "get", "colour"])
    assert exited.value.code == 2
    assert run(capsys, "settings", "get", "part-categories")[1] == "Artikel\n"


def test_A1a_a_category_that_exists_among_others_imports_without_warning(client, database):
    part_categories.set_configured(["Gibt es nicht", "Artikel"])
    result = run_import(client, "articles")
    assert result.warnings == [] and result.collections["articles"].created > 0


def test_A1a_none_configured_leaves_existing_articles_alone(real_sandbox, database):
    from craftdesk.api.client import SevdeskClient

    client = SevdeskClient(real_sandbox.url, DEMO_TOKEN, max_retries=0)
    part_categories.set_configured(["Standard"])
    created = run_import(client, "articles").collections["articles"].created
    assert created > 0
    active_before = Article.select().where(Article.active == True).count()
    # The category is renamed in sevDesk: a warning, and nothing is deactivated.
    cat = real_sandbox.data.find_category("Part", name="Standard")
    real_sandbox.data.update("Category", cat["id"], name="Material")
    result = run_import(client, "articles")
    client.close()
    assert "„Material“" in result.warnings[0]
    assert Article.select().where(Article.active == True).count() == active_before


def test_A1a_first_connect_question_only_when_artikel_is_missing(client, real_sandbox, database):
    from craftdesk.api.client import SevdeskClient

    assert part_categories.first_connect_question(client) is None  # the demo has "Artikel"
    real = SevdeskClient(real_sandbox.url, DEMO_TOKEN, max_retries=0)
    assert part_categories.first_connect_question(real) == ["Standard", "Dienstleistung"]
    part_categories.set_configured(["Dienstleistung"])
    assert part_categories.first_connect_question(real) is None  # chosen once: not asked again
    real.close()
    assert settings.get("part_categories") == ["Dienstleistung"]


def test_A1a_cli_connect_names_the_categories_when_artikel_is_missing(env, capsys, monkeypatch):
    monkeypatch.delenv("CRAFTDESK_API_TOKEN")
    monkeypatch.setattr(sys, "stdin", io.StringIO(DEMO_TOKEN + "\n"))
    code, out, err = run(capsys, "connect", "--token-stdin")
    assert code == 0, err
    assert "Kunden:" in out
    assert "„Standard“, „Dienstleistung“" in err and "settings set part-categories" in err
    assert err.count("\n") == 1
    assert not any(r.path == "/Part" for r in env.requests)
