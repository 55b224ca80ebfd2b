"""Background work of the desktop app: one worker thread, the controller the widgets talk
to, the recurring-import scheduler and the notification rules.

Only QtCore is used here (never QtWidgets), so this package runs in headless tests.
"""
