#!/usr/bin/python3
"""A loopback HTTP receiver for nhacviec's webhook tests (Python's http.server).

Usage: webhook_server.py --secret whsec_... --log DIR [--cert CERT --key KEY]

With --cert and --key it serves HTTPS instead of plain HTTP.

Verifies each POST's Standard Webhooks signature on its own (hmac, hashlib: no nhacviec code),
writes DIR/NNNN.json (path, headers, body, whether the signature verified), then replies by path:
  /ok 200   /accepted 202   /redirect 301 (Location: /ok)   /gone 410   /bad 400
  /ratelimit 429 (Retry-After: 120)   /ratelimit-date 429 (Retry-After: HTTP-date 90 s ahead)
  /error 500   /unavailable 503 (Retry-After: 30)   /slow waits 20 s, then 200
A request whose signature does not verify gets 401 whatever its path.
Prints "READY <port>" once listening; stops on SIGTERM or SIGINT.
"""
import argparse
import base64
import email.utils
import hashlib
import hmac
import itertools
import json
import os
import signal
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOLERANCE_SECONDS = 5 * 60


def verify(key, headers, body):
    """The Standard Webhooks check: v1 HMAC-SHA256 over "id.timestamp.body", timestamp within 5 minutes."""
    message_id = headers.get("webhook-id")
    timestamp = headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature")
    if not (message_id and timestamp and signatures):
        return False
    try:
        if abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
            return False
    except ValueError:
        return False
    signed = f"{message_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    for candidate in signatures.split(" "):
        version, _, value = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return True
    return False


def make_handler(key, log_directory):
    counter = itertools.count(1)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            pass

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            verified = verify(key, self.headers, body)
            with lock:
                number = next(counter)
            record = {
                "path": self.path,
                "verified": verified,
                "id": self.headers.get("webhook-id"),
                "timestamp": self.headers.get("webhook-timestamp"),
                "signature": self.headers.get("webhook-signature"),
                "content_type": self.headers.get("content-type"),
                "user_agent": self.headers.get("user-agent"),
                "transfer_encoding": self.headers.get("transfer-encoding"),
                "client_port": self.client_address[1],
                "body": body.decode("utf-8"),
            }
            path = os.path.join(log_directory, f"{number:04d}.json")
            with open(path + ".tmp", "w") as file:
                json.dump(record, file, ensure_ascii=False)
            os.rename(path + ".tmp", path)

            headers = {}
            if not verified:
                status = 401
            elif self.path == "/ok":
                status = 200
            elif self.path == "/accepted":
                status = 202
            elif self.path == "/redirect":
                status, headers = 301, {"Location": "/ok"}
            elif self.path == "/gone":
                status = 410
            elif self.path == "/bad":
                status = 400
            elif self.path == "/ratelimit":
                status, headers = 429, {"Retry-After": "120"}
            elif self.path == "/ratelimit-date":
                status, headers = 429, {"Retry-After": email.utils.formatdate(time.time() + 90, usegmt=True)}
            elif self.path == "/error":
                status = 500
            elif self.path == "/unavailable":
                status, headers = 503, {"Retry-After": "30"}
            elif self.path == "/slow":
                time.sleep(20)
                status = 200
            else:
                status = 404
            reply = json.dumps({"status": status}).encode()
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--secret", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    arguments = parser.parse_args()
    key = base64.b64decode(arguments.secret.removeprefix("whsec_"))

    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(key, arguments.log))
    server.daemon_threads = True
    if arguments.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(arguments.cert, arguments.key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"READY {server.server_address[1]}", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    os._exit(0)


if __name__ == "__main__":
    main()
