"""In-memory data of the demo sevDesk server.

Records are kept exactly as sevDesk puts them on the wire: string ids, numbers as
strings, references as ``{"id": "3", "objectName": "Category"}``, flags as ``"0"``/``"1"``
and ISO timestamps with a Berlin offset.  All access goes through one re-entrant lock,
so the HTTP threads, the test thread and the GUI can share one :class:`SandboxData`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

TABLES = (
    "Contact",
    "ContactAddress",
    "CommunicationWay",
    "CommunicationWayKey",
    "Category",
    "Part",
    "Unity",
    "SevUser",
    "Order",
    "OrderPos",
    "Invoice",
    "InvoicePos",
    "StaticCountry",
    "PaymentMethod",
)

# First id handed out per table when no explicit id is given; realistic magnitudes.
DEFAULT_ID_START = {
    "Contact": 71234501,
    "ContactAddress": 120178801,
    "CommunicationWay": 115440601,
    "CommunicationWayKey": 1,
    "Category": 631150,
    "Part": 9876501,
    "Unity": 1,
    "SevUser": 1551095,
    "Order": 4455601,
    "OrderPos": 22334401,
    "Invoice": 135582101,
    "InvoicePos": 362964101,
    "StaticCountry": 1,
    "PaymentMethod": 21919,
}

# What the demo company (sevClient) has filled in: sevDesk needs it for e-invoices (E4/E6).
# Tests clear a key to see sevDesk's refusal.
DEMO_COMPANY = {
    "addressStreet": "Werkstattweg 3",
    "addressZip": "70565",
    "addressCity": "Stuttgart",
    "bankIban": "DE02120300000000202051",
    "bankBic": "BYLADEM1001",
    "contactEmail": "buero@becker-haustechnik.de",
    "contactPhone": "+49 711 4567890",
    "taxNumber": "99/123/45678",
    "vatNumber": "DE811907980",
}

SEV_CLIENT = {"id": "512345", "objectName": "SevClient"}
# System tables sevDesk serves without a client reference.
_NO_CLIENT = {"Unity", "StaticCountry", "CommunicationWayKey"}

_CONTACT_FIELDS = (
    "name",
    "status",
    "customerNumber",
    "parent",
    "surename",
    "familyname",
    "titel",
    "category",
    "description",
    "academicTitle",
    "gender",
    "name2",
    "birthday",
    "vatNumber",
    "bankAccount",
    "bankNumber",
    "defaultCashbackTime",
    "defaultCashbackPercent",
    "defaultTimeToPay",
    "taxNumber",
    "taxOffice",
    "exemptVat",
    "defaultDiscountAmount",
    "defaultDiscountPercentage",
    "buyerReference",
    "governmentAgency",
    "additionalInformation",
    "mandateReference",
    "taxType",
    "defaultShowVat",
)
_ADDRESS_FIELDS = (
    "contact",
    "street",
    "zip",
    "city",
    "country",
    "category",
    "name",
    "name2",
    "name3",
    "name4",
    "additionalInformation",
)
_ORDER_FIELDS = (
    "orderNumber",
    "contact",
    "orderDate",
    "status",
    "header",
    "headText",
    "footText",
    "address",
    "addressCountry",
    "createUser",
    "deliveryTerms",
    "paymentTerms",
    "origin",
    "version",
    "smallSettlement",
    "contactPerson",
    "taxRate",
    "taxRule",
    "taxSet",
    "taxText",
    "taxType",
    "orderType",
    "sendDate",
    "currency",
    "sumNet",
    "sumTax",
    "sumGross",
    "sumDiscounts",
    "customerInternalNote",
    "showNet",
    "sendType",
)
_INVOICE_FIELDS = (
    "invoiceNumber",
    "contact",
    "contactPerson",
    "invoiceDate",
    "deliveryDate",
    "deliveryDateUntil",
    "header",
    "headText",
    "footText",
    "timeToPay",
    "discount",
    "discountTime",
    "status",
    "invoiceType",
    "currency",
    "taxRule",
    "taxRate",
    "taxText",
    "taxType",
    "showNet",
    "customerInternalNote",
    "address",
    "addressName",
    "addressStreet",
    "addressZip",
    "addressCity",
    "addressCountry",
    "paymentMethod",
    "sumNet",
    "sumTax",
    "sumGross",
    "sumDiscounts",
    "sendType",
    "sendDate",
    "payDate",
    "origin",
    "enshrined",
    "propertyIsEInvoice",
    "paidAmount",
)

# Field names (with null defaults) every record of a table carries, so created records
# have the same full shape as the sample data.
FIELDS: dict[str, tuple[str, ...]] = {
    "Contact": _CONTACT_FIELDS,
    "ContactAddress": _ADDRESS_FIELDS,
    "CommunicationWay": ("contact", "type", "value", "key", "main"),
    "CommunicationWayKey": ("name", "translationCode"),
    "Category": (
        "name",
        "objectType",
        "priority",
        "code",
        "color",
        "postingAccount",
        "type",
        "translationCode",
        "parent",
    ),
    "Part": (
        "name",
        "partNumber",
        "text",
        "category",
        "stock",
        "stockEnabled",
        "unity",
        "price",
        "priceNet",
        "priceGross",
        "pricePurchase",
        "taxRate",
        "status",
        "internalComment",
    ),
    "Unity": ("name", "translationCode", "unitySystem", "uneceTradeUnitCode"),
    "SevUser": (
        "username",
        "fullname",
        "firstName",
        "lastName",
        "email",
        "status",
        "gender",
        "role",
        "memberCode",
        "languageCode",
        "clientOwner",
    ),
    "Order": _ORDER_FIELDS,
    "OrderPos": (
        "order",
        "part",
        "quantity",
        "price",
        "priceNet",
        "priceTax",
        "priceGross",
        "name",
        "unity",
        "positionNumber",
        "text",
        "discount",
        "optional",
        "taxRate",
        "sumDiscount",
    ),
    "Invoice": _INVOICE_FIELDS,
    "InvoicePos": (
        "invoice",
        "part",
        "quantity",
        "price",
        "priceNet",
        "priceTax",
        "priceGross",
        "name",
        "text",
        "unity",
        "positionNumber",
        "discount",
        "taxRate",
        "sumNet",
        "sumTax",
        "sumGross",
        "sumDiscount",
    ),
    "StaticCountry": ("name", "nameEn", "code", "translationCode", "locale", "priority"),
    "PaymentMethod": ("name", "text"),
}


# --------------------------------------------------------------------------- time helpers


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1) if month < 12 else date(year, 12, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def berlin_offset(moment_utc: datetime) -> timedelta:
    """UTC offset of Germany (CET/CEST) at the given aware moment."""
    utc = moment_utc.astimezone(timezone.utc)
    start = datetime.combine(_last_sunday(utc.year, 3), datetime.min.time(), timezone.utc)
    end = datetime.combine(_last_sunday(utc.year, 10), datetime.min.time(), timezone.utc)
    summer = start + timedelta(hours=1) <= utc < end + timedelta(hours=1)
    return timedelta(hours=2 if summer else 1)


def to_berlin_iso(moment: datetime) -> str:
    """Aware datetime -> ISO string in German local time, e.g. 2026-02-10T11:00:00+01:00."""
    tz = timezone(berlin_offset(moment))
    return moment.astimezone(tz).replace(microsecond=0).isoformat()


def berlin(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> str:
    """German wall-clock time -> ISO string with the right offset (used by sample data)."""
    naive = datetime(year, month, day, hour, minute, second)
    guess = naive.replace(tzinfo=timezone(timedelta(hours=1)))
    tz = timezone(berlin_offset(guess))
    return naive.replace(tzinfo=tz).isoformat()


def now_iso() -> str:
    return to_berlin_iso(datetime.now(timezone.utc))


def parse_ts(value: str | None) -> float | None:
    """ISO timestamp -> Unix seconds (None for missing or unparsable values)."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).timestamp()
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------------------- value helpers


def ref(object_name: str, id_: Any) -> dict | None:
    """A sevDesk reference ``{"id": "<str>", "objectName": ...}`` (None for a missing id)."""
    if id_ is None or id_ == "":
        return None
    return {"id": str(id_), "objectName": object_name}


def money(value: Decimal | int | float | str) -> str:
    """Decimal -> sevDesk number string, rounded half-up to cents, no trailing zeros ("24.9")."""
    amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = format(amount.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def number(value: Decimal | int | float | str) -> str:
    """Any number -> string without a trailing ``.0`` or exponent ("2.5", "10")."""
    text = format(Decimal(str(value)).normalize(), "f")
    return "0" if text == "-0" else text


def clone(value: Any) -> Any:
    """Fast deep copy for JSON-like values."""
    if isinstance(value, dict):
        return {k: clone(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clone(v) for v in value]
    return value


# --------------------------------------------------------------------------- the store


class SandboxData:
    """Tables of sevDesk records keyed by objectName, safe to use from several threads."""

    def __init__(self, id_start: int | dict[str, int] | None = None) -> None:
        self._lock = threading.RLock()
        self._tables: dict[str, dict[str, dict]] = {name: {} for name in TABLES}
        self._sorted: dict[str, bool] = {name: True for name in TABLES}
        starts = dict(DEFAULT_ID_START)
        if isinstance(id_start, int):
            starts = {name: id_start for name in TABLES}
        elif isinstance(id_start, dict):
            starts.update(id_start)
        self._next_id: dict[str, int] = {name: starts.get(name, 1) for name in TABLES}
        self.company: dict[str, str] = dict(DEMO_COMPANY)

    # -- locking
    @property
    def lock(self) -> threading.RLock:
        """The lock guarding all tables; hold it to make several calls atomic."""
        return self._lock

    @contextmanager
    def transaction(self) -> Iterator[SandboxData]:
        with self._lock:
            yield self

    # -- internals
    def _table(self, object_name: str) -> dict[str, dict]:
        try:
            return self._tables[object_name]
        except KeyError:
            raise KeyError(f"unknown sandbox table {object_name!r}") from None

    def _ordered(self, object_name: str) -> list[dict]:
        table = self._table(object_name)
        if not self._sorted[object_name]:
            items = sorted(table.items(), key=lambda item: int(item[0]))
            table.clear()
            table.update(items)
            self._sorted[object_name] = True
        return list(table.values())

    # -- writing
    def add(self, object_name: str, fields: dict | None = None, *, id: str | int | None = None) -> str:
        """Store a new record and return its id (string).

        Missing standard fields are filled with ``None``; ``create``/``update`` default to
        now, ``sevClient`` to the demo client.  ``id`` (argument or ``fields["id"]``)
        overrides the automatic id.
        """
        fields = dict(fields or {})
        with self._lock:
            table = self._table(object_name)
            new_id = id if id is not None else fields.pop("id", None)
            fields.pop("id", None)
            if new_id is None:
                new_id = self._next_id[object_name]
                while str(new_id) in table:
                    new_id += 1
            new_id = str(new_id)
            if new_id in table:
                raise ValueError(f"{object_name} {new_id} exists already")
            number_id = int(new_id)
            if table and number_id < int(next(reversed(table))):
                self._sorted[object_name] = False
            self._next_id[object_name] = max(self._next_id[object_name], number_id + 1)
            stamp = None
            if "create" not in fields or "update" not in fields:
                stamp = now_iso()
            record: dict[str, Any] = {
                "id": new_id,
                "objectName": object_name,
                "create": fields.pop("create", stamp),
                "update": fields.pop("update", stamp),
            }
            for name in FIELDS.get(object_name, ()):
                record[name] = None
            if object_name not in _NO_CLIENT:
                record["sevClient"] = dict(SEV_CLIENT)
            record.update(clone(fields))
            table[new_id] = record
            return new_id

    def update(self, object_name: str, id: str | int, **fields: Any) -> dict:
        """Merge fields into a record and bump its ``update`` (strictly increasing).

        Returns a copy of the updated record; raises KeyError when it does not exist.
        """
        with self._lock:
            record = self._table(object_name).get(str(id))
            if record is None:
                raise KeyError(f"{object_name} {id} not found")
            fields.pop("id", None)
            fields.pop("objectName", None)
            explicit = fields.pop("update", None)
            record.update(clone(fields))
            if explicit is not None:
                record["update"] = explicit
            else:
                record["update"] = self._next_update(record.get("update"))
            return clone(record)

    @staticmethod
    def _next_update(previous: str | None) -> str:
        now = datetime.now(timezone.utc).replace(microsecond=0)
        old = parse_ts(previous)
        if old is not None and now.timestamp() <= old:
            now = datetime.fromtimestamp(old + 1, timezone.utc)
        return to_berlin_iso(now)

    def delete(self, object_name: str, id: str | int) -> bool:
        """Remove a record; returns whether it existed."""
        with self._lock:
            return self._table(object_name).pop(str(id), None) is not None

    def change_id(self, object_name: str, old_id: str | int, new_id: str | int) -> None:
        """Give a record another id and rewrite every reference to it in all tables.

        Handy for tests that need e.g. address categories with other ids than the demo.
        """
        old_id, new_id = str(old_id), str(new_id)
        with self._lock:
            table = self._table(object_name)
            if old_id not in table:
                raise KeyError(f"{object_name} {old_id} not found")
            if new_id in table:
                raise ValueError(f"{object_name} {new_id} exists already")
            record = table.pop(old_id)
            record["id"] = new_id
            table[new_id] = record
            self._sorted[object_name] = False
            self._next_id[object_name] = max(self._next_id[object_name], int(new_id) + 1)
            for rows in self._tables.values():
                for row in rows.values():
                    for value in row.values():
                        if (
                            isinstance(value, dict)
                            and value.get("objectName") == object_name
                            and str(value.get("id")) == old_id
                        ):
                            value["id"] = new_id

    # -- reading
    def get(self, object_name: str, id: str | int) -> dict | None:
        with self._lock:
            record = self._table(object_name).get(str(id))
            return clone(record) if record is not None else None

    def exists(self, object_name: str, id: Any) -> bool:
        if id is None:
            return False
        with self._lock:
            return str(id) in self._table(object_name)

    def all(self, object_name: str) -> list[dict]:
        """Copies of all records, sorted by numeric id."""
        with self._lock:
            return [clone(r) for r in self._ordered(object_name)]

    def select(
        self,
        object_name: str,
        predicate: Callable[[dict], bool] | None = None,
        *,
        offset: int = 0,
        limit: int | None = None,
        sort_key: Callable[[dict], Any] | None = None,
    ) -> tuple[list[dict], int]:
        """Filtered page of copies plus the total number of matches (before paging)."""
        with self._lock:
            rows = self._ordered(object_name)
            if predicate is not None:
                rows = [r for r in rows if predicate(r)]
            if sort_key is not None:
                rows = sorted(rows, key=sort_key)
            total = len(rows)
            end = None if limit is None else offset + limit
            return [clone(r) for r in rows[offset:end]], total

    def count(self, object_name: str) -> int:
        with self._lock:
            return len(self._table(object_name))

    def find_category(
        self, object_type: str, *, name: str | None = None, translation_code: str | None = None
    ) -> dict | None:
        """First category (lowest id) of an objectType matching name and/or translation code."""
        with self._lock:
            for row in self._ordered("Category"):
                if row.get("objectType") != object_type:
                    continue
                if name is not None and row.get("name") != name:
                    continue
                if translation_code is not None and row.get("translationCode") != translation_code:
                    continue
                return clone(row)
        return None

    # -- persistence
    def to_json(self) -> dict:
        with self._lock:
            return {
                "format": "craftdesk-sandbox",
                "version": 1,
                "next_ids": dict(self._next_id),
                "tables": {name: [clone(r) for r in self._ordered(name)] for name in TABLES},
            }

    @classmethod
    def from_json(cls, obj: dict) -> SandboxData:
        data = cls(id_start=obj.get("next_ids") or None)
        for name, rows in (obj.get("tables") or {}).items():
            if name not in data._tables:
                continue
            table = data._tables[name]
            for row in rows:
                table[str(row["id"])] = clone(row)
            data._sorted[name] = False
            if table:
                highest = max(int(k) for k in table)
                data._next_id[name] = max(data._next_id[name], highest + 1)
        return data
