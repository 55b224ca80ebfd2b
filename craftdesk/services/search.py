"""Search as a German office expects it: umlauts, ß and case folded, phone numbers by digits.

A row's search text (its *haystack*) is built once, when the row is loaded, from the data
it shows — never from decoration like "0 von 1 fertig". :func:`fold` makes "Müller",
"MÜLLER" and "Muller" the same; a text with umlauts is also kept in its transcribed form,
so "Mueller" finds "Müller" too. Phone numbers are added as their national digits
("+49 711 6203300" → ``7116203300``), so "0711 620", "7116203300" and "+49711…" all find
it. A query word matches when it occurs in the haystack; a word that looks like a phone
number also matches by its digits.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Iterable, Sequence
from itertools import compress, repeat

PHONE_MARK = "\x1f"  # separates the texts from the phone digits in a haystack
_JOIN = "\x00"  # joins many texts for one bulk casefold (fold_all)
_CHUNK = 1000  # texts per bulk call: a few milliseconds of the GIL each (services.slices)

_SIMPLE_MAP = str.maketrans(
    {
        "ä": "a",
        "ö": "o",
        "ü": "u",
        "ß": "ss",
        "æ": "ae",
        "ø": "o",
        "œ": "oe",
        "á": "a",
        "à": "a",
        "â": "a",
        "é": "e",
        "è": "e",
        "ê": "e",
        "ë": "e",
        "í": "i",
        "ì": "i",
        "î": "i",
        "ï": "i",
        "ó": "o",
        "ò": "o",
        "ô": "o",
        "ú": "u",
        "ù": "u",
        "û": "u",
        "ç": "c",
        "ñ": "n",
        "å": "a",
    }
)
# The same table as a list indexed by code point: str.translate looks a list up about twice
# as fast as a dict; a code point past its end (IndexError, a LookupError) stays as it is.
_SIMPLE = [_SIMPLE_MAP.get(code, chr(code)) for code in range(max(_SIMPLE_MAP) + 1)]
_TRANSCRIBED_MAP = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_TRANSCRIBED = [_TRANSCRIBED_MAP.get(code, chr(code)) for code in range(max(_TRANSCRIBED_MAP) + 1)]
_NOT_DIGIT = re.compile(r"\D")
_ASCII_NOT_DIGITS = {code: None for code in range(1, 128) if not chr(code).isdigit()}
_PHONE_QUERY = re.compile(r"^[+(]?[\d()/\-. ]+$")


def fold(text: str) -> str:
    """Case and accents folded: "Müller" → "muller", "Straße" → "strasse"."""
    text = text.casefold()
    if text.isascii():
        return text
    text = text.translate(_SIMPLE)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold_all(texts: Sequence[str]) -> list[str]:
    """``[fold(t) for t in texts]``, with the case folding done in one call per 1,000 texts
    (50,000 names in a few milliseconds; one C call holds the GIL, so a reader thread
    keeps such calls short); only texts that stay non-ASCII are folded one by one."""
    if len(texts) > _CHUNK:
        return [
            t for start in range(0, len(texts), _CHUNK) for t in _fold_chunk(texts[start : start + _CHUNK])
        ]
    return _fold_chunk(texts)


def _fold_chunk(texts: Sequence[str]) -> list[str]:
    if not texts:
        return []
    joined = _JOIN.join(texts)
    if joined.count(_JOIN) != len(texts) - 1:  # the separator occurs in a text
        return list(map(fold, texts))
    lowered = joined.casefold()
    parts = lowered.split(_JOIN)
    if lowered.isascii():
        return parts
    rest = list(compress(range(len(parts)), map(operator.not_, map(str.isascii, parts))))
    simple = _JOIN.join(map(parts.__getitem__, rest)).translate(_SIMPLE).split(_JOIN)
    for n, text in zip(rest, simple, strict=True):
        parts[n] = text if text.isascii() else fold(texts[n])
    return parts


def phone_digits(value: str) -> str:
    """The national digits of a German number ("+49 (0)711 62-03", "0711 6203" → "7116203");
    a foreign number keeps its international form ("+43 1 234" → "00431234")."""
    return _national(value, _NOT_DIGIT.sub("", value))


def _national(value: str, digits: str) -> str:
    if value.lstrip().startswith("+"):
        if digits.startswith("49"):
            return digits[2:].removeprefix("0")  # also "+49 (0)711"
        return "00" + digits
    if digits.startswith("0049"):
        return digits[4:]
    if digits.startswith("00"):
        return digits
    return digits.removeprefix("0")


def _phone_keys(values: list[str]) -> list[str]:
    """``[phone_digits(v) for v in values]``; ASCII numbers lose their non-digits in one call."""
    joined = _JOIN.join(values)
    if values and joined.isascii() and joined.count(_JOIN) == len(values) - 1:
        digits = joined.translate(_ASCII_NOT_DIGITS).split(_JOIN)
    else:
        digits = [_NOT_DIGIT.sub("", v) for v in values]
    return list(map(_national, values, digits))


def haystack(texts: Iterable[str], phones: Iterable[str] = ()) -> str:
    """The search text of one row: its texts folded (and transcribed when they have
    umlauts), then its phone numbers' digits."""
    phones = [p for p in phones if p]
    joined = "\n".join([*(t for t in texts if t), *phones])
    folded = fold(joined)
    lowered = joined.casefold()
    if not lowered.isascii():
        folded += _transcribed_words(folded, fold(lowered.translate(_TRANSCRIBED)))
    keys = [phone_digits(p) for p in phones]
    return folded + PHONE_MARK + " ".join(k for k in keys if k) if keys else folded


def haystacks(rows: Sequence[Sequence[str]], phones: Sequence[Iterable[str]] | None = None) -> list[str]:
    """``[haystack(texts, numbers) for texts, numbers in zip(rows, phones)]``, folded in bulk:
    50,000 customers in a fraction of the time one by one takes."""
    numbers = [[p for p in row if p] for row in phones] if phones is not None else [[] for _ in rows]
    joined = ["\n".join([*filter(None, texts), *row]) for texts, row in zip(rows, numbers, strict=True)]
    folded = fold_all(joined)
    wide = compress(range(len(joined)), map(operator.not_, map(str.isascii, joined)))
    lowered = {n: joined[n].casefold() for n in wide}
    umlauts = [n for n, text in lowered.items() if not text.isascii()]
    texts = [lowered[n].translate(_TRANSCRIBED) for n in umlauts]
    for n, text in zip(umlauts, fold_all(texts), strict=True):
        folded[n] += _transcribed_words(folded[n], text)
    keys = iter(_phone_keys([p for row in numbers for p in row]))
    for n in compress(range(len(numbers)), numbers):
        found = [key for key in (next(keys) for _ in numbers[n]) if key]
        folded[n] += PHONE_MARK + " ".join(found)
    return folded


def _transcribed_words(folded: str, transcribed: str) -> str:
    """What the transcribed form ("mueller") adds to the folded one ("muller"): its words
    that differ. A query word has no blank, so it can only match within one word; the
    haystack stays half as long as with the whole text twice (less to scan per keystroke)."""
    if transcribed == folded:
        return ""
    old, new = folded.split(), transcribed.split()
    if len(old) != len(new):  # a character folded into a blank: keep the whole text
        return "\n" + transcribed
    return "\n" + " ".join(w for w, o in zip(new, old, strict=True) if w != o)


Term = tuple[str, str | None]  # folded word, its phone digits (for a phone-like word)


def query_terms(text: str) -> list[Term]:
    """The words of a search text, folded; a phone-like word also as its digits. A query
    that is one phone number written with spaces ("0711 620 33") is one term."""
    folded = " ".join(fold(text).split())
    if " " in folded and _PHONE_QUERY.match(folded) and len(phone_digits(folded)) >= 3:
        return [(folded, phone_digits(folded))]
    terms: list[Term] = []
    for word in folded.split():
        digits = phone_digits(word) if _PHONE_QUERY.match(word) else ""
        terms.append((word, digits if len(digits) >= 3 and digits != word else None))
    return terms


def matching(
    haystacks: Sequence[str], terms: Sequence[Term], candidates: Iterable[int] | None = None
) -> list[int]:
    """Indexes of the haystacks that contain every term (within ``candidates`` if given)."""
    if candidates is not None:
        candidates = list(candidates)
        if len(candidates) == len(haystacks):  # every row (ascending, distinct): no subset
            candidates = None
    rows: Sequence[int] = range(len(haystacks)) if candidates is None else candidates
    texts: Sequence[str] = haystacks if candidates is None else list(map(haystacks.__getitem__, rows))
    for number, (word, digits) in enumerate(terms, 1):
        # C-level loops (map/compress), no Python bytecode per row.
        found: Iterable[bool] = map(operator.contains, texts, repeat(word))
        if digits is not None:
            found = map(operator.or_, found, map(operator.contains, texts, repeat(digits)))
        if number == len(terms):
            return list(compress(rows, found))
        keep = list(found)
        rows = list(compress(rows, keep))
        texts = list(compress(texts, keep))
    return list(rows)


def narrows(new: Sequence[Term], old: Sequence[Term]) -> bool:
    """Whether every row matching ``new`` also matched ``old`` (typing on: filter the
    previous hits only)."""
    if len(new) < len(old):
        return False
    for (word, digits), (old_word, old_digits) in zip(new[: len(old)], old, strict=True):
        if old_word not in word:
            return False
        if digits is not None and (old_digits is None or old_digits not in digits):
            return False
    return True
