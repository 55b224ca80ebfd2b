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

import re
import unicodedata
from collections.abc import Iterable, Sequence

PHONE_MARK = "\x1f"  # separates the texts from the phone digits in a haystack

_SIMPLE = str.maketrans(
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
_TRANSCRIBED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NOT_DIGIT = re.compile(r"\D")
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


def phone_digits(value: str) -> str:
    """The national digits of a German number ("+49 (0)711 62-03", "0711 6203" → "7116203");
    a foreign number keeps its international form ("+43 1 234" → "00431234")."""
    digits = _NOT_DIGIT.sub("", value)
    stripped = value.strip()
    if stripped.startswith("+"):
        if digits.startswith("49"):
            return digits[2:].removeprefix("0")  # also "+49 (0)711"
        return "00" + digits
    if digits.startswith("0049"):
        return digits[4:]
    if digits.startswith("00"):
        return digits
    return digits.removeprefix("0")


def haystack(texts: Iterable[str], phones: Iterable[str] = ()) -> str:
    """The search text of one row: its texts folded (and transcribed when they have
    umlauts), then its phone numbers' digits."""
    phones = [p for p in phones if p]
    joined = "\n".join([*(t for t in texts if t), *phones])
    folded = fold(joined)
    lowered = joined.casefold()
    if not lowered.isascii():
        transcribed = fold(lowered.translate(_TRANSCRIBED))
        if transcribed != folded:
            folded += "\n" + transcribed
    keys = [phone_digits(p) for p in phones]
    return folded + PHONE_MARK + " ".join(k for k in keys if k) if keys else folded


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
    rows = list(range(len(haystacks))) if candidates is None else list(candidates)
    for word, digits in terms:
        if digits is None:
            rows = [i for i in rows if word in haystacks[i]]
        else:
            rows = [i for i in rows if word in haystacks[i] or digits in haystacks[i]]
    return rows


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
