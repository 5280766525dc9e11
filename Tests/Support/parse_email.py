#!/usr/bin/python3
"""Parse an RFC 5322 message with Python's strict email policy and print what a reader would see, as JSON.

Usage: parse_email.py FILE
Exit status 0 with JSON on stdout; any parse defect is reported in "defects" (strict policy raises on
most of them, which is reported as a defect too).
"""
import json
import sys
from email import policy
from email.parser import BytesParser


def addresses(message, name):
    header = message[name]
    if header is None:
        return None
    return [{"name": a.display_name, "address": a.addr_spec} for a in header.addresses]


def main():
    raw = open(sys.argv[1], "rb").read()
    result = {"defects": []}
    try:
        message = BytesParser(policy=policy.strict).parsebytes(raw)
        parts = []
        for part in message.walk():
            result["defects"] += [repr(d) for d in part.defects]
            for key in part.keys():
                result["defects"] += [f"{key}: {d!r}" for d in getattr(part[key], "defects", [])]
            if not part.is_multipart():
                parts.append({
                    "type": part.get_content_type(),
                    "charset": part.get_content_charset(),
                    "transfer_encoding": part["content-transfer-encoding"],
                    "content": part.get_content(),
                })
        date = message["date"]
        result.update({
            "subject": str(message["subject"]),
            "from": addresses(message, "from"),
            "to": addresses(message, "to"),
            "reply_to": addresses(message, "reply-to"),
            "date": str(date),
            "date_iso": date.datetime.isoformat() if date is not None else None,
            "message_id": message["message-id"],
            "in_reply_to": message["in-reply-to"],
            "references": message["references"],
            "mime_version": message["mime-version"],
            "auto_submitted": message["auto-submitted"],
            "content_type": message.get_content_type(),
            "extra": {k: str(v) for k, v in message.items() if k.lower().startswith("x-")},
            "parts": parts,
        })
    except Exception as error:  # strict policy: any defect raises
        result["defects"].append(f"{type(error).__name__}: {error}")
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
