"""Fetching pages and feeds: every redirect hop checked against private addresses,
the checked address used, one deadline per URL, and refresh's manners
(host_delay, interval, Last-Modified) — against real HTTP servers on 127.0.0.1.

A "public" host is a test-only name that the patched resolver answers with a
public address; connections to that address are routed to a loopback server,
so the address check passes honestly and no packet leaves the machine."""

from __future__ import annotations

import gzip
import http.client
import http.server
import socket
import ssl
import threading
import time
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, SEEDS, jsonl

from ingest.cli import main

PAGE = (DATA / "page.html").read_text(encoding="utf-8")
GOOD = str(SEEDS / "003_49f6ea86e67d35b7.txt")
PUBLIC_IP = "93.184.215.14"  # a global address; never reached, see `network`


class Server:
    """A loopback HTTP server whose answers are functions of the path; it logs every request it sees."""

    def __init__(self, routes: dict, tls: bool = False):
        self.routes = routes
        self.server_names: list[str | None] = []
        self.requests: list[tuple[str, http.client.HTTPMessage]] = []
        self.arrivals: list[tuple[str, float]] = []
        self.release = threading.Event()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append((self.path, self.headers))
                server.arrivals.append((self.path, time.monotonic()))
                route = server.routes.get(self.path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                route(self, server)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        if tls:  # a self-signed certificate for news.example, which no client trusts
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(DATA / "tls-test-only-news.example.pem")
            context.sni_callback = lambda connection, name, _: self.server_names.append(name)
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.base = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]

    def close(self):
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def servers():
    started = []

    def start(routes: dict, tls: bool = False) -> Server:
        started.append(Server(routes, tls))
        return started[-1]

    yield start
    for server in started:
        server.close()


def send(status: int, body: str = "", kind: str = "text/html", **headers):
    """A route that answers with a status, a body and headers."""

    def route(handler, server):
        data = body.encode("utf-8")
        handler.send_response(status)
        handler.send_header("Content-Type", kind)
        handler.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            handler.send_header(name.replace("_", "-"), value)
        handler.end_headers()
        handler.wfile.write(data)

    return route


def send_bytes(data: bytes, **headers):
    """A route that answers 200 with raw bytes (e.g. gzip) and headers."""

    def route(handler, server):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            handler.send_header(name.replace("_", "-"), value)
        handler.end_headers()
        handler.wfile.write(data)

    return route


def stall(handler, server):
    """A route that reads the request and never answers (until the test ends)."""
    server.release.wait(20)


def rss(links: list[str]) -> str:
    items = "".join(f"<item><title>Item {link}</title><link>{link}</link></item>" for link in links)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>http://x/</link>{items}</channel></rss>'


def article(title: str) -> str:
    return PAGE.replace("Harbour reopens after storm repairs", title)


class Network:
    """Test-only names: `public(name, server)` makes NAME resolve to a public address whose
    port 80 is SERVER; `rebind(name, server)` answers with that public address once and
    with 127.0.0.1 afterwards (DNS rebinding). Every lookup and connection is logged."""

    def __init__(self, monkeypatch):
        self.names: dict[str, list[str]] = {}
        self.routes: dict[tuple[str, int], tuple[str, int]] = {}
        self.lookups: list[str] = []
        self.connects: list[tuple] = []
        resolve, connect = socket.getaddrinfo, socket.socket.connect
        network = self

        def getaddrinfo(host, port, *args, **kwargs):
            if host in network.names:
                network.lookups.append(host)
                answers = network.names[host]
                ip = answers.pop(0) if len(answers) > 1 else answers[0]
                return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (ip, int(port or 0)))]
            return resolve(host, port, *args, **kwargs)

        def routed_connect(sock, address):
            network.connects.append(tuple(address[:2]) if isinstance(address, tuple) else address)
            return connect(sock, network.routes.get(tuple(address[:2]), address) if isinstance(address, tuple) else address)

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
        monkeypatch.setattr(socket.socket, "connect", routed_connect)

    def public(self, name: str, server: Server, port: int = 80) -> str:
        self.names[name] = [PUBLIC_IP]
        self.routes[(PUBLIC_IP, port)] = ("127.0.0.1", server.port)
        return f"{'https' if port == 443 else 'http'}://{name}"

    def rebind(self, name: str, public: Server, private: Server) -> str:
        self.names[name] = [PUBLIC_IP, "127.0.0.1"]
        self.routes[(PUBLIC_IP, 80)] = ("127.0.0.1", public.port)
        self.routes[("127.0.0.1", 80)] = ("127.0.0.1", private.port)
        return f"http://{name}"


@pytest.fixture
def network(monkeypatch):
    return Network(monkeypatch)


def ingest(*args):
    return CliRunner().invoke(main, ["ingest", "--no-translate", *args], catch_exceptions=False)


def refresh(config: Path):
    return CliRunner().invoke(main, ["refresh", "-c", str(config), "--state", str(config.parent / "state.sqlite3")], catch_exceptions=False)


def feed_config(tmp_path: Path, feed: str, extra: str = "", source: str = "") -> Path:
    config = tmp_path / "babelwire.toml"
    config.write_text(f'output = "out"\noutput_layout = "single"\nhost_delay = 0\n{extra}\n[[source]]\nfeed = "{feed}"\n{source}', encoding="utf-8")
    return config


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


# --- item 20: every hop is checked, and the checked address is the one connected to


def test_page_redirect_to_a_private_address_is_refused_and_never_contacted(servers, network):
    private = servers({"/a.html": send(200, article("Internal page"))})
    public = servers({"/a.html": send(302, Location=private.base + "/a.html")})
    url = network.public("news.example", public) + "/a.html"
    result = ingest(url, GOOD, "--workers", "0")
    assert result.exit_code == 1
    [line] = errors(result.stderr)
    assert line.startswith(f"error: {url}: ") and f"redirect to {private.base}/a.html refused" in line and "private address" in line
    assert public.paths() == ["/a.html"]
    assert private.requests == [] and ("127.0.0.1", private.port) not in network.connects
    assert len(jsonl(result.stdout)) == 1  # the rest of the batch goes on


def test_feed_redirect_to_a_private_address_is_refused_and_never_contacted(tmp_path, servers, network):
    private = servers({"/feed.xml": send(200, rss([]), "application/rss+xml")})
    public = servers({"/feed.xml": send(301, Location=private.base + "/feed.xml")})
    feed = network.public("news.example", public) + "/feed.xml"
    result = refresh(feed_config(tmp_path, feed))
    assert result.exit_code == 1
    [line] = errors(result.stderr)
    assert line.startswith(f"error: {feed}: ") and f"redirect to {private.base}/feed.xml refused" in line and "private address" in line
    assert public.paths() == ["/feed.xml"]
    assert private.requests == [] and ("127.0.0.1", private.port) not in network.connects


def test_feed_host_is_resolved_once_and_fetched_from_the_checked_address(tmp_path, servers, network):
    private = servers({"/feed.xml": send(200, rss(["http://127.0.0.1:9/secret.html"]), "application/rss+xml")})
    public = servers({"/feed.xml": send(200, rss([]), "application/rss+xml")})
    feed = network.rebind("rebind.example", public, private) + "/feed.xml"
    result = refresh(feed_config(tmp_path, feed))
    assert result.exit_code == 0, result.stderr
    assert network.lookups == ["rebind.example"]
    assert public.paths() == ["/feed.xml"] and private.requests == []


def test_page_host_is_sent_as_the_host_header_to_the_checked_address(servers, network):
    public = servers({"/a.html": send(200, article("Harbour reopens after storm repairs"))})
    url = network.public("news.example", public) + "/a.html"
    result = ingest(url, "--workers", "0")
    assert result.exit_code == 0, result.stderr
    assert [r["title"] for r in jsonl(result.stdout)] == ["Harbour reopens after storm repairs"]
    assert [headers["Host"] for _, headers in public.requests] == ["news.example"]
    assert network.connects == [(PUBLIC_IP, 80)]


def test_https_sends_the_url_host_for_sni_and_checks_its_certificate(servers, network):
    site = servers({"/a.html": send(200, article("Harbour reopens after storm repairs"))}, tls=True)
    url = network.public("news.example", site, port=443) + "/a.html"
    result = ingest(url, GOOD, "--workers", "0")
    [line] = errors(result.stderr)
    assert line.startswith(f"error: {url}: TLS failed for news.example") and "CERTIFICATE_VERIFY_FAILED" in line
    assert site.server_names == ["news.example"] and site.requests == []
    assert network.connects == [(PUBLIC_IP, 443)]


# --- item 21: one deadline for the whole fetch of a URL, in float seconds


def test_page_timeout_is_the_whole_fetch_not_per_attempt(servers):
    slow = servers({"/slow.html": stall})
    result = ingest(slow.base + "/slow.html", GOOD, "--timeout", "0.5", "--allow-private-urls")
    assert result.exit_code == 1
    [line] = errors(result.stderr)
    assert line == f"error: {slow.base}/slow.html: timed out after 0.5 s"
    assert slow.paths() == ["/slow.html"]  # the one attempt took the whole deadline: no retry after it


def test_feed_timeout_is_the_whole_fetch_not_per_attempt(tmp_path, servers):
    slow = servers({"/feed.xml": stall})
    result = refresh(feed_config(tmp_path, slow.base + "/feed.xml", "timeout = 0.5\nallow_private_urls = true"))
    assert result.exit_code == 1
    [line] = errors(result.stderr)
    assert line == f"error: {slow.base}/feed.xml: timed out after 0.5 s"
    assert slow.paths() == ["/feed.xml"]


def test_redirects_share_the_fetch_deadline(servers):
    slow = servers({"/a.html": send(302, Location="/b.html"), "/b.html": stall})
    result = ingest(slow.base + "/a.html", "--timeout", "0.5", "--allow-private-urls")
    assert errors(result.stderr) == [f"error: {slow.base}/a.html: timed out after 0.5 s"]
    assert slow.paths() == ["/a.html", "/b.html"]


# --- refresh's manners towards the sites it polls


def test_host_delay_spaces_requests_to_the_same_host(tmp_path, servers):
    site = servers({"/p1.html": send(200, article("First story of the morning")), "/p2.html": send(200, article("Second story of the morning"))})
    (tmp_path / "urls.txt").write_text(f"{site.base}/p1.html\n{site.base}/p2.html\n", encoding="utf-8")
    config = tmp_path / "babelwire.toml"
    config.write_text('output = "out"\nhost_delay = 0.5\nallow_private_urls = true\n[[source]]\nurls = "urls.txt"\n', encoding="utf-8")
    result = refresh(config)
    assert result.exit_code == 0, result.stderr
    arrivals = dict(site.arrivals)
    # A lower bound only: a slow machine can only widen the gap.
    assert arrivals["/p2.html"] - arrivals["/p1.html"] >= 0.5


def test_feed_interval_skips_polls_until_it_has_passed(tmp_path, servers):
    site = servers({"/feed.xml": send(200, rss([]), "application/rss+xml")})
    config = feed_config(tmp_path, site.base + "/feed.xml", "allow_private_urls = true", 'interval = "1h"\n')
    assert refresh(config).exit_code == 0
    assert refresh(config).exit_code == 0
    assert site.paths() == ["/feed.xml"]


def test_feed_is_asked_if_modified_since_its_last_modified(tmp_path, servers):
    stamp = "Wed, 01 Jan 2025 08:00:00 GMT"

    def feed(handler, server):
        if handler.headers.get("If-Modified-Since") == stamp:
            handler.send_response(304)
            handler.end_headers()
        else:
            send(200, rss([server.base + "/a.html"]), "application/rss+xml", Last_Modified=stamp)(handler, server)

    site = servers({"/feed.xml": feed, "/a.html": send(200, article("Harbour reopens after storm repairs"))})
    config = feed_config(tmp_path, site.base + "/feed.xml", "allow_private_urls = true")
    assert refresh(config).exit_code == 0
    second = refresh(config)
    assert second.exit_code == 0 and "0 new" in second.stderr
    feed_requests = [headers for path, headers in site.requests if path == "/feed.xml"]
    assert [h.get("If-Modified-Since") for h in feed_requests] == [None, stamp]
    assert site.paths().count("/a.html") == 1  # a 304 lists no links to fetch again


# --- gzip and deflate from the server are undone, within the size limit


def test_deflate_encoded_page_is_unpacked(servers):
    body = zlib.compress(article("Harbour reopens after storm repairs").encode("utf-8"))
    site = servers({"/a.html": send_bytes(body, Content_Encoding="deflate")})
    result = ingest(site.base + "/a.html", "--allow-private-urls")
    assert result.exit_code == 0, result.stderr
    assert [r["title"] for r in jsonl(result.stdout)] == ["Harbour reopens after storm repairs"]
    assert "deflate" in site.requests[0][1]["Accept-Encoding"]


def test_gzip_encoded_page_that_unpacks_past_max_bytes_is_refused(servers):
    site = servers({"/bomb.html": send_bytes(gzip.compress(bytes(2 * 1024 * 1024)), Content_Encoding="gzip")})
    result = ingest(site.base + "/bomb.html", GOOD, "--allow-private-urls", "--max-bytes", str(1024 * 1024))
    assert result.exit_code == 1
    assert errors(result.stderr) == [f"error: {site.base}/bomb.html: response unpacks to over the 1,048,576-byte limit"]


def test_a_dropped_connection_is_tried_once_more(servers):
    def drop(handler, server):
        handler.close_connection = True  # no answer at all

    site = servers({"/a.html": drop})
    result = ingest(site.base + "/a.html", "--allow-private-urls")
    assert errors(result.stderr) == [f"error: {site.base}/a.html: fetch failed after 2 tries (Remote end closed connection without response)"]
    assert site.paths() == ["/a.html", "/a.html"]
