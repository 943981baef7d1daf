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
