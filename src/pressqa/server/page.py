"""The editors' page: ``GET /`` and its assets under ``/static/``, for ``pressqa serve``.

A plain HTML page with its own CSS and JavaScript (no build step, no CDN: it
works with the network unplugged).  It talks to the JSON API only
(``POST /v1/check``, ``POST /v1/fix``); this module just hands out the files,
read once from the package (``pressqa/server/static/``) when the app is built.
Only the files shipped there are served, by exact name, so no request can
reach any other file.  Every answer carries a Content-Security-Policy that
allows the page's own scripts and styles and requests to its own origin only.
"""

from __future__ import annotations

from importlib.resources import files

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

STATIC_PACKAGE = "pressqa.server"
STATIC_FOLDER = "static"
MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}
#: The page needs nothing but itself; this also keeps a pasted draft from ever being sent elsewhere.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'none'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


def load_assets() -> dict[str, bytes]:
    """The shipped page files by name (``index.html``, ``app.js``, ...)."""
    folder = files(STATIC_PACKAGE).joinpath(STATIC_FOLDER)
    assets: dict[str, bytes] = {}
    for entry in folder.iterdir():
        suffix = "." + entry.name.rpartition(".")[2]
        if entry.is_file() and suffix in MEDIA_TYPES:
            assets[entry.name] = entry.read_bytes()
    return assets


def page_routes() -> list[Route]:
    """``/`` (the page) and ``/static/{name}`` (its assets)."""
    assets = load_assets()

    def answer(name: str) -> Response:
        suffix = "." + name.rpartition(".")[2]
        return Response(assets[name], media_type=MEDIA_TYPES[suffix], headers=HEADERS)

    async def index(request: Request) -> Response:
        return answer("index.html")

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in assets or name == "index.html":
            from starlette.exceptions import HTTPException

            raise HTTPException(404)
        return answer(name)

    return [
        Route("/", index, methods=["GET"]),
        Route("/static/{name}", static, methods=["GET"]),
    ]
