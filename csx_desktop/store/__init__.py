"""The round file: the only package that talks to SQLite (through sqlite-utils)."""

from csx_desktop.store.database import COMMAND_LINE_ACTOR, Store
from csx_desktop.store.errors import CsxError, InputRefused, NotFound, RoundFileError

__all__ = ["COMMAND_LINE_ACTOR", "CsxError", "InputRefused", "NotFound", "RoundFileError", "Store"]
