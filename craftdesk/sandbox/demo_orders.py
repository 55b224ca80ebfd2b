"""Parts, order confirmations, offers and invoices of the demo account (the data is in
:mod:`demo_catalog`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from .base_data import UNIT_IDS, part_category_ref
from .demo_catalog import ARTICLES, INACTIVE, INVOICES, ORDERS, SERVICES, InvoiceSpec, OrderSpec
from .store import SandboxData
from .wire import Record, Ref, berlin, money, number, ref


@dataclass(frozen=True)
class _PartSpec:
    number: str
    name: str
    unit: str
    price: str
    purchase: str | None
    rate: int
    stock: int | None
    text: str | None
    category: Ref


@dataclass(frozen=True)
class _Line:
    """A position of an order or invoice, before it is written in wire format."""

    part: Ref | None
    quantity: Decimal
    price: Decimal
    name: str
    unit: str  # Unity id
    rate: Decimal
    text: str | None


@dataclass(frozen=True)
class _Order:
    id: str
    fields: Record
    lines: list[_Line]


def _day(ymd: tuple[int, int, int], plus: int = 0, hour: int = 0, minute: int = 0) -> str:
    """ISO timestamp ``plus`` days after a date, German time."""
    day = date(*ymd) + timedelta(days=plus)
    return berlin(day.year, day.month, day.day, hour, minute)


def _part_specs(data: SandboxData) -> list[_PartSpec]:
    article = part_category_ref(data, "Artikel")
    service = part_category_ref(data, "Dienstleistung")
    rows = [_PartSpec(*row, article) for row in ARTICLES]
    rows += [
        _PartSpec(no, name, unit, price, None, 19, None, text, service)
        for no, name, unit, price, text in SERVICES
    ]
    return rows


def _add_parts(data: SandboxData) -> dict[str, Record]:
    parts: dict[str, Record] = {}
    for index, spec in enumerate(_part_specs(data)):
        net = Decimal(spec.price)
        gross = net * (1 + Decimal(spec.rate) / 100)
        created = berlin(2024, 11, 5 + index % 20, 9, index % 60)
        fields = {
            "create": created,
            "update": berlin(2026, 1 + index % 9, 1 + index % 27, 14, 30),
            "name": spec.name,
            "partNumber": spec.number,
            "text": spec.text,
            "category": spec.category,
            "stock": number(spec.stock or 0),
            "stockEnabled": "1" if spec.stock is not None else "0",
            "unity": ref("Unity", UNIT_IDS[spec.unit]),
            "price": money(net),
            "priceNet": money(net),
            "priceGross": money(gross),
            "pricePurchase": money(spec.purchase) if spec.purchase else None,
            "taxRate": str(spec.rate),
            "status": "50" if spec.number in INACTIVE else "100",
            "internalComment": "Nur noch Restbestand" if spec.number == "A-1039" else None,
        }
        part_id = data.add("Part", fields)
        parts[spec.number] = data.read("Part", part_id)
    return parts


def _lines(spec: OrderSpec, parts: dict[str, Record]) -> list[_Line]:
    result = []
    for entry in spec.pos:
        if entry[0] is None:
            _, quantity, name, unit, price = entry
            result.append(
                _Line(None, Decimal(quantity), Decimal(price), name, UNIT_IDS[unit], Decimal(19), None)
            )
            continue
        part = parts[entry[0]]
        result.append(
            _Line(
                ref("Part", part["id"]),
                Decimal(entry[1]),
                Decimal(part["priceNet"]),
                part["name"],
                part["unity"]["id"],
                Decimal(int(part["taxRate"])),
                part["text"],
            )
        )
    return result


def _sums(lines: list[_Line]) -> tuple[Decimal, Decimal]:
    net = sum((p.quantity * p.price for p in lines), Decimal(0))
    tax = sum((p.quantity * p.price * p.rate / 100 for p in lines), Decimal(0))
    return Decimal(money(net)), Decimal(money(tax))


def _position_fields(p: _Line, index: int) -> Record:
    unit_tax = p.price * p.rate / 100
    return {
        "part": p.part,
        "quantity": number(p.quantity),
        "price": money(p.price),
        "priceNet": money(p.price),
        "priceTax": money(unit_tax),
        "priceGross": money(p.price + unit_tax),
        "name": p.name,
        "text": p.text,
        "unity": ref("Unity", p.unit),
        "positionNumber": str(index),
        "discount": "0",
        "taxRate": number(p.rate),
        "sumDiscount": "0",
    }


def add_catalog_and_orders(data: SandboxData, contact_ids: dict[str, str]) -> None:
    parts = _add_parts(data)
    orders: dict[str, _Order] = {}
    for index, spec in enumerate(ORDERS):
        orders[spec.no] = _add_order(data, spec, index, contact_ids, _lines(spec, parts))
    for invoice in INVOICES:
        _add_invoice(data, invoice, orders[invoice.order])


def _add_order(
    data: SandboxData, spec: OrderSpec, index: int, contact_ids: dict[str, str], lines: list[_Line]
) -> _Order:
    when = spec.date
    created = _day(when, 0, 10 + index % 6, (index * 7) % 60)
    fields = _order_fields(spec, created, contact_ids[spec.contact], lines)
    order_id = data.add("Order", fields)
    for number_, line in enumerate(lines):
        pos = _position_fields(line, number_)
        pos.update(create=created, update=created, order=ref("Order", order_id), optional="0")
        data.add("OrderPos", pos)
    return _Order(order_id, fields, lines)


def _order_fields(spec: OrderSpec, created: str, contact_id: str, lines: list[_Line]) -> Record:
    when = spec.date
    net, tax = _sums(lines)
    sent = spec.status != "100"
    return {
        "create": created,
        "update": _day(when, 1, 8, 15) if sent else _day(when, 0, 11, 5),
        "orderNumber": spec.no,
        "contact": ref("Contact", contact_id),
        "orderDate": _day(when),
        "status": spec.status,
        "header": spec.header,
        "headText": "Vielen Dank für Ihren Auftrag. Wir bestätigen Ihnen folgende Leistungen:"
        if spec.type == "AB"
        else "Gerne bieten wir Ihnen folgende Leistungen an:",
        "footText": "Es gelten unsere Allgemeinen Geschäftsbedingungen.<br>Mit freundlichen Grüßen",
        "address": spec.address,
        "addressCountry": ref("StaticCountry", "1"),
        "createUser": ref("SevUser", spec.user),
        "contactPerson": ref("SevUser", spec.user),
        "version": "0",
        "smallSettlement": "0",
        "taxRate": "0",
        "taxRule": ref("TaxRule", "1"),
        "taxText": "Umsatzsteuer 19%",
        "orderType": spec.type,
        "sendDate": _day(when, 1, 8, 15) if sent else None,
        "currency": "EUR",
        "sumNet": money(net),
        "sumTax": money(tax),
        "sumGross": money(net + tax),
        "sumDiscounts": "0",
        "customerInternalNote": spec.note,
        "showNet": "1",
        "sendType": "VPDF" if sent else None,
        "deliveryTerms": "Ausführung nach Absprache" if spec.type == "AB" else None,
        "paymentTerms": "Zahlbar innerhalb von 14 Tagen ohne Abzug",
    }


def _add_invoice(data: SandboxData, spec: InvoiceSpec, order: _Order) -> None:
    lines = [replace(p, quantity=p.quantity * spec.share) for p in order.lines]
    stamp = _day(spec.date, 0, 9, 30)
    invoice_id = data.add("Invoice", _invoice_fields(spec, order, lines, stamp))
    for number_, line in enumerate(lines):
        pos = _position_fields(line, number_)
        net_line = line.quantity * line.price
        pos.update(
            create=stamp,
            update=stamp,
            invoice=ref("Invoice", invoice_id),
            sumNet=money(net_line),
            sumTax=money(net_line * line.rate / 100),
            sumGross=money(net_line * (1 + line.rate / 100)),
        )
        data.add("InvoicePos", pos)


def _invoice_fields(spec: InvoiceSpec, order: _Order, lines: list[_Line], stamp: str) -> Record:
    net, tax = _sums(lines)
    when = spec.date
    paid = spec.status == "1000"
    return {
        "create": stamp,
        "update": _day(when, 3, 16, 0),
        "invoiceNumber": spec.no,
        "contact": order.fields["contact"],
        "contactPerson": order.fields["contactPerson"],
        "invoiceDate": _day(when),
        "deliveryDate": _day(when),
        "header": f"Rechnung {spec.no}",
        "headText": "Wir berechnen Ihnen folgende Leistungen:",
        "timeToPay": "14",
        "discount": "0",
        "status": spec.status,
        "invoiceType": "RE",
        "currency": "EUR",
        "taxRule": ref("TaxRule", "1"),
        "taxRate": "0",
        "taxText": "Umsatzsteuer 19%",
        "showNet": "1",
        "customerInternalNote": spec.note,
        "address": order.fields["address"],
        "addressCountry": ref("StaticCountry", "1"),
        "sumNet": money(net),
        "sumTax": money(tax),
        "sumGross": money(net + tax),
        "sumDiscounts": "0",
        "sendType": "VPDF",
        "sendDate": stamp,
        "payDate": _day(when, 10) if paid else None,
        "enshrined": stamp,
        "origin": ref("Order", order.id),
        "propertyIsEInvoice": "0",
        "paidAmount": money(net + tax) if paid else "0",
    }
