"""Qt widgets: the main window, its panels, dialogs and the action registry.

``run_gui`` (in ``app.ui.app``) is the entry point; importing this package does not import Qt.
"""
