"""The exceptions authmatch raises; the extension translates its C++ errors into these."""

from __future__ import annotations


class Error(Exception):
    """Base class of every error raised by authmatch."""


class InputError(Error):
    """A file (or bytes) that cannot be used: missing, unreadable, or with a bad value.

    ``file`` names the input, ``line`` is the 1-based line (or X12 segment number),
    ``column`` the 1-based CSV field number (or X12 element); either is None when not known.
    ``message`` says what is wrong; ``str(error)`` reads ``file:line:column: message``.
    """

    def __init__(self, message: str, file: str | None = None, line: int | None = None,
                 column: int | None = None) -> None:
        super().__init__(message, file, line, column)
        self.message = message
        self.file = file
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = self.file or ""
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.message}" if where else self.message


class FieldError(Error, ValueError):
    """A value passed from Python that cannot be used.

    ``field`` is the field at fault (``"units"``, ``"service_date"``), ``message`` what is
    wrong with it, and ``record`` the 0-based position of the record in the input when
    several were passed (None otherwise).
    """

    def __init__(self, field: str, message: str, record: int | None = None) -> None:
        super().__init__(field, message, record)
        self.field = field
        self.message = message
        self.record = record

    def __str__(self) -> str:
        prefix = f"record {self.record}: " if self.record is not None else ""
        return f"{prefix}{self.field}: {self.message}"



class LedgerError(Error):
    """A utilization ledger that cannot be opened, read or written; the message names the file."""
