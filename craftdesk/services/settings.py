"""The settings, typed: what the user chooses (S5) and the connection state the app keeps.

The key/value table stays behind this module (``store.settings``); views, controller,
scheduler and commands use these functions. Each piece of connection state has one
writer here: ``connection_broken`` only through :func:`set_connection_broken`,
``last_sync_success`` only through :func:`record_import_success`. The part categories
have their own service (``part_categories``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ..clock import parse_utc, utc_iso, utcnow
from ..store import settings as _store
from ..store.locks import this_computer
from ..store.models import Setting

DEFAULT_INTERVAL_MIN = 15
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Preferences:
    """What the settings panel shows and changes."""

    sync_enabled: bool
    sync_interval_min: int
    notify_errors: bool
    notify_success: bool
    hourly_rate: Decimal
    hourly_vat_rate: str
    contact_person_id: str | None
    contact_person_name: str | None
    payment_method_id: str | None  # E2: of e-invoice drafts (None: the bank transfer)
    payment_method_name: str | None
    small_business: bool = False  # Kleinunternehmer (§ 19 UStG): invoices without VAT


def _decimal(value: object, default: str) -> Decimal:
    try:
        return Decimal(str(value if value not in (None, "") else default))
    except InvalidOperation:
        return Decimal(default)


def preferences() -> Preferences:
    values = _store.all_settings()
    person = values.get("contact_person_id")
    return Preferences(
        sync_enabled=bool(values.get("sync_enabled")),
        sync_interval_min=int(values.get("sync_interval_min") or DEFAULT_INTERVAL_MIN),
        notify_errors=bool(values.get("notify_errors")),
        notify_success=bool(values.get("notify_success")),
        hourly_rate=_decimal(values.get("hourly_rate"), "0"),
        hourly_vat_rate=str(values.get("hourly_vat_rate") or "19"),
        contact_person_id=str(person) if person else None,
        contact_person_name=values.get("contact_person_name") or None,
        payment_method_id=str(values["payment_method_id"]) if values.get("payment_method_id") else None,
        payment_method_name=values.get("payment_method_name") or None,
        small_business=values.get("small_business") is True,
    )


def set_sync(enabled: bool, interval_min: int) -> None:
    """R1: the recurring import on or off, and its interval in minutes."""
    _store.set("sync_enabled", bool(enabled))
    _store.set("sync_interval_min", int(interval_min))


def sync_enabled() -> bool:
    return bool(_store.get("sync_enabled"))


def sync_interval_min() -> int:
    return int(_store.get("sync_interval_min") or DEFAULT_INTERVAL_MIN)


def set_notify_errors(on: bool) -> None:
    _store.set("notify_errors", bool(on))


def set_notify_success(on: bool) -> None:
    _store.set("notify_success", bool(on))


def notify_errors() -> bool:
    return bool(_store.get("notify_errors"))


def notify_success() -> bool:
    return bool(_store.get("notify_success"))


def set_hourly_rate(rate: Decimal) -> Decimal:
    """The hourly rate in euros, stored to the cent (half-up, A3: 47,325 is 47,33 as
    everywhere else, not 47,32); returns what was stored."""
    value = rate.quantize(CENT, rounding=ROUND_HALF_UP)
    _store.set("hourly_rate", str(value))
    return value


def set_hourly_vat_rate(rate: str) -> None:
    _store.set("hourly_vat_rate", rate)


def small_business() -> bool:
    """Kleinunternehmer (§ 19 UStG): the office charges no VAT, its invoices go to sevDesk
    under the tax rule "Steuer nicht erhoben nach § 19 UStG" with 0 % on every position."""
    return _store.get("small_business") is True


def set_small_business(on: bool) -> None:
    _store.set("small_business", bool(on))


def set_contact_person(person_id: str | None, name: str | None) -> None:
    """The sevDesk user named as the invoices' contact person (None: the first admin)."""
    _store.set("contact_person_id", person_id)
    _store.set("contact_person_name", name if person_id else None)


def set_payment_method(method_id: str | None, name: str | None) -> None:
    """E2: the sevDesk payment method of e-invoice drafts (None: the default bank transfer)."""
    _store.set("payment_method_id", method_id)
    _store.set("payment_method_name", name if method_id else None)


# --- connection state --------------------------------------------------------------------


def sevdesk_enabled_choice() -> bool | None:
    """The "sevDesk" checkbox as the user left it; None when it was never set."""
    if Setting.get_or_none(Setting.key == "sevdesk_enabled") is None:
        return None
    return bool(_store.get("sevdesk_enabled"))


def set_sevdesk_enabled(enabled: bool) -> None:
    _store.set("sevdesk_enabled", bool(enabled))


def workstation_key(key: str) -> str:
    """The key of a setting that belongs to this computer. The token lives in each
    computer's keyring (T1), so what sevDesk said about it, and whose it is, must not travel
    through the team's shared database: one computer's outdated token stopped the import
    of every other one."""
    return f"{key}@{this_computer()}"


def connected_user() -> str | None:
    """Whose token this computer uses (S1); an older database kept one for all computers."""
    user = _store.get(workstation_key("connected_user")) or _store.get("connected_user")
    return str(user) if user else None


def connection_broken() -> bool:
    """S3: sevDesk rejected this computer's token; its recurring import waits for a new one."""
    return bool(_store.get(workstation_key("connection_broken")))


def set_connection_broken(broken: bool) -> None:
    """The one writer of the S3 flag: set when sevDesk rejects the stored token, cleared
    when a token is accepted (connect or a successful import)."""
    if connection_broken() != broken:
        _store.set(workstation_key("connection_broken"), bool(broken))


def record_connected(user: str | None) -> None:
    """S1: a token was tested and stored; the connection works and is switched on."""
    set_connection_broken(False)
    set_sevdesk_enabled(True)
    if user:
        _store.set(workstation_key("connected_user"), user)


def last_sync_success() -> datetime | None:
    """When the last complete import (customers and articles) ended well (R1's clock)."""
    return parse_utc(_store.get("last_sync_success"))


def record_import_success(what: str, when: datetime | None = None) -> None:
    """The one writer of R1's clock: an import of ``what`` ("all", "customers" or
    "articles") ended well at ``when`` (now). ``last_sync_success`` is the time by which
    both collections were imported, so a connect's customers run and its articles run
    together count as a full import and no redundant one follows a minute later."""
    now = utc_iso(when or utcnow())
    names = ("customers", "articles") if what == "all" else (what,)
    for name in names:
        _store.set(f"last_sync_{name}", now)
    stamps = [_store.get(f"last_sync_{name}") for name in ("customers", "articles")]
    if all(stamps):
        _store.set("last_sync_success", min(str(s) for s in stamps))


def last_error_notice_day() -> str | None:
    day = _store.get("last_error_notice_day")
    return str(day) if day else None


def set_last_error_notice_day(day: str) -> None:
    """R2: the day the last background error was shown in the tray (one message a day)."""
    _store.set("last_error_notice_day", day)


def apply_demo_defaults(user_label: str, hourly_rate: str) -> bool:
    """The demo's first start: connected as the demo user with an example hourly rate.
    Does nothing (False) once a user is connected."""
    if connected_user():
        return False
    record_connected(user_label)
    _store.set("hourly_rate", hourly_rate)
    return True
