"""An appointment saved on two workstations at once (T5): what each side changed is kept.

The editor knows three states of each field: what it loaded (the base), what the user has
now (mine) and what is stored since another workstation saved (theirs). A field only one
side changed takes that side's value, whatever the other saved; only a field both changed,
differently, is a conflict the user decides. Before, "keep mine" wrote every field of the
editor back, so a colleague's new assignee or worksheet line was undone without a word.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .project_forms import AppointmentInput, AppointmentView, appointment_view
from .worksheet import UsedLine

#: The fields of the editor, in the order a conflict names them.
FIELDS = ("title", "status", "start", "end", "notes", "hours", "assignee_ids", "observer_ids", "used")


def _number(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.normalize()


def _line(line: UsedLine | tuple[int, Decimal]) -> tuple[Any, ...]:
    if isinstance(line, tuple):
        return (line[0], _number(line[1]), "", "", None, None, None)
    return (
        line.article_id,
        _number(line.quantity),
        line.text.strip(),
        line.unit.strip(),
        _number(line.net_price),
        _number(line.vat_rate),
        line.planned_id,
    )


def _key(name: str, value: Any) -> Any:
    """A field's value in a form both sides compare equal on when it did not change."""
    if name in ("assignee_ids", "observer_ids"):
        return frozenset(value)
    if name == "used":
        return tuple(_line(line) for line in value)
    if name == "hours":
        return _number(value)
    if name in ("title", "notes"):  # the editor writes line breaks as \n
        return (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if name in ("start", "end") and value is not None:
        return value.replace(second=0, microsecond=0)  # the editor shows minutes
    return value


def stored(view: AppointmentView, name: str) -> Any:
    """A field of the stored appointment, by the editor's name for it."""
    return view.used if name == "used" else getattr(view, name)


def input_of(view: AppointmentView) -> AppointmentInput:
    """The stored appointment as the editor's input (the base of a later merge)."""
    return AppointmentInput(
        title=view.title,
        status=view.status,
        start=view.start,
        end=view.end,
        notes=view.notes,
        hours=view.hours,
        used=list(view.used),
        assignee_ids=sorted(view.assignee_ids),
        observer_ids=sorted(view.observer_ids),
        expected_version=view.version,
    )


@dataclass(frozen=True)
class Merge:
    data: AppointmentInput  # what to save: mine, and theirs where only they changed a field
    theirs_only: tuple[str, ...]  # fields another workstation changed and the user did not
    mine_only: tuple[str, ...]  # fields the user changed and nobody else did
    both: tuple[str, ...]  # fields both changed, differently: the user decides
    theirs: AppointmentView  # the stored appointment now
    mine: AppointmentInput  # the user's input as it was


def merge(base: AppointmentInput, mine: AppointmentInput, appointment_id: int) -> Merge:
    """``base``: the editor's input as loaded; ``mine``: as the user left it. The result is
    to be saved against the stored version (``data.expected_version``)."""
    theirs = appointment_view(appointment_id)
    taken: dict[str, Any] = {}
    theirs_only: list[str] = []
    mine_only: list[str] = []
    both: list[str] = []
    for name in FIELDS:
        loaded = _key(name, getattr(base, name))
        own = _key(name, getattr(mine, name))
        now = _key(name, stored(theirs, name))
        if now == loaded:
            if own != loaded:
                mine_only.append(name)
        elif own == loaded:
            taken[name] = stored(theirs, name)  # only they changed it
            theirs_only.append(name)
        elif own != now:
            both.append(name)
    data = dataclasses.replace(mine, expected_version=theirs.version, **taken)
    return Merge(data, tuple(theirs_only), tuple(mine_only), tuple(both), theirs, mine)


def view_with(result: Merge, keep: Sequence[str]) -> AppointmentView:
    """The stored appointment with the user's values for ``keep`` (what only they changed):
    what the editor shows when the user takes the stored version of the contested fields."""
    values: dict[str, Any] = {}
    for name in keep:
        value = getattr(result.mine, name)
        values[name] = frozenset(value) if name in ("assignee_ids", "observer_ids") else value
    return dataclasses.replace(result.theirs, **values)
