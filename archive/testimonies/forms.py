from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from archive.ingest.forms import (
    LanguagesField,
    PartialDateFormMixin,
    interview_when_field,
    replace_field,
)


class TestimonyPageForm(PartialDateFormMixin, WagtailAdminPageForm):
    default_date_precision = "year"
    interview_when = interview_when_field(
        _("YYYY, YYYY-MM or YYYY-MM-DD. A year is often enough to protect a narrator.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        replace_field(self, "languages", LanguagesField, help_text=_("Codes such as es, en."))
