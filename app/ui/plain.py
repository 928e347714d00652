"""User text shown as plain text wherever Qt would otherwise guess at rich text."""

from PySide6.QtGui import Qt as QtText


def plain_tip(text: str) -> str:
    """A tooltip that shows *text* literally (tooltips treat anything tag-like as HTML)."""
    return QtText.convertFromPlainText(text) if text else ""


def menu_text(text: str) -> str:
    """*text* for a menu entry: '&' is shown, not taken as a keyboard mnemonic."""
    return text.replace("&", "&&")
