"""How the web's bytes travel: responses compressed (br/gzip: HTML, CSS, JS, JSON, the manifest), the
static assets under /assets with a content version in their URL (`?v=<hash>`, added by url_for) and
kept by browsers for a year when the version matches, so a later page costs only its HTML."""
from __future__ import annotations

import gzip
import hashlib
import mimetypes
from pathlib import Path

import brotli
from flask import Flask, Response, abort, request
from flask_compress import Compress

ASSETS_ENDPOINT = "assets"
YEAR = 365 * 24 * 3600
ENCODINGS = ["br", "gzip"]  # in order of preference
COMPRESSED_TYPES = [
    "text/html", "text/css", "text/javascript", "application/javascript", "application/json",
    "application/problem+json", "application/manifest+json", "image/svg+xml",
]


class Assets:
    """The static folder's files: each one's version (the first 12 hex digits of its SHA-256) and
    its compressed bytes, made once per process: the files are package data and change only with a
    new deployment, so the CPU of compressing them is spent once, at the best level."""

    def __init__(self, folder: Path):
        self.folder = folder.resolve()
        self.versions: dict[str, str | None] = {}
        self.packed: dict[tuple[str, str], bytes] = {}
        self._release: str | None = None

    def path(self, filename: str) -> Path | None:
        path = (self.folder / filename).resolve()
        return path if path.is_relative_to(self.folder) and path.is_file() else None

    def version(self, filename: str) -> str | None:
        if filename not in self.versions:
            path = self.path(filename)
            self.versions[filename] = hashlib.sha256(path.read_bytes()).hexdigest()[:12] if path else None
        return self.versions[filename]

    def release(self) -> str:
        """The version of the whole static folder (12 hex digits of a SHA-256 over every file's
        name and version): it changes with any asset, i.e. with every release that changes one.
        The service worker names its cache after it."""
        if self._release is None:
            files = sorted(p.relative_to(self.folder).as_posix() for p in self.folder.rglob("*") if p.is_file())
            listing = "\n".join(f"{name} {self.version(name)}" for name in files)
            self._release = hashlib.sha256(listing.encode()).hexdigest()[:12]
        return self._release

    def compressed(self, filename: str, encoding: str) -> bytes:
        key = (filename, encoding)
        if key not in self.packed:
            data = self.path(filename).read_bytes()
            self.packed[key] = brotli.compress(data, quality=11) if encoding == "br" else gzip.compress(data, 9)
        return self.packed[key]


def asset_response(app: Flask, assets: Assets, filename: str) -> Response:
    version = assets.version(filename)
    if version is None:
        abort(404)
    mimetype = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    encoding = request.accept_encodings.best_match(ENCODINGS) if mimetype in COMPRESSED_TYPES else None
    if encoding:
        response = Response(assets.compressed(filename, encoding), mimetype=mimetype)
        response.headers["Content-Encoding"] = encoding
        response.vary.add("Accept-Encoding")
        response.set_etag(f"{version}-{encoding}")
        response.make_conditional(request)
    else:
        response = app.send_static_file(filename)
    if request.args.get("v") == version:
        response.cache_control.no_cache = None
        response.cache_control.public = True
        response.cache_control.max_age = YEAR
        response.cache_control.immutable = True
    else:
        # Unversioned (the fonts the CSS names) or an old version: revalidated, answered 304.
        response.cache_control.no_cache = True
    return response


def install(app: Flask) -> Assets:
    assets = app.extensions["web_assets"] = Assets(Path(app.static_folder))
    # /assets, not /static: through the gateway, /static is the gateway's own (status page, Swagger).
    app.add_url_rule("/assets/<path:filename>", endpoint=ASSETS_ENDPOINT,
                     view_func=lambda filename: asset_response(app, assets, filename))

    @app.url_defaults
    def _asset_version(endpoint: str, values: dict) -> None:
        if endpoint == ASSETS_ENDPOINT and "v" not in values and values.get("filename"):
            version = assets.version(values["filename"])
            if version:
                values["v"] = version

    # Everything else (pages, JSON, the manifest) is compressed as it is answered, at a fast level.
    app.config.update(
        COMPRESS_MIMETYPES=COMPRESSED_TYPES,
        COMPRESS_ALGORITHM=ENCODINGS,
        COMPRESS_BR_LEVEL=5,
        COMPRESS_MIN_SIZE=500,
    )
    Compress(app)
    return assets
