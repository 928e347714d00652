"""What the Argdown scanner hands the parser: the cleaned lines, the data blocks, and the map
from cleaned offsets back to lines and columns of the original text (worked out only when a
message needs one).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass
class Scanned:
    """The cleaned text, split into lines, with what is needed to report positions."""
    lines: list[str]
    line_clean: list[int]             # where each cleaned line starts in the cleaned text
    text: str = ""                    # the original (normalised) text
    seg_clean: list[int] = field(default_factory=list)   # cleaned offset of each piece
    seg_orig: list[int] = field(default_factory=list)    # original offset of that piece
    data: list[dict] = field(default_factory=list)
    data_pos: list[int] = field(default_factory=list)
    front: dict | None = None
    front_line: int = 0
    line_starts: list[int] = field(default_factory=list)
    seg_end: int = 0                  # length of the cleaned text
    comments: bool = False            # whether any comment was taken out

    def where(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, of an offset into the original text."""
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    def origin(self, clean: int) -> int:
        """Original offset of the character at offset *clean* of the cleaned text."""
        k = bisect.bisect_right(self.seg_clean, clean) - 1
        if k < 0:
            return self.seg_orig[0] if self.seg_orig else 0
        return self.seg_orig[k] + (clean - self.seg_clean[k])

    def had_content(self, line_index: int) -> bool:
        """True if the original line of cleaned line *line_index* held more than whitespace
        (a line that only held a comment is not an empty line)."""
        if not self.comments:      # only a comment taken out can leave a line blank
            return False
        pos = self.line_clean[line_index]
        origin = self.origin(pos) if pos < self.seg_end else len(self.text)
        nline = bisect.bisect_right(self.line_starts, origin) - 1
        start = self.line_starts[nline]
        end = self.line_starts[nline + 1] if nline + 1 < len(self.line_starts) else len(self.text)
        return start < end and not self.text[start:end].isspace()

    def at(self, line_index: int, col_index: int) -> "Pos":
        """Original (line, column) of a character of cleaned line *line_index* (worked out
        only when a message needs it)."""
        return Pos(self, line_index, col_index)

    def position(self, line_index: int, col_index: int) -> tuple[int, int]:
        length = len(self.lines[line_index])
        col = min(col_index, max(length - 1, 0))
        return self.where(self.origin(self.line_clean[line_index] + col))


class Pos:
    """A (line, column) pair in the original text, computed on first use."""
    __slots__ = ("_scanned", "_line", "_col", "_value")

    def __init__(self, scanned: Scanned, line_index: int, col_index: int) -> None:
        self._scanned, self._line, self._col, self._value = scanned, line_index, col_index, None

    def __getitem__(self, k: int) -> int:
        if self._value is None:
            self._value = self._scanned.position(self._line, self._col)
        return self._value[k]

    def __iter__(self):
        return iter((self[0], self[1]))

    def __eq__(self, other) -> bool:
        return tuple(self) == tuple(other)

    def __repr__(self) -> str:
        return repr(tuple(self))
