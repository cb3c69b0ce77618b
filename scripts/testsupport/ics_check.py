"""Parses an iCalendar feed from stdin with the independent `icalendar` package (PyPI) and prints
what the tests assert on, as JSON. Fails when the feed is not valid RFC 5545 for the parser, or
when an event uses a TZID that has no VTIMEZONE."""
import json
import sys

from icalendar import Calendar

cal = Calendar.from_ical(sys.stdin.buffer.read())
timezones = sorted(str(tz["TZID"]) for tz in cal.walk("VTIMEZONE"))
events = []
used = set()
for ev in cal.walk("VEVENT"):
    start = ev.get("DTSTART")
    end = ev.get("DTEND")
    tzid = start.params.get("TZID")
    if tzid:
        used.add(str(tzid))
    # The parser resolves the local time through the feed's own VTIMEZONE.
    events.append({
        "uid": str(ev["UID"]),
        "sequence": int(ev.get("SEQUENCE", 0)),
        "status": str(ev.get("STATUS", "")),
        "summary": str(ev.get("SUMMARY", "")),
        "tzid": str(tzid) if tzid else None,
        "start_local": start.dt.strftime("%Y-%m-%dT%H:%M"),
        "start_utc": int(start.dt.timestamp()),
        "end_utc": int(end.dt.timestamp()) if end else None,
    })
missing = sorted(used - set(timezones))
if missing:
    sys.exit(f"TZID without VTIMEZONE: {missing}")
print(json.dumps({"name": str(cal.get("X-WR-CALNAME", "")), "timezones": timezones, "events": events}))
