"""A record saved on two workstations at once (T5): what each side changed is kept.

A dialog knows three states of its form: what it opened (the base), what the user has
now (mine) and what is stored since another workstation (or the sevDesk import) saved
(theirs). A field only one side changed takes that side's value; only a field both sides
changed, to different values, is a conflict for the user. Before, the conflict listed
every field that differed — the user's own edits too, as if the colleague had made them —
and "Meine Eingabe speichern" wrote back the old value of every field the colleague had
changed and the user had not touched.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from .local_records import flat_text


@dataclass(frozen=True)
class FormMerge:
    merged: Any  # mine, with the fields only the other side changed taken from theirs
    theirs_only: tuple[str, ...]  # changed on the other side only: taken over
    mine_only: tuple[str, ...]  # changed by the user only: kept
    both: tuple[str, ...]  # changed on both sides, differently: the user decides

    def theirs_with_mine(self, theirs: Any) -> Any:
        """The stored form with the user's own edits of fields nobody else changed."""
        return dataclasses.replace(theirs, **{name: getattr(self.merged, name) for name in self.mine_only})


def merge(base: Any, theirs: Any, mine: Any) -> FormMerge:
    """Three forms of one dataclass type; ``version`` is not a field to merge."""
    theirs_only: list[str] = []
    mine_only: list[str] = []
    both: list[str] = []
    for item in dataclasses.fields(mine):
        if item.name == "version":
            continue
        old, stored, own = (flat_text(getattr(form, item.name)) for form in (base, theirs, mine))
        if stored == own:
            continue
        if old == own:
            theirs_only.append(item.name)
        elif old == stored:
            mine_only.append(item.name)
        else:
            both.append(item.name)
    merged = dataclasses.replace(mine, **{name: getattr(theirs, name) for name in theirs_only})
    return FormMerge(merged, tuple(theirs_only), tuple(mine_only), tuple(both))
