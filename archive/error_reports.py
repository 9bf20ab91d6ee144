"""Logs and error reports that name nobody.

An exception raised while handling a testimony may carry transcript text or a narrator's name
in its message, in the local variables of its frames, or in the request that caused it. Logs are
copied to places the archive does not control (log shippers, backups, the inboxes of whoever
is in ADMINS), so what they say about an error is where it happened, never what it was about:
the exception's type, file, line and function, and the request's method and path.
"""

import logging
import traceback

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

WITHHELD = "(withheld: may name a narrator)"


def describe_exception(exc_type, frames):
    lines = ["Traceback (most recent call last):"]
    for frame in frames:
        lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
    lines.append(f"{exc_type.__module__}.{exc_type.__qualname__}: {WITHHELD}")
    return "\n".join(lines)


class WithoutExceptionText(logging.Formatter):
    """A log line's own message (written by us, naming ids, not people) and, for an error,
    only where it happened."""

    def formatException(self, exc_info):  # noqa: N802 (logging's name)
        exc_type, _value, tb = exc_info
        return describe_exception(exc_type, traceback.extract_tb(tb))


class NothingFromFramesOrRequests(SafeExceptionReporterFilter):
    """Email and debug error reports: no local variables, no POST, no query string values."""

    def is_active(self, request):
        return True

    def get_traceback_frame_variables(self, request, tb_frame):
        return []

    def get_post_parameters(self, request):
        return {}


class PrivateExceptionReporter(ExceptionReporter):
    def get_traceback_data(self):
        data = super().get_traceback_data()
        data["exception_value"] = WITHHELD
        data["exception_notes"] = ""
        data["request_GET_items"] = []
        data["request_FILES_items"] = []
        data["request_COOKIES_items"] = []
        data["request_meta"] = {}
        if self.request is not None:
            data["request_insecure_uri"] = self.request.path
        for frame in [*data.get("frames", []), data.get("lastframe") or {}]:
            frame["vars"] = []
            frame["exc_cause"] = None
        return data
