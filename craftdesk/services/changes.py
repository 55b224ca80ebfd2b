"""What changed in the database: the typed notification the views reload by.

A :class:`Change` names the collections a write touched (:class:`Scope`, a flag set) and,
where the writer knows them, the local ids of the rows it changed (for the project tree:
the projects, jobs and appointments, :class:`TreeIds`). Views reload only what
a change concerns: nothing for :data:`NOTHING` (an import that changed nothing), the given
rows when ids are known (an import that changed 3 customers updates 3 rows), everything of
a collection when its ids are unknown (``None``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


class Scope(enum.Flag):
    NONE = 0
    CUSTOMERS = enum.auto()
    ARTICLES = enum.auto()
    PROJECTS = enum.auto()
    ALL = CUSTOMERS | ARTICLES | PROJECTS


_NAMES = {
    "customers": Scope.CUSTOMERS,
    "articles": Scope.ARTICLES,
    "projects": Scope.PROJECTS,
    "all": Scope.ALL,
}


@dataclass(frozen=True)
class TreeIds:
    """The rows of the project tree a write touched: projects, jobs, appointments."""

    projects: frozenset[int] = frozenset()
    jobs: frozenset[int] = frozenset()
    appointments: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.projects or self.jobs or self.appointments)

    def __or__(self, other: TreeIds) -> TreeIds:
        return TreeIds(
            self.projects | other.projects, self.jobs | other.jobs, self.appointments | other.appointments
        )


@dataclass(frozen=True)
class Change:
    """``ids[scope]`` for a single scope: the changed rows, or None (all may have changed)."""

    scope: Scope
    customer_ids: frozenset[int] | None = None
    article_ids: frozenset[int] | None = None
    tree_ids: TreeIds | None = None  # Scope.PROJECTS: the tree rows, None when unknown

    @classmethod
    def of(
        cls,
        scope: Scope,
        *,
        customers: Iterable[int] | None = None,
        articles: Iterable[int] | None = None,
        projects: Iterable[int] | None = None,
        jobs: Iterable[int] | None = None,
        appointments: Iterable[int] | None = None,
    ) -> Change:
        """A change of ``scope``; ids given for a collection make it precise."""
        if customers is not None:
            customers = frozenset(customers)
            scope = scope | Scope.CUSTOMERS if customers else scope & ~Scope.CUSTOMERS
        if articles is not None:
            articles = frozenset(articles)
            scope = scope | Scope.ARTICLES if articles else scope & ~Scope.ARTICLES
        tree = None
        if projects is not None or jobs is not None or appointments is not None:
            tree = TreeIds(frozenset(projects or ()), frozenset(jobs or ()), frozenset(appointments or ()))
            scope = scope | Scope.PROJECTS if tree else scope & ~Scope.PROJECTS
        return cls(
            scope,
            customers or None if customers is not None else None,
            articles or None if articles is not None else None,
            tree or None if tree is not None else None,
        )

    @classmethod
    def coerce(cls, value: Any) -> Change:
        """A Change from a Change, a Scope or a name ("customers", "projects", "all")."""
        if isinstance(value, Change):
            return value
        if isinstance(value, Scope):
            return cls(value)
        if isinstance(value, str):
            scope = Scope.NONE
            for name in value.replace("|", ",").split(","):
                scope |= _NAMES.get(name.strip(), Scope.ALL if name.strip() else Scope.NONE)
            return cls(scope)
        return cls(Scope.ALL)

    def __bool__(self) -> bool:
        return bool(self.scope)

    def concerns(self, scope: Scope) -> bool:
        return bool(self.scope & scope)

    def ids(self, scope: Scope) -> frozenset[int] | None:
        """The changed ids of one collection; None when unknown (or not changed)."""
        if scope == Scope.CUSTOMERS and self.scope & scope:
            return self.customer_ids
        if scope == Scope.ARTICLES and self.scope & scope:
            return self.article_ids
        if scope == Scope.PROJECTS and self.scope & scope and self.tree_ids is not None:
            tree = self.tree_ids
            return tree.projects if not (tree.jobs or tree.appointments) else None
        return None

    def __or__(self, other: Change) -> Change:
        def merged(
            scope: Scope,
            a: frozenset[int] | None,
            b: frozenset[int] | None,
        ) -> frozenset[int] | None:
            a_known = not (self.scope & scope) or a is not None
            b_known = not (other.scope & scope) or b is not None
            if not (a_known and b_known):
                return None
            return (a or frozenset()) | (b or frozenset()) or None

        tree: TreeIds | None = None
        if (not (self.scope & Scope.PROJECTS) or self.tree_ids is not None) and (
            not (other.scope & Scope.PROJECTS) or other.tree_ids is not None
        ):
            tree = (self.tree_ids or TreeIds()) | (other.tree_ids or TreeIds()) or None
        return Change(
            self.scope | other.scope,
            merged(Scope.CUSTOMERS, self.customer_ids, other.customer_ids),
            merged(Scope.ARTICLES, self.article_ids, other.article_ids),
            tree,
        )


NOTHING = Change(Scope.NONE)
EVERYTHING = Change(Scope.ALL)
