"""Demo sevDesk server ("sandbox"): a local stand-in for the sevDesk REST API.

Used by ``craftdesk sandbox``, ``craftdesk gui --demo`` and the integration tests.
Standard library only.
"""

from __future__ import annotations

from .bulk import build_bulk_data
from .demo_data import build_demo_data
from .faults import Fault, FaultInjector
from .server import DEMO_TOKEN, RequestRecord, Sandbox
from .store import SandboxData

__all__ = [
    "DEMO_TOKEN",
    "Fault",
    "FaultInjector",
    "RequestRecord",
    "Sandbox",
    "SandboxData",
    "build_bulk_data",
    "build_demo_data",
]
