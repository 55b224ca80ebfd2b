"""craftdesk: office desktop app for small craft businesses, working together with sevDesk."""

from .peewee_first import import_peewee

__version__ = "0.1.0"

import_peewee()  # before any module of the package imports peewee (see peewee_first)
