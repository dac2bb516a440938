"""When an event happens, worked out once from its fields: an all-day event (all_day: true, or
start and end written as dates) spans whole days; any other starts and ends at moments of its
time zone (time_zone, or the site's). Lists, calendars, structured data and the words on the
page all take their times from here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class EventTimes:
    start: dt.datetime  # aware; midnight of the first day for an all-day event
    end: dt.datetime  # aware; the end, or midnight after the last day for an all-day event
    all_day: bool
    zone: ZoneInfo

    @property
    def first_day(self) -> dt.date:
        return self.start.date()

    @property
    def last_day(self) -> dt.date:
        return (self.end - dt.timedelta(days=1)).date() if self.all_day else self.end.date()


def event_times(fields: Mapping[str, Any], default_zone: str) -> EventTimes:
    """The times of an event from its fields (start, end, all_day, time_zone)."""
    zone = ZoneInfo(fields.get("time_zone") or default_zone)
    start, end = fields["start"], fields["end"]
    if fields.get("all_day") or not isinstance(start, dt.datetime) \
            or not isinstance(end, dt.datetime):
        first = start.date() if isinstance(start, dt.datetime) else start
        last = end.date() if isinstance(end, dt.datetime) else end
        return EventTimes(dt.datetime.combine(first, dt.time(), zone),
                          dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), zone),
                          True, zone)
    return EventTimes(start.replace(tzinfo=zone), end.replace(tzinfo=zone), False, zone)
