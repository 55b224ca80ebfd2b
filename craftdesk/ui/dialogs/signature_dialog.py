"""The customer's signature for the work report (SPEC §11 P7), drawn with the mouse, a pen or
a finger; it only goes into the PDF and is not stored."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

INK = QColor("#1a237e")


class SignaturePad(QWidget):
    """A white field that records strokes; :meth:`image` renders them at twice the size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strokes: list[list[QPointF]] = []
        self.setMinimumSize(QSize(420, 150))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_TabletTracking, True)

    def is_empty(self) -> bool:
        return not any(len(stroke) > 1 for stroke in self.strokes)

    def clear(self) -> None:
        self.strokes = []
        self.update()

    def _begin(self, point: QPointF) -> None:
        self.strokes.append([point])
        self.update()

    def _extend(self, point: QPointF) -> None:
        if self.strokes:
            self.strokes[-1].append(point)
            self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())

    def tabletEvent(self, event: QTabletEvent) -> None:
        if event.type() == QTabletEvent.Type.TabletPress:
            self._begin(event.position())
        elif event.type() == QTabletEvent.Type.TabletMove and event.pressure() > 0:
            self._extend(event.position())
        event.accept()

    def _paint_strokes(self, painter: QPainter, scale: float) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(
            QPen(INK, 2.2 * scale, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        )
        for stroke in self.strokes:
            if len(stroke) < 2:
                continue
            path = QPainterPath(stroke[0] * scale)
            for point in stroke[1:]:
                path.lineTo(point * scale)
            painter.drawPath(path)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        painter.setPen(QPen(QColor("#bbbbbb"), 1, Qt.PenStyle.DashLine))
        base = self.height() - 30
        painter.drawLine(20, base, self.width() - 20, base)
        self._paint_strokes(painter, 1.0)
        painter.end()

    def image(self) -> QImage:
        image = QImage(self.width() * 2, self.height() * 2, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        self._paint_strokes(painter, 2.0)
        painter.end()
        return image


class SignatureDialog(QDialog):
    """ "Unterschrift des Kunden": sign, clear, or go on without a signature."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unterschrift des Kunden"))
        intro = QLabel(
            self.tr(
                "Der Kunde bestätigt die Arbeit „%1“. Unterschreiben mit Maus, "
                "Stift oder Finger – oder ohne Unterschrift fortfahren."
            ).replace("%1", title),
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.pad = SignaturePad(self)
        clear = QPushButton(self.tr("Löschen"), self)
        clear.clicked.connect(self.pad.clear)
        buttons = QDialogButtonBox(self)
        self.accept_button = buttons.addButton(self.tr("Übernehmen"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button = buttons.addButton(
            self.tr("Ohne Unterschrift"), QDialogButtonBox.ButtonRole.ActionRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(clear, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.skip_button.clicked.connect(self._skip)
        self.skipped = False
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.pad, 1)
        layout.addWidget(buttons)

    def _skip(self) -> None:
        self.skipped = True
        self.pad.clear()
        self.accept()

    def signature(self) -> QImage | None:
        return None if self.skipped or self.pad.is_empty() else self.pad.image()
