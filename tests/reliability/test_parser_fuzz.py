"""Bad input from sevDesk: every record parser is fed random and mutated wire records.

Property: a parser returns its record type or raises RecordError — nothing else escapes,
whatever sevDesk sends (missing fields, nulls, wrong types, huge strings, odd unicode,
nested containers where text is expected). Records that look valid parse to the right
types, and every text that comes out can be stored (UTF-8 encodable, no NUL).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from craftdesk.api import records as R

FUZZ = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def ref(object_name: str, id_: str) -> dict[str, str]:
    return {"id": id_, "objectName": object_name}


# One realistic record per parser, in sevDesk's wire format (string ids and numbers).
TEMPLATES: dict[str, tuple[Callable[[Any], Any], type, dict[str, Any]]] = {
    "contact": (
        R.parse_contact,
        R.ContactRec,
        {
            "id": "71234501",
            "objectName": "Contact",
            "update": "2024-03-01T10:15:00+01:00",
            "name": "Müller Haustechnik GmbH",
            "surename": None,
            "familyname": None,
            "name2": "Sanitär & Heizung",
            "customerNumber": "1001",
            "description": "Stammkunde",
            "category": ref("Category", "3"),
            "parent": None,
            "status": "1000",
        },
    ),
    "address": (
        R.parse_address,
        R.AddressRec,
        {
            "id": "120178801",
            "objectName": "ContactAddress",
            "contact": ref("Contact", "71234501"),
            "street": "Hauptstraße 5",
            "zip": "80331",
            "city": "München",
            "country": ref("StaticCountry", "1"),
            "category": ref("Category", "47"),
            "update": "2024-03-01T10:15:00+01:00",
        },
    ),
    "comm_way": (
        R.parse_comm_way,
        R.CommWayRec,
        {
            "id": "115440601",
            "objectName": "CommunicationWay",
            "contact": ref("Contact", "71234501"),
            "type": "EMAIL",
            "value": "info@mueller-haustechnik.de",
            "main": "1",
            "key": ref("CommunicationWayKey", "2"),
        },
    ),
    "category": (
        R.parse_category,
        R.CategoryRec,
        {
            "id": "3",
            "objectName": "Category",
            "name": "Kunde",
            "objectType": "Contact",
            "translationCode": "CATEGORY_CUSTOMER",
        },
    ),
    "unity": (
        R.parse_unity,
        R.UnityRec,
        {"id": "1", "objectName": "Unity", "name": "Stk", "translationCode": "UNITY_PIECE"},
    ),
    "country": (
        R.parse_country,
        R.CountryRec,
        {"id": "1", "objectName": "StaticCountry", "code": "de", "name": "Deutschland"},
    ),
    "part": (
        R.parse_part,
        R.PartRec,
        {
            "id": "9876501",
            "objectName": "Part",
            "update": "2024-03-01T10:15:00+01:00",
            "name": "Kupferrohr 15 mm",
            "partNumber": "KR-15",
            "unity": ref("Unity", "1"),
            "price": None,
            "priceNet": "24.90",
            "priceGross": "29.63",
            "taxRate": "19",
            "text": "Meterware",
            "status": "100",
            "category": ref("Category", "631160"),
        },
    ),
    "sevuser": (
        R.parse_sevuser,
        R.SevUserRec,
        {
            "id": "1551095",
            "objectName": "SevUser",
            "fullname": "Anna Schmidt",
            "firstName": "Anna",
            "lastName": "Schmidt",
            "email": "anna@example.de",
            "username": "anna",
            "role": "admin",
        },
    ),
    "order": (
        R.parse_order,
        R.OrderRec,
        {
            "id": "4455601",
            "objectName": "Order",
            "update": "2024-03-01T10:15:00+01:00",
            "orderNumber": "AB-1001",
            "contact": ref("Contact", "71234501"),
            "orderDate": "2024-02-28T00:00:00+01:00",
            "status": "200",
            "header": "Bad sanieren",
            "orderType": "AB",
            "address": "Hauptstraße 5\n80331 München",
            "addressStreet": "Hauptstraße 5",
            "createUser": ref("SevUser", "1551095"),
        },
    ),
    "order_pos": (
        R.parse_order_pos,
        R.OrderPosRec,
        {
            "id": "22334401",
            "objectName": "OrderPos",
            "order": ref("Order", "4455601"),
            "part": ref("Part", "9876501"),
            "quantity": "3.5",
            "price": "24.90",
            "priceNet": "24.90",
            "name": "Kupferrohr 15 mm",
            "text": "",
            "unity": ref("Unity", "1"),
            "taxRate": "19",
            "positionNumber": "1",
        },
    ),
    "invoice": (
        R.parse_invoice,
        R.InvoiceRec,
        {
            "id": "135582101",
            "objectName": "Invoice",
            "status": "100",
            "invoiceNumber": "RE-1001",
            "contact": ref("Contact", "71234501"),
            "customerInternalNote": "craftdesk:abc",
            "sumNet": "124.50",
        },
    ),
}
NAMES = sorted(TEMPLATES)

# --- strategies ---------------------------------------------------------------------------

ODD_CHARS = [
    "\x00",
    "\u200f",
    "\u202e",
    "\u200b",
    "\ufeff",
    "\ud800",
    "\udfff",
    "😀",
    "👩‍🔧",
    "\u0301",
    "ß",
    "١",
    "²",
    "\t",
    "\n",
    "\r",
    "\x7f",
    "\uffff",
    " ",
]
odd_text = st.lists(
    st.one_of(
        st.sampled_from(ODD_CHARS),
        st.characters(exclude_categories=()),  # includes lone surrogates
        st.text(max_size=8),
    ),
    max_size=24,
).map("".join)
huge_text = st.sampled_from(["x" * 12_000, "Ä" * 11_000 + "\x00", "9" * 4000, "😀" * 10_500])
numberish = st.sampled_from(
    [
        "NaN",
        "sNaN",
        "Infinity",
        "-inf",
        "1e999999",
        "1e-999999999",
        "1,5",
        "1.234,56",
        " 12 ",
        "1_000",
        "0x1F",
        "-0",
        "+3",
        "٣",
        "²",
        "12\x00",
        "",
        "  ",
        "true",
        "1e12",
        "1e13",
    ]
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**15, max_value=10**4000),
    st.floats(allow_nan=True, allow_infinity=True),
    odd_text,
    numberish,
    st.text(max_size=40),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
anything = st.one_of(json_values, huge_text)


def _assert_parser_contract(parse: Callable[[Any], Any], rec_type: type, raw: Any) -> Any:
    """Call the parser; only the record type or RecordError may come out."""
    try:
        result = parse(raw)
    except R.RecordError as exc:
        assert isinstance(exc.reason, str) and exc.reason
        assert exc.record_id is None or isinstance(exc.record_id, str)
        return None
    assert isinstance(result, rec_type)
    _assert_storable(result)
    return result


def _assert_storable(result: Any) -> None:
    """Whatever a parser returns must be storable in SQLite without surprises."""
    assert is_dataclass(result)
    for f in fields(result):
        value = getattr(result, f.name)
        if isinstance(value, str):
            assert "\x00" not in value, f.name
            value.encode("utf-8")  # a lone surrogate would fail here (and in SQLite)
        if f.name == "id" or f.name.endswith("_id"):
            assert value is None or (isinstance(value, str) and value.isascii() and value.isdigit()), (
                f.name,
                value,
            )
        if isinstance(value, Decimal):
            assert value.is_finite(), f.name
            value.quantize(Decimal("0.01"))  # money is rounded to cents later


@pytest.mark.parametrize("name", NAMES)
@FUZZ
@given(raw=anything)
def test_random_value_is_record_or_record_error(name: str, raw: Any) -> None:
    parse, rec_type, _ = TEMPLATES[name]
    _assert_parser_contract(parse, rec_type, raw)


@st.composite
def mutated(draw: st.DrawFn, name: str) -> dict[str, Any]:
    """A template record with some fields removed, nulled, retyped or uglified."""
    record = copy.deepcopy(TEMPLATES[name][2])
    keys = sorted(record)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        key = draw(st.sampled_from([*keys, "unexpected"]))
        action = draw(st.sampled_from(["drop", "null", "value", "huge", "odd", "nest", "ref"]))
        if action == "drop":
            record.pop(key, None)
        elif action == "null":
            record[key] = None
        elif action == "value":
            record[key] = draw(json_values)
        elif action == "huge":
            record[key] = draw(huge_text)
        elif action == "odd":
            base = record.get(key) if isinstance(record.get(key), str) else ""
            record[key] = base + draw(odd_text)
        elif action == "nest":
            record[key] = draw(st.sampled_from([[record.get(key)], {"value": record.get(key)}]))
        else:  # a reference with a broken inner id
            record[key] = {"id": draw(scalars), "objectName": "X"}
    return record


@pytest.mark.parametrize("name", NAMES)
@FUZZ
@given(data=st.data())
def test_mutated_record_is_record_or_record_error(name: str, data: st.DataObject) -> None:
    parse, rec_type, _ = TEMPLATES[name]
    raw = data.draw(mutated(name))
    _assert_parser_contract(parse, rec_type, raw)


@pytest.mark.parametrize("name", NAMES)
def test_template_record_parses(name: str) -> None:
    """The realistic records themselves are valid (otherwise the fuzzing proves little)."""
    parse, rec_type, raw = TEMPLATES[name]
    assert _assert_parser_contract(parse, rec_type, copy.deepcopy(raw)) is not None


def test_parsers_survive_a_json_round_trip_of_odd_unicode() -> None:
    """Lone surrogates arrive through json.loads('"\\ud800"'); they must not reach the store."""
    raw = json.loads(
        '{"id": "1", "name": "Caf\\u00e9 \\ud800 \\u200f\\u202e GmbH\\u0000", "surename": "\\ud83d\\ude00"}'
    )
    rec = R.parse_contact(raw)
    rec.company.encode("utf-8")
    assert "\x00" not in rec.company
    assert rec.company.startswith("Café")
    assert rec.first_name == "😀"  # a valid surrogate pair is one emoji, kept


# --- valid-looking records parse to the right types and values -----------------------------

ids = st.integers(min_value=1, max_value=10**12).map(str)
plain = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zs", "Zl", "Zp")), min_size=1, max_size=40
)
amounts = st.decimals(min_value=Decimal(-99999), max_value=Decimal(99999), places=2)
quantities = st.decimals(min_value=Decimal(0), max_value=Decimal(99999), places=2)  # H10
stamps = st.datetimes().map(lambda d: d.replace(microsecond=0).isoformat() + "+01:00")


@FUZZ
@given(
    id_=ids,
    company=plain,
    first=plain,
    last=plain,
    number=plain,
    category=ids,
    stamp=stamps,
    with_company=st.booleans(),
)
def test_valid_contact_types(
    id_: str, company: str, first: str, last: str, number: str, category: str, stamp: str, with_company: bool
) -> None:
    raw = {
        "id": id_,
        "update": stamp,
        "name": company if with_company else None,
        "surename": first,
        "familyname": last,
        "customerNumber": number[:64],
        "category": ref("Category", category),
        "parent": None,
    }
    rec = R.parse_contact(raw)
    assert rec.id == id_ and rec.update == stamp and rec.category_id == category
    assert rec.kind == ("organisation" if with_company else "person")
    assert rec.company == (company.strip() if with_company else "")
    assert (rec.first_name, rec.last_name) == (first.strip(), last.strip())
    assert rec.customer_number == number[:64].strip()
    assert rec.parent_id is None


@FUZZ
@given(
    id_=ids,
    name=plain,
    net=amounts,
    vat=st.sampled_from(["0", "7", "19", "19.0"]),
    status=st.sampled_from(["50", "100"]),
    as_number=st.booleans(),
    unity=ids,
)
def test_valid_part_types(
    id_: str, name: str, net: Decimal, vat: str, status: str, as_number: bool, unity: str
) -> None:
    raw = {
        "id": int(id_) if as_number else id_,
        "name": name,
        "partNumber": "A-1",
        "priceNet": float(net) if as_number else str(net),
        "taxRate": vat,
        "status": status,
        "unity": ref("Unity", unity),
        "category": None,
        "update": None,
    }
    rec = R.parse_part(raw)
    assert rec.id == id_ and rec.unity_id == unity and rec.category_id is None
    assert isinstance(rec.net_price, Decimal) and isinstance(rec.vat_rate, Decimal)
    assert rec.net_price.quantize(Decimal("0.01")) == net
    assert rec.vat_rate == Decimal(vat)
    assert rec.active is (status == "100")


@FUZZ
@given(
    id_=ids,
    order=ids,
    qty=st.one_of(st.just(True), quantities.map(str)),
    price=amounts,
    pos=st.integers(min_value=0, max_value=999),
)
def test_valid_order_pos_types(id_: str, order: str, qty: Any, price: Decimal, pos: int) -> None:
    raw = {
        "id": id_,
        "order": ref("Order", order),
        "part": None,
        "quantity": qty,
        "price": str(price),
        "priceNet": None,
        "name": "Montage",
        "taxRate": "19",
        "positionNumber": str(pos),
        "unity": None,
    }
    rec = R.parse_order_pos(raw)
    assert rec.order_id == order and rec.part_id is None and rec.position_number == pos
    assert rec.quantity == (Decimal(1) if qty is True else Decimal(qty))
    assert rec.price == price and isinstance(rec.tax_rate, Decimal)


@FUZZ
@given(
    id_=ids,
    kind=st.sampled_from(R.COMM_TYPES),
    value=plain,
    main=st.sampled_from(["0", "1", 0, 1, True, False, None]),
)
def test_valid_comm_way_types(id_: str, kind: str, value: str, main: Any) -> None:
    raw = {
        "id": id_,
        "contact": ref("Contact", "7"),
        "type": kind.lower(),
        "value": value,
        "main": main,
        "key": None,
    }
    rec = R.parse_comm_way(raw)
    assert (rec.id, rec.contact_id, rec.type, rec.value) == (id_, "7", kind, value.strip())
    assert rec.main is (main in ("1", 1, True))


@pytest.mark.parametrize(
    "bad_id", ["²", "١٢", "12\x00", "1 2", "-5", -5, "1.0", "0x1F", True, [1], {"id": "1"}]
)
def test_non_ascii_digit_ids_are_rejected(bad_id: Any) -> None:
    """str.isdigit() is true for "²" and Arabic-Indic digits; an id must be ASCII digits."""
    with pytest.raises(R.RecordError):
        R.parse_unity({"id": bad_id, "name": "Stk"})
    with pytest.raises(R.RecordError):
        R.parse_address({"id": "5", "contact": {"id": bad_id, "objectName": "Contact"}})


@pytest.mark.parametrize(
    "stamp",
    [
        "2024-02-28\x0010:00:00",
        "2024-02-28T10:00:00+01:00\x00",
        "2024-02-28\ud80010:00",
        "2024-02-28\u200f10:00",
    ],
)
def test_timestamps_with_odd_characters_are_rejected(stamp: str) -> None:
    """fromisoformat accepts any separator and a trailing NUL; kept verbatim they break storage."""
    with pytest.raises(R.RecordError):
        R.parse_contact({"id": "1", "name": "Firma", "update": stamp})
