"""Local SQLite store: peewee models behind a DatabaseProxy, migrations and settings."""

from .db import close_database, db, open_database
from .models import ALL_MODELS

__all__ = ["ALL_MODELS", "close_database", "db", "open_database"]
