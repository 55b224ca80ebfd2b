"""Qt's dates and Python's, typed both ways (``toPython()`` is typed ``object`` in the stubs)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QTime


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_datetime(value: QDateTime) -> datetime:
    """Naive wall-clock time, to the minute's seconds and milliseconds as shown."""
    day, moment = value.date(), value.time()
    return datetime(
        day.year(),
        day.month(),
        day.day(),
        moment.hour(),
        moment.minute(),
        moment.second(),
        moment.msec() * 1000,
    )


def from_datetime(value: datetime) -> QDateTime:
    return QDateTime(
        QDate(value.year, value.month, value.day),
        QTime(value.hour, value.minute, value.second, value.microsecond // 1000),
    )
