"""Endpoints of the demo sevDesk server, independent of the HTTP plumbing.

``Api.dispatch(method, path, query, body)`` takes the path after ``/api/v1`` and the
decoded JSON body and returns ``(status, payload)`` or raises :class:`ApiError`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from . import invoice_status
from .errors import ApiError, not_found, unprocessable
from .invoices import save_invoice
from .requests import (
    Query,
    equals,
    flag,
    int_param,
    pick,
    ref_id,
    ref_matches,
    require_object,
    required_ref,
    time_filters,
)
from .store import SandboxData
from .wire import Answer, Record

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
COMMUNICATION_TYPES = ("EMAIL", "PHONE", "MOBILE", "WEB")

# An endpoint: the path's groups (an id), then the query and the decoded JSON body.
Handler = Callable[..., Answer]
# Tables whose records can be read one by one (GET /<table>/<id>).
READABLE = (
    "Contact",
    "ContactAddress",
    "CommunicationWay",
    "CommunicationWayKey",
    "Category",
    "Part",
    "Unity",
    "SevUser",
    "StaticCountry",
    "Order",
    "OrderPos",
    "Invoice",
    "InvoicePos",
)


class Api:
    def __init__(self, data: SandboxData) -> None:
        self.data = data
        self._routes: list[tuple[str, re.Pattern[str], Handler]] = []
        self._route_contacts()
        self._route_reference_tables()
        self._route_documents()
        self._route_records()

    def _route_contacts(self) -> None:
        r = self._route
        r("GET", r"/Tools/bookkeepingSystemVersion", lambda q, b: (200, {"objects": {"version": "2.0"}}))
        r("GET", r"/Contact/Factory/getNextCustomerNumber", self.next_customer_number)
        r("GET", r"/Contact/Mapper/checkCustomerNumberAvailability", self.customer_number_free)
        r("GET", r"/Contact", self.list_contacts)
        r("POST", r"/Contact", self.create_contact)
        r("GET", r"/ContactAddress", self._lister("ContactAddress", ("contact", "category", "country")))
        r("POST", r"/ContactAddress", self.create_address)
        r("GET", r"/CommunicationWay", self.list_communication_ways)
        r("POST", r"/CommunicationWay", self.create_communication_way)

    def _route_reference_tables(self) -> None:
        r = self._route
        r("GET", r"/CommunicationWayKey", self._lister("CommunicationWayKey", ()))
        r("GET", r"/Category", self._lister("Category", ("parent",), ("objectType", "name")))
        r("GET", r"/Part", self.list_parts)
        r("GET", r"/Unity", self._lister("Unity", ()))
        r("GET", r"/SevUser", self._lister("SevUser", ()))
        r("GET", r"/StaticCountry", self._lister("StaticCountry", (), ("code",)))
        r("GET", r"/PaymentMethod", self._lister("PaymentMethod", ()))

    def _route_documents(self) -> None:
        """Orders and invoices with their positions; an invoice's life (V8)."""
        r = self._route
        r(
            "GET",
            r"/Order",
            self._lister("Order", ("contact",), ("orderType", "status", "orderNumber"), timed=True),
        )
        r("GET", r"/Order/(\d+)/getPositions", self._positions("OrderPos", "order", "Order"))
        r("GET", r"/OrderPos", self._lister("OrderPos", ("order", "part")))
        r(
            "GET",
            r"/Invoice",
            self._lister(
                "Invoice",
                ("contact",),
                ("customerInternalNote", "status", "invoiceNumber", "invoiceType"),
                timed=True,
            ),
        )
        r("GET", r"/Invoice/(\d+)/getPositions", self._positions("InvoicePos", "invoice", "Invoice"))
        r("GET", r"/InvoicePos", self._lister("InvoicePos", ("invoice", "part")))
        r("POST", r"/Invoice/Factory/saveInvoice", lambda q, b: save_invoice(self.data, b))
        # V8: an invoice can be sent, paid (partly) and cancelled, like in sevDesk.
        r("PUT", r"/Invoice/(\d+)/sendBy", lambda i, q, b: invoice_status.send_by(self.data, i, b))
        r("PUT", r"/Invoice/(\d+)/bookAmount", lambda i, q, b: invoice_status.book_amount(self.data, i, b))
        r(
            "POST",
            r"/Invoice/(\d+)/cancelInvoice",
            lambda i, q, b: invoice_status.cancel_invoice(self.data, i, b),
        )

    def _route_records(self) -> None:
        """One record by id; contacts and their details can also be changed and deleted."""
        for name in READABLE:
            self._route("GET", rf"/{name}/(\d+)", self._getter(name))
        for name in ("Contact", "ContactAddress", "CommunicationWay"):
            self._route("PUT", rf"/{name}/(\d+)", self._updater(name))
            self._route("DELETE", rf"/{name}/(\d+)", self._deleter(name))

    def _route(self, method: str, pattern: str, handler: Handler) -> None:
        self._routes.append((method, re.compile(pattern + r"/?"), handler))

    def dispatch(self, method: str, path: str, query: Query, body: object) -> Answer:
        known_path = False
        for route_method, pattern, handler in self._routes:
            match = pattern.fullmatch(path)
            if not match:
                continue
            known_path = True
            if route_method == method:
                return handler(*match.groups(), query, body)
        if known_path:
            raise ApiError(405, f"Method {method} is not allowed for {path}")
        raise ApiError(404, f"Unknown resource {path}")

    # -- generic pieces
    def _page(
        self,
        object_name: str,
        query: Query,
        predicate: Callable[[Record], bool] | None,
        sort_key: Callable[[Record], SupportsRichComparison] | None = None,
    ) -> Answer:
        limit = int_param(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
        offset = int_param(query, "offset", 0, 0, None)
        rows, total = self.data.select(object_name, predicate, offset=offset, limit=limit, sort_key=sort_key)
        payload: Record = {"objects": rows}
        if flag(query.get("countAll")):
            payload["total"] = str(total)
        return 200, payload

    def _lister(
        self, object_name: str, refs: tuple[str, ...], exact: tuple[str, ...] = (), timed: bool = False
    ) -> Handler:
        def handler(query: Query, body: object) -> Answer:
            times = time_filters(query) if timed else None

            def keep(row: Record) -> bool:
                return (
                    all(ref_matches(row, f, query) for f in refs)
                    and all(equals(row, f, query) for f in exact)
                    and (times is None or times(row))
                )

            return self._page(object_name, query, keep)

        return handler

    def _getter(self, object_name: str) -> Handler:
        def handler(id_: str, query: Query, body: object) -> Answer:
            record = self.data.get(object_name, id_)
            if record is None:
                raise not_found(object_name, id_)
            return 200, {"objects": [record]}

        return handler

    def _positions(self, pos_name: str, field: str, parent: str) -> Handler:
        def handler(id_: str, query: Query, body: object) -> Answer:
            if not self.data.exists(parent, id_):
                raise not_found(parent, id_)
            return self._page(pos_name, query, lambda row: ref_id(row.get(field)) == id_)

        return handler

    def _updater(self, object_name: str) -> Handler:
        def handler(id_: str, query: Query, body: object) -> Answer:
            fields = pick(require_object(body), object_name)
            with self.data.lock:
                if not self.data.exists(object_name, id_):
                    raise not_found(object_name, id_)
                self._check_refs(object_name, fields)
                return 200, {"objects": self.data.update(object_name, id_, **fields)}

        return handler

    def _deleter(self, object_name: str) -> Handler:
        def handler(id_: str, query: Query, body: object) -> Answer:
            with self.data.lock:
                if not self.data.delete(object_name, id_):
                    raise not_found(object_name, id_)
                if object_name == "Contact":  # sevDesk removes the contact's details with it
                    for table in ("ContactAddress", "CommunicationWay"):
                        for row in self.data.select(table, lambda r: ref_id(r.get("contact")) == id_)[0]:
                            self.data.delete(table, row["id"])
            return 200, {"objects": [None]}

        return handler

    def _check_refs(self, object_name: str, fields: Record) -> None:
        targets = {
            "contact": "Contact",
            "category": "Category",
            "country": "StaticCountry",
            "key": "CommunicationWayKey",
            "parent": "Contact",
        }
        for field, table in targets.items():
            if field in fields and fields[field] is not None:
                id_ = ref_id(fields[field])
                if not self.data.exists(table, id_):
                    raise unprocessable(f"{object_name}.{field}: {table} with id {id_} does not exist")

    # -- contacts
    def list_contacts(self, query: Query, body: object) -> Answer:
        persons_too = query.get("depth", "0") == "1"
        needle = (query.get("name") or "").casefold()
        times = time_filters(query)

        def keep(row: Record) -> bool:
            if not persons_too and not row.get("name"):
                return False
            if needle and not any(
                needle in str(row.get(f) or "").casefold() for f in ("name", "surename", "familyname")
            ):
                return False
            return (
                ref_matches(row, "category", query)
                and ref_matches(row, "parent", query)
                and equals(row, "customerNumber", query)
                and times(row)
            )

        order = (query.get("orderByCustomerNumber") or "").upper()
        sort_key = None
        if order in ("ASC", "DESC"):
            sign = -1 if order == "DESC" else 1

            def sort_key(row: Record) -> tuple[bool, int, str, int]:
                text = str(row.get("customerNumber") or "")
                numeric = int(text) if text.isdigit() else None
                return (numeric is None, sign * (numeric or 0), text, int(row["id"]))

        return self._page("Contact", query, keep, sort_key)

    def _numeric_customer_numbers(self) -> list[int]:
        rows, _ = self.data.select("Contact")
        return [int(r["customerNumber"]) for r in rows if str(r.get("customerNumber") or "").isdigit()]

    def next_customer_number(self, query: Query, body: object) -> Answer:
        numbers = self._numeric_customer_numbers()
        return 200, {"objects": str(max(numbers) + 1 if numbers else 1000)}

    def customer_number_free(self, query: Query, body: object) -> Answer:
        wanted = query.get("customerNumber")
        if not wanted:
            raise ApiError(500, "customerNumber is required")
        _, total = self.data.select("Contact", lambda r: r.get("customerNumber") == wanted)
        return 200, {"objects": total == 0}

    def create_contact(self, query: Query, body: object) -> Answer:
        fields = pick(require_object(body), "Contact")
        if ref_id(fields.get("category")) is None:
            raise unprocessable("Contact.category is required")
        if not (fields.get("name") or fields.get("surename") or fields.get("familyname")):
            raise unprocessable("A contact needs a name (organisation) or surename/familyname (person)")
        fields.setdefault("status", "100")
        with self.data.lock:
            self._check_refs("Contact", fields)
            new_id = self.data.add("Contact", fields)
            return 201, {"objects": self.data.get("Contact", new_id)}

    # -- addresses and communication ways
    def create_address(self, query: Query, body: object) -> Answer:
        fields = pick(require_object(body), "ContactAddress")
        contact_id = required_ref(fields, "contact", "ContactAddress")
        required_ref(fields, "country", "ContactAddress")
        required_ref(fields, "category", "ContactAddress")
        with self.data.lock:
            self._check_refs("ContactAddress", fields)
            record = self.data.read("ContactAddress", self.data.add("ContactAddress", fields))
            record["contact"] = self.data.get("Contact", contact_id)
            return 201, {"objects": record}

    def list_communication_ways(self, query: Query, body: object) -> Answer:
        main = query.get("main")
        main = None if main is None else ("1" if flag(main) else "0")

        def keep(row: Record) -> bool:
            return (
                ref_matches(row, "contact", query)
                and ref_matches(row, "key", query)
                and equals(row, "type", query)
                and (main is None or row.get("main") == main)
            )

        return self._page("CommunicationWay", query, keep)

    def create_communication_way(self, query: Query, body: object) -> Answer:
        fields = pick(require_object(body), "CommunicationWay")
        if ref_id(fields.get("contact")) is None:
            raise unprocessable("CommunicationWay.contact is required")
        if fields.get("type") not in COMMUNICATION_TYPES:
            raise unprocessable(f"CommunicationWay.type must be one of {', '.join(COMMUNICATION_TYPES)}")
        if not fields.get("value"):
            raise unprocessable("CommunicationWay.value is required")
        if ref_id(fields.get("key")) is None:
            raise unprocessable("CommunicationWay.key is required")
        fields["main"] = "1" if flag(fields.get("main")) else "0"
        with self.data.lock:
            self._check_refs("CommunicationWay", fields)
            new_id = self.data.add("CommunicationWay", fields)
            return 201, {"objects": self.data.get("CommunicationWay", new_id)}

    # -- parts
    def list_parts(self, query: Query, body: object) -> Answer:
        needle = (query.get("name") or "").casefold()

        def keep(row: Record) -> bool:
            if needle and needle not in str(row.get("name") or "").casefold():
                return False
            return (
                equals(row, "partNumber", query)
                and equals(row, "status", query)
                and ref_matches(row, "category", query)
            )

        return self._page("Part", query, keep)
