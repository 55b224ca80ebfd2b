"""The three-way merge behind T5: each side's own changes stay; only both-changed fields are asked."""

from __future__ import annotations

from decimal import Decimal

from craftdesk.services.form_merge import merge
from craftdesk.services.local_records import ArticleForm


def _form(**changes) -> ArticleForm:
    base = {"number": "A-1", "name": "Ventil", "net_price": Decimal("10.00"), "description": "", "version": 3}
    return ArticleForm(**{**base, **changes})


def test_T5_merge_takes_each_sides_own_change():
    result = merge(_form(), _form(net_price=Decimal("12.50")), _form(name="Ventil DN15"))
    assert result.theirs_only == ("net_price",) and result.mine_only == ("name",) and result.both == ()
    assert (result.merged.name, result.merged.net_price) == ("Ventil DN15", Decimal("12.50"))


def test_T5_merge_names_a_field_both_changed_differently():
    result = merge(_form(), _form(name="Ventil alt"), _form(name="Ventil neu", description="Messing"))
    assert result.both == ("name",) and result.mine_only == ("description",)
    assert result.merged.name == "Ventil neu"  # mine until the user decides
    taken = result.theirs_with_mine(_form(name="Ventil alt", version=4))
    assert (taken.name, taken.description, taken.version) == ("Ventil alt", "Messing", 4)


def test_T5_merge_the_same_change_on_both_sides_is_no_conflict():
    result = merge(_form(), _form(name="Ventil DN15"), _form(name="Ventil DN15"))
    assert result.both == () and result.theirs_only == () and result.mine_only == ()


def test_T5_merge_ignores_the_version():
    result = merge(_form(version=1), _form(version=2), _form(version=1))
    assert result.both == result.theirs_only == result.mine_only == ()
