"""Loopback webhook receiver for bench/delivery/run.sh.

    python3 webhook_server.py SECRET_FILE PORT_FILE

Listens on 127.0.0.1 on a free port (written to PORT_FILE once listening), HTTP/1.1 with keep-alive, one
thread per connection. POST: reads the body, checks the Standard Webhooks signature
(v1,base64(HMAC-SHA256(key, "id.timestamp.body")), key = base64 after "whsec_"), answers 204 either way.
GET /stats: {"requests", "verified", "connections"} since start, for run.sh to check each phase.
"""

import base64
import hashlib
import hmac
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

secret_text = open(sys.argv[1], encoding="ascii").read().strip()
KEY = base64.b64decode(secret_text.removeprefix("whsec_"))
LOCK = threading.Lock()
STATS = {"requests": 0, "verified": 0, "connections": 0}


def count(name: str) -> None:
    with LOCK:
        STATS[name] += 1


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive unless the client says close

    def setup(self) -> None:
        super().setup()
        count("connections")

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        count("requests")
        signed = f"{self.headers.get('webhook-id')}.{self.headers.get('webhook-timestamp')}.".encode() + body
        expected = base64.b64encode(hmac.new(KEY, signed, hashlib.sha256).digest()).decode()
        offered = [s.removeprefix("v1,") for s in self.headers.get("webhook-signature", "").split(" ")]
        if any(hmac.compare_digest(expected, s) for s in offered):
            count("verified")
        self.send_response(204)
        self.end_headers()

    def do_GET(self) -> None:
        with LOCK:
            payload = json.dumps(STATS).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:  # no per-request logging
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(sys.argv[2] + ".tmp", "w", encoding="ascii") as port_file:
    port_file.write(str(server.server_address[1]))
# The rename is atomic, so run.sh never reads a half-written port.
os.replace(sys.argv[2] + ".tmp", sys.argv[2])
server.serve_forever()
