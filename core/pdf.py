"""PDF documents with WeasyPrint, fetching nothing but the project's own static files.

The URL fetcher refuses the network, `file:` paths and anything not under STATIC_URL, so
no user text (a link, an image address typed into an answer) can make the renderer read
a file or call out. `data:` URIs are allowed (inline images we generate ourselves).
"""

import mimetypes
import os
import posixpath
from urllib.parse import unquote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

PDF_BASE_URL = "https://leadingplaces.invalid/"


class StaticFilesOnlyFetcher(URLFetcher):
    def __init__(self):
        super().__init__(allowed_protocols={"https", "data"}, allow_redirects=False)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        prefix = PDF_BASE_URL + settings.STATIC_URL.lstrip("/")
        if not url.startswith(prefix):
            raise ValueError(f"Only the service's own static files may be used: {url}")
        relative = unquote(url[len(prefix) :].split("?")[0].split("#")[0])
        normalised = posixpath.normpath(relative)
        if normalised.startswith(("..", "/")) or "\\" in normalised or "\x00" in normalised:
            raise ValueError(f"Not a static file: {url}")
        path = static_file_path(normalised)
        if not path:
            raise ValueError(f"No such static file: {url}")
        with open(path, "rb") as handle:
            body = handle.read()
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})


def static_file_path(name):
    """The file behind a static name: from the source folders (development), or through
    the static storage, which knows the hashed names collectstatic wrote (production:
    `static('css/pdf.css')` is then `css/pdf.109dc9fa8b7f.css`, unknown to the finders)."""
    path = finders.find(name)
    if path:
        return path
    try:
        candidate = staticfiles_storage.path(name)
    except (NotImplementedError, ValueError, SuspiciousFileOperation):
        return None
    return candidate if os.path.isfile(candidate) else None


def html_to_pdf(html):
    return HTML(
        string=html, base_url=PDF_BASE_URL, url_fetcher=StaticFilesOnlyFetcher()
    ).write_pdf()


def render_pdf(template_name, context, request=None):
    """Render a Django template (extending pdf/base.html) to PDF bytes."""
    return html_to_pdf(render_to_string(template_name, context, request=request))
