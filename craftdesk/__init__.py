"""craftdesk: office desktop app for small craft businesses, working together with sevDesk."""

__version__ = "0.1.0"
