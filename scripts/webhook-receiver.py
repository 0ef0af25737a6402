#!/usr/bin/env python3
"""A local stand-in for a Teams Workflows webhook, for the demo: answers every POST with 202 Accepted, as Teams does,
and writes each body to OUT_DIR/<n>.json. Usage: webhook-receiver.py PORT OUT_DIR (stops with its parent's kill)."""
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

port, out = int(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        (out / f"{len(list(out.glob('*.json'))) + 1}.json").write_bytes(body)
        self.send_response(202)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


HTTPServer(("127.0.0.1", port), Receiver).serve_forever()
