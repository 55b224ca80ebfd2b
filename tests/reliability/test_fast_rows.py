"""The fast row parsers of the import give exactly what the careful readers give.

``contact_row``, ``address_row`` and ``comm_way_row`` try a fast path for sevDesk's usual
wire form first. Property: for any record — realistic, mutated, malformed — the row is the
careful parser's row, or both refuse it with the same reason. So the fast path can never
change what is imported, skipped, logged or counted.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from craftdesk.api import catalog, wire
from craftdesk.api import fast_pages as pages
from craftdesk.api import records as R
from craftdesk.api.answers import decode_json
from craftdesk.api.fields import RecordError, guard

FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def ref(object_name: str, id_: str) -> dict[str, str]:
    return {"id": id_, "objectName": object_name}


CONTACT = {
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
    "buyerReference": None,
    "governmentAgency": "0",
    "gender": None,
    "academicTitle": None,
}
ADDRESS = {
    "id": "120178801",
    "contact": ref("Contact", "71234501"),
    "street": "Hauptstraße 5",
    "zip": "80331",
    "city": "München",
    "country": ref("StaticCountry", "1"),
    "category": ref("Category", "47"),
    "update": "2024-03-01T10:15:00+01:00",
}
COMM_WAY = {
    "id": "115440601",
    "contact": ref("Contact", "71234501"),
    "type": "EMAIL",
    "value": "info@mueller-haustechnik.de",
    "main": "1",
    "key": ref("CommunicationWayKey", "2"),
}

PART = {
    "id": "9876501",
    "objectName": "Part",
    "update": "2024-03-01T10:15:00+01:00",
    "name": "Kupferrohr 15 mm",
    "partNumber": "A-100001",
    "text": "<p>je Meter</p>",
    "category": ref("Category", "631154"),
    "unity": ref("Unity", "1"),
    "price": "12.5",
    "priceNet": "12.5",
    "priceGross": "14.88",
    "taxRate": "19",
    "status": "100",
}

CASES: dict[str, tuple[Callable[[Any], Any], Callable[[dict[str, Any]], Any], dict[str, Any]]] = {
    "contact": (R.contact_row, R._contact_careful, CONTACT),
    "address": (R.address_row, R._address_careful, ADDRESS),
    "comm_way": (R.comm_way_row, R._comm_way_careful, COMM_WAY),
    "part": (R.part_row, catalog._part, PART),
}

texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "  Müller  ", "a\x00b", "\ud800x", "x" * 300, "<p>Hallo</p>", "1", "0", " 42 "]),
    st.sampled_from(["19", "7.5", "-3", "1e3", "1,5", "100.0000000001", "9" * 12, "9" * 13, "0.00", "99"]),
)
ids = st.one_of(
    st.sampled_from(["1", "71234501", " 7 ", "", "-1", "1.5", "²", "9" * 18, "9" * 19, "12a"]),
    st.integers(min_value=-5, max_value=2**64),
)
values = st.one_of(
    st.none(),
    st.booleans(),
    texts,
    ids,
    st.floats(allow_nan=True),
    st.builds(ref, st.just("X"), st.sampled_from(["1", "", "x", " 3 "])),
    st.dictionaries(st.sampled_from(["id", "objectName"]), st.one_of(st.none(), ids, texts), max_size=2),
    st.lists(st.integers(), max_size=2),
)


def outcome(parse: Callable[[Any], Any], raw: Any) -> tuple[str, Any]:
    """The row (each value as its type and text, see ``exactly``), or the refusal."""
    try:
        return "row", [(type(v), str(v)) for v in parse(raw)]
    except RecordError as exc:
        return "error", (exc.reason, exc.record_id)


def careful_outcome(careful: Callable[[dict[str, Any]], Any], raw: Any) -> tuple[str, Any]:
    return outcome(lambda r: guard(r, careful), raw)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, Any]:
    name = draw(st.sampled_from(sorted(CASES)))
    raw = dict(CASES[name][2])
    for key in draw(st.lists(st.sampled_from(sorted(raw)), max_size=4)):
        if draw(st.booleans()):
            raw[key] = draw(values)
        else:
            raw.pop(key, None)
    return name, raw


@FUZZ
@given(mutated())
def test_fast_rows_equal_the_careful_readers_on_any_record(case: tuple[str, Any]) -> None:
    name, raw = case
    fast, careful, _template = CASES[name]
    assert outcome(fast, raw) == careful_outcome(careful, raw)


def test_fast_rows_equal_the_careful_readers_on_the_usual_wire_form() -> None:
    for fast, careful, template in CASES.values():
        assert fast(template) == guard(template, careful)
        assert fast(template) is not None
    for fast_path, name in (
        (wire.contact_fast, "contact"),
        (wire.address_fast, "address"),
        (wire.comm_way_fast, "comm_way"),
        (wire.part_fast, "part"),
    ):
        template = CASES[name][2]
        assert fast_path(template) == guard(template, CASES[name][1])  # taken, not declined
    assert R.parse_part(PART).net_price == Decimal("12.5") and R.parse_part(PART).description == "je Meter"
    assert R.parse_contact(CONTACT).company == "Müller Haustechnik GmbH"
    assert R.parse_comm_way(COMM_WAY).main is True


INTERESTING = [
    None,
    "",
    " ",
    "  Müller  ",
    " 42 ",
    "a\x00b",
    "\ud800x",
    "x" * 300,
    " <p>Hallo</p> ",
    "1",
    "0",
    "true",
    "email",
    " PHONE ",
    "9" * 19,
    "12a",
    "7",
    "-0",
    "12.50",
    " 19 ",
    "2,5",
    "1E2",
    "10000000",
    "10000000.01",
    "0.0000000001",
    "100",
    "50",
    True,
    False,
    0,
    7,
    -1,
    2.5,
    {},
    {"id": None},
    {"id": " 5 "},
    {"id": 5},
    ref("X", "8"),
    [],
]


def test_fast_rows_equal_the_careful_readers_for_every_field_and_value() -> None:
    for fast, careful, template in CASES.values():
        for key in template:
            for value in INTERESTING:
                raw = {**template, key: value}
                assert outcome(fast, raw) == careful_outcome(careful, raw), (key, value)
            raw = {k: v for k, v in template.items() if k != key}
            assert outcome(fast, raw) == careful_outcome(careful, raw), key


def test_fast_rows_refuse_what_is_not_a_record() -> None:
    for fast, careful, _template in CASES.values():
        for raw in (None, [], "x", 5):
            assert outcome(fast, raw) == careful_outcome(careful, raw)
            assert outcome(fast, raw)[0] == "error"


def test_C4_compact_way_items_follow_the_kind_rule() -> None:
    from craftdesk.services.customer_rules import comm_kind, way_item

    for kind in (*R.COMM_TYPES, "FAX"):
        for key in (None, "1", "2", "3", "4"):
            item = way_item(("5", "1", kind, "v", True, key))
            assert (item.split("\x00")[1] if item else None) == comm_kind(kind, key), (kind, key)


# --- whole pages read by msgspec (api.pages.page_rows) --------------------------------------

SHAPES = {
    "contact": pages.CONTACTS,
    "address": pages.ADDRESSES,
    "comm_way": pages.COMM_WAYS,
    "part": pages.PARTS,
}


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def logged(run: Callable[[], Any]) -> tuple[Any, list[str]]:
    """What ``run`` returns, and the log lines of craftdesk.api meanwhile, in order."""
    handler, logger = Lines(), logging.getLogger("craftdesk.api")
    logger.addHandler(handler)
    level, logger.level = logger.level, logging.DEBUG
    try:
        return run(), handler.lines
    finally:
        logger.removeHandler(handler)
        logger.level = level


def page_outcomes(name: str, content: bytes) -> tuple[list[tuple[str, Any]] | None, list[str]]:
    """What the import makes of each record of a page read by page_rows (None: the page
    goes the usual way), and what it logs."""
    fast = CASES[name][0]

    def run() -> list[tuple[str, Any]] | None:
        read = pages.page_rows(content, SHAPES[name], decode_json)
        return None if read is None else [outcome(fast, row) for row in read[0]]

    return logged(run)


def usual_outcomes(name: str, content: bytes) -> tuple[list[tuple[str, Any]], list[str]]:
    fast = CASES[name][0]
    return logged(lambda: [outcome(fast, raw) for raw in decode_json(content)["objects"]])


@FUZZ
@given(st.lists(mutated(), min_size=1, max_size=6), st.booleans())
def test_pages_read_by_msgspec_give_every_record_the_usual_outcome(
    cases: list[Any], ascii_only: bool
) -> None:
    name = cases[0][0]
    records = [raw for kind, raw in cases if kind == name]
    content = json.dumps({"objects": records, "total": len(records)}, ensure_ascii=ascii_only).encode(
        "utf-8", "surrogatepass"
    )
    read, lines = page_outcomes(name, content)
    if read is not None:
        assert (read, lines) == usual_outcomes(name, content)


def test_texts_longer_than_kept_are_left_to_the_careful_reader_which_says_so() -> None:
    """A fast path never cuts (silently): the record goes the careful way, which logs the
    cut — also for sevDesk's real contacts, which come without a "parent" field."""
    limits = {
        "contact": {"name": 255, "name2": 255, "customerNumber": 64, "description": R.MAX_TEXT},
        "address": {"street": 255, "zip": 32, "city": 255},
        "comm_way": {"value": 255},
        "part": {"name": 255, "partNumber": 64, "text": R.MAX_TEXT},
    }
    for name, fields in limits.items():
        template = CASES[name][2]
        for key, limit in fields.items():
            for record in ({**template, key: "x" * limit}, {**template, key: f" {'x' * limit} "}):
                content = json.dumps({"objects": [record]}).encode()
                assert page_outcomes(name, content) == usual_outcomes(name, content)
                assert type(pages.page_rows(content, SHAPES[name], decode_json)[0][0]) is tuple
            sent = {k: v for k, v in template.items() if k != "parent"} | {key: "y" * (limit + 1)}
            content = json.dumps({"objects": [sent]}).encode()
            (rows, lines), usual = page_outcomes(name, content), usual_outcomes(name, content)
            assert (rows, lines) == usual and len(lines) == 1 and f"{limit + 1} characters" in lines[0]
            assert rows[0][0] == "row" and (str, "y" * limit) in rows[0][1]


def test_usual_pages_are_read_as_rows_and_odd_records_handed_on_as_decoded() -> None:
    for name, (fast, _careful, template) in CASES.items():
        odd = {**template, "id": 17}  # a number: the careful reader's
        content = json.dumps({"objects": [template, odd, template], "total": "3"}).encode()
        rows, total = pages.page_rows(content, SHAPES[name], decode_json) or ([], None)
        assert total == "3"
        assert rows[0] == rows[2] == fast(template) and type(rows[0]) is tuple
        assert rows[1] == odd  # the decoder's dict, for the careful reader
        assert fast(rows[1])[0] == "17"


def test_pages_msgspec_cannot_read_in_its_form_go_the_usual_way(monkeypatch: Any) -> None:
    template = CASES["address"][2]
    for page in (
        {"objects": [template, {**template, "contact": "71234501"}]},  # a reference as text
        {"objects": [template, None]},  # a record that is no object
        {"objects": [template], "error": {"message": "kaputt"}},
        {"total": 1},  # no objects
        {"objects": [template], "total": 2**64},  # a count orjson reads as a float: none
        [template],
    ):
        assert pages.page_rows(json.dumps(page).encode(), pages.ADDRESSES, decode_json) is None, page
    lone = b'{"objects": [{"id": "1", "contact": {"id": "2"}, "street": "\\ud800"}]}'
    assert pages.page_rows(lone, pages.ADDRESSES, decode_json) is None
    for unread in (b"\xff", b"\xed\xa0\x80", "Müller".encode("latin-1")):  # H3, in a field nobody reads
        page = b'{"objects": [{"id": "1", "contact": {"id": "2"}, "titel": "' + unread + b'"}]}'
        assert pages.page_rows(page, pages.ADDRESSES, decode_json) is None, unread
    assert pages.page_rows(
        '{"objects": [{"id": "1", "contact": {"id": "2"}, "x": "ü"}]}'.encode(), pages.ADDRESSES, decode_json
    )
    assert pages.page_rows(b'{"objects": []}', "Unity", decode_json) is None  # no reader of units
    monkeypatch.setattr(pages, "_READERS", {})  # as without msgspec
    content = json.dumps({"objects": [template]}).encode()
    assert pages.page_rows(content, pages.ADDRESSES, decode_json) is None


# --- whole pages read column by column (api.columns) --------------------------------------

COLUMN_READERS = {
    "contact": (pages.CONTACTS, wire.contact_values, pages.contact_columns),
    "address": (pages.ADDRESSES, wire.address_values, pages.address_columns),
    "comm_way": (pages.COMM_WAYS, wire.comm_way_values, pages.comm_way_columns),
    "part": (pages.PARTS, wire.part_values, pages.part_columns),
}
# Values near every check of the column readers: ids at 18/19 digits, texts at their
# limits, with spaces, markup, umlauts, controls; flags as sevDesk and others send them.
near = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "1", "0", "true", "nein", "x" * 32, "x" * 33, "y" * 255, f" {'y' * 255} "]),
    st.sampled_from(["9" * 18, "9" * 19, "0", "007", " 5", "<b>fett</b>", "Straße 1", "a\x7fb", "EMAIL"]),
    st.sampled_from([" phone ", "Mobile", "WEB", "FAX", "2024-03-01T10:15:00+01:00", "\u00e9t\u00e9"]),
    st.sampled_from(
        ["19", "-0", "0.00", "12.50", "1e3", "9" * 12 + ".5", "9" * 13, "10000000.01", "050", "1,5"]
    ),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12),
    st.builds(ref, st.just("X"), st.sampled_from(["1", "2", "99", "", "x"])),
    st.sampled_from([{}, {"id": None}, {"id": 5}, {"id": " 1"}, {"id": "1" * 19}]),
    st.integers(min_value=-2, max_value=10),
)


def exactly(rows: Any) -> Any:
    """Rows with every value as its type and text: Decimal("12.5") is not Decimal("12.50"),
    1 is not True (``==`` would take either for the other)."""
    if rows is None:
        return None
    return [row if type(row) is not tuple else [(type(v), str(v)) for v in row] for row in rows]


@st.composite
def mostly_usual_page(draw: st.DrawFn) -> tuple[str, list[dict[str, Any]]]:
    """A page of the usual wire form where a few fields of a few records are odd."""
    name = draw(st.sampled_from(sorted(COLUMN_READERS)))
    records = []
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        raw = dict(CASES[name][2])
        if draw(st.integers(0, 2)) == 0:
            for key in draw(st.lists(st.sampled_from(sorted(raw)), max_size=3)):
                raw[key] = draw(near)
        records.append(raw)
    return name, records


@FUZZ
@given(mostly_usual_page())
def test_a_page_read_column_by_column_gives_every_record_its_fast_row(case: Any) -> None:
    """Column by column a page gives exactly the record fast path's rows, or None (read
    record by record) — never a different row."""
    name, records = case
    shape, values, columns = COLUMN_READERS[name]
    content = json.dumps({"objects": records}).encode()
    try:
        decoded = pages._READERS[shape][0].decode(content).objects
    except Exception:
        return  # msgspec cannot read it in this form: the page goes the usual way
    by_record = [pages._guarded(values, pages._astuple(r)) for r in decoded]
    try:
        by_column = columns(decoded)
    except Exception:
        by_column = None
    if by_column is not None:
        assert exactly(by_column) == exactly(by_record)
    if None not in by_record:
        assert exactly(by_column) == exactly(by_record)  # every record passes: read by column


def test_the_usual_page_is_read_column_by_column(monkeypatch: Any) -> None:
    for name, (shape, _values, columns) in COLUMN_READERS.items():
        template = CASES[name][2]
        content = json.dumps({"objects": [template, template, template], "total": 3}).encode()

        def refuse(*_values: Any) -> None:
            raise AssertionError("read record by record")

        decoder, values, _columns = pages._READERS[shape]
        monkeypatch.setitem(pages._READERS, shape, (decoder, refuse, columns))
        rows, total = pages.page_rows(content, shape, decode_json) or ([], None)
        assert rows == [values(*pages._astuple(r)) for r in decoder.decode(content).objects] and total == 3
        assert type(rows[0]) is tuple


def test_a_column_is_plain_unless_a_text_holds_what_the_careful_reader_replaces() -> None:
    """``columns.plain``: printable texts, and texts with line breaks, tabs or a no-break
    space (not printable, but kept as sent), are plain; a control character or a lone
    surrogate in any one column is not, nor is a value that is no text."""
    from craftdesk.api.columns import plain

    assert plain(["Müller", None, "Straße 1"], ["Zeile 1\nZeile 2\tmehr", "\u00a0€"])
    assert plain([], [None])
    assert not plain(["ok"], ["Zeile\n1", "a\x07b"])
    assert not plain(["a\x85"], ["ok"])  # a C1 control
    assert not plain(["ok", "x\ud800"])
    assert not plain(["ok", 5])
