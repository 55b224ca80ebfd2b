"""Per-account reference data: address categories and units (C3, A2)."""

from __future__ import annotations

from craftdesk.api.records import CategoryRec, UnityRec
from craftdesk.services.lookups import address_categories_from, unity_for_name


def cat(id_: str, name: str, code: str = "", object_type: str = "ContactAddress") -> CategoryRec:
    return CategoryRec(id_, name, object_type, code)


def test_C3_categories_by_translation_code_with_account_specific_ids():
    cats = address_categories_from(
        [
            cat("9047", "Rechnungsanschrift", "CATEGORY_INVOICE_ADDRESS"),
            cat("9048", "Lieferanschrift", "CATEGORY_DELIVERY_ADDRESS"),
            cat("9043", "Geschäftlich", "CATEGORY_WORK"),
            cat("777", "Rechnung", "", object_type="Part"),  # other object types never count
        ]
    )
    assert cats.invoice_ids == {"9047"}
    assert cats.delivery_ids == {"9048"}
    assert cats.kind_of("9043") == "other"
    assert cats.kind_of("777") == "other"


def test_C3_categories_without_codes_are_recognised_by_name():
    cats = address_categories_from(
        [cat("5", "Rechnungsadresse"), cat("6", "Lieferadresse"), cat("7", "Privat")]
    )
    assert cats.kind_of("5") == "billing"
    assert cats.kind_of("6") == "delivery"
    assert cats.kind_of("7") == "other"


def test_C3_documented_fallback_only_when_the_account_has_no_codes_and_no_names():
    assert address_categories_from([cat("1", "Geschäftlich")]).invoice_ids == {"47"}
    assert address_categories_from([cat("1", "Geschäftlich", "CATEGORY_WORK")]).invoice_ids == set()


def test_A2_unit_by_name_then_translation_code():
    units = [
        UnityRec("1", "Stk", "UNITY_PIECE"),
        UnityRec("9", "Std", "UNITY_HOUR"),
        UnityRec("374971", "Rolle", ""),
    ]
    assert unity_for_name(units, "Rolle").id == "374971"
    assert unity_for_name(units, "Stück").id == "1"
    assert unity_for_name(units, "h").id == "9"
    assert unity_for_name(units, "Palette") is None


def test_A2_unit_with_or_without_trailing_dot():
    units = [UnityRec("1", "Stk", "UNITY_PIECE"), UnityRec("7", "Psch.", "")]
    assert unity_for_name(units, "Stk.").id == "1"
    assert unity_for_name(units, "psch").id == "7"
    assert unity_for_name(units, "Std.") is None
