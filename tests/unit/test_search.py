"""Search folding (issue 15, item 15): umlauts, ß and case; phone numbers by digits."""

from __future__ import annotations

import pytest

from craftdesk.services.search import (
    fold,
    haystack,
    matching,
    narrows,
    phone_digits,
    query_terms,
)


def hits(texts: list[str], phones: list[str], query: str) -> bool:
    return matching([haystack(texts, phones)], query_terms(query)) == [0]


@pytest.mark.parametrize("query", ["muller", "Müller", "MÜLLER", "mueller", "Mueller", "müll"])
def test_search_folds_umlauts_and_case(query):
    assert hits(["Bäckerei Müller"], [], query)


def test_search_folds_sharp_s_both_ways():
    assert hits(["Weiß GmbH"], [], "weiss")
    assert hits(["Weiss GmbH"], [], "weiß")
    assert hits(["Gartenstraße 7"], [], "gartenstrasse")


def test_search_still_finds_plain_letters_next_to_umlauts():
    assert hits(["Samuel Schäfer"], [], "e")
    assert hits(["Samuel Schäfer"], [], "schafer")
    assert not hits(["Samuel Schäfer"], [], "schiefer")


@pytest.mark.parametrize(
    "query",
    [
        "0711 620",
        "7116203300",
        "07116203300",
        "+49 711 6203300",
        "+497116203300",
        "0711/6203300",
        "0049 711 6203300",
        "6203300",
    ],
)
def test_search_finds_phone_numbers_by_digits(query):
    assert hits(["Praxis Weiß"], ["+49 711 6203300"], query)


def test_phone_digits_forms():
    assert phone_digits("+49 (0)711 62-03") == "7116203"
    assert phone_digits("0711 6203") == "7116203"
    assert phone_digits("+43 1 234") == "00431234"
    assert phone_digits("0043 1 234") == "00431234"


def test_numbers_that_are_no_phone_match_as_text():
    assert hits(["Kunde 10001"], ["0711 1"], "10001")
    assert not hits(["Kunde 10001"], ["0711 1"], "20001")


def test_every_word_must_match():
    assert hits(["Bäckerei Müller", "Stuttgart"], [], "müller stutt")
    assert not hits(["Bäckerei Müller", "Stuttgart"], [], "müller berlin")


def test_fold_drops_other_accents():
    assert fold("Café Crème") == "cafe creme"
    assert fold("Łódź") in ("lodz", "łodz")


def test_narrowing_is_only_claimed_when_safe():
    assert narrows(query_terms("mull"), query_terms("mu"))
    assert narrows(query_terms("mu st"), query_terms("mu"))
    assert not narrows(query_terms("mu"), query_terms("mull"))
    assert not narrows(query_terms("0711"), query_terms("07"))  # "07" had no digits form
