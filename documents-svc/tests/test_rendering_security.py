"""Templates cannot read the server's files, reach the network or escape the Jinja sandbox."""
import http.server
import io
import threading

import pytest
from jinja2.exceptions import SecurityError
from pypdf import PdfReader

from documents_svc.forms import rendering

SECRET_FILE = "/etc/passwd"


@pytest.fixture
def http_probe():
    """A local HTTP server that counts requests: any hit means the renderer went to the network."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "url",
    [
        f"file://{SECRET_FILE}",
        "FILE:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "http://169.254.169.254/latest/meta-data/",  # a cloud's instance metadata
        "http://[::1]:9/x.css",
        "https://example.org/logo.png",
        "data:text/plain,hello",
        "asset:../../../../etc/passwd",
        "asset:/etc/passwd",
        "asset:%2e%2e/__init__.py",
        "asset:missing.css",
        "ftp://example.org/x",
    ],
)
def test_fetcher_refuses_everything_but_packaged_assets(url):
    with pytest.raises(ValueError):
        rendering.AssetURLFetcher().fetch(url)


def test_fetcher_serves_packaged_assets():
    response = rendering.AssetURLFetcher().fetch("asset:print.css")
    assert response.content_type == "text/css" and b"@page" in response.read()
    assert rendering.AssetURLFetcher().fetch("asset:emblem.svg").content_type == "image/svg+xml"


def test_hostile_html_embeds_nothing_and_makes_no_request(http_probe):
    base, hits = http_probe
    html = f"""<!DOCTYPE html><html><head>
      <link rel="stylesheet" href="file://{SECRET_FILE}">
      <link rel="stylesheet" href="{base}/style.css">
      <link rel="attachment" href="file://{SECRET_FILE}">
      <style>@import url("{base}/import.css"); body {{ background: url("file://{SECRET_FILE}") }}</style>
    </head><body>
      <p>Κείμενο</p>
      <img src="file://{SECRET_FILE}"><img src="{base}/pixel.png">
      <a rel="attachment" href="file://{SECRET_FILE}">συνημμένο</a>
      <object data="file://{SECRET_FILE}"></object><embed src="{base}/embed">
      <iframe src="file://{SECRET_FILE}"></iframe>
      <img src="asset:emblem.svg">
    </body></html>"""
    pdf = rendering.html_to_pdf(html)
    assert hits == []
    reader = PdfReader(io.BytesIO(pdf))
    # Page streams are compressed: look for the file's content in the text, not in the raw bytes.
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Κείμενο" in text and "root:" not in text
    assert b"/EmbeddedFile" not in pdf
    assert not reader.attachments


def test_jinja_sandbox_blocks_python_internals():
    env = rendering.template_environment()
    with pytest.raises(SecurityError):
        env.from_string("{{ ''.__class__.__mro__[1].__subclasses__() }}").render()
    with pytest.raises(SecurityError):
        env.from_string("{{ cycler.__init__.__globals__ }}").render(cycler=rendering.html_to_pdf)


def test_templates_autoescape_values():
    html = rendering.template_environment().from_string("<p>{{ name }}</p>").render(
        name='<img src="file:///etc/passwd">'
    )
    assert "<img" not in html and "&lt;img" in html


def test_packaged_templates_fail_loudly_on_a_missing_value():
    from jinja2 import UndefinedError

    with pytest.raises(UndefinedError):
        rendering.render_html("period_announcement.html.j2", {"title": "x"})
