"""Interview dates as people remember them: a year, a month, or a day."""

import datetime
import re

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    YEAR = "year", _("Year")
    MONTH = "month", _("Month")
    DAY = "day", _("Day")


PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial_date(text):
    """'2017', '2017-03' or '2017-03-15' -> (date, precision); ValueError with a reason otherwise.

    The stored date is the first day of the period, so dates sort and filter naturally.
    """
    match = PARTIAL_DATE.match(text.strip())
    if not match:
        raise ValueError(
            gettext("%(text)r is not a date; use YYYY, YYYY-MM or YYYY-MM-DD") % {"text": text}
        )
    year, month, day = match.groups()
    try:
        value = datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError as error:
        raise ValueError(
            gettext("%(text)r is not a real date (%(error)s)") % {"text": text, "error": error}
        ) from None
    if day:
        return value, DatePrecision.DAY
    if month:
        return value, DatePrecision.MONTH
    return value, DatePrecision.YEAR


def format_partial_date(value, precision):
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()
