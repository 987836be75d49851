"""The HTTP transport under EvolutionClient: httpx over aiohttp, whose connection pool
costs a fraction of httpcore's CPU per request, with aiohttp's failures raised as the
httpx exceptions `replies.transport_error` classifies (the socket or TLS error kept as
their cause)."""

from __future__ import annotations

import ssl
import urllib.request
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager

import aiohttp
import httpx
import yarl
from httpx_aiohttp import AiohttpTransport
from httpx_aiohttp.transport import AiohttpResponseStream


class AiohttpHttpTransport(AiohttpTransport):
    """One aiohttp session, opened on the first request (inside the running loop) and
    closed by `aclose()`. httpx keeps the cookies, decoding and redirect rules.

    The request is made here rather than by httpx_aiohttp, for two things it gets wrong:
    it hands aiohttp the URL as text, which aiohttp decodes again (`%2E%2E`, how an
    instance named '..' is sent, became a step up the path); and it re-encodes the reason
    phrase as UTF-8, which fails on the other bytes HTTP allows there. The reason phrase
    is not used: httpx words the status itself."""

    def __init__(self, verify: ssl.SSLContext | bool, proxy: httpx.Proxy | None = None) -> None:
        super().__init__(verify=verify, proxy=proxy, client=self._new_session)

    def _new_session(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(
            ssl=self.ssl_context,
            limit=self.limits.max_connections or 0,
            keepalive_timeout=self.limits.keepalive_expiry or 0,
        )
        return aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar())

    def _session(self) -> aiohttp.ClientSession:
        if not isinstance(self.client, aiohttp.ClientSession):
            self.client = self.get_client()
        return self.client

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.userinfo:
            # httpx already turned them into an Authorization header; aiohttp refuses both.
            request.url = request.url.copy_with(username=None, password=None)
        timeout = request.extensions.get("timeout", {})
        proxy = self.proxy
        with _mapped():
            response = await self._session().request(
                request.method,
                # Already encoded by httpx: aiohttp must send it as it is.
                yarl.URL(str(request.url), encoded=True),
                headers=request.headers,
                data=request.content or None,
                allow_redirects=False,
                auto_decompress=False,
                compress=False,
                timeout=aiohttp.ClientTimeout(
                    sock_connect=timeout.get("connect"),
                    sock_read=timeout.get("read"),
                    connect=timeout.get("pool"),
                ),
                server_hostname=request.extensions.get("sni_hostname"),
                proxy=str(proxy.url) if proxy else None,
                proxy_auth=aiohttp.BasicAuth(*proxy.auth) if proxy and proxy.auth else None,
                proxy_headers=proxy.headers if proxy else None,
            )
        return httpx.Response(
            status_code=response.status,
            headers=response.raw_headers,
            stream=_MappedStream(AiohttpResponseStream(response)),
            request=request,
            extensions={"http_version": b"HTTP/1.1"},
        )


class _MappedStream(httpx.AsyncByteStream):
    def __init__(self, stream: httpx.AsyncByteStream) -> None:
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with _mapped():
            async for chunk in self._stream:
                yield chunk

    async def aclose(self) -> None:
        with _mapped():
            await self._stream.aclose()


@contextmanager
def _mapped() -> Iterator[None]:
    try:
        yield
    except httpx.TransportError as exc:
        cause = exc.__cause__
        if isinstance(cause, aiohttp.ClientError | TimeoutError):
            raise _httpx_error(cause) from cause
        raise
    except (aiohttp.ClientError, TimeoutError) as exc:
        raise _httpx_error(exc) from exc


def _httpx_error(exc: BaseException) -> httpx.TransportError:
    message = str(exc) or type(exc).__name__
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout(message)
    if isinstance(exc, TimeoutError):
        return httpx.ReadTimeout(message)
    if isinstance(exc, aiohttp.ClientProxyConnectionError | aiohttp.ClientHttpProxyError):
        return httpx.ProxyError(message)
    if isinstance(exc, aiohttp.ClientConnectorError):
        return httpx.ConnectError(message)
    if isinstance(exc, aiohttp.InvalidURL | aiohttp.NonHttpUrlClientError):
        return httpx.UnsupportedProtocol(message)
    if isinstance(exc, aiohttp.ClientPayloadError | aiohttp.ClientOSError):
        return httpx.ReadError(message)
    return httpx.RemoteProtocolError(message)


def environment_proxy(url: str) -> httpx.Proxy | None:
    """The proxy the environment names for `url` (HTTP(S)_PROXY, NO_PROXY), as httpx's
    own transport would use it."""
    parsed = httpx.URL(url)
    if parsed.host and urllib.request.proxy_bypass(parsed.host):
        return None
    proxies = urllib.request.getproxies()
    proxy = proxies.get(parsed.scheme) or proxies.get("all")
    return httpx.Proxy(proxy) if proxy else None
