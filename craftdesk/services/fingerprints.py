"""Content fingerprints of imported records (``sync_hash``): a change sevDesk reports
without a change craftdesk stores writes nothing (C5, A2).

A fingerprint is a digest of the stored values joined by NUL: every value is text, a
number or a truth value, and no imported text contains NUL (the parsers drop it), so the
joined text is exact. Joining is several times cheaper than ``repr`` of nested tuples,
which escapes every non-ASCII character.

Older versions wrote other fingerprints of the same content (``repr`` of the values since
0.2, JSON before): :func:`older_digests` gives them, so a record an older version wrote is
recognised as unchanged once and only its fingerprint is renewed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any


def digest(values: Iterable[object]) -> str:
    """The fingerprint of a flat sequence of values (structure is the caller's: put
    counts first when the number of values varies)."""
    return text_digest("\x00".join(map(str, values)))


def text_digest(payload: str) -> str:
    """The fingerprint of values the caller joined by NUL already."""
    return hashlib.blake2b(payload.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def older_digests(content: Any) -> tuple[str, str]:
    """The fingerprints older versions wrote for ``content`` (the nested tuples they
    hashed): ``repr`` (0.2 to this version) and JSON (before 0.2)."""
    as_repr = repr(content).encode("utf-8", "surrogatepass")
    as_json = json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return (
        hashlib.blake2b(as_repr, digest_size=16).hexdigest(),
        hashlib.blake2b(as_json, digest_size=16).hexdigest(),
    )
