"""The exceptions the library raises when a run cannot complete."""

from __future__ import annotations


class SpectraceError(Exception):
    """A run could not complete; the message is one line for a person."""

    def __init__(self, message: str, *, file: str = "", line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        where = (
            f"{self.file}:{self.line}: "
            if self.file and self.line
            else (f"{self.file}: " if self.file else "")
        )
        return f"{where}{self.message}"

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only fields: the default pickling (``cls(*args)``) would drop file and line
        # when an error crosses from a worker process.
        return (_rebuild, (type(self), self.message, self.file, self.line))


def _rebuild(kind: type[SpectraceError], message: str, file: str, line: int) -> SpectraceError:
    return kind(message, file=file, line=line)


class InputError(SpectraceError):
    """A path is missing, unreadable, not text, or holds no spec."""


class ConfigError(SpectraceError):
    """The configuration file or an option is wrong."""


class ParseError(SpectraceError):
    """A document could not be read at all."""
