"""Language: German source strings; English when the system language is English.

The app's own English catalogue is translations/craftdesk_en.qm in the package's resources
(compiled from resources/translations/craftdesk_en.ts). For German, Qt's own catalogue
(qtbase_de) is loaded too so that standard buttons read "Abbrechen", not "Cancel".
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from .. import config

log = logging.getLogger(__name__)

_installed: list[QTranslator] = []  # kept alive: Qt does not own installed translators


def ui_language(locale: QLocale | None = None) -> str:
    """ "en" when the system language is English, otherwise "de"."""
    locale = locale or QLocale.system()
    return "en" if locale.language() == QLocale.Language.English else "de"


def translations_dir() -> str:
    return str(config.resources_dir() / "translations")


def install_translations(app: QApplication, language: str | None = None) -> str:
    """Install the translators for ``language`` (default: from the system); returns it."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = language or ui_language()
    if language == "en":
        translator = QTranslator(app)
        if translator.load("craftdesk_en", translations_dir()):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("English translation not found in %s", translations_dir())
    else:
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        translator = QTranslator(app)
        if translator.load("qtbase_de", qt_dir) or translator.load("qtbase_de", translations_dir()):
            app.installTranslator(translator)
            _installed.append(translator)
    from .style import set_number_language

    set_number_language(language)
    QLocale.setDefault(
        QLocale(
            QLocale.Language.English if language == "en" else QLocale.Language.German,
            QLocale.Country.AnyCountry if language == "en" else QLocale.Country.Germany,
        )
    )
    return language


def record_counts(customers: int, articles: int, projects: int) -> str:
    """ "1 Kunde, 3 Artikel, 2 Projekte": the counts of a database, singular or plural."""
    from PySide6.QtCore import QCoreApplication

    def counted(n: int, one: str, many: str) -> str:
        return QCoreApplication.translate("Counts", one if n == 1 else many).replace("%n", str(n))

    return ", ".join(
        (
            counted(customers, "1 Kunde", "%n Kunden"),
            counted(articles, "1 Artikel", "%n Artikel"),
            counted(projects, "1 Projekt", "%n Projekte"),
        )
    )
