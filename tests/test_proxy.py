"""Fetching through the proxy the environment names (http_proxy, https_proxy,
no_proxy): http as an absolute URI, https in a CONNECT tunnel, credentials as
Proxy-Authorization, no_proxy hosts direct, and the site's host still checked
against private addresses — against a loopback proxy and the loopback servers
and test-only public names of test_fetching."""

from __future__ import annotations

import base64
import http.client
import http.server
import select
import socket
import threading
from urllib.parse import urlsplit

import pytest
from conftest import jsonl
from test_fetching import GOOD, PUBLIC_IP, article, errors, feed_config, ingest, refresh, rss, send
from test_fetching import network, servers  # noqa: F401  (fixtures, found by pytest by name)

TITLE = "Harbour reopens after storm repairs"
_HOP_BY_HOP = ("proxy-authorization", "proxy-connection", "connection", "keep-alive", "transfer-encoding", "content-length", "server", "date")


class Proxy:
    """A loopback HTTP proxy that logs each request line with its headers. It forwards
    absolute-URI GETs and tunnels CONNECTs to the test server `hosts` maps a host name
    to, else to the host and port the request names."""

    def __init__(self, hosts: dict):
        self.hosts = hosts
        self.requests: list[tuple[str, http.client.HTTPMessage]] = []
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                proxy.requests.append((self.requestline, self.headers))
                parts = urlsplit(self.path)
                upstream = http.client.HTTPConnection(*proxy.address(parts.hostname, parts.port or 80), timeout=10)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
                upstream.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers)
                response = upstream.getresponse()
                body = response.read()
                upstream.close()
                self.send_response(response.status)
                for name, value in response.getheaders():
                    if name.lower() not in _HOP_BY_HOP:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_CONNECT(self):
                proxy.requests.append((self.requestline, self.headers))
                host, port = self.path.rsplit(":", 1)
                with socket.create_connection(proxy.address(host, int(port)), timeout=10) as upstream:
                    self.send_response(200, "Connection established")
                    self.end_headers()
                    _relay(self.connection, upstream)
                self.close_connection = True

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def address(self, host: str, port: int) -> tuple[str, int]:
        return ("127.0.0.1", self.hosts[host].port) if host in self.hosts else (host, port)

    def lines(self) -> list[str]:
        return [line for line, _ in self.requests]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def _relay(a: socket.socket, b: socket.socket) -> None:
    """Copy bytes both ways until either side closes."""
    while True:
        readable, _, _ = select.select([a, b], [], [], 10)
        if not readable:
            return
        for sock in readable:
            data = sock.recv(65536)
            if not data:
                return
            (b if sock is a else a).sendall(data)


@pytest.fixture
def proxies():
    started = []

    def start(hosts: dict | None = None) -> Proxy:
        started.append(Proxy(hosts or {}))
        return started[-1]

    yield start
    for proxy in started:
        proxy.close()


def test_page_is_fetched_through_the_http_proxy(servers, proxies, monkeypatch):
    site = servers({"/a.html": send(200, article(TITLE))})
    proxy = proxies()
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{proxy.port}")
    result = ingest(site.base + "/a.html", "--allow-private-urls", "--workers", "0")
    assert result.exit_code == 0, result.stderr
    assert [r["title"] for r in jsonl(result.stdout)] == [TITLE]
    assert proxy.lines() == [f"GET {site.base}/a.html HTTP/1.1"]
    assert proxy.requests[0][1]["Host"] == f"127.0.0.1:{site.port}"
    assert site.paths() == ["/a.html"]


def test_feed_and_its_articles_are_fetched_through_the_http_proxy(tmp_path, servers, proxies, monkeypatch):
    def feed(handler, server):
        send(200, rss([server.base + "/a.html"]), "application/rss+xml")(handler, server)

    site = servers({"/feed.xml": feed, "/a.html": send(200, article(TITLE))})
    proxy = proxies()
    monkeypatch.setenv("HTTP_PROXY", f"127.0.0.1:{proxy.port}")  # upper case, no scheme: as urllib reads it
    result = refresh(feed_config(tmp_path, site.base + "/feed.xml", "allow_private_urls = true"))
    assert result.exit_code == 0, result.stderr
    # The page a feed led to is fetched once its robots.txt (a 404 here: no rules) allows it, all through the proxy.
    assert proxy.lines() == [f"GET {site.base}/feed.xml HTTP/1.1", f"GET {site.base}/robots.txt HTTP/1.1", f"GET {site.base}/a.html HTTP/1.1"]
    assert all("babelwire" in headers["User-Agent"] for _, headers in proxy.requests)


def test_no_proxy_hosts_are_fetched_directly_with_the_pinned_check(servers, proxies, network, monkeypatch):
    direct = servers({"/a.html": send(200, article(TITLE))})
    proxied = servers({"/b.html": send(200, article("Ferry timetable changes for winter"))})
    proxy = proxies()
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{proxy.port}")
    monkeypatch.setenv("no_proxy", "localhost, news.example")
    url = network.public("news.example", direct) + "/a.html"
    result = ingest(url, proxied.base + "/b.html", "--allow-private-urls", "--workers", "0")
    assert result.exit_code == 0, result.stderr
    assert proxy.lines() == [f"GET {proxied.base}/b.html HTTP/1.1"]
    assert direct.paths() == ["/a.html"] and (PUBLIC_IP, 80) in network.connects


def test_proxy_credentials_are_sent_as_proxy_authorization(servers, proxies, monkeypatch):
    site = servers({"/a.html": send(200, article(TITLE))})
    proxy = proxies()
    monkeypatch.setenv("http_proxy", f"http://news%40desk:s3cr%3At@127.0.0.1:{proxy.port}")
    result = ingest(site.base + "/a.html", "--allow-private-urls", "--workers", "0")
    assert result.exit_code == 0, result.stderr
    [(_, headers)] = proxy.requests
    assert headers["Proxy-Authorization"] == "Basic " + base64.b64encode(b"news@desk:s3cr:t").decode("ascii")


def test_https_goes_through_a_connect_tunnel_with_sni_and_certificate_checks_on_the_site(servers, proxies, network, monkeypatch):
    site = servers({"/a.html": send(200, article(TITLE))}, tls=True)
    proxy = proxies({"news.example": site})
    monkeypatch.setenv("https_proxy", f"http://desk:pw@127.0.0.1:{proxy.port}")
    url = network.public("news.example", site, port=443) + "/a.html"
    result = ingest(url, GOOD, "--workers", "0")
    [line] = errors(result.stderr)
    assert line.startswith(f"error: {url}: TLS failed for news.example") and "CERTIFICATE_VERIFY_FAILED" in line
    assert proxy.lines() == ["CONNECT news.example:443 HTTP/1.0"]
    assert proxy.requests[0][1]["Proxy-Authorization"] == "Basic " + base64.b64encode(b"desk:pw").decode("ascii")
    assert site.server_names == ["news.example"] and site.requests == []
    assert network.lookups == ["news.example"] and (PUBLIC_IP, 443) not in network.connects


def test_through_the_proxy_a_redirect_to_a_private_address_is_refused(servers, proxies, network, monkeypatch):
    private = servers({"/a.html": send(200, article("Internal page"))})
    public = servers({"/a.html": send(302, Location=private.base + "/a.html")})
    proxy = proxies({"news.example": public})
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{proxy.port}")
    url = network.public("news.example", public) + "/a.html"
    result = ingest(url, GOOD, "--workers", "0")
    assert result.exit_code == 1
    [line] = errors(result.stderr)
    assert line.startswith(f"error: {url}: ") and f"redirect to {private.base}/a.html refused" in line and "private address" in line
    assert proxy.lines() == ["GET http://news.example/a.html HTTP/1.1"]  # the proxy's own address is private: allowed
    assert network.lookups == ["news.example"] and private.requests == []


def test_a_name_this_machine_cannot_resolve_is_left_to_the_proxy(servers, proxies, monkeypatch):
    site = servers({"/a.html": send(200, article(TITLE))})
    proxy = proxies({"wire.example": site})
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{proxy.port}")
    result = ingest("http://wire.example/a.html", "--workers", "0")
    assert result.exit_code == 0, result.stderr
    assert proxy.lines() == ["GET http://wire.example/a.html HTTP/1.1"]
    assert [headers["Host"] for _, headers in site.requests] == ["wire.example"]


def test_a_proxy_babelwire_cannot_speak_to_is_one_error_line_without_its_credentials(servers, monkeypatch):
    site = servers({"/a.html": send(200, article(TITLE))})
    monkeypatch.setenv("http_proxy", "socks5://desk:secret@127.0.0.1:1080")
    result = ingest(site.base + "/a.html", GOOD, "--allow-private-urls", "--workers", "0")
    assert result.exit_code == 1
    assert errors(result.stderr) == [f"error: {site.base}/a.html: proxy socks5://127.0.0.1: only http:// proxies are supported"]
    assert site.requests == [] and "secret" not in result.stderr
