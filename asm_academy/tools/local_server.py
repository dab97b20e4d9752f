"""Serve a built site on loopback the way a static host does: under a base path, gzip on request."""
from __future__ import annotations

import functools
import gzip
import io
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from ..web.page_weight import COMPRESSIBLE



class _Handler(SimpleHTTPRequestHandler):
    base = "/"
    gate = None        # a callable(path) -> bool; False drops the connection, as a lost signal does
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".webmanifest": "application/manifest+json",
                      ".js": "text/javascript", ".json": "application/json", ".svg": "image/svg+xml"}

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        return super().translate_path("/" + path[len(self.base):] if path.startswith(self.base) else "/__none__")

    def send_head(self):
        if self.gate is not None and not self.gate(self.path):
            self.close_connection = True
            self.connection.close()
            return None
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not ("gzip" in self.headers.get("Accept-Encoding", "") and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Like GitHub Pages: a missing address gets the site's own 404.html."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def serve(site: Path, base: str = "/", gate=None) -> tuple[ThreadingHTTPServer, str]:
    """Start a server in a thread; returns it and the site's address. Call .shutdown() when done.
    `gate(path)` returning False cuts that request off (tests of a connection lost part-way)."""
    handler = type("Handler", (_Handler,), {"base": base, "gate": staticmethod(gate) if gate else None})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{base}"
