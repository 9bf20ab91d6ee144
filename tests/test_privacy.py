"""What a reader's visit reveals, and to whom: nothing, to no one."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_public_pages_load_nothing_from_elsewhere(client, published_testimony):
    """No third-party script, style, font, image, frame or media: a visit is reported to no one."""
    for path in (
        "/",
        published_testimony.get_parent().url,
        published_testimony.url,
        "/search/?q=inform",
    ):
        html = client.get(path).content.decode()
        sources = re.findall(r'<(?:script|link|img|iframe|audio|source|track|video|embed|object)'
                             r'[^>]*?(?:src|href|data)="([^"]+)"', html)  # fmt: skip
        assert sources, path
        for source in sources:
            assert source.startswith("/") and not source.startswith("//"), (path, source)
        assert "@import" not in html and "url(http" not in html


def test_public_pages_forbid_anything_but_our_own_files(client, published_testimony):
    response = client.get(published_testimony.url)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy and "form-action 'self'" in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "Content-Security-Policy" in client.get("/search/?q=x")
    assert "Content-Security-Policy" in client.get("/no-such-page/")
