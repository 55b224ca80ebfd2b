"""Which sevDesk part categories become articles (A1, A1a).

Real accounts often have no part category named "Artikel" (a captured real account has only
"Standard" and "Dienstleistung"). The setting is a list of category names chosen among the
account's real categories; when none of them exists in the account, the import says so in
one sentence (naming the categories that do exist) and imports no articles.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..api.client import SevdeskClient
from ..api.records import CategoryRec
from ..errors import UsageError
from ..messages import Key, Message
from ..store import settings

SETTING = "part_categories"
DEFAULT_CATEGORIES = ("Artikel",)
CHOSEN_SETTING = "part_categories_chosen"  # True once the user picked categories (A1a)
ACCOUNT_SETTING = "part_categories_in_account"  # the account's names as last read (A1a)


def parse_names(text: str | Iterable[str]) -> list[str]:
    """Names from "A, B" or a list: stripped, empty ones dropped, duplicates (any case) once."""
    parts = text.split(",") if isinstance(text, str) else list(text)
    seen: set[str] = set()
    names: list[str] = []
    for part in parts:
        name = " ".join(str(part).split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def configured() -> list[str]:
    """The configured category names (default "Artikel")."""
    value = settings.get(SETTING)
    names = parse_names(value if isinstance(value, list) else [str(value or "")])
    return names or list(DEFAULT_CATEGORIES)


def set_configured(names: str | Iterable[str]) -> list[str]:
    """Store the category names; at least one is needed (UsageError, exit 2, otherwise)."""
    cleaned = parse_names(names)
    if not cleaned:
        raise UsageError("Bitte mindestens eine Artikelkategorie angeben, z. B. „Artikel“.")
    if any(len(name) > 200 for name in cleaned):
        raise UsageError("Ein Kategoriename ist zu lang (höchstens 200 Zeichen).")
    settings.set(SETTING, cleaned)
    settings.set(CHOSEN_SETTING, True)
    return cleaned


def was_chosen() -> bool:
    return bool(settings.get(CHOSEN_SETTING))


def account_names(categories: Iterable[CategoryRec]) -> list[str]:
    """Names of the account's part categories, in sevDesk's order, each once."""
    return parse_names(c.name for c in categories if c.object_type.casefold() == "part")


def remember_account_names(available: list[str]) -> None:
    """Keep the account's part category names as read from sevDesk, so that a setting made
    without sevDesk (``craftdesk settings set``) can be checked against them."""
    if settings.get(ACCOUNT_SETTING) != available:
        settings.set(ACCOUNT_SETTING, available)


def known_account_names() -> list[str] | None:
    """The account's part category names as last read, or None before the first read."""
    value = settings.get(ACCOUNT_SETTING)
    return [str(n) for n in value] if isinstance(value, list) else None


def unknown(names: Iterable[str], available: Iterable[str]) -> list[str]:
    """The configured names that the account does not have (case-insensitive)."""
    names = list(names)
    found = set(matching(names, available))
    return [n for n in names if n not in found]


def matching(names: Iterable[str], available: Iterable[str]) -> list[str]:
    """The configured names that exist in the account (case-insensitive)."""
    present = {a.casefold() for a in available}
    return [n for n in names if n.casefold() in present]


def missing_warning(names: list[str], available: list[str]) -> str | None:
    """A1a: one sentence when none of ``names`` exists among ``available``; else None."""
    if matching(names, available):
        return None
    wanted = ", ".join(f"„{n}“" for n in names)
    if available:
        there = ", ".join(f"„{n}“" for n in available)
        return Message(Key.NO_PART_CATEGORY_BUT, wanted, there)
    return Message(Key.NO_PART_CATEGORY_AT_ALL, wanted)


def load_account_names(client: SevdeskClient) -> list[str]:
    """The account's part category names, read from sevDesk (for the choice, A1a)."""
    from .fetching import fetch_categories

    names = account_names(fetch_categories(client, None, ["Part"]))
    remember_account_names(names)
    return names


def first_connect_question(client: SevdeskClient) -> list[str] | None:
    """On first connect: the account's categories when the user should be asked, else None.

    Asked when the user never chose and none of the configured names (by default
    "Artikel") exists in the account.
    """
    if was_chosen():
        return None
    available = load_account_names(client)
    if matching(configured(), available):
        return None
    return available
