#!/usr/bin/python3
"""Parses a Prometheus text exposition (file given as argument) with Debian's python3-prometheus-client, as a scrape
would, and prints it as JSON: {"types": {family: type}, "samples": [[name, labels, value], ...]}. A malformed
exposition makes the parser raise, and this script exit non-zero."""
import json
import sys

from prometheus_client.parser import text_string_to_metric_families

with open(sys.argv[1], encoding="utf-8") as handle:
    text = handle.read()
types = {}
samples = []
for family in text_string_to_metric_families(text):
    types[family.name] = family.type
    samples.extend([sample.name, sample.labels, sample.value] for sample in family.samples)
print(json.dumps({"types": types, "samples": samples}))
