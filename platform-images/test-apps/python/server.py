"""The seeds' sample service on Python's standard library: POST /MyService echoes its JSON, GET /health answers up."""
import getpass
import json
import os
import platform
from http.server import BaseHTTPRequestHandler, HTTPServer


class MyService(BaseHTTPRequestHandler):
    def send(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/health":
            self.send(200, {"status": "up"})
        else:
            self.send(404, {"error": f"no route for GET {self.path}"})

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path != "/MyService":
            return self.send(404, {"error": f"no route for POST {self.path}"})
        try:
            echo = json.loads(body)
        except ValueError:
            return self.send(400, {"error": "expected a JSON object"})
        self.send(200, {"service": "MyService", "runtime": f"python {platform.python_version()}",
                        "user": getpass.getuser(), "echo": echo})


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8080"))
    print(f"MyService listening on {port}")
    HTTPServer(("", port), MyService).serve_forever()
