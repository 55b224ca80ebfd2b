"""Use cases, Qt-free: imports, order confirmations, invoice drafts, exports."""
