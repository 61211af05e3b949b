"""HTTP GET for pages and feeds: every redirect hop checked, one deadline.

Each hop's host is resolved once, every address it resolves to is checked
against loopback and private networks (SSRF) unless they are allowed, and the
connection goes to a checked address: no second lookup between check and
connect for DNS rebinding to slip through, while the Host header, the TLS
server name and the certificate check keep the URL's host name. One deadline
covers the whole fetch of a URL, redirects and the retry included.

When the environment names a proxy for a hop's URL (ingest/read/proxy.py), the
hop goes to the proxy: http as an absolute URI, https through a CONNECT tunnel
with SNI and the certificate check on the site's name. The proxy resolves the
site itself, so its address cannot be pinned; the site's host is still looked
up once here and refused when that answer is private. A name this machine
cannot resolve is left to the proxy: the one gap, documented in the README.
"""

from __future__ import annotations

import functools
import http.client
import ipaddress
import logging
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from ingest import __version__
from ingest.errors import InputError
from ingest.read.proxy import Proxy, ProxyError, proxy_for

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
ATTEMPTS = 2  # a failed connection is tried once more, while the deadline allows
ACCEPT_ENCODING = "gzip, deflate"
# What babelwire says it is to the sites refresh polls (feeds, sitemaps, robots.txt, the pages they list);
# robots.txt groups are matched against its product token, `babelwire`.
USER_AGENT = f"babelwire/{__version__} (offline news reader)"
_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Response:
    """The last hop's answer; `data` has its Content-Encoding undone."""

    url: str
    status: int
    headers: http.client.HTTPMessage
    data: bytes


class _Expired(Exception):
    """The fetch's deadline passed."""


class _Deadline:
    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        """Seconds left; _Expired when none are."""
        remaining = self.end - time.monotonic()
        if remaining <= 0:
            raise _Expired
        return remaining

    def passed(self) -> bool:
        return time.monotonic() >= self.end


class _Guard:
    """Cuts a connection at the deadline, so a server that trickles bytes cannot
    stretch a fetch past it (socket timeouts bound each read, not their sum)."""

    def __init__(self, sock: socket.socket, deadline: _Deadline):
        self._sock: socket.socket | None = sock.dup()  # survives the TLS wrap, same connection
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(deadline.end - time.monotonic(), 0.0), self._cut)
        self._timer.daemon = True
        self._timer.start()

    def _cut(self) -> None:
        with self._lock:
            if self._sock is not None:
                try:
                    self._sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self._timer.cancel()
        with self._lock:
            if self._sock is not None:
                self._sock.close()
                self._sock = None


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to addresses already resolved and checked, never to a fresh lookup."""

    def __init__(self, host: str, port: int, addresses: list, deadline: _Deadline):
        super().__init__(host, port, timeout=deadline.left())
        self._addresses = addresses
        self._deadline = deadline
        self._guard: _Guard | None = None

    def connect(self) -> None:
        self.sock = _open(self._addresses, self._deadline)
        self._guard = _Guard(self.sock, self._deadline)
        if self._tunnel_host:
            self._tunnel()
        self.sock = self._wrap(self.sock)

    def _wrap(self, sock: socket.socket) -> socket.socket:
        return sock

    def finish(self) -> None:
        """Close the connection and stop its guard (http.client's close() may come before the body is read)."""
        self.close()
        if self._guard is not None:
            self._guard.close()
            self._guard = None


class _PinnedHTTPS(_PinnedHTTP):
    """TLS with the URL's host name for SNI and the certificate check (the tunnel's far end through a proxy)."""

    default_port = 443

    def _wrap(self, sock: socket.socket) -> socket.socket:
        sock.settimeout(self._deadline.left())
        return _tls().wrap_socket(sock, server_hostname=self._tunnel_host or self.host)


@functools.lru_cache(maxsize=1)
def _tls() -> ssl.SSLContext:
    """Certificates checked against certifi's roots (what trafilatura's fetcher used), else the system's."""
    try:
        import certifi
    except ImportError:
        return ssl.create_default_context()
    return ssl.create_default_context(cafile=certifi.where())


def get(url: str, headers: dict[str, str], timeout: float, max_bytes: int, allow_private: bool) -> Response:
    """GET a URL, following up to MAX_REDIRECTS redirects; raises InputError naming `url`.

    The whole fetch ends within `timeout` seconds. Bodies over `max_bytes`
    (after gzip/deflate are undone) are refused.
    """
    deadline = _Deadline(timeout)
    headers = {"Accept-Encoding": ACCEPT_ENCODING, **headers}
    current = url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            try:
                route = _route(current, allow_private)
            except _Refused as exc:
                raise InputError(url, "read", str(exc) if current == url else f"redirect to {current} refused: {exc}") from None
            response = _hop(url, current, route, headers, deadline, max_bytes)
            location = (response.headers.get("Location") or "").strip()
            if response.status not in _REDIRECT_CODES or not location:
                return response
            current = urljoin(current, location)
            if urlsplit(current).scheme.lower() not in ("http", "https"):
                raise InputError(url, "read", f"redirect to {current} refused: only http and https")
            log.debug("%s: redirected to %s", url, current)
    except _Expired:
        raise InputError(url, "read", f"timed out after {timeout:g} s") from None
    raise InputError(url, "read", f"more than {MAX_REDIRECTS} redirects (a redirect loop?)")


class _Refused(Exception):
    """A host that cannot be resolved or may not be contacted."""


class _Unresolved(_Refused):
    """A host name that this machine's resolver does not answer."""


@dataclass(frozen=True)
class _Route:
    """Where a hop connects: checked addresses of the URL's host, or, through `proxy`, the proxy's addresses."""

    addresses: list
    proxy: Proxy | None = None


def _route(url: str, allow_private: bool) -> _Route:
    """Direct with the host's checked addresses pinned, or through the proxy the environment names for `url`.

    Through a proxy the site's host is looked up once and checked, but the proxy
    resolves it again on its own; a name this machine cannot resolve is left to
    the proxy (behind a proxy, local DNS often answers only internal names).
    """
    try:
        proxy = proxy_for(url)
    except ProxyError as exc:
        raise _Refused(str(exc)) from None
    if proxy is None:
        return _Route(_resolve(url, allow_private))
    if allow_private:
        _port(url)  # no lookup to make, but a bad port is refused all the same
    else:
        try:
            _resolve(url, allow_private)
        except _Unresolved as exc:
            log.debug("%s: %s; the proxy resolves it", url, exc)
    try:
        addresses = socket.getaddrinfo(proxy.host, proxy.port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise _Refused(f"cannot resolve proxy {proxy.host} ({getattr(exc, 'strerror', None) or exc})") from None
    log.debug("%s: through proxy %s", url, proxy)
    return _Route(addresses, proxy)


def _resolve(url: str, allow_private: bool) -> list:
    """The host's addresses, each checked: all must be public unless private ones are allowed."""
    host = urlsplit(url).hostname or ""
    port = _port(url)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise _Unresolved(f"cannot resolve {host} ({getattr(exc, 'strerror', None) or exc})") from None
    if not allow_private:
        for info in infos:
            address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
            if not public(address):
                shown = address if (inner := embedded_ipv4(address)) is None else f"{address}, which carries {inner}"
                raise _Refused(f"{host} is a private address ({shown}; allow with --allow-private-urls or allow_private_urls = true)")
    return infos


# IPv6 prefixes whose last 32 bits are an IPv4 address that a gateway, or the host itself, connects to.
_CARRIERS = tuple(map(ipaddress.ip_network, (
    "64:ff9b::/96",  # NAT64, well-known prefix (RFC 6052)
    "::/96",  # IPv4-compatible (deprecated; :: and ::1 fall in it too)
    "::ffff:0:0:0/96",  # IPv4-translated (SIIT, RFC 2765)
)))
_LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")  # local-use NAT64 (RFC 8215): a site's own translator


def embedded_ipv4(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64, compatible, translated), else None."""
    if address.version == 4:
        return None
    for carried in (address.ipv4_mapped, address.sixtofour):
        if carried is not None:
            return carried
    if any(address in network for network in _CARRIERS):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether babelwire may connect to `address` without --allow-private-urls: a global unicast address,
    judged by the IPv4 address it carries when it carries one (64:ff9b::7f00:1 is 127.0.0.1 behind NAT64)."""
    if address.version == 6 and address in _LOCAL_NAT64:
        return False
    carried = embedded_ipv4(address)
    address = address if carried is None else carried
    return address.is_global and not address.is_multicast


def _port(url: str) -> int:
    """The URL's port, or its scheme's; _Refused when the URL's port is no port."""
    parts = urlsplit(url)
    try:
        return parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError as exc:
        raise _Refused(f"bad URL ({exc})") from None


def _open(addresses: list, deadline: _Deadline) -> socket.socket:
    """A TCP connection to the first checked address that answers."""
    error: OSError = OSError("no address to connect to")
    for family, kind, proto, _, sockaddr in addresses:
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(deadline.left())
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            sock.close()
            error = exc
        except _Expired:
            sock.close()
            raise
    raise error


def _hop(url: str, current: str, route: _Route, headers: dict, deadline: _Deadline, max_bytes: int) -> Response:
    """One hop, tried again once when the connection fails and time is left."""
    via = f" through proxy {route.proxy}" if route.proxy else ""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _request(url, current, route, headers, deadline, max_bytes)
        except ssl.SSLError as exc:
            if deadline.passed():
                raise _Expired from None
            raise InputError(url, "read", f"TLS failed for {urlsplit(current).hostname} ({exc.reason or exc})") from None
        except (OSError, http.client.HTTPException) as exc:
            if isinstance(exc, TimeoutError) or deadline.passed():
                raise _Expired from None
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            if attempt == ATTEMPTS:
                raise InputError(url, "read", f"fetch failed after {ATTEMPTS} tries{via} ({reason})") from None
            log.info("%s: %s; trying again", current, reason)
    raise AssertionError("unreachable")


def _request(url: str, current: str, route: _Route, headers: dict, deadline: _Deadline, max_bytes: int) -> Response:
    parts = urlsplit(current)
    scheme = _PinnedHTTPS if parts.scheme.lower() == "https" else _PinnedHTTP
    host, port, target = _ascii_host(parts.hostname or ""), parts.port or scheme.default_port, _target(parts)
    if route.proxy is None:
        connection = scheme(host, port, route.addresses, deadline)
    else:
        connection = scheme(route.proxy.host, route.proxy.port, route.addresses, deadline)
        if scheme is _PinnedHTTPS:
            connection.set_tunnel(host, port, route.proxy.headers())
        else:
            target = f"http://{_netloc(host, port, scheme.default_port)}{target}"
            headers = {**headers, **route.proxy.headers()}
    try:
        connection.request("GET", target, headers=headers)
        sock = connection.sock  # getresponse() drops it from the connection when the server will close
        sock.settimeout(deadline.left())
        with connection.getresponse() as response:
            if response.status in _REDIRECT_CODES or response.status == 304:
                return Response(current, response.status, response.headers, b"")
            return Response(current, response.status, response.headers, _body(url, response, sock, deadline, max_bytes))
    finally:
        connection.finish()


def _body(url: str, response: http.client.HTTPResponse, sock: socket.socket, deadline: _Deadline, max_bytes: int) -> bytes:
    encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding == "identity" and (response.length or 0) > max_bytes:
        raise InputError(url, "read", f"response is {response.length:,} bytes, over the {max_bytes:,}-byte limit")
    data = bytearray()
    while True:
        sock.settimeout(deadline.left())
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        data += chunk
        if len(data) > max_bytes:
            raise InputError(url, "read", f"response is over the {max_bytes:,}-byte limit")
    return unpack(url, bytes(data), encoding, max_bytes)


def unpack(url: str, data: bytes, encoding: str, limit: int) -> bytes:
    """Undo gzip or deflate, refusing output over `limit` before it is produced (no bombs)."""
    if encoding == "identity" or not data:
        return data
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise InputError(url, "read", f"unsupported Content-Encoding '{encoding}'")
    out = bytearray()
    # Auto-detects a gzip or zlib header; some servers send deflate raw.
    wbits = zlib.MAX_WBITS | 32 if encoding != "deflate" or data[:1] == b"\x78" else -zlib.MAX_WBITS
    try:
        while data:
            unpacker = zlib.decompressobj(wbits)
            out += unpacker.decompress(data, limit + 1 - len(out))
            if len(out) > limit:
                raise InputError(url, "read", f"response unpacks to over the {limit:,}-byte limit")
            if not unpacker.eof:
                raise InputError(url, "read", f"truncated {encoding} response")
            data = unpacker.unused_data.lstrip(b"\0")
    except zlib.error as exc:
        raise InputError(url, "read", f"corrupt {encoding} response ({exc})") from None
    return bytes(out)


def conditional(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """The headers of a conditional GET for what an earlier answer sent (none when it sent no validator)."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _ascii_host(host: str) -> str:
    try:
        return host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return host


def _netloc(host: str, port: int, default_port: int) -> str:
    """HOST[:PORT] for an absolute URI, IPv6 literals in brackets."""
    host = f"[{host}]" if ":" in host else host
    return host if port == default_port else f"{host}:{port}"


def _target(parts) -> str:
    """The request target, with non-ASCII and spaces percent-encoded and existing escapes kept."""
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    return path + ("?" + quote(parts.query, safe="/%:@!$&'()*+,;=-._~?") if parts.query else "")
