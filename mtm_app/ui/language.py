"""The window's language: chosen once at start-up, Qt's translators for it, and numbers and dates
in its locale.

The choice is `mtm_app.i18n`'s (so the window and the core speak the same language): `mtm-studio
--language fr` or `MTM_LANGUAGE=fr` for one run, else the setting kept in `window.ini` (the
Language menu), else the system locale. The window's own words come from
resources/i18n/mtm_<code>.qm (built from the .ts by `scripts/update_translations.py`); Qt's own
(standard dialog buttons) from Qt's qtbase_<code>.qm.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTime,
    QTranslator,
)
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from mtm_app import i18n
from mtm_app.paths import data_dir

TRANSLATIONS = Path(__file__).resolve().parent.parent.parent / "resources" / "i18n"
ENV = "MTM_LANGUAGE"
SETTING = "language"


def settings() -> QSettings:
    """The window's settings (layout, language, who measures): window.ini in the data folder."""
    return QSettings(str(data_dir() / "window.ini"), QSettings.Format.IniFormat)


def saved_language() -> str | None:
    code = settings().value(SETTING)
    return str(code) if code in i18n.LANGUAGES else None


def save_language(code: str) -> None:
    settings().setValue(SETTING, code)


def start_language(override: str | None = None) -> str:
    """The language to start in: the command line's, else MTM_LANGUAGE, else the setting, else
    the system's."""
    for wanted in (override, os.environ.get(ENV, "").strip().lower()):
        if wanted in i18n.LANGUAGES:
            return wanted
    return i18n.choose(saved_language())


def locale_for(code: str) -> QLocale:
    """Numbers and dates as people speaking `code` write them here: the system's locale when it
    speaks that language (a Swiss or Canadian French keeps its own), else the language's own.
    English on a system that speaks another language writes ISO dates and decimal points."""
    system = QLocale.system()
    if system.name().split("_")[0] == code:
        return system
    return QLocale.c() if code == i18n.DEFAULT else QLocale(code)


def install(app: QCoreApplication, code: str) -> list[QTranslator]:
    """Speak `code` from now on: the core's language, the window's and Qt's translators, and the
    default locale (spin boxes and dates read as its people write them). Returns the
    translators installed, for `uninstall`."""
    i18n.set_language(code)
    QLocale.setDefault(locale_for(code))
    installed = []
    if code != i18n.DEFAULT:
        qt_own = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        for path in (qt_own / f"qtbase_{code}.qm", TRANSLATIONS / f"mtm_{code}.qm"):
            translator = QTranslator(app)
            if translator.load(str(path)):
                app.installTranslator(translator)
                installed.append(translator)
    return installed


def uninstall(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Back to English (what `install` changed, undone: tests start windows in both)."""
    for translator in translators:
        app.removeTranslator(translator)
    i18n.set_language(i18n.DEFAULT)
    QLocale.setDefault(QLocale.system())


def block_text(text: str) -> str:
    """A block's own words (garment, option, piece, fit check, place, size chart names: English
    in the YAML) in the language spoken now, with the side or 'cut open' the draft adds."""
    return i18n.block_text(text)


def role_text(role: str) -> str:
    """A role as people read it ('pattern maker', or its French)."""
    from mtm_app.access import ROLE_NAMES, Role

    return i18n._(ROLE_NAMES[Role(role)])


def choice_text(choice: str) -> str:
    """A style option's choice as people read it ('button_down' → 'button down', or its French)."""
    return i18n.choice_text(choice)


def decimal(text: str) -> str:
    """A number written with a decimal point ('81.5', the core's) with the locale's ('81,5')."""
    point = QLocale().decimalPoint()
    return text if point == "." else text.replace(".", point)


def _iso() -> bool:
    """English writes dates ISO (unambiguous between UK and US shops, as the core's files do)."""
    return i18n.current() == i18n.DEFAULT or QLocale().language() == QLocale.Language.C


def date_text(day: date) -> str:
    """A date as the language writes it: 2026-12-04 in English, 04/12/2026 in French."""
    if _iso():
        return f"{day:%Y-%m-%d}"
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def date_time_text(moment: datetime) -> str:
    """A date and clock time as the language writes them (ISO-like in English)."""
    if _iso():
        return f"{moment:%Y-%m-%d %H:%M}"
    return QLocale().toString(QDateTime(QDate(moment.year, moment.month, moment.day),
                                        QTime(moment.hour, moment.minute)),
                              QLocale.FormatType.ShortFormat)


def moment_text(iso: str) -> str:
    """A moment a file kept as ISO text (UTC), in local time as the language writes it; the
    text itself if it is not one."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return date_time_text(moment.astimezone() if moment.tzinfo else moment)


def date_format() -> str:
    """A QDateEdit's display format in the language (ISO in English)."""
    if _iso():
        return "yyyy-MM-dd"
    return QLocale().dateFormat(QLocale.FormatType.ShortFormat)


def language_menu(window: QWidget) -> QMenu:
    """Language ▸ each language in its own name; the one spoken now is ticked."""
    menu = QMenu(QCoreApplication.translate("Language", "&Language"), window)
    menu.setObjectName("language_menu")
    group = QActionGroup(menu)
    for code, name in i18n.LANGUAGES.items():
        action = menu.addAction(name)  # a language's own name: the same in every language
        action.setObjectName(f"language_{code}")
        action.setCheckable(True)
        action.setChecked(code == i18n.current())
        group.addAction(action)
        action.triggered.connect(lambda _checked=False, c=code: choose_language(window, c))
    return menu


def choose_language(window: QWidget, code: str) -> QMessageBox | None:
    """Keep `code` as the language to start in; the window changes language at its next start
    (it says so, in the language chosen and in the one spoken now)."""
    save_language(code)
    if code == i18n.current():
        return None
    name = i18n.LANGUAGES[code]
    text = QCoreApplication.translate(
        "Language", "MTM Studio will speak {language} from its next start.").format(language=name)
    if os.environ.get(ENV):
        text += " " + QCoreApplication.translate(
            "Language", "(MTM_LANGUAGE={code} is set: it still wins.)").format(code=os.environ[ENV])
    box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("Language", "Language"),
                      text, QMessageBox.StandardButton.Ok, window)
    box.setObjectName("language_changed")
    box.open()
    return box
