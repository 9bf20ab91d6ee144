"""HTTP byte ranges (RFC 9110 §14), so the browser's player can seek in a private original."""

import re

from django.http import HttpResponse, StreamingHttpResponse

SINGLE_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class UnsatisfiableRange(ValueError):
    pass


def parse_range(header, size):
    """Return (first, last) inclusive for a single byte range, or None to send the whole file.

    Multiple ranges are answered with the whole file, which RFC 9110 allows.
    """
    if not header:
        return None
    match = SINGLE_RANGE.match(header.strip())
    if not match:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:
        length = int(last)
        if length == 0:
            raise UnsatisfiableRange(header)
        return max(size - length, 0), size - 1
    first = int(first)
    last = min(int(last), size - 1) if last else size - 1
    if first >= size or last < first:
        raise UnsatisfiableRange(header)
    return first, last


def iter_file_range(open_file, first, last, chunk_bytes=256 * 1024):
    remaining = last - first + 1
    with open_file() as source:
        source.seek(first)
        while remaining > 0:
            chunk = source.read(min(chunk_bytes, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk


def ranged_file_response(request, open_file, *, size, content_type, filename):
    """A file answered whole or by the one byte range the request asks for (200, 206 or 416).

    `open_file` returns a seekable binary file; it is called only when the body is sent.
    """
    try:
        byte_range = parse_range(request.headers.get("Range"), size)
    except UnsatisfiableRange:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    first, last = byte_range or (0, size - 1)
    body = iter_file_range(open_file, first, last) if request.method == "GET" else iter(())
    response = StreamingHttpResponse(
        body, content_type=content_type, status=206 if byte_range else 200
    )
    response["Content-Length"] = str(last - first + 1)
    response["Accept-Ranges"] = "bytes"
    if byte_range:
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
