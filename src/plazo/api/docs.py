"""Interactive docs (Swagger UI) from django-ninja's bundled files, never from a CDN.

django-ninja serves its docs page from a CDN unless ``ninja`` is an installed app; plazo does not
install it, so this page and its assets are served by the API itself.
"""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ninja
from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils.html import escape
from ninja.openapi.docs import DocsBase

from plazo.api.errors import ApiError

if TYPE_CHECKING:
    from ninja import NinjaAPI

__all__ = ["ASSETS", "BundledSwagger", "asset_response"]

_STATIC = Path(ninja.__file__).parent / "static" / "ninja"
ASSETS = frozenset({"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js", "favicon.png"})

_PAGE = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<link rel="stylesheet" href="{assets}swagger-ui.css">
<link rel="icon" href="{assets}favicon.png" type="image/png">
<title>{title}</title>
</head>
<body>
<script type="application/json" id="swagger-settings">{settings}</script>
<div id="swagger-ui"></div>
<script src="{assets}swagger-ui-bundle.js"></script>
<script src="{assets}swagger-ui-init.js"></script>
</body>
</html>
"""


class BundledSwagger(DocsBase):
    """Swagger UI whose script, style and icon come from ``/api/docs/assets/``."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        settings = {"url": self.get_openapi_url(api, kwargs), "layout": "BaseLayout"}
        # "</" inside a script element would end it early; JSON allows the escaped form.
        settings_json = json.dumps(settings).replace("</", "<\\/")
        assets = api.get_root_path(kwargs) + "docs/assets/"
        html = _PAGE.format(assets=escape(assets), title=escape(api.title), settings=settings_json)
        return HttpResponse(html, content_type="text/html; charset=utf-8")


def asset_response(name: str) -> FileResponse:
    """One of the bundled Swagger UI files."""
    if name not in ASSETS:
        raise ApiError(404, f"no docs asset {name!r}")
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse((_STATIC / name).open("rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400"
    return response
