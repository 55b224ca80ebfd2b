"""GUI test defaults: a dialog closed with changes never blocks a test on a modal question
(tests that check the question replace ``ask_discard`` themselves)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _discard_without_asking(monkeypatch: pytest.MonkeyPatch) -> None:
    from craftdesk.ui.dialogs import discard_guard

    monkeypatch.setattr(discard_guard, "ask_discard", lambda parent: True)
