"""The local web the demo and the tests crawl: pages, routes, generators and the request log."""

from __future__ import annotations

import gzip
import http.client
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from crawler.localweb import LocalWeb

ROUTES = """
[[route]]
path = "/old"
status = 301
headers = { Location = "http://news.test:@PORT@/new", "X-Robots-Tag" = "noai" }

[[route]]
prefix = "/calendar/"
generator = "calendar"

[[route]]
path = "/big"
generator = "big"
size = 100_000

[[route]]
path = "/big-chunked"
generator = "big"
size = 100_000
chunked = true

[[route]]
path = "/bomb"
generator = "gzip_bomb"

[[route]]
path = "/small-bomb"
generator = "gzip_bomb"
size = 5_000_000

[[route]]
path = "/latin"
generator = "charset"
text = "Un garçon à la fenêtre"
charset = "iso-8859-1"
declare = "meta"

[[route]]
path = "/echo"
generator = "echo_headers"

[[route]]
prefix = "/loop/"
generator = "redirect_loop"
"""


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> LocalWeb:
    root = tmp_path_factory.mktemp("web")
    news = root / "news.test"
    (news / "a").mkdir(parents=True)
    (news / "index.html").write_text('<a href="http://other.test:@PORT@/">other</a>', encoding="utf-8")
    (news / "a" / "index.html").write_text("<p>section a</p>", encoding="utf-8")
    (news / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    (news / "logo.bin").write_bytes(b"\xff\xfe@PORT@\x00")
    (news / "_routes.toml").write_text(ROUTES, encoding="utf-8")
    (root / "other.test").mkdir()
    (root / "other.test" / "index.html").write_text("<p>other</p>", encoding="utf-8")
    with LocalWeb(root) as running:
        yield running


def fetch(web: LocalWeb, host: str, path: str, method: str = "GET", headers: dict[str, str] | None = None):
    """Status, headers (lower-cased names) and raw body of one request sent to 127.0.0.1 with a Host header."""
    connection = http.client.HTTPConnection("127.0.0.1", web.port, timeout=30)
    try:
        connection.request(method, path, headers={"Host": f"{host}:{web.port}", **(headers or {})})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def test_static_pages_get_the_port_filled_in(web: LocalWeb) -> None:
    status, headers, body = fetch(web, "news.test", "/")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert body.decode() == f'<a href="http://other.test:{web.port}/">other</a>'
    assert headers["content-length"] == str(len(body))
    assert fetch(web, "news.test", "/a/")[2] == b"<p>section a</p>"
    assert fetch(web, "news.test", "/a")[:2][0] == 301
    assert fetch(web, "NEWS.test", "/robots.txt")[1]["content-type"].startswith("text/plain")
    assert fetch(web, "news.test", "/logo.bin")[2] == b"\xff\xfe@PORT@\x00"  # binary files are left alone
    status, headers, body = fetch(web, "other.test", "/", method="HEAD")
    assert (status, headers["content-length"], body) == (200, "12", b"")
    assert web.url("news.test", "/x") == f"http://news.test:{web.port}/x"


def test_unknown_hosts_and_paths_are_404(web: LocalWeb) -> None:
    status, headers, body = fetch(web, "nowhere.test", "/")
    assert status == 404 and b"nowhere.test" in body
    status, headers, body = fetch(web, "news.test", "/missing.html")
    assert status == 404 and body.startswith(b"<!doctype html>")
    assert fetch(web, "news.test", "/_routes.toml")[0] == 404
    assert fetch(web, "news.test", "/../other.test/index.html")[0] == 404


def test_a_route_sets_status_and_headers(web: LocalWeb) -> None:
    status, headers, body = fetch(web, "news.test", "/old?x=1")
    assert status == 301
    assert headers["location"] == f"http://news.test:{web.port}/new"
    assert headers["x-robots-tag"] == "noai"
    assert headers["content-length"] == "0"


def test_the_calendar_never_ends(web: LocalWeb) -> None:
    body = fetch(web, "news.test", "/calendar/")[2].decode()
    assert 'href="/calendar/2026/02/"' in body and 'href="/calendar/2025/12/"' in body
    assert 'href="/calendar/2026/01/31/"' in body
    body = fetch(web, "news.test", "/calendar/9999/12/")[2].decode()
    assert 'href="/calendar/10000/01/"' in body
    status, _, body = fetch(web, "news.test", "/calendar/2024/02/29/")
    assert status == 200 and 'href="/calendar/2024/02/"' in body.decode()
    assert fetch(web, "news.test", "/calendar/2023/02/29/")[0] == 404


def test_big_pages_have_a_length_or_are_chunked(web: LocalWeb) -> None:
    status, headers, body = fetch(web, "news.test", "/big")
    assert (status, headers["content-length"], len(body)) == (200, "100000", 100_000)
    status, headers, body = fetch(web, "news.test", "/big-chunked")
    assert "content-length" not in headers and headers["transfer-encoding"] == "chunked"
    assert len(body) == 100_000


def test_the_gzip_bomb_is_small_on_the_wire(web: LocalWeb) -> None:
    status, headers, body = fetch(web, "news.test", "/bomb", headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["content-encoding"] == "gzip" and headers["content-type"].startswith("text/html")
    assert len(body) < 2_000_000 and headers["content-length"] == str(len(body))
    assert zlib.decompressobj(31).decompress(body, 100).startswith(b"<!doctype html>")
    small = fetch(web, "news.test", "/small-bomb")[2]
    assert len(gzip.decompress(small)) == 5_000_000  # the CRC and length trailer are right too


def test_charset_pages_are_encoded_in_their_charset(web: LocalWeb) -> None:
    status, headers, body = fetch(web, "news.test", "/latin")
    assert headers["content-type"] == "text/html"
    assert "Un garçon à la fenêtre".encode("iso-8859-1") in body
    assert b'<meta charset="iso-8859-1">' in body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")


def test_generators_for_headers_and_redirect_loops(web: LocalWeb) -> None:
    body = fetch(web, "news.test", "/echo", headers={"X-Probe": "yes"})[2]
    assert b"<b>X-Probe</b>: yes" in body
    status, headers, _ = fetch(web, "news.test", "/loop/7")
    assert (status, headers["location"]) == (302, "/loop/8")


def test_the_log_records_each_request(web: LocalWeb) -> None:
    fetch(web, "other.test", "/?q=cookie", headers={"Cookie": "a=b", "User-Agent": "MoissonTest/1"})
    entry = web.requests("other.test")[-1]
    assert entry["host"] == "other.test" and entry["path"] == "/?q=cookie"
    assert entry["method"] == "GET" and entry["status"] == 200
    assert entry["has_cookie"] is True and entry["has_authorization"] is False
    assert entry["user_agent"] == "MoissonTest/1" and entry["headers"]["Cookie"] == "a=b"
    assert all(e["host"] == "other.test" for e in web.requests("other.test"))
    assert any(e["host"] == "news.test" for e in web.requests())


def test_a_bad_routes_file_stops_the_server(tmp_path: Path) -> None:
    site = tmp_path / "root" / "bad.test"
    site.mkdir(parents=True)
    (site / "_routes.toml").write_text('[[route]]\npath = "/x"\ngenerator = "nope"\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "crawler.localweb", "--root", str(tmp_path / "root"), "--log", str(tmp_path / "log")],
        capture_output=True, text=True, timeout=30, cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "_routes.toml" in lines[0] and "nope" in lines[0]
    with pytest.raises(RuntimeError, match="nope"), LocalWeb(tmp_path / "root"):
        pass


def test_later_roots_override_earlier_ones_and_routes_serve_files(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for root, text in ((first, "first"), (second, "second")):
        (root / "shop.demo.test" / "pages").mkdir(parents=True)
        (root / "shop.demo.test" / "index.html").write_text(text, encoding="utf-8")
    (first / "only.test").mkdir()
    (first / "only.test" / "index.html").write_text("only", encoding="utf-8")
    (second / "shop.demo.test" / "pages" / "wall.html").write_text("port @PORT@", encoding="utf-8")
    (second / "shop.demo.test" / "_routes.toml").write_text(
        '[[route]]\nprefix = "/members/"\nstatus = 403\nfile = "pages/wall.html"\n'
        '[[route]]\npath = "/sjis"\ngenerator = "charset"\ntext = "日本語"\ncharset = "shift_jis"\ndeclare = "wrong"\n',
        encoding="utf-8",
    )
    with LocalWeb(first, second) as web:
        assert fetch(web, "shop.demo.test", "/")[2] == b"second"
        assert fetch(web, "only.test", "/")[2] == b"only"
        status, _, body = fetch(web, "shop.demo.test", "/members/area?x=1")
        assert (status, body) == (403, f"port {web.port}".encode())
        _, headers, body = fetch(web, "shop.demo.test", "/sjis")
        assert headers["content-type"] == "text/html; charset=utf-8" and "日本語".encode("shift_jis") in body
