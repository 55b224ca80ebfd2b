"""The digest that recognises an unchanged page (R1, services.page_ledger)."""

from __future__ import annotations

import hashlib

import pytest

from craftdesk.api import answers


@pytest.mark.parametrize("fast", [True, False])
def test_R1_a_page_digest_tells_every_changed_byte_and_keeps_its_length(monkeypatch, fast):
    """XXH3-128 with xxhash, SHA-1 without: 32 hex digits either way, the same for the same
    bytes and different for a page one byte apart; the two kinds never match each other."""
    page = b'{"objects": [{"id": "1", "name": "M\xc3\xbcller"}], "total": 1}' * 50
    if not fast:
        monkeypatch.setattr(answers, "_xxh3_128", None)
    digest = answers.page_digest(page)
    assert len(digest) == 32 and int(digest, 16) >= 0
    assert answers.page_digest(bytes(page)) == digest
    assert answers.page_digest(page[:-1] + b" ") != digest
    assert answers.page_digest(b"") != answers.page_digest(b" ")
    sha1 = hashlib.sha1(page).hexdigest()[:32]
    assert (digest == sha1) is not fast
