"""Signing in: the answer to one try, and the wait before the next, kept in the round file.

Panel members sign in with a PIN (``PanelRepository.sign_in``), the administrator with the
round's passphrase (``RoundRepository.admin_sign_in``). Both work the same way:

* a try made while the wait after earlier wrong ones is running is refused unchecked;
* a wrong try adds one to the count of wrong tries in a row and notes the time; after
  ``domain.secrets.FREE_TRIES`` of them each further one makes the next wait longer (2, 4,
  8 … up to 60 seconds). The count and the time live in the round file, so closing and
  opening the window (or another window on the same file) resets nothing;
* a right one clears the count, and stores the secret again at today's cost when its hash
  was made with weaker settings;
* every try, right or wrong, has its audit row (never the secret).

A round open read-only (read-only media) cannot record anything: there the counts are kept
in memory for as long as the round is open.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from csx_desktop.domain.secrets import retry_delay

SIGN_IN_ACTOR = "sign-in screen"


@dataclass(frozen=True, slots=True)
class SignIn:
    """What one try at signing in came to.

    ``ok``: the secret was right. ``wait``: seconds before the next try will be checked
    (0: at once). ``failures``: wrong tries in a row so far. ``change_pin``: right, but the
    PIN no longer meets the rule (4 digits): the member is asked to choose a new one.
    ``no_secret``: there is nothing to check against (no PIN, no passphrase set).
    """

    ok: bool
    wait: int = 0
    failures: int = 0
    change_pin: bool = False
    no_secret: bool = False
    checked: bool = True  # False when refused unchecked, inside the wait


def _clock() -> datetime:
    """The time now, in UTC (one place, so the tests can hold the clock still)."""
    return datetime.now(UTC)


def failure_time() -> str:
    """The time of a wrong try, as stored (to the microsecond: waits are seconds long)."""
    return _clock().isoformat()


def seconds_left(failures: int, last_failed_at: str | None) -> int:
    """Seconds still to wait after ``failures`` wrong tries, the last at ``last_failed_at``."""
    delay = retry_delay(failures)
    if not delay or not last_failed_at:
        return 0
    now = _clock()
    until = datetime.fromisoformat(last_failed_at) + timedelta(seconds=delay)
    left = math.ceil((until - now).total_seconds())
    # A clock set back must not make the wait longer than the rule says.
    return max(0, min(left, delay))


def wait_words(seconds: int) -> str:
    """ "1 second", "45 seconds", "1 minute"."""
    if seconds >= 60 and seconds % 60 == 0:
        minutes = seconds // 60
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"
