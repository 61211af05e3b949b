"""Which HTTP proxy a URL is fetched through, read as the standard library reads it.

http_proxy, https_proxy and no_proxy (and their upper-case forms) are taken
through urllib.request.getproxies() and proxy_bypass(), the semantics urllib3
and curl share, so `babelwire refresh` keeps fetching from cron behind a
corporate proxy. Only plain-HTTP proxies are spoken to; https URLs go through
them in a CONNECT tunnel (ingest/read/web.py).
"""

from __future__ import annotations

import base64
import urllib.request
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit


class ProxyError(ValueError):
    """A proxy setting that cannot be used; the message never shows its credentials."""


@dataclass(frozen=True)
class Proxy:
    """A proxy to connect to, and the Proxy-Authorization its URL's credentials make (None without)."""

    host: str
    port: int
    authorization: str | None = None

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"

    def headers(self) -> dict[str, str]:
        """Headers for the proxy alone: never sent on to the site."""
        return {"Proxy-Authorization": self.authorization} if self.authorization else {}


def proxy_for(url: str) -> Proxy | None:
    """The proxy the environment names for this URL's scheme, or None when none does or no_proxy exempts its host."""
    parts = urlsplit(url)
    setting = urllib.request.getproxies().get(parts.scheme.lower())
    if not setting:
        return None
    host = parts.hostname or ""
    try:
        port = parts.port
    except ValueError:
        port = None
    if urllib.request.proxy_bypass(f"{host}:{port}" if port else host):
        return None
    return parse(setting)


def parse(setting: str) -> Proxy:
    """A proxy from its URL (`http://user:pass@proxy:3128`; the scheme may be left out, the port defaults to 80)."""
    parts = urlsplit(setting if "://" in setting else "http://" + setting)
    shown = f"{parts.scheme}://{parts.hostname or ''}"
    if parts.scheme.lower() != "http":
        raise ProxyError(f"proxy {shown}: only http:// proxies are supported")
    if not parts.hostname:
        raise ProxyError(f"proxy setting '{shown}' names no host")
    try:
        port = parts.port or 80
    except ValueError:
        raise ProxyError(f"proxy {shown}: bad port") from None
    authorization = None
    if parts.username is not None:
        credentials = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
        authorization = "Basic " + base64.b64encode(credentials).decode("ascii")
    return Proxy(parts.hostname, port, authorization)
