"""A sweep drops rows repeated across its pages (offset paging over changing data) and
keeps everything else in order, whatever the rows look like."""

from __future__ import annotations

from typing import Any

from craftdesk.api.client import Page
from craftdesk.services.fetching import _deduplicated, rows_of


def dedupe(pages: list[list[Any]]) -> tuple[list[list[Any]], set[Any]]:
    seen: set[Any] = set()
    out = [_deduplicated(Page(0, "d", len(p), None, list(p)), seen, None) for p in pages]
    return out, seen


def test_rows_seen_on_an_earlier_page_are_dropped_and_the_rest_kept_in_order() -> None:
    a, b, c = {"id": "1"}, {"id": "2"}, {"id": "3"}
    out, seen = dedupe([[a, b], [b, c], [c]])
    assert out == [[a, b], [c], []]
    assert seen == {"1", "2", "3"}


def test_numeric_ids_count_as_their_text_and_rows_without_id_are_kept() -> None:
    out, seen = dedupe([[{"id": 1}, {"id": "1"}, {"x": 0}, "odd", None, {"id": None}], [{"id": "1"}]])
    assert out == [[{"id": 1}, {"x": 0}, "odd", None, {"id": None}], []]
    assert seen == {"1"}


def test_a_row_repeated_within_one_page_is_kept_once() -> None:
    out, _ = dedupe([[{"id": "5"}, {"id": "6"}, {"id": "5"}]])
    assert out == [[{"id": "5"}, {"id": "6"}]]


def test_rows_of_flattens_pages_in_order() -> None:
    assert list(rows_of(iter([[1, 2], [], [3]]))) == [1, 2, 3]


def test_rows_read_already_count_by_their_id_like_decoded_records() -> None:
    """api.wire hands on rows (tuples starting with the id), with a decoded record where
    the careful reader must look; a repeat is dropped whichever form it came in."""
    a, b, c = ("1", "x"), ("2", "y"), {"id": "3"}
    out, seen = dedupe([[a, b], [("2", "y"), c], [{"id": "1"}, ("3", "z"), ("4", "w")]])
    assert out == [[a, b], [c], [("4", "w")]]
    assert seen == {"1", "2", "3", "4"}
