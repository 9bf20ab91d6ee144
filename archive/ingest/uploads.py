"""Upload handling that never holds a file in memory and stops at the configured size."""

from django.conf import settings
from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler
from django.template.defaultfilters import filesizeformat

# A request carries a form around its file; allow for that before refusing it by its length.
FORM_OVERHEAD_BYTES = 1024**2


def upload_limit_message():
    return (
        f"This upload is larger than the limit of "
        f"{filesizeformat(settings.TESTIMONIO_MAX_UPLOAD_BYTES)}. "
        f"Use `manage.py ingest` on the server for larger files, or raise "
        f"TESTIMONIO_MAX_UPLOAD_BYTES."
    )


class CappedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Every upload goes to a temporary file on disk; an over-size one is dropped as it arrives.

    The reason is left on the request so the view can say it, instead of a bare "required".
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if (
            content_length
            and content_length > settings.TESTIMONIO_MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES
        ):
            self.reject()

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.TESTIMONIO_MAX_UPLOAD_BYTES:
            self.file.close()
            self.reject()
        return super().receive_data_chunk(raw_data, start)

    def reject(self):
        self.request.upload_rejected = upload_limit_message()
        raise StopUpload(connection_reset=False)
