"""Interview fields given as data (CLI options, a --metadata JSON file, a manifest row)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from .dates import parse_partial_date
from .forms import clean_languages
from .models import Interview

TEXT_FIELDS = {
    "title",
    "narrator_legal_name",
    "narrator_display_name",
    "narrator_contact",
    "interview_place",
    "notes",
}
LONG_TEXT_FIELDS = {"notes", "narrator_contact"}
LIST_FIELDS = {"other_names", "places", "languages"}
# Accepted spellings -> model field, so a JSON file can use the CLI's own words.
ALIASES = {
    "narrator_name": "narrator_legal_name",
    "display_name": "narrator_display_name",
    "contact": "narrator_contact",
    "place": "interview_place",
    "language": "languages",
    "date": "interview_date",
}
KNOWN = TEXT_FIELDS | LIST_FIELDS | {"interview_date", "reporter"}


class BadMetadata(ValueError):
    pass


def as_list(name, value):
    if isinstance(value, str):
        return [item.strip() for item in value.split(";") if item.strip()]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [item.strip() for item in value if item.strip()]
    raise BadMetadata(f"{name} must be a list of strings (or one string separated by ';')")


def interview_from_metadata(data):
    """Build an unsaved Interview from a mapping; BadMetadata names every problem at once."""
    if not isinstance(data, dict):
        raise BadMetadata("metadata must be a JSON object")
    problems = []
    fields = {}
    for key, value in data.items():
        name = ALIASES.get(key, key)
        if name not in KNOWN:
            problems.append(f"unknown field {key!r} (known: {', '.join(sorted(KNOWN))})")
            continue
        if value is None or value == "":
            continue
        try:
            fields[name] = clean_value(name, value)
        except BadMetadata as error:
            problems.append(str(error))
    for required in ("title", "narrator_legal_name"):
        if not fields.get(required):
            problems.append(f"{required} is required")
    if problems:
        raise BadMetadata("; ".join(problems))
    date = fields.pop("interview_date", None)
    interview = Interview(**fields)
    if date:
        interview.interview_date, interview.interview_date_precision = date
    return interview


def clean_value(name, value):
    if name in TEXT_FIELDS:
        if not isinstance(value, str):
            raise BadMetadata(f"{name} must be text")
        if name not in LONG_TEXT_FIELDS and len(value) > 255:
            raise BadMetadata(f"{name} is longer than 255 characters")
        return value.strip()
    if name in LIST_FIELDS:
        items = as_list(name, value)
        if name == "languages":
            try:
                return clean_languages(items)
            except ValidationError as error:
                raise BadMetadata("; ".join(error.messages)) from None
        return items
    if name == "interview_date":
        try:
            return parse_partial_date(str(value))
        except ValueError as error:
            raise BadMetadata(str(error)) from None
    if name == "reporter":
        user = get_user_model().objects.filter(username=value).first()
        if user is None:
            raise BadMetadata(f"reporter {value!r} is not a user")
        return user
    raise BadMetadata(f"unknown field {name!r}")
