"""Event times, worked out once: whole days for all-day events, moments of the event's own time
zone (or the site's) for the others."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sitegen.source.event_times import event_times

TORONTO = ZoneInfo("America/Toronto")


def test_dates_make_an_all_day_event_that_ends_after_its_last_day() -> None:
    times = event_times({"start": dt.date(2026, 3, 7), "end": dt.date(2026, 3, 8)},
                        "America/Toronto")
    assert times.all_day
    assert times.start == dt.datetime(2026, 3, 7, tzinfo=TORONTO)
    assert times.end == dt.datetime(2026, 3, 9, tzinfo=TORONTO)
    assert (times.first_day, times.last_day) == (dt.date(2026, 3, 7), dt.date(2026, 3, 8))


def test_all_day_keeps_only_the_days_of_times_given() -> None:
    times = event_times({"start": dt.datetime(2026, 5, 1, 18), "all_day": True,
                         "end": dt.datetime(2026, 5, 1, 20)}, "America/Toronto")
    assert times.all_day and times.first_day == times.last_day == dt.date(2026, 5, 1)


def test_a_date_and_a_time_mixed_make_an_all_day_event() -> None:
    times = event_times({"start": dt.date(2026, 5, 1), "end": dt.datetime(2026, 5, 2, 9)},
                        "America/Toronto")
    assert times.all_day and times.last_day == dt.date(2026, 5, 2)


def test_times_are_moments_of_the_event_s_own_zone() -> None:
    times = event_times({"start": dt.datetime(2026, 3, 8, 1, 30), "time_zone": "Europe/Paris",
                         "end": dt.datetime(2026, 3, 8, 3, 30)}, "America/Toronto")
    assert not times.all_day
    assert times.start.utcoffset() == dt.timedelta(hours=1)
    assert times.end - times.start == dt.timedelta(hours=2)
    site_zone = event_times({"start": dt.datetime(2026, 3, 8, 1, 30),
                             "end": dt.datetime(2026, 3, 8, 3, 30)}, "America/Toronto")
    # the clocks of Toronto go forward at 2:00 that night: an hour less than the clock says
    utc = dt.timezone.utc
    assert site_zone.end.astimezone(utc) - site_zone.start.astimezone(utc) == \
        dt.timedelta(hours=1)
