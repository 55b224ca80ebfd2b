"""The service layer's sentences (errors, import progress, invoice warnings) in the UI
language.

Services, the sevDesk client and the command line speak German and know nothing of Qt.
What they say is a :class:`craftdesk.messages.Message`: the German sentence plus its key
and arguments. The GUI translates the key's template (the one table in
``craftdesk.messages``) and fills in the arguments; it never takes a German sentence apart.
A plain text (e.g. from the import history, stored before it could carry a key) is looked
up as a whole, and recognised by the same templates.

QtCore only (habit: sync/ never imports QtWidgets).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..errors import CraftdeskError
from ..messages import CONTEXT, TEMPLATES, Message, fill, parse
from ..services.errors import SevdeskError
from ..services.storage import short_reason


def translate(message: Message) -> str:
    """A Message in the UI language: its template translated, its arguments filled in
    (an argument that is itself a Message is translated too)."""
    template = QCoreApplication.translate(CONTEXT, TEMPLATES[message.key])
    return fill(template, [translate(a) if isinstance(a, Message) else str(a) for a in message.args])


def localize(text: str | None) -> str:
    """``text`` in the UI language when it is a service sentence, else unchanged."""
    if not text:
        return ""
    if isinstance(text, Message):
        return translate(text)
    known = parse(text)
    return translate(known) if known is not None else text


def error_message(error: BaseException) -> str:
    """The one-sentence message of a service or sevDesk error, in the UI language."""
    if isinstance(error, (SevdeskError, CraftdeskError)):
        return localize(error.message)
    message = getattr(error, "message", None)  # other errors that carry a sentence (autostart)
    if isinstance(message, str):
        return localize(message)
    storage = short_reason(error)  # a locked database, a full disk: not "unexpected"
    return localize(storage) if storage is not None else ""
