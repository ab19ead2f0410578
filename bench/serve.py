"""A small static server for a built site, gzip-compressed as a real host would serve it.

`python -m http.server` sends files uncompressed, which would make Lighthouse
and the page weights measure bytes no reader downloads. This one compresses
text responses when the client accepts gzip, answers missing paths with the
site's 404.html (status 404), and listens on 127.0.0.1 only, on a free port.
"""

from __future__ import annotations

import gzip
import mimetypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class Server(ThreadingHTTPServer):
    def __init__(self, root: Path) -> None:
        super().__init__(("127.0.0.1", 0), _handler(root))
        self.sent: list[tuple[str, int]] = []  # (path, body bytes as sent), for the page weights

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


def _handler(root: Path) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server: Server

        def log_message(self, *args: object) -> None:  # quiet: the bench prints its own results
            pass

        def do_GET(self) -> None:  # http.server's naming
            path = self._resolve(unquote(urlsplit(self.path).path))
            status = 200
            if path is None:
                status, path = 404, root / "404.html"
            body = path.read_bytes()
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text/") else kind)
            self.send_header("Cache-Control", "max-age=31536000" if "/assets/" in self.path else "no-cache")
            if kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body, compresslevel=6)  # what nginx and most CDNs use by default
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.server.sent.append((urlsplit(self.path).path, len(body)))

        def _resolve(self, url_path: str) -> Path | None:
            target = (root / url_path.lstrip("/")).resolve()
            if not target.is_relative_to(root):
                return None
            if target.is_dir():
                target = target / "index.html"
            return target if target.is_file() else None

    return Handler


@contextmanager
def serving(site_dir: Path) -> Iterator[Server]:
    """Serve `site_dir` in a background thread; `server.url` is the base URL (ends with /)."""
    server = Server(site_dir.resolve())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    import sys
    import time

    with serving(Path(sys.argv[1])) as running:
        print(f"serving {sys.argv[1]} at {running.url} (Ctrl-C stops)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
