"""The errors the store raises, each with a message fit to show a person as it is."""

from __future__ import annotations


class CsxError(Exception):
    """Base of every error that carries a message meant for the user, not a traceback."""


class RoundFileError(CsxError):
    """The file cannot be opened as a round: not SQLite, damaged, or from a newer version."""


class InputRefused(CsxError):
    """The input breaks a rule of the round; nothing was changed."""


class NotFound(InputRefused):
    """A name or id given by the user matches nothing in the round."""


class RoundBusy(CsxError):
    """Another program held the round file's write lock for longer than the wait.

    Nothing was changed. The window keeps the change and tries again ("waiting for the
    round file…"); the command line says so in one line.
    """


class ReadOnlyRound(CsxError):
    """The round is open read-only (read-only media, or a file this user cannot write)."""


class HalfMadeRound(RoundFileError):
    """A file that carries CSX Desktop's mark but holds no complete round (an interrupted
    ``new``, or another program's database): refused and left as it is."""


class NotWritten(CsxError):
    """A file could not be written (a full disk, read-only media, no permission); the
    previous file of that name, if any, is unchanged."""
