#!/usr/bin/python3
"""Reads a calendar feed (file given as argument) with Debian's python3-icalendar, as a calendar client would, and
prints what a subscriber sees as JSON: the calendar's properties and one object per event."""
import json
import sys

import icalendar

with open(sys.argv[1], "rb") as handle:
    raw = handle.read()
calendar = icalendar.Calendar.from_ical(raw)
events = []
for event in calendar.walk("VEVENT"):
    start = event.decoded("DTSTART")
    end = event.decoded("DTEND")
    events.append({
        "uid": str(event["UID"]),
        "summary": str(event["SUMMARY"]),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "startIsDate": event["DTSTART"].params.get("VALUE") == "DATE",
        "sequence": int(event.get("SEQUENCE", -1)),
        "status": str(event.get("STATUS", "")),
        "lastModified": event.decoded("LAST-MODIFIED").isoformat() if "LAST-MODIFIED" in event else "",
        "alarms": len(event.walk("VALARM")),
    })
print(json.dumps({
    "refreshInterval": str(calendar.get("REFRESH-INTERVAL").to_ical().decode()) if "REFRESH-INTERVAL" in calendar else "",
    "publishedTTL": str(calendar.get("X-PUBLISHED-TTL", "")),
    "name": str(calendar.get("X-WR-CALNAME", "")),
    "events": events,
}, ensure_ascii=False))
