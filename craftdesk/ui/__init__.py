"""The desktop GUI (PySide6): main window, tabs, dialogs, tray."""
