#!/usr/bin/python3
"""A loopback SMTP server for nhacviec's integration tests (Debian's python3-aiosmtpd).

Usage: smtp_server.py --spool DIR [--mode starttls|plain|open] [--cert CERT --key KEY]
                      [--user USER --password PASSWORD] [--port PORT]

Modes:
  starttls  STARTTLS offered and required before anything else; AUTH (PLAIN/LOGIN) required, over TLS only.
  plain     no TLS at all (STARTTLS never offered); AUTH still required.
  open      no TLS and no AUTH: a loopback relay.

Every accepted message is written to DIR as NNNN.eml (the raw bytes after dot-unstuffing) and
NNNN.json (envelope, EHLO name, client port, TLS and AUTH state).

Faults are injected by the local part of a recipient:
  fail4xx-rcpt...  451 at RCPT        fail5xx-rcpt...  550 at RCPT
  fail4xx-data...  451 after DATA     fail5xx-data...  554 after DATA
  slow-data...     creates DIR/stalling, then waits 20 s before answering DATA

Prints "READY <port>" on stdout once listening; stops on SIGTERM or SIGINT.
"""
import argparse
import asyncio
import itertools
import json
import os
import signal
import socket
import ssl

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, spool):
        self.spool = spool
        self.counter = itertools.count(1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("fail4xx-rcpt"):
            return "451 4.3.0 Mailbox temporarily unavailable"
        if local.startswith("fail5xx-rcpt"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        locals_ = [address.split("@", 1)[0].lower() for address in envelope.rcpt_tos]
        if any(local.startswith("slow-data") for local in locals_):
            open(os.path.join(self.spool, "stalling"), "w").close()
            await asyncio.sleep(20)
        if any(local.startswith("fail4xx-data") for local in locals_):
            return "451 4.3.0 Temporary failure after DATA"
        if any(local.startswith("fail5xx-data") for local in locals_):
            return "554 5.6.0 Message rejected"
        number = next(self.counter)
        base = os.path.join(self.spool, f"{number:04d}")
        with open(base + ".eml.tmp", "wb") as file:
            file.write(envelope.original_content)
        os.rename(base + ".eml.tmp", base + ".eml")
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "ehlo": session.host_name,
            "client_port": session.peer[1],
            "tls": session.ssl is not None,
            "authenticated": bool(session.authenticated),
        }
        with open(base + ".json.tmp", "w") as file:
            json.dump(record, file)
        os.rename(base + ".json.tmp", base + ".json")
        return f"250 2.0.0 Queued as {number:04d}"


def make_authenticator(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        if (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == user.encode()
            and auth_data.password == password.encode()
        ):
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)

    return authenticate


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--spool", required=True)
    parser.add_argument("--mode", choices=["starttls", "plain", "open"], default="starttls")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user", default="nhacviec")
    parser.add_argument("--password", default="mat-khau-thu-nghiem")
    parser.add_argument("--port", type=int, default=0, help="listen on this port (default: a free one)")
    arguments = parser.parse_args()

    options = {}
    if arguments.mode != "open":
        options.update(
            auth_required=True,
            authenticator=make_authenticator(arguments.user, arguments.password),
            auth_require_tls=arguments.mode == "starttls",
        )
    if arguments.mode == "starttls":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(arguments.cert, arguments.key)
        options.update(tls_context=context, require_starttls=True)

    # Deliver SIGTERM/SIGINT to sigwait below, not to the server's threads.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    port = arguments.port or free_port()
    controller = Controller(Handler(arguments.spool), hostname="127.0.0.1", port=port, **options)
    controller.start()
    print(f"READY {port}", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    # Exit at once, even while a handler is stalling on purpose; the kernel closes the sockets.
    os._exit(0)


if __name__ == "__main__":
    main()
