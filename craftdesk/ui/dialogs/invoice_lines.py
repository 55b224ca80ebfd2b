"""The editable positions of the invoice editor (SPEC V1): a table model over the proposal's
lines. Text, quantity, unit, net price and VAT rate are edited in place; German number
input is parsed to Decimal (never float) and refused when it is no valid number. The
model only holds the lines; the dialog stores them through the service after each change.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ...services.invoice_preview import ProposalLine
from ..style import format_decimal, format_money, format_percent, parse_decimal_de

COLUMNS = ("pos", "text", "quantity", "unit", "net_price", "vat_rate", "net", "note")
EDITABLE = {"text", "quantity", "unit", "net_price", "vat_rate"}
FLAG_COLOR = QColor("#fff4d6")
ZERO_COLOR = QColor("#fde2e2")
MAX_PRICE = Decimal(10_000_000)
MAX_QUANTITY = Decimal(1_000_000)
Index = QModelIndex | QPersistentModelIndex


def column_titles() -> list[str]:
    tr = QCoreApplication.translate
    return [
        tr("InvoiceEditor", "Pos."),
        tr("InvoiceEditor", "Bezeichnung"),
        tr("InvoiceEditor", "Menge"),
        tr("InvoiceEditor", "Einheit"),
        tr("InvoiceEditor", "Einzelpreis netto"),
        tr("InvoiceEditor", "USt %"),
        tr("InvoiceEditor", "Gesamt netto"),
        tr("InvoiceEditor", "Hinweis"),
    ]


def flag_texts(flags: tuple[str, ...]) -> str:
    tr = QCoreApplication.translate
    texts = []
    if "double_labour" in flags:
        texts.append(tr("InvoiceEditor", "Arbeitszeit doppelt?"))
    if "zero_price" in flags:
        texts.append(tr("InvoiceEditor", "0,00 € – bitte prüfen"))
    return "; ".join(texts)


class ProposalLinesModel(QAbstractTableModel):
    """The lines of a proposal; ``edited`` fires after every change the user made."""

    edited = Signal()

    def __init__(self, lines: tuple[ProposalLine, ...], parent: Any = None) -> None:
        super().__init__(parent)
        self.lines: list[ProposalLine] = list(lines)
        self.flags_by_key: dict[str, tuple[str, ...]] = {}
        self.read_only = False
        self.fixed_vat = False  # a Kleinunternehmer's lines: 0 %, not to be changed

    # --- shape -------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return column_titles()[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[section] in (
                "pos",
                "quantity",
                "net_price",
                "vat_rate",
                "net",
            ):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = COLUMNS[index.column()] if index.isValid() else ""
        if column in EDITABLE and not self.read_only and not (self.fixed_vat and column == "vat_rate"):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    # --- data --------------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        column = COLUMNS[index.column()]
        flags = self.flags_by_key.get(line.key, ())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(index.row(), line, column, flags)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_text(line, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in ("text", "note"):
            return "\n".join(p for p in (line.text, line.detail, flag_texts(flags)) if p)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            "pos",
            "quantity",
            "net_price",
            "vat_rate",
            "net",
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and flags:
            return QBrush(FLAG_COLOR if "double_labour" in flags else ZERO_COLOR)
        if role == Qt.ItemDataRole.FontRole and line.kind == "title" and column == "text":
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _display(self, row: int, line: ProposalLine, column: str, flags: tuple[str, ...]) -> str:
        if column == "pos":
            return str(row + 1)
        if column == "text":
            return f"{line.text} – {line.detail}" if line.detail else line.text
        if column == "note":
            return flag_texts(flags)
        return self._edit_text(line, column) if column != "net" else format_money(line.net)

    @staticmethod
    def _edit_text(line: ProposalLine, column: str) -> str:
        if column == "text":
            return line.text
        if column == "quantity":
            return format_decimal(line.quantity)
        if column == "unit":
            return line.unit
        if column == "net_price":
            return format_money(line.net_price)
        if column == "vat_rate":
            return format_percent(line.vat_rate)
        return ""

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.read_only:
            return False
        column = COLUMNS[index.column()]
        line = self.lines[index.row()]
        if str(value) == self._edit_text(line, column):
            return True  # left as shown: a price finer than the cents shown stays as it is (A3)
        changed = self._parsed(line, column, str(value))
        if changed is None:
            return False
        if changed != line:
            self.lines[index.row()] = changed
            self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(COLUMNS) - 1))
            self.edited.emit()
        return True

    @staticmethod
    def _parsed(line: ProposalLine, column: str, text: str) -> ProposalLine | None:
        """The line with the typed value, or None when the value is not acceptable."""
        if column in ("text", "unit"):
            clean = " ".join(text.split())
            if column == "unit":
                return replace(line, unit=clean)
            return replace(line, text=clean) if clean else None
        number = parse_decimal_de(text.replace("€", "").replace("%", ""))
        if number is None:
            return None
        if column == "quantity":
            low_ok = number >= 0 if line.kind == "hours" else number > 0
            return replace(line, quantity=number) if low_ok and number <= MAX_QUANTITY else None
        if column == "net_price":
            return replace(line, net_price=number) if abs(number) <= MAX_PRICE else None
        if column == "vat_rate":
            return replace(line, vat_rate=number) if 0 <= number <= 100 else None
        return None

    # --- structure ---------------------------------------------------------------------------

    def set_lines(self, lines: list[ProposalLine], flags: dict[str, tuple[str, ...]]) -> None:
        self.beginResetModel()
        self.lines = list(lines)
        self.flags_by_key = dict(flags)
        self.endResetModel()

    def set_flags(self, flags: dict[str, tuple[str, ...]]) -> None:
        self.flags_by_key = dict(flags)
        if self.lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.lines) - 1, len(COLUMNS) - 1))

    def insert(self, row: int, line: ProposalLine) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self.lines.insert(row, line)
        self.endInsertRows()
        self.edited.emit()

    def remove(self, rows: list[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.lines[row]
            self.endRemoveRows()
        if rows:
            self.edited.emit()

    def move(self, row: int, step: int) -> int:
        """Move a line up (-1) or down (+1); returns its new row."""
        target = row + step
        if not (0 <= row < len(self.lines) and 0 <= target < len(self.lines)):
            return row
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target + (1 if step > 0 else 0))
        self.lines.insert(target, self.lines.pop(row))
        self.endMoveRows()
        self.edited.emit()
        return target
