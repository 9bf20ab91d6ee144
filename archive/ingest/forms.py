import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .dates import format_partial_date, parse_partial_date

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


class LinesField(forms.CharField):
    """A list of short strings, edited as one item per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        if isinstance(value, list):
            return value
        return [line.strip() for line in text.splitlines() if line.strip()]


def clean_languages(codes):
    codes = [code.strip().lower() for code in codes if code.strip()]
    bad = [code for code in codes if not LANGUAGE_CODE.match(code)]
    if bad:
        raise forms.ValidationError(
            _("Not a language code: %(codes)s. Use codes such as es, en or es-MX."),
            params={"codes": ", ".join(bad)},
        )
    return codes


class LanguagesField(forms.CharField):
    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return clean_languages(re.split(r"[,\s]+", super().to_python(value) or ""))


def replace_field(form, name, field_class, help_text=None):
    """Swap a model form's default field for one that edits the same value more humanely."""
    if name in form.fields:
        old = form.fields[name]
        form.fields[name] = field_class(
            label=old.label, required=False, help_text=help_text or old.help_text
        )


class PartialDateFormMixin:
    """Edits interview_date and interview_date_precision as one text, `interview_when`."""

    default_date_precision = "day"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.interview_date:
            self.initial["interview_when"] = format_partial_date(
                self.instance.interview_date, self.instance.interview_date_precision
            )

    def clean_interview_when(self):
        text = self.cleaned_data.get("interview_when", "").strip()
        if not text:
            return None
        try:
            return parse_partial_date(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def save(self, commit=True):
        when = self.cleaned_data.get("interview_when")
        date, precision = when if when else (None, self.default_date_precision)
        self.instance.interview_date = date
        self.instance.interview_date_precision = precision
        return super().save(commit=commit)


def interview_when_field(help_text):
    return forms.CharField(label=_("Interview date"), required=False, help_text=help_text)


class InterviewForm(PartialDateFormMixin, WagtailAdminModelForm):
    interview_when = interview_when_field(
        _("YYYY, YYYY-MM or YYYY-MM-DD: only as precise as you know it.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        replace_field(self, "other_names", LinesField)
        replace_field(self, "places", LinesField)
        replace_field(self, "languages", LanguagesField)
        if not self.instance.pk and "reporter" in self.fields and self.for_user:
            self.initial.setdefault("reporter", self.for_user.pk)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class UploadForm(forms.Form):
    recordings = MultipleFileField(
        label=_("Recordings"),
        required=False,
        help_text=_("Audio or video of the interview. The file's content decides its type."),
    )
    photos = MultipleFileField(label=_("Photos"), required=False)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("recordings") and not cleaned.get("photos"):
            raise forms.ValidationError(_("Choose at least one file to upload."))
        return cleaned
