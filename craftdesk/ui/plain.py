"""Text from outside (sevDesk, the user) shown as plain text, never as HTML (SPEC H5).

Qt guesses whether a string is rich text (``Qt::mightBeRichText``) in message boxes and
tooltips: a project title or a sevDesk error message holding ``<img src="file:///…">`` or
``<a href=…>`` would be rendered, load local files or become a link. Message boxes and
labels get ``PlainText``; tooltips, which have no text format of their own, get the text
escaped inside an explicit rich-text wrapper.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox


def plain_tooltip(text: str | None) -> str | None:
    """A tooltip that shows ``text`` literally (unchanged when it has nothing to escape)."""
    if not text or not any(char in text for char in "<&"):
        return text
    return "<qt>" + escape(text, quote=False).replace("\n", "<br>") + "</qt>"


def plain(widget: QMessageBox | QLabel) -> QMessageBox | QLabel:
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget
