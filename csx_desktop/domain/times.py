"""Times as the round keeps them: in UTC, with a time that has no zone taken as UK time.

Form tools write times without a zone, meaning the local time of the council: Europe/London,
whatever the laptop's own setting. So 10:30 on a summer's day is 09:30 UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

UK_TIME = ZoneInfo("Europe/London")


def to_utc(moment: datetime) -> datetime:
    """A time in UTC; a time without a zone is taken as UK local time (Europe/London)."""
    if moment.tzinfo is UTC:  # already (a count judges 50,000 stored times at once)
        return moment
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UK_TIME)
    return moment.astimezone(UTC)
