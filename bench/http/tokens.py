#!/usr/bin/env python3
"""The token pool of bench/http/run.sh: grown from tokens `nhacviec link` minted, and checked against the ledger.

    python3 bench/http/tokens.py grow STATE_SQLITE UPCOMING_JSON SEEDS OUT --count N [--seed S]
    python3 bench/http/tokens.py recorded STATE_SQLITE TOKENS OUT

SEEDS holds links printed by `nhacviec link --agency A --plan P --task T --milestone M --occurrence D`. Their
access_tokens rows (found by the SHA-256 of the token, the only form the ledger keeps) are the pattern: each
(agency, occurrence) pair of `upcoming --format json` (its `who`, in date order) gets a copy of the first seed's
row with its own agency, occurrence and a fresh random token, which is the grant `nhacviec link` would store for
that pair, without loading the national config once per token. Stops at N tokens in all (seeds included).

OUT gets one "<token> <form value>" line per token; the form value is the hidden field of the confirmation
page (HMAC-SHA256 keyed with the token, as AccessToken.formValue). Exits non-zero when a seed is not in the
ledger, a seed's occurrence_key is not plan:task:milestone:nominal-date, or the pool is smaller than N.

`recorded` writes to OUT the lines of TOKENS whose agency and occurrence have an acknowledgement with source
`link` in the ledger, and prints how many.
"""
import argparse
import hashlib
import hmac
import json
import random
import sqlite3
import sys

FORM_MESSAGE = b"nhacviec acknowledgement form"


def form_value(token):
    return hmac.new(token.encode(), FORM_MESSAGE, hashlib.sha256).hexdigest()[:32]


def grow(arguments):
    lines = sorted((l for l in json.load(open(arguments.upcoming)) if l.get("nominal_due")),
                   key=lambda l: (l["due"], l["plan"], l["task"], l["milestone"]))
    seeds = [line.strip().rsplit("/", 1)[-1] for line in open(arguments.seeds) if "/a/" in line]
    generator = random.Random(arguments.seed)
    db = sqlite3.connect(arguments.ledger)
    columns = [row[1] for row in db.execute("PRAGMA table_info(access_tokens)")]
    insert = f"INSERT INTO access_tokens ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    pool, granted, pattern = [], set(), None
    for seed in seeds:
        digest = hashlib.sha256(seed.encode()).hexdigest()
        row = db.execute(f"SELECT {', '.join(columns)} FROM access_tokens WHERE hash = ?", (digest,)).fetchone()
        if row is None:
            sys.exit(f"tokens.py: the token of {seed[:12]}… is not in {arguments.ledger}")
        grant = dict(zip(columns, row))
        key = ":".join([grant["plan"], grant["task"], grant["milestone"], grant["nominal_due"]])
        if grant["occurrence_key"] != key:
            sys.exit(f"tokens.py: occurrence_key {grant['occurrence_key']} is not {key}: the pattern has changed")
        pool.append(seed)
        granted.add((grant["agency"], key))
        pattern = pattern or grant
    if pattern is None:
        sys.exit(f"tokens.py: no link in {arguments.seeds}")
    with db:
        for line in lines:
            key = ":".join([line["plan"], line["task"], line["milestone"], line["nominal_due"]])
            for agency in line["who"]:
                if len(pool) >= arguments.count:
                    break
                if (agency, key) in granted:
                    continue
                token = "nva_%032x" % generator.getrandbits(128)
                row = pattern | {
                    "hash": hashlib.sha256(token.encode()).hexdigest(), "agency": agency, "issued_to": agency,
                    "occurrence_key": key, "plan": line["plan"], "task": line["task"],
                    "milestone": line["milestone"], "nominal_due": line["nominal_due"],
                }
                db.execute(insert, [row[c] for c in columns])
                granted.add((agency, key))
                pool.append(token)
    if len(pool) < arguments.count:
        sys.exit(f"tokens.py: only {len(pool)} (agency, occurrence) pairs in {arguments.upcoming}; "
                 f"{arguments.count} wanted")
    with open(arguments.out, "w") as out:
        for token in pool:
            out.write(f"{token} {form_value(token)}\n")
    print(f"{len(pool)} tokens ({len(seeds)} from nhacviec link)")


def recorded(arguments):
    db = sqlite3.connect(f"file:{arguments.ledger}?mode=ro", uri=True)
    done = set(db.execute(
        "SELECT t.hash FROM access_tokens t JOIN acknowledgements a "
        "ON a.occurrence_key = t.occurrence_key AND a.agency = t.agency WHERE a.source = 'link'"))
    done = {row[0] for row in done}
    kept = 0
    with open(arguments.out, "w") as out:
        for line in open(arguments.tokens):
            if hashlib.sha256(line.split()[0].encode()).hexdigest() in done:
                out.write(line)
                kept += 1
    print(kept)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("grow")
    command.add_argument("ledger")
    command.add_argument("upcoming")
    command.add_argument("seeds")
    command.add_argument("out")
    command.add_argument("--count", type=int, required=True)
    command.add_argument("--seed", type=int, default=20250101, help="random seed of the extra tokens")
    command.set_defaults(run=grow)
    command = commands.add_parser("recorded")
    command.add_argument("ledger")
    command.add_argument("tokens")
    command.add_argument("out")
    command.set_defaults(run=recorded)
    arguments = parser.parse_args()
    arguments.run(arguments)


if __name__ == "__main__":
    main()
