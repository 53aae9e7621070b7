"""A local web for the demo and the tests: one HTTP server on loopback serving many sites by Host header.

In the manner of Scrapy's tests/mockserver it runs as a subprocess (``python -m crawler.localweb``) and
logs every request it receives as a JSON line, so tests can check what the crawler asked for.
"""

from __future__ import annotations

import argparse
import calendar
import codecs
import functools
import html
import ipaddress
import json
import logging
import mimetypes
import os
import queue
import re
import signal
import socketserver
import struct
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

logger = logging.getLogger(__name__)

MIB = 1 << 20
HTML = "text/html; charset=utf-8"
ROUTES_FILE = "_routes.toml"
MAX_DELAY = 10.0
ROUTE_KEYS = {"path", "prefix", "status", "headers", "body", "file", "generator", "delay"}
# Keys that only mean something to one generator, so a typo or a misplaced key fails at start.
GENERATOR_KEYS = {
    "big": {"size", "chunked"}, "gzip_bomb": {"size"}, "charset": {"text", "charset", "declare"},
}
DECLARE = ("header", "meta", "none", "wrong")
DEFAULT_TEXT = "Café, crème brûlée et façade : déjà vu."


class LocalWebError(ValueError):
    """A web root or _routes.toml that cannot be served; the message is one line and names the file."""


@dataclass
class Response:
    """A status, headers and a body: bytes, or chunks of a known ``length`` (None: sent chunked)."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": HTML})
    body: bytes | Iterable[bytes] = b""
    length: int | None = None


@dataclass(frozen=True)
class Route:
    """One ``[[route]]`` of a site's _routes.toml."""

    path: str | None
    prefix: str | None
    status: int | None
    headers: dict[str, str]
    body: str | None
    file: Path | None
    generator: str | None
    delay: float
    options: dict[str, Any]

    @property
    def base(self) -> str:
        """The route's path or prefix, ending with a slash, for generators that build links under it."""
        base = self.prefix or self.path or "/"
        return base if base.endswith("/") else base + "/"

    def matches(self, path: str) -> bool:
        return path == self.path if self.path is not None else path.startswith(self.prefix or "")


@dataclass(frozen=True)
class Site:
    """A host folder and its routes."""

    folder: Path
    routes: list[Route]


def _merge(base: dict[str, str], extra: dict[str, str]) -> dict[str, str]:
    """Headers of ``base`` overridden by those of ``extra``, names compared without case."""
    names = {name.lower() for name in extra}
    return {**{k: v for k, v in base.items() if k.lower() not in names}, **extra}


def _fill_port(data: bytes, port: int) -> tuple[bytes, bool]:
    """The bytes with @PORT@ replaced when they are UTF-8 text, and whether they were."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data, False
    return text.replace("@PORT@", str(port)).encode("utf-8"), True


def _content_type(name: str, is_text: bool) -> str:
    kind = mimetypes.guess_type(name)[0] or ("text/plain" if is_text else "application/octet-stream")
    if is_text and (kind.startswith("text/") or kind.endswith(("/json", "/xml", "+xml", "/javascript"))):
        kind += "; charset=utf-8"
    return kind


def _page(status: int, title: str, body_html: str = "") -> Response:
    text = (f'<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>'
            f"<body><h1>{html.escape(title)}</h1>{body_html}</body></html>\n")
    return Response(status, {"Content-Type": HTML}, text.encode("utf-8"))


# --- generators: (route, path, request handler) -> Response ---------------------------------------

def _calendar(route: Route, path: str, request: BaseHTTPRequestHandler) -> Response:
    rest = path[len(route.base):] if path.startswith(route.base) else ""
    match = re.fullmatch(r"(?:(\d{1,6})/(\d{1,2})/(?:(\d{1,2})/)?)?", rest)
    if match is None:
        return _page(404, "Not found", "<p>No such date.</p>")
    year, month = (int(match[1]), int(match[2])) if match[1] else (2026, 1)
    if year < 1 or not 1 <= month <= 12:
        return _page(404, "Not found", "<p>No such month.</p>")
    days = [31, 29 if calendar.isleap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    here = f"{route.base}{year}/{month:02d}/"
    if match[3]:
        day = int(match[3])
        if not 1 <= day <= days:
            return _page(404, "Not found", "<p>No such day.</p>")
        back = f'<p>Nothing is planned on this day yet.</p><p><a href="{here}">Back to the month</a></p>'
        return _page(200, f"{year}-{month:02d}-{day:02d}", back)
    prev_year, prev_month = (year - 1, 12) if month == 1 else (year, month - 1)
    next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
    links = [f'<a rel="next" href="{route.base}{next_year}/{next_month:02d}/">Next month</a>']
    if prev_year > 0:
        links.insert(0, f'<a rel="prev" href="{route.base}{prev_year}/{prev_month:02d}/">Previous month</a>')
    days_html = "".join(f'<li><a href="{here}{d:02d}/">{d}</a></li>' for d in range(1, days + 1))
    text = f"<p>Events for this month, one page per day.</p><p>{' | '.join(links)}</p><ul>{days_html}</ul>"
    return _page(200, f"Calendar {year}-{month:02d}", text)


_FILLER = b"<p>All work and no play makes a very large page, a page that goes on and on.</p>\n"


def _exactly(size: int, head: bytes, tail: bytes) -> Iterator[bytes]:
    """``head``, filler and ``tail`` cut to exactly ``size`` bytes, in chunks of 64 KiB."""
    if size <= len(head) + len(tail):
        yield (head + tail)[:size]
        return
    yield head
    chunk = (_FILLER * (65536 // len(_FILLER) + 1))[:65536]
    remaining = size - len(head) - len(tail)
    while remaining > 0:
        piece = chunk[:remaining]
        remaining -= len(piece)
        yield piece
    yield tail


def _big(route: Route, path: str, request: BaseHTTPRequestHandler) -> Response:
    size = route.options.get("size", 20 * MIB)
    body = _exactly(size, b"<!doctype html><html><title>Big</title><body>\n", b"</body></html>\n")
    return Response(body=body, length=None if route.options.get("chunked") else size)


@functools.cache
def _gzip_bomb_bytes(size: int) -> bytes:
    """A gzip member inflating to ``size`` bytes of spaces inside an HTML page."""
    head, tail = b"<!doctype html><html><title>Bomb</title><body><pre>", b"</pre></body></html>\n"
    if size <= len(head) + len(tail):
        head, tail = (head + tail)[:size], b""
    pad = size - len(head) - len(tail)
    block = b" " * min(pad, MIB)
    count, rest = divmod(pad, len(block)) if block else (0, 0)

    def deflate(data: bytes, mode: int) -> bytes:
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        return compressor.compress(data) + compressor.flush(mode)

    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(block[:rest] + tail, crc)
    # A full flush leaves nothing to refer back to, so one compressed MiB can be repeated: a GiB in a second.
    return b"".join([
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff",
        deflate(head, zlib.Z_FULL_FLUSH),
        deflate(block, zlib.Z_FULL_FLUSH) * count,
        deflate(block[:rest] + tail, zlib.Z_FINISH),
        struct.pack("<II", crc, size & 0xFFFFFFFF),
    ])


def _gzip_bomb(route: Route, path: str, request: BaseHTTPRequestHandler) -> Response:
    body = _gzip_bomb_bytes(route.options.get("size", 1 << 30))
    return Response(headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}, body=body)


def _redirect_loop(route: Route, path: str, request: BaseHTTPRequestHandler) -> Response:
    number = path[len(route.base):].strip("/")
    following = int(number) + 1 if number.isdigit() else 1
    response = _page(302, "Found", f'<p><a href="{route.base}{following}">Onwards</a></p>')
    response.headers["Location"] = f"{route.base}{following}"
    return response


def _echo_headers(route: Route, path: str, request: BaseHTTPRequestHandler) -> Response:
    items = "".join(f"<li><b>{html.escape(name)}</b>: {html.escape(value)}</li>"
                    for name, value in request.headers.items())
    return _page(200, "Request headers", f'<ul id="headers">{items}</ul>')


def _charset(route: Route, path: str, request: BaseHTTPRequestHandler) -> Response:
    charset, declare = route.options.get("charset", "windows-1252"), route.options.get("declare", "header")
    meta = f'<meta charset="{charset}">' if declare == "meta" else ""
    page = (f"<!doctype html><html><head>{meta}<title>Charset {charset}</title></head>"
            f"<body><p>{route.options.get('text', DEFAULT_TEXT)}</p></body></html>\n")
    content_type = {"header": f"text/html; charset={charset}", "wrong": HTML}.get(declare, "text/html")
    return Response(headers={"Content-Type": content_type}, body=page.encode(charset))


Generator = Callable[[Route, str, BaseHTTPRequestHandler], Response]
GENERATORS: dict[str, Generator] = {
    "calendar": _calendar, "big": _big, "gzip_bomb": _gzip_bomb, "redirect_loop": _redirect_loop,
    "echo_headers": _echo_headers, "charset": _charset,
}


# --- loading the web roots ------------------------------------------------------------------------

def _parse_route(site: Path, where: str, entry: Any) -> Route:
    def fail(problem: str) -> None:
        raise LocalWebError(f"{where}: {problem}")

    def get(key: str, kinds: tuple[type, ...], default: Any = None) -> Any:
        value = entry.get(key, default)
        wrong = not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds)
        if value is not default and wrong:
            fail(f"{key} must be {' or '.join(kind.__name__ for kind in kinds)}, not {value!r}")
        return value

    if not isinstance(entry, dict):
        fail("each [[route]] must be a table")
    generator = get("generator", (str,))
    if generator is not None and generator not in GENERATORS:
        fail(f"unknown generator {generator!r} (known: {', '.join(GENERATORS)})")
    unknown = set(entry) - ROUTE_KEYS - GENERATOR_KEYS.get(generator or "", set())
    if unknown:
        fail(f"unknown key {sorted(unknown)[0]!r}" + (f" for generator {generator!r}" if generator else ""))
    path, prefix = get("path", (str,)), get("prefix", (str,))
    if (path is None) == (prefix is None) or not (path if prefix is None else prefix).startswith("/"):
        fail("give exactly one of path or prefix, starting with '/'")
    if sum(key in entry for key in ("body", "file", "generator")) > 1:
        fail("give at most one of body, file or generator")
    status, delay = get("status", (int,)), get("delay", (int, float), 0)
    if status is not None and not 100 <= status <= 599:
        fail(f"status {status} is not an HTTP status")
    if delay < 0:
        fail("delay must not be negative")
    headers = get("headers", (dict,), {})
    if not all(isinstance(value, (str, int)) and not isinstance(value, bool) for value in headers.values()):
        fail("header values must be strings")
    file = get("file", (str,))
    if file is not None:
        file = (site / file).resolve()
        if not file.is_relative_to(site) or not file.is_file():
            fail(f"file {entry['file']!r} is not a file inside {site}")
    options = {key: entry[key] for key in GENERATOR_KEYS.get(generator or "", ()) if key in entry}
    if get("size", (int,), 0) < 0:
        fail("size must not be negative")
    get("chunked", (bool,))
    if generator == "charset":
        charset, text = get("charset", (str,), "windows-1252"), get("text", (str,), DEFAULT_TEXT)
        declare = get("declare", (str,), "header")
        if declare not in DECLARE:
            fail(f"declare must be one of {', '.join(DECLARE)}")
        try:
            text.encode(codecs.lookup(charset).name)
        except LookupError:
            fail(f"unknown charset {charset!r}")
        except UnicodeEncodeError:
            fail(f"text cannot be encoded in {charset}")
    return Route(path, prefix, status, {k: str(v) for k, v in headers.items()}, get("body", (str,)), file,
                 generator, min(float(delay), MAX_DELAY), options)


def load_routes(site: Path) -> list[Route]:
    """The routes of one site folder, in file order; raises LocalWebError on a bad _routes.toml."""
    file = site / ROUTES_FILE
    if not file.is_file():
        return []
    try:
        data = tomllib.loads(file.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise LocalWebError(f"{file}: {exc}") from None
    if set(data) - {"route"} or not isinstance(data.get("route", []), list):
        raise LocalWebError(f"{file}: only [[route]] tables are allowed")
    routes = data.get("route", [])
    return [_parse_route(site, f"{file}: route {n}", entry) for n, entry in enumerate(routes, 1)]


def find_sites(roots: Iterable[str | Path]) -> dict[str, Site]:
    """Every host folder of the roots, by lower-cased name; a later root's folder overrides an earlier one."""
    sites: dict[str, Site] = {}
    for root in map(Path, roots):
        if not root.is_dir():
            raise LocalWebError(f"{root}: the web root is not a directory")
        for folder in sorted(root.resolve().iterdir()):
            if folder.is_dir():
                sites[folder.name.lower()] = Site(folder, load_routes(folder))
    return sites


# --- the server -----------------------------------------------------------------------------------

class _Handler(BaseHTTPRequestHandler):
    server: LocalWebServer
    protocol_version = "HTTP/1.1"
    server_version = "MoissonLocalWeb/1"

    def do_GET(self) -> None:
        self._handle()

    do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_GET

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s " + format, self.address_string(), *args)

    def _handle(self) -> None:
        self.close_connection = True
        received = datetime.now(timezone.utc)
        host = self.headers.get("Host", "").strip().lower()
        host = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        host = host.strip("[]").rstrip(".")
        try:
            response = self._respond(host)
        except Exception:
            logger.exception("error answering %s %s", host, self.path)
            response = _page(500, "Server error")
        self.server.record(self, received, host, response.status)
        try:
            self._send(response)
        except ConnectionError:
            pass  # the client hung up mid-stream, which crawlers with size limits do on purpose

    def _respond(self, host: str) -> Response:
        site = self.server.sites.get(host)
        if site is None:
            return _page(404, "Unknown host", f"<p>No site named {html.escape(host)} here.</p>")
        if self.command not in ("GET", "HEAD"):
            response = _page(405, "Method not allowed")
            response.headers["Allow"] = "GET, HEAD"
            return response
        # Crawlers send the origin form (/path?query); the absolute form is only for proxies.
        path = urlsplit(self.path).path if "://" in self.path else self.path.split("?", 1)[0]
        port = self.server.server_port
        route = next((route for route in site.routes if route.matches(path)), None)
        if route is None:
            return self._static(site, path)
        if route.delay:
            time.sleep(route.delay)
        if route.generator:
            response = GENERATORS[route.generator](route, path, self)
        elif route.file:
            data, is_text = _fill_port(route.file.read_bytes(), port)
            response = Response(headers={"Content-Type": _content_type(route.file.name, is_text)}, body=data)
        elif route.body is None and (route.status or 200) < 300:
            # Headers laid over the site's own files, e.g. a CDN's headers on every page.
            response = self._static(site, path)
        else:
            response = Response(body=(route.body or "").replace("@PORT@", str(port)).encode("utf-8"))
        response.status = route.status or response.status
        extra = {name: value.replace("@PORT@", str(port)) for name, value in route.headers.items()}
        response.headers = _merge(response.headers, extra)
        return response

    def _static(self, site: Site, path: str) -> Response:
        not_found = _page(404, "Not found", "<p>There is no such page on this site.</p>")
        relative = unquote(path).lstrip("/")
        if "\0" in relative:  # no file is named so, and pathlib would raise
            return not_found
        target = (site.folder / relative).resolve()
        if not target.is_relative_to(site.folder):
            return not_found
        if target.is_dir():
            if not path.endswith("/"):
                return Response(301, {"Location": path + "/"})
            target = target / "index.html"
        if not target.is_file() or target.name == ROUTES_FILE:
            return not_found
        data, is_text = _fill_port(target.read_bytes(), self.server.server_port)
        return Response(headers={"Content-Type": _content_type(target.name, is_text)}, body=data)

    def _send(self, response: Response) -> None:
        body = response.body
        chunked = not isinstance(body, bytes) and response.length is None
        self.send_response(response.status)
        for name, value in response.headers.items():
            if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                self.send_header(name, value)
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(len(body) if isinstance(body, bytes) else response.length))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command == "HEAD":
            return
        for chunk in [body] if isinstance(body, bytes) else body:
            if chunked and chunk:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            elif not chunked:
                self.wfile.write(chunk)
        if chunked:
            self.wfile.write(b"0\r\n\r\n")


class LocalWebServer(ThreadingHTTPServer):
    """The threaded HTTP server behind the local web, with its sites and its request log."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], sites: dict[str, Site], log_path: str | Path) -> None:
        self.sites = sites
        for route in (route for site in sites.values() for route in site.routes):
            if route.generator == "gzip_bomb":
                # Compressed once here, so that no request waits on it.
                _gzip_bomb_bytes(route.options.get("size", 1 << 30))
        self._log = open(log_path, "a", encoding="utf-8")
        self._lock = threading.Lock()
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind asks for the fully qualified name, a DNS lookup this machine may not answer.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def record(self, request: BaseHTTPRequestHandler, received: datetime, host: str, status: int) -> None:
        """Append one request to the log, before the answer is sent so a client that has it finds it there."""
        entry = {
            "time": received.isoformat(), "host": host, "method": request.command, "path": request.path,
            "status": status, "user_agent": request.headers.get("User-Agent"),
            "has_cookie": "Cookie" in request.headers,
            "has_authorization": "Authorization" in request.headers,
            "headers": dict(request.headers.items()),
        }
        with self._lock:
            self._log.write(json.dumps(entry, ensure_ascii=False) + "\n")
            self._log.flush()

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def server_close(self) -> None:
        super().server_close()
        self._log.close()


def main(argv: list[str] | None = None) -> int:
    """Serve the web roots on loopback until SIGTERM or SIGINT; print ``PORT <n>`` once listening."""
    parser = argparse.ArgumentParser(prog="python -m crawler.localweb", description=__doc__.splitlines()[0])
    parser.add_argument("--root", action="append", required=True, help="a folder of host folders; repeatable")
    parser.add_argument("--log", required=True, help="the JSON-lines request log to append to")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--host", default="127.0.0.1", help="an IPv4 loopback address")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="localweb: %(levelname)s: %(message)s")
    try:
        address = ipaddress.ip_address(args.host)
        if address.version != 4 or not address.is_loopback:
            raise LocalWebError(f"--host {args.host}: only IPv4 loopback addresses are served")
        sites = find_sites(args.root)
        server = LocalWebServer((args.host, args.port), sites, args.log)
    except (LocalWebError, ValueError, OverflowError) as exc:
        logger.error("%s", exc)
        return 2
    except OSError as exc:
        logger.error("cannot serve on %s:%s with log %s: %s", args.host, args.port, args.log, exc)
        return 2

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    print(f"PORT {server.server_port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


class LocalWeb:
    """A local web served from a subprocess on loopback; use as a context manager."""

    def __init__(
        self, *roots: str | Path, log_path: str | Path | None = None, timeout: float = 20.0, port: int = 0
    ) -> None:
        """`port` 0 picks a free one; a given port lets a second web answer at the addresses a first one had."""
        if not roots:
            raise ValueError("LocalWeb needs at least one web root")
        self.roots = [Path(root).resolve() for root in roots]
        self._scratch = tempfile.TemporaryDirectory(prefix="localweb-")
        self.log_path = Path(log_path or Path(self._scratch.name) / "requests.jsonl")
        self.port = port
        self.timeout = timeout
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> LocalWeb:
        command = [sys.executable, "-m", "crawler.localweb", "--log", str(self.log_path), "--port", str(self.port)]
        for root in self.roots:
            command += ["--root", str(root)]
        # The child must import this package whatever the caller's working directory.
        env = dict(os.environ)
        package_parent = str(Path(__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_parent, env.get("PYTHONPATH")]))
        stderr_path = Path(self._scratch.name) / "stderr.txt"
        with open(stderr_path, "wb") as stderr:
            self._process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, env=env, text=True)
        lines: queue.Queue[str] = queue.Queue()
        stdout = self._process.stdout
        assert stdout is not None
        threading.Thread(target=lambda: lines.put(stdout.readline()), daemon=True).start()
        try:
            line = lines.get(timeout=self.timeout)
        except queue.Empty:
            line = ""
        if not line.startswith("PORT "):
            status = self._process.poll()
            self.__exit__()
            why = f"exit status {status}" if status is not None else f"no PORT line within {self.timeout:g} s"
            error = " ".join(stderr_path.read_text("utf-8", "replace").split()) or "no output"
            raise RuntimeError(f"the local web did not start ({why}): {error}")
        self.port = int(line.split()[1])
        return self

    def __exit__(self, *exc: object) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()

    def url(self, host: str, path: str = "/") -> str:
        """The address of a page of one site, as the crawler, which resolves the host itself, fetches it."""
        return f"http://{host}:{self.port}{path}"

    def requests(self, host: str | None = None) -> list[dict[str, Any]]:
        """The requests logged so far, oldest first, optionally only those for one host."""
        if not self.log_path.exists():
            return []
        # A line without its newline is still being written.
        lines = self.log_path.read_text("utf-8").split("\n")[:-1]
        entries = [json.loads(line) for line in lines if line.strip()]
        return [entry for entry in entries if host is None or entry["host"] == host.lower()]


if __name__ == "__main__":
    sys.exit(main())
