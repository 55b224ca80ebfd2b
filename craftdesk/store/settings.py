"""Typed access to the key/value settings table (never holds the token)."""

from __future__ import annotations

import json
from typing import Any

from .models import Setting

DEFAULTS: dict[str, Any] = {
    "sevdesk_enabled": False,
    "sync_enabled": True,
    "sync_interval_min": 15,
    "notify_errors": True,
    "notify_success": True,
    "hourly_rate": "0.00",
    "hourly_vat_rate": "19",
    "small_business": False,  # Kleinunternehmer (§ 19 UStG): invoices without VAT
    "contact_person_id": None,  # sevDesk user id used as invoice contactPerson
    "payment_term_days": 14,
    "payment_method_id": None,  # sevDesk PaymentMethod of e-invoice drafts (E2); None = bank transfer
    "part_categories": ["Artikel"],
    "connected_user": None,
    "connection_broken": False,
    "last_sync_success": None,  # ISO UTC timestamp
    "last_error_notice_day": None,  # YYYY-MM-DD (R2)
    "autostart": False,
}

_SECRET_MARKERS = ("token", "password", "secret")


def get(key: str, default: Any = None) -> Any:
    row = Setting.get_or_none(Setting.key == key)
    if row is None or row.value is None:
        return DEFAULTS.get(key, default) if default is None else default
    try:
        return json.loads(row.value)
    except ValueError:
        return row.value


def set(key: str, value: Any) -> None:  # mirrors get()
    name = key.split("@", 1)[0]  # "connected_user@Secretary-PC": the computer's name is no secret
    if any(marker in name.lower() for marker in _SECRET_MARKERS):
        raise ValueError("secrets belong in the keyring, not in settings")
    payload = json.dumps(value)
    Setting.insert(key=key, value=payload).on_conflict(
        conflict_target=[Setting.key], update={Setting.value: payload}
    ).execute()


def delete(key: str) -> None:
    Setting.delete().where(Setting.key == key).execute()


def all_settings() -> dict[str, Any]:
    result = dict(DEFAULTS)
    for row in Setting.select():
        try:
            result[row.key] = json.loads(row.value) if row.value is not None else None
        except ValueError:
            result[row.key] = row.value
    return result
